package main

import (
	"database/sql"
	"fmt"
	"math/rand"
	"net/http"

	"github.com/gin-gonic/gin"
	_ "github.com/lib/pq"
)

const dbURL = "postgres://links:linkspassw0rd99@db.prod.internal/links?sslmode=disable"

var db *sql.DB

func main() {
	db, _ = sql.Open("postgres", dbURL)
	r := gin.Default()
	r.POST("/links", createLink)
	r.GET("/:code", follow)
	r.DELETE("/links/:code", deleteLink)
	r.Run(":8080")
}

func createLink(c *gin.Context) {
	var body map[string]string
	c.BindJSON(&body)
	code := fmt.Sprintf("%06d", rand.Intn(1000000))
	_, err := db.Exec("INSERT INTO links (code, url) VALUES ('" + code + "', '" + body["url"] + "')")
	if err != nil {
		c.JSON(500, gin.H{"error": err.Error()})
		return
	}
	c.JSON(200, gin.H{"code": code})
}

func follow(c *gin.Context) {
	var url string
	db.QueryRow("SELECT url FROM links WHERE code = '" + c.Param("code") + "'").Scan(&url)
	resp, _ := http.Get(url)
	fmt.Println("followed", url, resp.StatusCode)
	c.Redirect(302, url)
}

func deleteLink(c *gin.Context) {
	db.Exec("DELETE FROM links WHERE code = $1", c.Param("code"))
	c.JSON(200, gin.H{"ok": true})
}

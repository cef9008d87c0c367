package main

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

var db *sql.DB

func main() {
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil)))
	var err error
	db, err = sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	r := gin.New()
	r.Use(gin.Recovery())

	r.GET("/healthz", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	})
	r.GET("/ready", readiness)
	r.POST("/login", login)

	v1 := r.Group("/api/v1")
	v1.GET("/products", listProducts)

	authorized := r.Group("/admin", AuthRequired())
	authorized.DELETE("/users/:id", deleteUser)

	account := v1.Group("/account")
	account.Use(AuthRequired())
	account.PUT("/settings", updateSettings)

	srv := &http.Server{Addr: ":" + os.Getenv("PORT"), Handler: r}
	go func() {
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			slog.Error("listen", "err", err)
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
}

func readiness(c *gin.Context) {
	if err := db.PingContext(c); err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.Status(http.StatusNoContent)
}

func login(c *gin.Context) {
	var body struct{ User string }
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid"})
		return
	}
	c.JSON(200, gin.H{"token": "t"})
}

func listProducts(c *gin.Context) {
	rows, err := db.QueryContext(c, "SELECT id FROM products")
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "db"})
		return
	}
	defer rows.Close()
	c.JSON(http.StatusOK, gin.H{})
}

func deleteUser(c *gin.Context) {
	id := c.Param("id")
	_, _ = db.Exec("DELETE FROM users WHERE id = $1", id)
	c.Status(http.StatusNoContent)
}

func updateSettings(c *gin.Context) { c.Status(http.StatusOK) }

func AuthRequired() gin.HandlerFunc {
	return func(c *gin.Context) { c.Next() }
}

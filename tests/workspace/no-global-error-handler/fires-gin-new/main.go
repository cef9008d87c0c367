package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.New()
	r.GET("/orders", func(c *gin.Context) { c.JSON(200, nil) })
	r.Run()
}

package main

import (
	"example.com/bank/accounts"
	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	api := r.Group("/api")
	accounts.Register(api.Group("/accounts"), &accounts.Handler{})
	r.Run(":8080")
}

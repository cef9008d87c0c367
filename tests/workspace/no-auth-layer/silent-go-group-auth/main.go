package main

import (
	"example.com/shop/accounts"
	"example.com/shop/orders"
	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	api := r.Group("/api")
	accounts.Register(api.Group("/accounts"))
	api.Use(accounts.RequireUser())
	orders.Register(api.Group("/orders"))
	r.Run(":8080")
}

package main

import (
	"example.com/shop/accounts"
	"example.com/shop/orders"
	"example.com/shop/reports"
	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	api := r.Group("/api")
	// Mounted before the auth middleware: these routes are open.
	reports.Register(api.Group("/reports"))
	accounts.Register(api.Group("/accounts"))
	api.Use(accounts.RequireUser())
	// Groups created after Use inherit it.
	orders.Register(api.Group("/orders"))
	r.Run(":8080")
}

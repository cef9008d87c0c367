package orders

import "github.com/gin-gonic/gin"

func Register(g *gin.RouterGroup) {
	g.POST("/", createOrder)
	g.DELETE("/:id", cancelOrder)
}

func createOrder(c *gin.Context) { c.JSON(201, gin.H{}) }

func cancelOrder(c *gin.Context) { c.Status(204) }

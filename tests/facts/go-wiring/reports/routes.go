package reports

import "github.com/gin-gonic/gin"

func Register(g *gin.RouterGroup) {
	g.POST("/export", exportReport)
	g.DELETE("/:id", deleteReport)
}

func exportReport(c *gin.Context) { c.JSON(202, gin.H{}) }

func deleteReport(c *gin.Context) { c.Status(204) }

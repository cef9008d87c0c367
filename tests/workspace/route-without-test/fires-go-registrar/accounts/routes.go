package accounts

import "github.com/gin-gonic/gin"

type Handler struct{}

func Register(g *gin.RouterGroup, h *Handler) {
	g.POST("/", h.Open)
	g.GET("/:id", h.Statement)
	g.DELETE("/:id", h.Close)
}

func (h *Handler) Open(c *gin.Context)      { c.JSON(201, gin.H{}) }
func (h *Handler) Statement(c *gin.Context) { c.JSON(200, gin.H{}) }
func (h *Handler) Close(c *gin.Context)     { c.Status(204) }

package routes

import (
	"example.com/portal/handlers"
	"github.com/gin-gonic/gin"
)

func Setup(r *gin.Engine, auth *handlers.AuthHandler) {
	v1 := r.Group("/api/v1")
	v1.POST("/session", auth.SignIn)
	v1.DELETE("/session", auth.SignOut)
}

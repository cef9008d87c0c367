package accounts

import "github.com/gin-gonic/gin"

// Register mounts sign-up and login: public by design, before the auth middleware.
func Register(g *gin.RouterGroup) {
	g.POST("", signUp)
	g.POST("/login", login)
}

func RequireUser() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.AbortWithStatus(401)
		}
	}
}

func signUp(c *gin.Context) { c.JSON(201, gin.H{}) }

func login(c *gin.Context) { c.JSON(200, gin.H{}) }

package middleware

import "github.com/gin-gonic/gin"

func RateLimit(limiters *Limiters) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !limiters.For(c.ClientIP()).Allow() {
			c.AbortWithStatus(429)
		}
	}
}

package handlers

import "github.com/gin-gonic/gin"

type AuthHandler struct{}

func (h *AuthHandler) SignIn(c *gin.Context)  { c.JSON(200, gin.H{}) }
func (h *AuthHandler) SignOut(c *gin.Context) { c.Status(204) }

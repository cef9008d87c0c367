package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.New()
	_ = r.SetTrustedProxies([]string{"10.0.0.0/8"})
	_ = r.Run()
}

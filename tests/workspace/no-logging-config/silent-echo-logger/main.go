package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/labstack/gommon/log"
)

func main() {
	e := echo.New()
	e.Logger.SetLevel(log.INFO)
	e.Use(middleware.Logger())
	e.GET("/orders", func(c echo.Context) error { return c.JSON(http.StatusOK, []string{}) })
	e.Logger.Fatal(e.Start(":8080"))
}

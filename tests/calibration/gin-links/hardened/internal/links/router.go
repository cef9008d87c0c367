package links

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var public = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

type createLink struct {
	URL string `json:"url" binding:"required,url,max=2048"`
}

// RequestID reads or generates X-Request-ID and binds it to the request's logger.
func RequestID(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-ID")
		if id == "" {
			id = uuid.NewString()
		}
		c.Header("X-Request-ID", id)
		c.Set("log", log.With("request_id", id))
		c.Next()
	}
}

// RequireToken guards every route except the public allowlist.
func RequireToken(token string) gin.HandlerFunc {
	expected := []byte("Bearer " + token)
	return func(c *gin.Context) {
		if public[c.FullPath()] || c.FullPath() == "/r/:code" {
			c.Next()
			return
		}
		if subtle.ConstantTimeCompare([]byte(c.GetHeader("Authorization")), expected) != 1 {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
			return
		}
		c.Next()
	}
}

func logger(c *gin.Context) *slog.Logger { return c.MustGet("log").(*slog.Logger) }

// fail maps typed errors to 4xx and logs everything else as a 500.
func fail(c *gin.Context, err error) {
	if errors.Is(err, ErrNotFound) {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	logger(c).Error("request failed", "err", err)
	c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
}

func NewRouter(store Store, token string, log *slog.Logger) *gin.Engine {
	r := gin.New()
	r.Use(gin.Recovery(), RequestID(log), RequireToken(token))
	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/readyz", func(c *gin.Context) {
		if err := store.Ping(c.Request.Context()); err != nil {
			logger(c).Error("database not ready", "err", err)
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	})
	r.GET("/metrics", gin.WrapH(promhttp.Handler()))
	r.POST("/links", func(c *gin.Context) {
		var body createLink
		if err := c.ShouldBindJSON(&body); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "url must be a valid URL"})
			return
		}
		if u, err := url.Parse(body.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") {
			c.JSON(http.StatusBadRequest, gin.H{"error": "url must be http or https"})
			return
		}
		buf := make([]byte, 4)
		if _, err := rand.Read(buf); err != nil {
			fail(c, err)
			return
		}
		code := hex.EncodeToString(buf)
		if err := store.Create(c.Request.Context(), code, body.URL); err != nil {
			fail(c, err)
			return
		}
		logger(c).Info("link created", "code", code)
		c.JSON(http.StatusCreated, gin.H{"code": code})
	})
	r.GET("/r/:code", func(c *gin.Context) {
		target, err := store.Lookup(c.Request.Context(), c.Param("code"))
		if err != nil {
			fail(c, err)
			return
		}
		c.Redirect(http.StatusFound, target)
	})
	r.DELETE("/links/:code", func(c *gin.Context) {
		if err := store.Delete(c.Request.Context(), c.Param("code")); err != nil {
			fail(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	})
	return r
}

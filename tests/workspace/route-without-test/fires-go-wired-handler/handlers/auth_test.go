package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// The test wires the handler on its own router and requests it.
func TestSignIn(t *testing.T) {
	auth := &AuthHandler{}
	router := gin.New()
	router.POST("/session", auth.SignIn)
	w := httptest.NewRecorder()
	req, _ := http.NewRequest(http.MethodPost, "/session", nil)
	router.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
}

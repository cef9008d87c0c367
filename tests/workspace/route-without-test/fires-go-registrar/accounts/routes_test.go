package accounts

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

var cases = []struct {
	url    string
	method string
	want   int
}{
	{"/accounts/", "POST", http.StatusCreated},
}

func TestRoutes(t *testing.T) {
	r := gin.New()
	Register(r.Group("/accounts"), &Handler{})
	for _, tc := range cases {
		req, _ := http.NewRequest(tc.method, tc.url, strings.NewReader("{}"))
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != tc.want {
			t.Fatalf("%s %s = %d", tc.method, tc.url, w.Code)
		}
	}
}

func TestStatement(t *testing.T) {
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	h := &Handler{}
	h.Statement(c)
	if w.Code != http.StatusOK {
		t.Fatal(w.Code)
	}
}

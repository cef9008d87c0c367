package links

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type memStore map[string]string

func (m memStore) Ping(context.Context) error { return nil }
func (m memStore) Create(_ context.Context, code, url string) error {
	m[code] = url
	return nil
}
func (m memStore) Lookup(_ context.Context, code string) (string, error) {
	if u, ok := m[code]; ok {
		return u, nil
	}
	return "", ErrNotFound
}
func (m memStore) Delete(_ context.Context, code string) error {
	if _, ok := m[code]; !ok {
		return ErrNotFound
	}
	delete(m, code)
	return nil
}

func do(t *testing.T, method, path, body string, auth bool) int {
	t.Helper()
	r := NewRouter(memStore{"abc": "https://example.com"}, "tok", slog.New(slog.NewJSONHandler(io.Discard, nil)))
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if auth {
		req.Header.Set("Authorization", "Bearer tok")
	}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w.Code
}

func TestHealthzIsPublic(t *testing.T) {
	if got := do(t, "GET", "/healthz", "", false); got != http.StatusOK {
		t.Fatalf("healthz = %d", got)
	}
}

func TestReadyz(t *testing.T) {
	if got := do(t, "GET", "/readyz", "", false); got != http.StatusOK {
		t.Fatalf("readyz = %d", got)
	}
}

func TestCreateNeedsToken(t *testing.T) {
	if got := do(t, "POST", "/links", `{"url":"https://a.example"}`, false); got != http.StatusUnauthorized {
		t.Fatalf("create without token = %d", got)
	}
}

func TestCreateLink(t *testing.T) {
	if got := do(t, "POST", "/links", `{"url":"https://a.example"}`, true); got != http.StatusCreated {
		t.Fatalf("create = %d", got)
	}
}

func TestInvalidURLIs400(t *testing.T) {
	if got := do(t, "POST", "/links", `{"url":"nope"}`, true); got != http.StatusBadRequest {
		t.Fatalf("invalid = %d", got)
	}
}

func TestFollowAndDelete(t *testing.T) {
	if got := do(t, "GET", "/r/abc", "", false); got != http.StatusFound {
		t.Fatalf("follow = %d", got)
	}
	if got := do(t, "DELETE", "/links/zzz", "", true); got != http.StatusNotFound {
		t.Fatalf("delete missing = %d", got)
	}
}

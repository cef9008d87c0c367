package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type fakeOrders struct {
	exists bool
	err    error
}

func (f fakeOrders) Exists(context.Context, string) (bool, error) { return f.exists, f.err }

func newService(orders fakeOrders) *Service {
	return &Service{Stock: NewStock(map[string]int{"book": 2}), Orders: orders, AuthToken: "t0ken"}
}

func do(t *testing.T, s *Service, method, path, body string) int {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer t0ken")
	rec := httptest.NewRecorder()
	s.Routes().ServeHTTP(rec, req)
	return rec.Code
}

func TestReserve(t *testing.T) {
	cases := []struct {
		name   string
		orders fakeOrders
		body   string
		want   int
	}{
		{"ok", fakeOrders{exists: true}, `{"item":"book","qty":"1","order_id":"7"}`, http.StatusOK},
		{"bad qty", fakeOrders{exists: true}, `{"item":"book","qty":"x","order_id":"7"}`, http.StatusBadRequest},
		{"bad json", fakeOrders{exists: true}, `{`, http.StatusBadRequest},
		{"unknown order", fakeOrders{}, `{"item":"book","qty":"1","order_id":"7"}`, http.StatusNotFound},
		{"too many", fakeOrders{exists: true}, `{"item":"book","qty":"5","order_id":"7"}`, http.StatusConflict},
		{"orders down", fakeOrders{err: errors.New("dial tcp: refused")}, `{"item":"book","qty":"1","order_id":"7"}`, http.StatusBadGateway},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := do(t, newService(tc.orders), http.MethodPost, "/reserve", tc.body); got != tc.want {
				t.Fatalf("status %d, want %d", got, tc.want)
			}
		})
	}
}

func TestStockAndHealth(t *testing.T) {
	s := newService(fakeOrders{})
	if got := do(t, s, http.MethodGet, "/stock/book", ""); got != http.StatusOK {
		t.Fatalf("stock: %d", got)
	}
	if got := do(t, s, http.MethodGet, "/stock/nope", ""); got != http.StatusNotFound {
		t.Fatalf("unknown: %d", got)
	}
	if got := do(t, s, http.MethodGet, "/healthz", ""); got != http.StatusOK {
		t.Fatalf("health: %d", got)
	}
}

func TestRequestIDAndMetrics(t *testing.T) {
	s := newService(fakeOrders{exists: true})
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Header.Set("X-Request-ID", "abc123")
	rec := httptest.NewRecorder()
	s.Routes().ServeHTTP(rec, req)
	if got := rec.Header().Get("X-Request-ID"); got != "abc123" {
		t.Fatalf("request id not echoed: %q", got)
	}
	rec = httptest.NewRecorder()
	s.Routes().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/debug/vars", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "http_requests_total") {
		t.Fatalf("/debug/vars: %d %s", rec.Code, rec.Body.String())
	}
	if rec.Header().Get("X-Request-ID") == "" {
		t.Fatal("no request id generated")
	}
}

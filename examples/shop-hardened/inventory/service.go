package main

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"expvar"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
)

var (
	ErrUnknownItem  = errors.New("unknown item")
	ErrInsufficient = errors.New("insufficient stock")
	ErrInvalidQty   = errors.New("qty must be a positive integer")
)

// Stock is safe for concurrent use.
type Stock struct {
	mu    sync.Mutex
	items map[string]int
}

func NewStock(items map[string]int) *Stock { return &Stock{items: items} }

func (s *Stock) Get(item string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	qty, ok := s.items[item]
	if !ok {
		return 0, ErrUnknownItem
	}
	return qty, nil
}

func (s *Stock) Reserve(item string, n int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	qty, ok := s.items[item]
	if !ok {
		return ErrUnknownItem
	}
	if qty < n {
		return ErrInsufficient
	}
	s.items[item] = qty - n
	return nil
}

// OrdersClient checks that an order exists before stock is reserved for it.
type OrdersClient struct {
	BaseURL string
	HTTP    *http.Client
}

func (c *OrdersClient) Exists(ctx context.Context, orderID string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/orders/"+orderID, nil)
	if err != nil {
		return false, fmt.Errorf("build request: %w", err)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return false, fmt.Errorf("orders service: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return false, nil
	case resp.StatusCode >= 300:
		return false, fmt.Errorf("orders service answered %d", resp.StatusCode)
	}
	return true, nil
}

type Service struct {
	Stock     *Stock
	Orders    interface{ Exists(context.Context, string) (bool, error) }
	AuthToken string
}

func (s *Service) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, map[string]string{"status": "ok"}) })
	mux.HandleFunc("GET /stock/{item}", s.getStock)
	mux.Handle("POST /reserve", s.requireToken(http.HandlerFunc(s.reserve)))
	mux.Handle("GET /debug/vars", expvar.Handler())
	return Instrument(mux)
}

func (s *Service) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		want := "Bearer " + s.AuthToken
		if s.AuthToken == "" || subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte(want)) != 1 {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Service) getStock(w http.ResponseWriter, r *http.Request) {
	item := r.PathValue("item")
	qty, err := s.Stock.Get(item)
	if errors.Is(err, ErrUnknownItem) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown item"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{item: qty})
}

func (s *Service) reserve(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Item    string `json:"item"`
		Qty     string `json:"qty"`
		OrderID string `json:"order_id"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	n, err := strconv.Atoi(req.Qty)
	if err != nil || n <= 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": ErrInvalidQty.Error()})
		return
	}
	exists, err := s.Orders.Exists(r.Context(), req.OrderID)
	if err != nil {
		slog.ErrorContext(r.Context(), "order lookup failed", "err", err, "order_id", req.OrderID)
		writeJSON(w, http.StatusBadGateway, map[string]string{"error": "orders service unavailable"})
		return
	}
	if !exists {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown order"})
		return
	}
	switch err := s.Stock.Reserve(req.Item, n); {
	case errors.Is(err, ErrUnknownItem):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown item"})
	case errors.Is(err, ErrInsufficient):
		writeJSON(w, http.StatusConflict, map[string]string{"error": "insufficient stock"})
	case err != nil:
		slog.ErrorContext(r.Context(), "reserve failed", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
	default:
		slog.InfoContext(r.Context(), "stock reserved", "item", req.Item, "qty", n, "order_id", req.OrderID)
		writeJSON(w, http.StatusOK, map[string]bool{"reserved": true})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Error("write response failed", "err", err)
	}
}

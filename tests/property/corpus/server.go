// Package main is a small HTTP service used as a parsing corpus: raw strings, runes, struct tags,
// goroutines, select, generics, closures, defer and comments with unicode (✓ 日本語 🚀).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

const usage = `usage: server [-addr :8080]

Serves a tiny key/value API:
  GET  /kv/{key}
  PUT  /kv/{key}   body: "value"
`

type Entry struct {
	Key       string    `json:"key"`
	Value     string    `json:"value"`
	UpdatedAt time.Time `json:"updated_at"`
}

type Store struct {
	mu      sync.RWMutex
	entries map[string]Entry
}

var ErrNotFound = errors.New("not found")

func NewStore() *Store {
	return &Store{entries: make(map[string]Entry)}
}

func (s *Store) Get(key string) (Entry, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.entries[key]
	if !ok {
		return Entry{}, fmt.Errorf("key %q: %w", key, ErrNotFound)
	}
	return e, nil
}

func (s *Store) Put(key, value string) Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := Entry{Key: key, Value: value, UpdatedAt: time.Now().UTC()}
	s.entries[key] = e
	return e
}

// Keys returns the sorted keys; generic helpers keep it short.
func (s *Store) Keys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sortedKeys(s.entries)
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Error("encode response", "err", err)
	}
}

func (s *Store) handleKV(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/kv/")
	if key == "" || strings.ContainsRune(key, '/') {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad key"})
		return
	}
	switch r.Method {
	case http.MethodGet:
		e, err := s.Get(key)
		if errors.Is(err, ErrNotFound) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, e)
	case http.MethodPut:
		var value string
		if err := json.NewDecoder(r.Body).Decode(&value); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be a JSON string"})
			return
		}
		writeJSON(w, http.StatusOK, s.Put(key, value))
	default:
		w.Header().Set("Allow", "GET, PUT")
		http.Error(w, "method not allowed ✋", http.StatusMethodNotAllowed)
	}
}

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	if len(os.Args) > 1 && os.Args[1] == "-h" {
		fmt.Print(usage)
		return
	}
	store := NewStore()
	mux := http.NewServeMux()
	mux.HandleFunc("/kv/", store.handleKV)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "keys": len(store.Keys())})
	})
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()

	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			slog.Error("server failed", "err", err)
			os.Exit(1)
		}
	case <-ctx.Done():
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}
	var sep rune = '—'
	fmt.Println(strings.Repeat(string(sep), 3), "bye")
}

package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type ctxKey struct{}

type api struct {
	store    store
	token    string
	log      *slog.Logger
	notifier func(ctx context.Context, id int64) error
}

var public = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

func (a *api) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, map[string]string{"status": "ok"}) })
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", promhttp.Handler())
	mux.HandleFunc("GET /tasks", a.listTasks)
	mux.HandleFunc("POST /tasks", a.createTask)
	mux.HandleFunc("POST /tasks/{id}/done", a.markDone)
	return a.requestID(a.requireToken(mux))
}

// requestID reads or generates X-Request-ID and binds it to the request's logger.
func (a *api) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id == "" {
			buf := make([]byte, 8)
			_, _ = rand.Read(buf)
			id = hex.EncodeToString(buf)
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, a.log.With("request_id", id))))
	})
}

// requireToken guards every route except the public allowlist.
func (a *api) requireToken(next http.Handler) http.Handler {
	expected := []byte("Bearer " + a.token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !public[r.URL.Path] && subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), expected) != 1 {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func logFor(r *http.Request) *slog.Logger { return r.Context().Value(ctxKey{}).(*slog.Logger) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail maps typed errors to 4xx and logs everything else as a 500.
func fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errNotFound) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
		return
	}
	logFor(r).Error("request failed", "err", err)
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
}

func (a *api) readyz(w http.ResponseWriter, r *http.Request) {
	if err := a.store.ping(r.Context()); err != nil {
		logFor(r).Error("database not ready", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (a *api) listTasks(w http.ResponseWriter, r *http.Request) {
	tasks, err := a.store.list(r.Context(), "service", 100)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tasks)
}

type newTask struct {
	Title string `json:"title"`
}

func (t newTask) validate() error {
	if title := strings.TrimSpace(t.Title); title == "" || len(title) > 200 {
		return fmt.Errorf("title must be 1 to 200 characters")
	}
	return nil
}

func (a *api) createTask(w http.ResponseWriter, r *http.Request) {
	var body newTask
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	if err := body.validate(); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	id, err := a.store.create(r.Context(), "service", strings.TrimSpace(body.Title))
	if err != nil {
		fail(w, r, err)
		return
	}
	logFor(r).Info("task created", "id", id)
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

func (a *api) markDone(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "id must be an integer"})
		return
	}
	if err := a.store.markDone(r.Context(), "service", id); err != nil {
		fail(w, r, err)
		return
	}
	if err := a.notifier(r.Context(), id); err != nil {
		logFor(r).Warn("done hook failed", "err", err, "id", id)
	}
	w.WriteHeader(http.StatusNoContent)
}

package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type memStore struct{ tasks []task }

func (m *memStore) ping(context.Context) error { return nil }
func (m *memStore) list(context.Context, string, int) ([]task, error) { return m.tasks, nil }
func (m *memStore) create(_ context.Context, _ string, title string) (int64, error) {
	m.tasks = append(m.tasks, task{ID: int64(len(m.tasks) + 1), Title: title})
	return int64(len(m.tasks)), nil
}
func (m *memStore) markDone(_ context.Context, _ string, id int64) error {
	if id < 1 || int(id) > len(m.tasks) {
		return errNotFound
	}
	m.tasks[id-1].Done = true
	return nil
}

func serve(t *testing.T, method, path, body string, auth bool) int {
	t.Helper()
	a := &api{store: &memStore{}, token: "tok", log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		notifier: func(context.Context, int64) error { return nil }}
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if auth {
		req.Header.Set("Authorization", "Bearer tok")
	}
	w := httptest.NewRecorder()
	a.routes().ServeHTTP(w, req)
	return w.Code
}

func TestHealthzIsPublic(t *testing.T) {
	if got := serve(t, "GET", "/healthz", "", false); got != http.StatusOK {
		t.Fatalf("healthz = %d", got)
	}
}

func TestReadyz(t *testing.T) {
	if got := serve(t, "GET", "/readyz", "", false); got != http.StatusOK {
		t.Fatalf("readyz = %d", got)
	}
}

func TestTasksNeedToken(t *testing.T) {
	if got := serve(t, "GET", "/tasks", "", false); got != http.StatusUnauthorized {
		t.Fatalf("tasks = %d", got)
	}
}

func TestCreateTask(t *testing.T) {
	if got := serve(t, "POST", "/tasks", `{"title":"write tests"}`, true); got != http.StatusCreated {
		t.Fatalf("create = %d", got)
	}
	if got := serve(t, "POST", "/tasks", `{"title":""}`, true); got != http.StatusBadRequest {
		t.Fatalf("invalid = %d", got)
	}
}

func TestMarkMissingTaskDone(t *testing.T) {
	if got := serve(t, "POST", "/tasks/9/done", "", true); got != http.StatusNotFound {
		t.Fatalf("done = %d", got)
	}
}

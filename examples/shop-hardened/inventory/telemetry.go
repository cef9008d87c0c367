// Telemetry with the standard library only (the service has no third-party modules): request
// counts and latency published through expvar on /debug/vars, for the Prometheus expvar exporter
// or any agent that scrapes it, and a request id on every request and log line.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"expvar"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

var (
	requestsByStatus = expvar.NewMap("http_requests_total")
	requestSeconds   = expvar.NewFloat("http_request_seconds_sum")
)

type requestIDKey struct{}

// RequestID is the id of the request being served ("" outside a request).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Instrument takes X-Request-ID from the request or makes one, returns it in the response and
// puts it in the request's context and log line, and counts and times the request.
func Instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id == "" {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
		elapsed := time.Since(start)
		requestsByStatus.Add(strconv.Itoa(rec.status/100)+"xx", 1)
		requestSeconds.Add(elapsed.Seconds())
		slog.Info("request", "request_id", id, "method", r.Method, "status", rec.status, "duration_ms", elapsed.Milliseconds())
	})
}

func newRequestID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	return hex.EncodeToString(b[:])
}

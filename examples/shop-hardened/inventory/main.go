// Inventory service: the hardened twin of shop-prototype/inventory. Go 1.22 routing, slog,
// timeouts on the server and on outbound calls, graceful shutdown.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	// `inventory healthcheck` is the container's HEALTHCHECK: distroless images have no curl.
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck())
	}
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	slog.SetDefault(logger)
	ordersURL := os.Getenv("ORDERS_URL")
	if ordersURL == "" {
		slog.Error("ORDERS_URL is required")
		os.Exit(1)
	}
	svc := &Service{
		Stock:     NewStock(map[string]int{"book": 12, "pen": 40}),
		Orders:    &OrdersClient{BaseURL: ordersURL, HTTP: &http.Client{Timeout: 5 * time.Second}},
		AuthToken: os.Getenv("INVENTORY_API_TOKEN"),
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8081"
	}
	srv := &http.Server{
		Addr:              ":" + port,
		Handler:           svc.Routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("server failed", "err", err)
			stop()
		}
	}()
	slog.Info("listening", "addr", srv.Addr)
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		slog.Error("shutdown failed", "err", err)
	}
}

// healthcheck probes this process's /health endpoint and returns the exit status for Docker.
func healthcheck() int {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8081"
	}
	client := &http.Client{Timeout: 2 * time.Second}
	probe := url.URL{Scheme: "http", Host: net.JoinHostPort("localhost", port), Path: "/health"}
	resp, err := client.Get(probe.String())
	if err != nil {
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

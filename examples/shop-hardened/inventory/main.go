// Inventory service: the hardened twin of shop-prototype/inventory. Go 1.22 routing, slog,
// timeouts on the server and on outbound calls, graceful shutdown.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
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

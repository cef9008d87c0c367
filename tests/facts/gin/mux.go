package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /items/{id}", createItem)
	mux.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.Handle("DELETE /items/{id}", requireAuth(http.HandlerFunc(deleteItem)))

	r := chi.NewRouter()
	r.Get("/public", createItem)
	r.With(Authenticate).Post("/private", createItem)
	r.Route("/billing", func(r chi.Router) {
		r.Use(Authenticate)
		r.Get("/invoices", createItem)
	})
	r.Mount("/", mux)
	return r
}

func createItem(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "" {
		http.Error(w, "missing id", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func deleteItem(w http.ResponseWriter, r *http.Request) {}

package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

func (s *Server) registerInvoiceRoutes(r *mux.Router) {
	r.HandleFunc("/invoices", s.handleInvoiceCreate).Methods("POST")
	r.HandleFunc("/invoices/{id}", s.handleInvoiceDelete).Methods("DELETE")
}

func (s *Server) handleInvoiceCreate(w http.ResponseWriter, r *http.Request) { w.WriteHeader(201) }

func (s *Server) handleInvoiceDelete(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }

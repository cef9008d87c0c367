package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

func (s *Server) registerEntryRoutes(r *mux.Router) {
	r.HandleFunc("/entries", s.handleEntryCreate).Methods("POST")
	r.HandleFunc("/entries/{id}", s.handleEntryDelete).Methods("DELETE")
}

func (s *Server) handleEntryCreate(w http.ResponseWriter, r *http.Request) { w.WriteHeader(201) }

func (s *Server) handleEntryDelete(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }

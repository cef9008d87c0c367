package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

func (s *Server) registerGuestRoutes(r *mux.Router) {
	r.HandleFunc("/login", s.handleLogin).Methods("POST")
	r.HandleFunc("/preferences", s.handlePreferences).Methods("POST")
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }

func (s *Server) handlePreferences(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }

package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

type Server struct {
	router *mux.Router
}

// requireNoAuth only keeps signed-in users away from guest pages: it authenticates nobody.
func NewServer() *Server {
	s := &Server{}
	s.router = mux.NewRouter()
	r := s.router.PathPrefix("/").Subrouter()
	r.Use(s.requireNoAuth)
	s.registerEntryRoutes(r)
	return s
}

func (s *Server) requireNoAuth(next http.Handler) http.Handler { return next }

package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

type Server struct {
	router *mux.Router
}

func NewServer() *Server {
	s := &Server{router: mux.NewRouter()}
	s.router = mux.NewRouter()

	// Guest-only pages: requireNoAuth redirects signed-in users, it does not authenticate.
	{
		r := s.router.PathPrefix("/").Subrouter()
		r.Use(s.requireNoAuth)
		s.registerGuestRoutes(r)
	}

	// Everything else requires a signed-in user.
	{
		r := s.router.PathPrefix("/").Subrouter()
		r.Use(s.requireAuth)
		s.registerInvoiceRoutes(r)
	}
	return s
}

func (s *Server) requireAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) requireNoAuth(next http.Handler) http.Handler { return next }

package web

import (
	"net"
	"net/http"
)

type Server struct {
	srv *http.Server
	ln  net.Listener
}

func NewServer() *Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /carts", func(w http.ResponseWriter, r *http.Request) {})
	return &Server{srv: &http.Server{Handler: mux}}
}

func (s *Server) Open() (err error) {
	if s.ln, err = net.Listen("tcp", ":8080"); err != nil {
		return err
	}
	go s.srv.Serve(s.ln)
	return nil
}

func (s *Server) Close() error { return s.srv.Close() }

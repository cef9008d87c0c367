package main

import (
	"net/http"
)

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", getItem)
	mux.HandleFunc("POST /items", createItem)
	return mux
}

func getItem(w http.ResponseWriter, r *http.Request)    { w.Write([]byte(r.PathValue("id"))) }
func createItem(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) }

func main() {
	http.ListenAndServe(":8080", newMux())
}

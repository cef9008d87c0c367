package main

import (
	"net/http"
)

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", getItem)
	return mux
}

func getItem(w http.ResponseWriter, r *http.Request) { w.Write([]byte(r.PathValue("id"))) }

func main() {
	http.ListenAndServe(":8080", newMux())
}

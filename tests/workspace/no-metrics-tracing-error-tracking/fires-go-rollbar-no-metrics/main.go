package main

import (
	"net/http"

	"github.com/rollbar/rollbar-go"
)

func main() {
	rollbar.SetToken("from-env")
	mux := http.NewServeMux()
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("[]")) })
	http.ListenAndServe(":8080", mux)
}

package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/orders", listOrders)
	mux.HandleFunc("POST /api/orders", createOrder)
	http.ListenAndServe(":8081", mux)
}

func listOrders(w http.ResponseWriter, r *http.Request)  {}
func createOrder(w http.ResponseWriter, r *http.Request) {}

// Inventory service: stock levels, written quickly next to the shop. Run: go run .
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"strconv"
)

var stock = map[string]int{"book": 12, "pen": 40}

func getStock(w http.ResponseWriter, r *http.Request) {
	item := r.URL.Query().Get("item")
	qty, ok := stock[item]
	if !ok {
		log.Fatalf("unknown item %s", item)
	}
	json.NewEncoder(w).Encode(map[string]int{item: qty})
}

func reserve(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("qty"))
	resp, err := http.Get("http://localhost:5000/orders/" + r.URL.Query().Get("order"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		http.Error(w, "read failed", http.StatusInternalServerError)
		return
	}
	log.Printf("reserved %d for order %s", n, body)
	stock[r.URL.Query().Get("item")] -= n
	w.WriteHeader(http.StatusOK)
}

func main() {
	http.HandleFunc("/stock", getStock)
	http.HandleFunc("/reserve", reserve)
	log.Fatal(http.ListenAndServe(":8081", nil))
}

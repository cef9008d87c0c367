// A local template preview for designers: not the deployed service, nothing to test end to end.
package main

import "net/http"

func main() {
	http.HandleFunc("GET /preview", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("preview")) })
	http.ListenAndServe(":6006", nil)
}

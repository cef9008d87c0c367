package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGetItem(t *testing.T) {
	id := "7"
	req := httptest.NewRequest(http.MethodGet, "/items/"+id, nil)
	rec := httptest.NewRecorder()
	newMux().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatal(rec.Code)
	}
}

package main

import (
	"database/sql"
	"encoding/json"
	"log"
	"net/http"

	_ "github.com/mattn/go-sqlite3"
)

var db *sql.DB

const webhookSecret = "whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0"

func main() {
	db, _ = sql.Open("sqlite3", "tasks.db")
	http.HandleFunc("/tasks", tasks)
	http.HandleFunc("/tasks/done", markDone)
	log.Fatal(http.ListenAndServe(":9000", nil))
}

func tasks(w http.ResponseWriter, r *http.Request) {
	if r.Method == "POST" {
		var t map[string]interface{}
		json.NewDecoder(r.Body).Decode(&t)
		db.Exec("INSERT INTO tasks (title) VALUES (?)", t["title"])
		w.WriteHeader(201)
		return
	}
	rows, err := db.Query("SELECT id, title FROM tasks WHERE owner = '" + r.URL.Query().Get("owner") + "'")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	var out []map[string]interface{}
	for rows.Next() {
		var id int
		var title string
		rows.Scan(&id, &title)
		out = append(out, map[string]interface{}{"id": id, "title": title})
	}
	json.NewEncoder(w).Encode(out)
}

func markDone(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	_, err := db.Exec("UPDATE tasks SET done = 1 WHERE id = " + id)
	if err != nil {
		log.Println(err)
	}
	resp, err := http.Post("https://hooks.example.com/done?secret="+webhookSecret, "application/json", nil)
	if err == nil {
		log.Println(resp.Status)
	}
	w.Write([]byte("ok"))
}

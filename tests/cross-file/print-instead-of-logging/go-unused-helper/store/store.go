package store

import (
	"database/sql"
	"fmt"
)

type Store struct{ db *sql.DB }

// dumpQuery prints a query while debugging; nothing calls it.
func dumpQuery(q string) string {
	println(q)
	return q
}

// traceRow is called from rows.go: its output is real.
func traceRow(id int) {
	fmt.Println("row", id)
}

// A method may be called through an interface: still reported.
func (s *Store) debug() {
	fmt.Println("store", s.db != nil)
}

// Exported: other packages may call it, still reported.
func Dump(q string) {
	fmt.Println(q)
}

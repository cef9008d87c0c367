package main

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgxpool"
)

var errNotFound = errors.New("task not found")

type task struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Done  bool   `json:"done"`
}

type store interface {
	ping(ctx context.Context) error
	list(ctx context.Context, owner string, limit int) ([]task, error)
	create(ctx context.Context, owner, title string) (int64, error)
	markDone(ctx context.Context, owner string, id int64) error
}

type pgStore struct{ pool *pgxpool.Pool }

func (s pgStore) ping(ctx context.Context) error { return s.pool.Ping(ctx) }

func (s pgStore) list(ctx context.Context, owner string, limit int) ([]task, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, title, done FROM tasks WHERE owner = $1 ORDER BY id LIMIT $2", owner, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []task
	for rows.Next() {
		var t task
		if err := rows.Scan(&t.ID, &t.Title, &t.Done); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s pgStore) create(ctx context.Context, owner, title string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, "INSERT INTO tasks (owner, title) VALUES ($1, $2) RETURNING id", owner, title).Scan(&id)
	return id, err
}

func (s pgStore) markDone(ctx context.Context, owner string, id int64) error {
	tag, err := s.pool.Exec(ctx, "UPDATE tasks SET done = true WHERE owner = $1 AND id = $2", owner, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return errNotFound
	}
	return nil
}

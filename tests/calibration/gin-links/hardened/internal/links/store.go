package links

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var ErrNotFound = errors.New("link not found")

// Store keeps links in Postgres with parameterised queries.
type Store interface {
	Ping(ctx context.Context) error
	Create(ctx context.Context, code, url string) error
	Lookup(ctx context.Context, code string) (string, error)
	Delete(ctx context.Context, code string) error
}

type PGStore struct{ Pool *pgxpool.Pool }

func (s PGStore) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }

func (s PGStore) Create(ctx context.Context, code, url string) error {
	_, err := s.Pool.Exec(ctx, "INSERT INTO links (code, url) VALUES ($1, $2)", code, url)
	return err
}

func (s PGStore) Lookup(ctx context.Context, code string) (string, error) {
	var url string
	err := s.Pool.QueryRow(ctx, "SELECT url FROM links WHERE code = $1", code).Scan(&url)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", ErrNotFound
	}
	return url, err
}

func (s PGStore) Delete(ctx context.Context, code string) error {
	tag, err := s.Pool.Exec(ctx, "DELETE FROM links WHERE code = $1", code)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

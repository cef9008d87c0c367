CREATE TABLE notes (
    id SERIAL PRIMARY KEY,
    owner TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notes_owner_idx ON notes (owner);

import pytest

from notes import db
from notes.app import create_app
from notes.config import Config


@pytest.fixture()
def client(monkeypatch):
    store = {}
    monkeypatch.setattr(db, "init", lambda url: None)
    monkeypatch.setattr(db, "ping", lambda: None)
    monkeypatch.setattr(db, "list_notes", lambda owner, limit: [n for n in store.values() if n["owner"] == owner])
    monkeypatch.setattr(db, "add_note", lambda owner, body: store.setdefault(len(store) + 1, {"owner": owner, "body": body}) and len(store))
    monkeypatch.setattr(db, "delete_note", lambda note_id: store.pop(note_id, None) is not None)
    app = create_app(Config("sqlite://", "test-secret", "token", "INFO", False))
    return app.test_client()


AUTH = {"Authorization": "Bearer token"}


def test_healthz_is_public(client):
    assert client.get("/healthz").status_code == 200


def test_readyz_checks_the_database(client):
    assert client.get("/readyz").status_code == 200


def test_notes_need_a_token(client):
    assert client.get("/notes?owner=a").status_code == 401


def test_add_and_list_notes(client):
    assert client.post("/notes", json={"owner": "a", "body": "hi"}, headers=AUTH).status_code == 201
    assert client.get("/notes?owner=a", headers=AUTH).get_json() == [{"owner": "a", "body": "hi"}]


def test_invalid_note_is_400(client):
    assert client.post("/notes", json={"owner": "a"}, headers=AUTH).status_code == 400


def test_delete_missing_note_is_404(client):
    assert client.delete("/notes/99", headers=AUTH).status_code == 404

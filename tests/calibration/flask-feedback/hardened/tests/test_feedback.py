import pytest

from feedback.app import create_app
from feedback.models import db


class FakeSentiment:
    def score(self, text):
        return 0.5


@pytest.fixture()
def client():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "k", "API_TOKEN": "tok",
                      "SENTIMENT_URL": "http://s", "SENTIMENT_TIMEOUT": 1, "LOG_LEVEL": "INFO", "DEBUG": False},
                     sentiment=FakeSentiment())
    with app.app_context():
        db.create_all()
    return app.test_client()


AUTH = {"Authorization": "Bearer tok"}


def test_healthz_is_public(client):
    assert client.get("/healthz").status_code == 200


def test_readyz_checks_the_database(client):
    assert client.get("/readyz").status_code == 200


def test_feedback_needs_a_token(client):
    assert client.get("/feedback").status_code == 401


def test_submit_and_list(client):
    assert client.post("/feedback", json={"email": "a@example.com", "text": "great"}, headers=AUTH).status_code == 201
    assert len(client.get("/feedback", headers=AUTH).get_json()["items"]) == 1


def test_invalid_feedback_is_400(client):
    assert client.post("/feedback", json={"email": "nope"}, headers=AUTH).status_code == 400


def test_delete_missing_is_404(client):
    assert client.delete("/feedback/9", headers=AUTH).status_code == 404

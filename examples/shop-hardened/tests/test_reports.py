"""Reports service tests: the token guards every report, export validates its format."""
import pytest
from fastapi.testclient import TestClient

import reports.app as reports_app


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setattr(reports_app, "REPORTS_API_TOKEN", "reports-token")
    with TestClient(reports_app.app) as c:
        yield c


def test_daily_report_needs_the_token(client):
    assert client.get("/reports/daily", params={"day": "2024-05-01"}).status_code == 401


def test_export_defaults_to_csv(client):
    resp = client.get("/reports/export", headers={"Authorization": "Bearer reports-token"})
    assert resp.status_code == 200
    assert resp.json() == {"format": "csv", "rows": []}


def test_export_rejects_unknown_formats(client):
    resp = client.get("/reports/export", params={"fmt": "xml"}, headers={"Authorization": "Bearer reports-token"})
    assert resp.status_code == 422

"""Feedback service (Flask). Run with gunicorn: `gunicorn --graceful-timeout 20 'feedback.app:create_app()'`."""
import hmac
import json
import logging
import sys
import uuid

import sentry_sdk
from flask import Flask, g, jsonify, request
from marshmallow import Schema, ValidationError, fields, validate
from prometheus_flask_exporter import PrometheusMetrics
from werkzeug.exceptions import HTTPException

from . import settings
from .models import Feedback, db
from .sentiment import SentimentClient

logger = logging.getLogger(__name__)
PUBLIC_PATHS = {"/healthz", "/readyz", "/metrics"}
PAGE_SIZE = 50


class FeedbackIn(Schema):
    email = fields.Email(required=True)
    text = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"level": record.levelname, "logger": record.name, "msg": record.getMessage(),
                 "request_id": getattr(record, "request_id", "-")}
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if g else "-"
        return True


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logging.basicConfig(level=level, handlers=[handler], force=True)


def create_app(config: dict | None = None, sentiment: SentimentClient | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(config or settings.load())
    configure_logging(app.config["LOG_LEVEL"])
    sentry_sdk.init(traces_sample_rate=0.1)
    db.init_app(app)
    PrometheusMetrics(app)
    sentiment = sentiment or SentimentClient(app.config["SENTIMENT_URL"], app.config["SENTIMENT_TIMEOUT"])

    @app.before_request
    def request_id_and_auth():
        g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        if request.path in PUBLIC_PATHS:
            return None
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(token, app.config["API_TOKEN"]):
            return jsonify(error="unauthorized"), 401
        return None

    @app.after_request
    def echo_request_id(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response

    @app.errorhandler(ValidationError)
    def on_invalid(err: ValidationError):
        return jsonify(error="invalid_request", fields=err.messages), 400

    @app.errorhandler(HTTPException)
    def on_http_error(err: HTTPException):
        return jsonify(error=err.name), err.code

    @app.errorhandler(Exception)
    def on_unexpected(err: Exception):
        logger.exception("unhandled error")
        return jsonify(error="internal_error"), 500

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        db.session.execute(db.text("SELECT 1"))
        return jsonify(status="ready")

    @app.post("/feedback")
    def submit():
        data = FeedbackIn().load(request.get_json(silent=True) or {})
        fb = Feedback(email=data["email"], text=data["text"], sentiment=sentiment.score(data["text"]))
        db.session.add(fb)
        db.session.commit()
        logger.info("feedback stored", extra={"feedback_id": fb.id})
        return jsonify(id=fb.id), 201

    @app.get("/feedback")
    def list_feedback():
        page = request.args.get("page", 1, type=int)
        items = db.paginate(db.select(Feedback).order_by(Feedback.id), page=page, per_page=PAGE_SIZE)
        return jsonify(items=[{"id": f.id, "text": f.text, "sentiment": f.sentiment} for f in items.items])

    @app.delete("/feedback/<int:fid>")
    def remove(fid: int):
        fb = db.get_or_404(Feedback, fid)
        db.session.delete(fb)
        db.session.commit()
        return "", 204

    return app

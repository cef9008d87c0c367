"""Notes service. Run with gunicorn: `gunicorn --graceful-timeout 20 'notes.app:create_app()'`."""
import hmac
import logging

import sentry_sdk
from flask import Flask, jsonify, request
from prometheus_client import make_wsgi_app
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from . import db
from .config import Config
from .errors import NotFoundError, ValidationError, register_error_handlers
from .logs import configure_logging, install_request_ids

logger = logging.getLogger(__name__)
PUBLIC_PATHS = {"/healthz", "/readyz"}
MAX_BODY = 10_000
PAGE_SIZE = 50


def parse_note(payload: object) -> tuple[str, str]:
    if not isinstance(payload, dict):
        raise ValidationError("body must be a JSON object")
    owner, body = payload.get("owner"), payload.get("body")
    if not isinstance(owner, str) or not owner:
        raise ValidationError("owner is required")
    if not isinstance(body, str) or not 0 < len(body) <= MAX_BODY:
        raise ValidationError("body must be 1 to 10000 characters")
    return owner, body


def create_app(config: Config | None = None) -> Flask:
    config = config or Config.from_env()
    configure_logging(config.log_level)
    sentry_sdk.init(traces_sample_rate=0.1)
    app = Flask(__name__)
    app.config.update(SECRET_KEY=config.secret_key, API_TOKEN=config.api_token, DEBUG=config.debug)
    db.init(config.database_url)
    install_request_ids(app)

    @app.before_request
    def require_token():
        if request.path in PUBLIC_PATHS:
            return None
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ")
        if not header.startswith("Bearer ") or not hmac.compare_digest(token, config.api_token):
            return jsonify(error="unauthorized"), 401
        return None

    register_error_handlers(app)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/metrics": make_wsgi_app()})

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        db.ping()
        return jsonify(status="ready")

    @app.get("/notes")
    def list_notes():
        owner = request.args.get("owner", "")
        if not owner:
            raise ValidationError("owner is required")
        return jsonify(db.list_notes(owner, PAGE_SIZE))

    @app.post("/notes")
    def add_note():
        owner, body = parse_note(request.get_json(silent=True))
        note_id = db.add_note(owner, body)
        logger.info("note created", extra={"note_id": note_id})
        return jsonify(id=note_id), 201

    @app.delete("/notes/<int:note_id>")
    def delete_note(note_id: int):
        if not db.delete_note(note_id):
            raise NotFoundError("note not found")
        return "", 204

    return app

"""Order service (Flask). Run with gunicorn: `gunicorn --graceful-timeout 20 'orders.app:create_app()'`."""
import logging

from flask import Flask, jsonify, request

from . import db
from .auth import require_admin, require_auth
from .config import Config
from .errors import NotFoundError, ValidationError, register_error_handlers
from .logging_setup import configure_logging, install_request_ids
from .payments import PaymentsClient
from .telemetry import install_telemetry

logger = logging.getLogger(__name__)

PRICE_CENTS = 1000
MAX_QTY = 100


def parse_order(payload: object) -> tuple[str, int]:
    if not isinstance(payload, dict):
        raise ValidationError("body must be a JSON object")
    item = payload.get("item")
    qty = payload.get("qty")
    if not isinstance(item, str) or not item.strip():
        raise ValidationError("item must be a non-empty string")
    if not isinstance(qty, int) or not 0 < qty <= MAX_QTY:
        raise ValidationError(f"qty must be an integer between 1 and {MAX_QTY}")
    return item.strip(), qty


def create_app(config: Config | None = None, payments: PaymentsClient | None = None) -> Flask:
    config = config or Config.from_env()
    configure_logging(config.log_level)
    app = Flask(__name__)
    app.config.update(DATABASE_PATH=config.database_path, API_TOKEN=config.api_token, ADMIN_TOKEN=config.admin_token)
    payments = payments or PaymentsClient(config.payments_url, config.payments_api_key, config.payments_timeout)
    db.init_app(app)
    install_request_ids(app)
    register_error_handlers(app)
    install_telemetry(app)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        db.ping()
        return jsonify(status="ready")

    @app.post("/orders")
    @require_auth
    def create_order():
        item, qty = parse_order(request.get_json(silent=True))
        order_id = db.insert_order(item, qty)
        payments.charge(order_id, qty * PRICE_CENTS)
        logger.info("order created", extra={"order_id": order_id, "qty": qty})
        return jsonify(id=order_id, item=item, qty=qty), 201

    @app.get("/orders/<int:order_id>")
    @require_auth
    def get_order(order_id: int):
        order = db.find_order(order_id)
        if order is None:
            raise NotFoundError("order not found")
        return jsonify(order)

    @app.post("/admin/orders/<int:order_id>/refund")
    @require_admin
    def refund(order_id: int):
        if db.find_order(order_id) is None:
            raise NotFoundError("order not found")
        payments.refund(order_id)
        logger.info("order refunded", extra={"order_id": order_id})
        return jsonify(ok=True)

    return app

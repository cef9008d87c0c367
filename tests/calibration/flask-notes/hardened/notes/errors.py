"""Typed errors map to 4xx; anything unexpected is logged with its stack and answered 500."""
import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

logger = logging.getLogger(__name__)


class AppError(Exception):
    status = 500
    code = "internal_error"


class ValidationError(AppError):
    status = 400
    code = "invalid_request"


class NotFoundError(AppError):
    status = 404
    code = "not_found"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def on_app_error(err: AppError):
        return jsonify(error=err.code, message=str(err)), err.status

    @app.errorhandler(HTTPException)
    def on_http_error(err: HTTPException):
        return jsonify(error=err.name), err.code

    @app.errorhandler(Exception)
    def on_unexpected(err: Exception):
        logger.exception("unhandled error")
        return jsonify(error="internal_error"), 500

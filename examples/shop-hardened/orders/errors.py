"""Error taxonomy: domain errors carry their HTTP status; anything else is a logged 500."""
import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

logger = logging.getLogger(__name__)


class AppError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str = "Internal server error"):
        super().__init__(message)
        self.message = message


class ValidationError(AppError):
    status = 400
    code = "invalid_request"


class NotFoundError(AppError):
    status = 404
    code = "not_found"


class UpstreamError(AppError):
    status = 502
    code = "upstream_unavailable"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def on_app_error(err: AppError):
        if err.status >= 500:
            logger.error("request failed", exc_info=err, extra={"code": err.code})
        return jsonify(error=err.code, message=err.message), err.status

    @app.errorhandler(HTTPException)
    def on_http_error(err: HTTPException):
        return jsonify(error=err.name), err.code

    @app.errorhandler(Exception)
    def on_unexpected(err: Exception):
        logger.error("unhandled error", exc_info=err)
        return jsonify(error="internal_error", message="Internal server error"), 500

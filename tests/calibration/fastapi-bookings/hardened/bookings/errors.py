"""Domain errors answer 4xx; unexpected errors are logged with their stack and answer 500."""
import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = structlog.get_logger(__name__)


class DomainError(Exception):
    status_code = 400


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


def register_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def on_domain_error(request: Request, exc: DomainError):
        return JSONResponse({"error": type(exc).__name__, "detail": str(exc)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception):
        log.exception("unhandled error", path=request.url.path)
        return JSONResponse({"error": "internal_error"}, status_code=500)

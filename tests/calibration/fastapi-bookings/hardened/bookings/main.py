"""Bookings API. Run with `uvicorn bookings.main:app --timeout-graceful-shutdown 20`."""
from contextlib import asynccontextmanager

import httpx
import sentry_sdk
import structlog
from fastapi import Depends, FastAPI, Request
from prometheus_fastapi_instrumentator import Instrumentator
from pydantic import BaseModel, Field

from .auth import require_user
from .errors import NotFound, register_error_handlers
from .logs import RequestIdMiddleware, configure_logging
from .repo import BookingRepo
from .settings import Settings

log = structlog.get_logger(__name__)


class BookingIn(BaseModel):
    room: str = Field(min_length=1, max_length=40)
    nights: int = Field(ge=1, le=30)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = Settings()
    configure_logging(settings.log_level)
    sentry_sdk.init(traces_sample_rate=0.1)
    app.state.settings = settings
    app.state.repo = await BookingRepo.connect(settings.database_url)
    app.state.http = httpx.AsyncClient(base_url=settings.pricing_url, timeout=settings.pricing_timeout_seconds)
    yield
    log.info("shutting down")
    await app.state.http.aclose()
    await app.state.repo.close()


app = FastAPI(lifespan=lifespan, dependencies=[Depends(require_user)])
app.add_middleware(RequestIdMiddleware)
register_error_handlers(app)
Instrumentator().instrument(app).expose(app)


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


@app.get("/readyz")
async def readyz(request: Request):
    await request.app.state.repo.ping()
    return {"status": "ready"}


@app.get("/bookings/{booking_id}")
async def get_booking(booking_id: int, request: Request):
    booking = await request.app.state.repo.get(booking_id)
    if booking is None:
        raise NotFound("booking not found")
    return booking


@app.post("/bookings", status_code=201)
async def create_booking(body: BookingIn, request: Request, user: str = Depends(require_user)):
    resp = await request.app.state.http.get("/quote", params={"room": body.room, "nights": body.nights})
    resp.raise_for_status()
    booking_id = await request.app.state.repo.create(user, body.room, int(resp.json()["price_cents"]))
    log.info("booking created", booking_id=booking_id)
    return {"id": booking_id}


@app.delete("/bookings/{booking_id}", status_code=204)
async def cancel_booking(booking_id: int, request: Request, user: str = Depends(require_user)):
    if not await request.app.state.repo.cancel(booking_id, user):
        raise NotFound("booking not found")

"""Sales reports (FastAPI, async): httpx with timeouts, typed errors, no blocking calls.

Run: `uvicorn reports.app:app --timeout-graceful-shutdown 20`.
"""
import asyncio
import hmac
import logging
import os
from contextlib import asynccontextmanager
from datetime import date
from typing import Literal

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException

logger = logging.getLogger(__name__)

ORDERS_URL = os.environ.get("ORDERS_URL", "http://orders:8000")
UPSTREAM_TIMEOUT = httpx.Timeout(5.0, connect=2.0)
MAX_ATTEMPTS = 3
REPORTS_API_TOKEN = os.environ.get("REPORTS_API_TOKEN", "")


def require_token(authorization: str = Header(default="")) -> None:
    expected = f"Bearer {REPORTS_API_TOKEN}"
    if not REPORTS_API_TOKEN or not hmac.compare_digest(authorization, expected):
        raise HTTPException(status_code=401, detail="unauthorized")


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient(base_url=ORDERS_URL, timeout=UPSTREAM_TIMEOUT)
    try:
        yield
    finally:
        await app.state.http.aclose()


app = FastAPI(lifespan=lifespan)


async def fetch_orders(client: httpx.AsyncClient, day: date) -> list[dict]:
    for attempt in range(MAX_ATTEMPTS):
        try:
            resp = await client.get("/orders", params={"day": day.isoformat()})
            resp.raise_for_status()
            return resp.json()
        except httpx.TransportError as e:
            logger.warning("orders service unreachable", extra={"attempt": attempt, "err": str(e)})
            await asyncio.sleep(min(0.2 * 2**attempt, 2.0))
        except (httpx.HTTPStatusError, ValueError) as e:
            raise HTTPException(status_code=502, detail="orders service returned an error") from e
    raise HTTPException(status_code=503, detail="orders service unavailable")


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


@app.get("/reports/daily", dependencies=[Depends(require_token)])
async def daily_report(day: date):
    orders = await fetch_orders(app.state.http, day)
    logger.info("daily report built", extra={"day": day.isoformat(), "orders": len(orders)})
    return {"day": day.isoformat(), "total": sum(o["qty"] * 10 for o in orders)}


@app.get("/reports/export", dependencies=[Depends(require_token)])
async def export(fmt: Literal["csv", "json"] = "csv"):
    return {"format": fmt, "rows": []}

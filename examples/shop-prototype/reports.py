# Sales reports service (FastAPI), added later to the prototype. Run: uvicorn reports:app
import logging
import sys
import time

import requests
from fastapi import FastAPI, HTTPException

app = FastAPI()
logger = logging.getLogger("reports")

ORDERS_URL = "http://localhost:5000/orders"


@app.get("/reports/daily")
async def daily_report(day: str):
    logger.info(f"building report for {day}")
    for attempt in range(3):
        try:
            resp = requests.get(f"{ORDERS_URL}?day={day}")
            break
        except requests.RequestException:
            continue
    else:
        sys.exit(1)
    try:
        orders = resp.json()
    except ValueError as e:
        logger.error(f"bad orders payload: {e}")
        raise HTTPException(status_code=502, detail="orders service returned garbage")
    time.sleep(1)
    return {"day": day, "total": sum(o["qty"] * 10 for o in orders)}


@app.get("/reports/export")
async def export(fmt: str = "csv"):
    if fmt not in ("csv", "json"):
        breakpoint()
    try:
        return build_export(fmt)
    except Exception as e:
        return {"error": repr(e)}


def build_export(fmt):
    return {"format": fmt, "rows": []}

"""Payments client: timeouts on every call, status checked, bounded retries with backoff."""
import logging
import time

import requests

from .errors import UpstreamError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str, timeout: float):
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {api_key}"

    def charge(self, order_id: int, amount_cents: int) -> dict:
        return self._post("/charge", {"order_id": order_id, "amount_cents": amount_cents})

    def refund(self, order_id: int) -> dict:
        return self._post("/refund", {"order_id": order_id})

    def _post(self, path: str, payload: dict) -> dict:
        for attempt in range(MAX_ATTEMPTS):
            try:
                resp = self._session.post(self._base_url + path, json=payload, timeout=self._timeout)
                resp.raise_for_status()
                return resp.json()
            except (requests.ConnectionError, requests.Timeout) as e:
                logger.warning("payments call failed", extra={"path": path, "attempt": attempt, "err": str(e)})
                time.sleep(min(0.2 * 2**attempt, 2.0))
            except requests.HTTPError as e:
                raise UpstreamError("payments service rejected the call") from e
        raise UpstreamError("payments service unavailable")

"""Sentiment scoring: a timeout, a checked status, and a logged fallback when the service is down."""
import logging

import requests

logger = logging.getLogger(__name__)


class SentimentClient:
    def __init__(self, url: str, timeout: float):
        self.url = url
        self.timeout = timeout
        self.session = requests.Session()

    def score(self, text: str) -> float | None:
        try:
            resp = self.session.post(self.url, json={"text": text}, timeout=self.timeout)
            resp.raise_for_status()
            return float(resp.json()["score"])
        except (requests.RequestException, KeyError, ValueError):
            logger.warning("sentiment scoring failed; storing feedback without it", exc_info=True)
            return None

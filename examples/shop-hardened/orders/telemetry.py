"""Production telemetry: error tracking (Sentry), metrics (Prometheus /metrics) and tracing (OpenTelemetry)."""
import os

import sentry_sdk
from flask import Flask
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from prometheus_client import make_wsgi_app
from werkzeug.middleware.dispatcher import DispatcherMiddleware


def install_telemetry(app: Flask) -> None:
    """Sentry when SENTRY_DSN is set, request spans for every route, and /metrics for Prometheus."""
    dsn = os.environ.get("SENTRY_DSN", "")
    if dsn:
        sentry_sdk.init(dsn=dsn, traces_sample_rate=0.1)
    FlaskInstrumentor().instrument_app(app)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/metrics": make_wsgi_app()})

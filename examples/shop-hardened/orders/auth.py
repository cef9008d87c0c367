"""Bearer-token checks: the storefront's service token for order routes, an admin token for refunds."""
import hmac
from functools import wraps

from flask import current_app, jsonify, request


def _require_token(config_key: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            token = header.removeprefix("Bearer ")
            expected = current_app.config[config_key]
            if not header.startswith("Bearer ") or not hmac.compare_digest(token, expected):
                return jsonify(error="unauthorized"), 401
            return view(*args, **kwargs)

        return wrapper

    return decorator


require_auth = _require_token("API_TOKEN")
require_admin = _require_token("ADMIN_TOKEN")

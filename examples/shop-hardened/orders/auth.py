"""Bearer-token check for the admin routes."""
import hmac
from functools import wraps

from flask import current_app, jsonify, request


def require_admin(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ")
        expected = current_app.config["ADMIN_TOKEN"]
        if not header.startswith("Bearer ") or not hmac.compare_digest(token, expected):
            return jsonify(error="unauthorized"), 401
        return view(*args, **kwargs)

    return wrapper

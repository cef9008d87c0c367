import logging

from flask import Flask, jsonify

app = Flask(__name__)

# Under gunicorn: log through gunicorn's error log handlers, at INFO.
gunicorn_logger = logging.getLogger("gunicorn.error")
app.logger.handlers.extend(gunicorn_logger.handlers)
app.logger.setLevel(logging.INFO)


@app.get("/orders")
def list_orders():
    app.logger.info("listing orders")
    return jsonify([])

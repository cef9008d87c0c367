import logging
import os

from flask import Flask, jsonify

from logs import setup

setup(os.environ.get("LOG_LEVEL", "INFO"))
app = Flask(__name__)
log = logging.getLogger(__name__)


@app.get("/orders")
def list_orders():
    log.info("listing orders")
    return jsonify([])

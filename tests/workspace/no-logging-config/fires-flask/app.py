import logging

from flask import Flask, jsonify, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.get("/orders")
def list_orders():
    logger.info("listing orders")
    return jsonify([])

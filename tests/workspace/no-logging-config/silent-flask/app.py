import logging
import os

from flask import Flask, jsonify, request

logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
app = Flask(__name__)


@app.get("/orders")
def list_orders():
    return jsonify([])

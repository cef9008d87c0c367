import logging

from flask import Flask, jsonify

app = Flask(__name__)
# A library's courtesy handler: swallows records, configures nothing.
logging.getLogger(__name__).addHandler(logging.NullHandler())


@app.get("/orders")
def list_orders():
    return jsonify([])

from flask import Flask, jsonify, request
from flask_limiter import Limiter

app = Flask(__name__)


@app.post("/login")
def login():
    return jsonify([])

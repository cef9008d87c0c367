from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/login")
def login():
    return jsonify([])

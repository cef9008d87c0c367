from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/auth/register")
def register():
    return jsonify({}), 201


@app.post("/auth/login")
def login():
    return jsonify({})


@app.post("/auth/password/forgot")
def forgot_password():
    return jsonify({}), 202


@app.post("/auth/password/reset")
def reset_password():
    return jsonify({})


@app.post("/auth/logout")
def logout():
    return jsonify({})


@app.post("/auth/token/refresh")
def refresh_token():
    return jsonify({})


@app.get("/auth/verify")
def verify_page():
    return jsonify({})

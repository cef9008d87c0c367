# The same catalog with an open write: its open reads are reported too.
from flask import Flask, jsonify, request

from models import Pet, db

app = Flask(__name__)


@app.get("/api/pets")
def list_pets():
    return jsonify([p.to_dict() for p in db.session.query(Pet).all()])


@app.post("/api/pets")
def add_pet():
    db.session.add(Pet(name=request.json["name"]))
    return jsonify({}), 201

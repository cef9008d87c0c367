# A read-only shelter catalog: no route changes state, so its open reads are public by design.
from flask import Flask, jsonify

from models import Pet, db

app = Flask(__name__)


@app.get("/api/pets")
def list_pets():
    return jsonify([p.to_dict() for p in db.session.query(Pet).all()])


@app.get("/api/pets/<int:pet_id>")
def get_pet(pet_id):
    return jsonify(db.session.get(Pet, pet_id).to_dict())


# Trap: a sensitive path stays reported even in a read-only service.
@app.get("/api/users/<int:user_id>")
def get_user(user_id):
    return jsonify(db.session.get(Pet, user_id).to_dict())

# The API behind the static page does request work: the finding belongs here.
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/scores")
def scores():
    return jsonify(db.session.execute(select(Score)).scalars().all())

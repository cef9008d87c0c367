import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "s3cr3t-notes-key-2024-xyz"
STRIPE_KEY = "sk_live_51HnotesAbCdEfGhIjKlMnOpQrStUv"


def db():
    return sqlite3.connect("notes.db")


@app.route("/notes", methods=["GET"])
def list_notes():
    user = request.args.get("user")
    rows = db().execute(f"SELECT id, body FROM notes WHERE owner = '{user}'").fetchall()
    return jsonify(rows)


@app.route("/notes", methods=["POST"])
def add_note():
    data = request.json
    try:
        conn = db()
        conn.execute("INSERT INTO notes (owner, body) VALUES (?, ?)", (data["owner"], data["body"]))
        conn.commit()
    except Exception as e:
        print("error", e)
        return jsonify(error=str(e)), 500
    return jsonify(ok=True)


@app.route("/notes/<id>", methods=["DELETE"])
def delete_note(id):
    try:
        db().execute("DELETE FROM notes WHERE id = " + id)
    except:
        pass
    return jsonify(deleted=id)


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)

# An anonymous poll: voters are identified by a random id cookie the handler mints.
import uuid

from flask import Flask, make_response, request

app = Flask(__name__)
votes = []


@app.route("/", methods=["GET", "POST"])
def vote():
    voter_id = request.cookies.get("voter_id")
    if not voter_id:
        voter_id = str(uuid.uuid4())
    if request.method == "POST":
        votes.append((voter_id, request.form.get("vote")))
    resp = make_response("ok")
    resp.set_cookie("voter_id", voter_id)
    return resp

# A cookie is read but no visitor id is minted: not anonymous by design.
from flask import Flask, make_response, request

app = Flask(__name__)
votes = []


@app.route("/", methods=["GET", "POST"])
def vote():
    voter_id = request.cookies.get("voter_id")
    if request.method == "POST":
        votes.append((voter_id, request.form.get("vote")))
    return make_response("ok")

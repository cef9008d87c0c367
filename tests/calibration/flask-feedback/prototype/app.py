import logging
import smtplib

import requests
from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "mysql://feedback:Feedb4ckPwd!@10.1.2.3/feedback"
app.config["DEBUG"] = True
db = SQLAlchemy(app)
SMTP_PASSWORD = "smtp-pass-8e7f6a5b4c3d"


class Feedback(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200))
    text = db.Column(db.Text)


@app.route("/feedback", methods=["POST"])
def submit():
    fb = Feedback(email=request.form["email"], text=request.form["text"])
    db.session.add(fb)
    db.session.commit()
    try:
        s = smtplib.SMTP("smtp.example.com")
        s.login("bot", SMTP_PASSWORD)
        s.sendmail("bot@example.com", "team@example.com", fb.text)
    except Exception:
        pass
    sentiment = requests.post("https://api.sentiment.example.com/score", json={"text": fb.text}).json()
    logging.info("feedback %s sentiment %s" % (fb.id, sentiment))
    return {"id": fb.id, "sentiment": sentiment}


@app.route("/feedback")
def all_feedback():
    return {"items": [{"email": f.email, "text": f.text} for f in Feedback.query.all()]}


@app.route("/feedback/<int:fid>", methods=["DELETE"])
def remove(fid):
    Feedback.query.filter_by(id=fid).delete()
    db.session.commit()
    return {"ok": True}


if __name__ == "__main__":
    db.create_all()
    app.run(debug=True, host="0.0.0.0")

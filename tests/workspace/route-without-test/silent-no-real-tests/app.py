from flask import Flask, jsonify

app = Flask(__name__)


@app.post("/quizzes")
def create_quiz():
    return jsonify(id=1), 201


@app.get("/quizzes/<int:quiz_id>")
def get_quiz(quiz_id):
    return jsonify(id=quiz_id)

"""Manual check against a running server: prints what it answers."""
import requests


def test_quiz_endpoint():
    response = requests.post("http://localhost:5000/quizzes", json={"title": "x"})
    print("status", response.status_code)
    print(response.text)


if __name__ == "__main__":
    test_quiz_endpoint()

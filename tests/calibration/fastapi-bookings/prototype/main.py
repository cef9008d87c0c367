import jwt
import requests
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(debug=True)
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])

JWT_SECRET = "bookings-jwt-secret-do-not-share-42"
DATABASE_URL = "postgresql://admin:hunter2pass@db.internal:5432/bookings"
bookings = {}


@app.post("/login")
async def login(request: Request):
    body = await request.json()
    token = jwt.encode({"user": body["user"]}, JWT_SECRET, algorithm="HS256")
    return {"token": token}


@app.get("/bookings/{booking_id}")
async def get_booking(booking_id: str):
    try:
        return bookings[booking_id]
    except Exception as e:
        return {"error": str(e)}


@app.post("/bookings")
async def create_booking(request: Request):
    body = await request.json()
    price = requests.get("https://pricing.example.com/quote?room=" + body["room"]).json()
    booking_id = str(len(bookings) + 1)
    bookings[booking_id] = {"room": body["room"], "price": price}
    print("created booking", booking_id)
    return bookings[booking_id]


@app.delete("/bookings/{booking_id}")
async def cancel(booking_id: str, token: str = ""):
    data = jwt.decode(token, options={"verify_signature": False})
    print("cancel by", data)
    bookings.pop(booking_id, None)
    return {"ok": True}

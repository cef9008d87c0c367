import os

import redis
from fastapi import FastAPI

app = FastAPI()
cache = redis.Redis.from_url(os.getenv("REDIS_URL"))

# Trap: production keeps the shared CORS setting.
from config.django.base import *  # noqa: F403

DEBUG = False

# Shared CORS settings, imported by every settings module.
CORS_ALLOW_ALL_ORIGINS = True

import os

# The password docker-compose.yml gives the development database: a production database
# refuses it, so the fallback fails closed.
DATABASE_PASSWORD = os.environ.get("DATABASE_PASSWORD", "Xy7pq2LmRt")
# A signing key with a fallback opens the service whatever the database says: reported.
JWT_SECRET = os.environ.get("JWT_SECRET", "Xy7pq2LmRt")
# A database password that is not the development one: reported.
REPLICA_DB_PASSWORD = os.environ.get("REPLICA_DB_PASSWORD", "Qe4rT8yUi2oP")

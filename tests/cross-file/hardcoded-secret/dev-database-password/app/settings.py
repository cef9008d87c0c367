from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # The local compose database's password: production's database has its own.
    database_password: str = "Xy7pq2LmRt"
    # Not the development database's password: reported.
    cache_password: str = "Qe4rT8yUi2oP"
    jwt_secret: str = "q8Rz2LpX7vN4mKt9WbJ3"

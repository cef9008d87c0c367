"""Settings from the environment; a missing secret stops the start-up."""
from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    jwt_secret: str = Field(min_length=32)
    pricing_url: str
    pricing_timeout_seconds: float = 5.0
    log_level: str = "INFO"
    debug: bool = False

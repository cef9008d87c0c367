from typing import List

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    cors_origins: List[str] = ["*"]


class ProductionSettings(Settings):
    cors_origins: List[str] = ["https://shop.example.com"]


settings = ProductionSettings()

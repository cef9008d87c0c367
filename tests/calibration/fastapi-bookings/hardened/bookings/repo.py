"""Bookings storage (asyncpg pool, parameterised queries)."""
import asyncpg


class BookingRepo:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    @classmethod
    async def connect(cls, url: str) -> "BookingRepo":
        return cls(await asyncpg.create_pool(url, min_size=1, max_size=10, command_timeout=5))

    async def ping(self) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute("SELECT 1")

    async def get(self, booking_id: int) -> dict | None:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow("SELECT id, room, price_cents, owner FROM bookings WHERE id = $1", booking_id)
            return dict(row) if row else None

    async def create(self, owner: str, room: str, price_cents: int) -> int:
        async with self.pool.acquire() as conn:
            return await conn.fetchval("INSERT INTO bookings (owner, room, price_cents) VALUES ($1, $2, $3) RETURNING id",
                                       owner, room, price_cents)

    async def cancel(self, booking_id: int, owner: str) -> bool:
        async with self.pool.acquire() as conn:
            result = await conn.execute("DELETE FROM bookings WHERE id = $1 AND owner = $2", booking_id, owner)
            return result.endswith("1")

    async def close(self) -> None:
        await self.pool.close()

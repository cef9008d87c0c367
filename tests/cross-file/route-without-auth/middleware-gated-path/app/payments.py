# A middleware that gates one route by its full path (a paywall): auth is decided at runtime.
from starlette.responses import JSONResponse


async def payment_gate(request, call_next):
    if request.url.path != "/api/access/purchase":
        return await call_next(request)
    if not request.headers.get("x-payment"):
        return JSONResponse({"detail": "payment required"}, status_code=402)
    return await call_next(request)

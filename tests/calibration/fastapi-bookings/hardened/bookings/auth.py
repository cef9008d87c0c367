"""JWT bearer auth applied to every router; public routes are listed explicitly."""
import jwt
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

PUBLIC_PATHS = {"/healthz", "/readyz", "/metrics"}
bearer = HTTPBearer(auto_error=False)


async def require_user(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str | None:
    if request.url.path in PUBLIC_PATHS:
        return None
    if creds is None:
        raise HTTPException(status_code=401, detail="missing token")
    try:
        claims = jwt.decode(creds.credentials, request.app.state.settings.jwt_secret, algorithms=["HS256"],
                            options={"require": ["exp", "sub"]})
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    return claims["sub"]

from fastapi import APIRouter

router = APIRouter()


@router.post("/purchase")
async def purchase(robot: str):
    return {"robot": robot}


# Trap: the middleware does not name this route, so it is reported.
@router.post("/refund")
async def refund(robot: str):
    return {"robot": robot}

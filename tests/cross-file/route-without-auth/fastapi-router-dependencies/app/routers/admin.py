from fastapi import APIRouter

router = APIRouter()


@router.post("/purge")
def purge_cache():
    return {"ok": True}


@router.delete("/accounts/{account_id}")
def delete_account(account_id: int):
    return None

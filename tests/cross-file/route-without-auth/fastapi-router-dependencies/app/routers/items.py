from fastapi import APIRouter

router = APIRouter()


@router.post("/")
def create_item(name: str):
    return {"name": name}


@router.delete("/{item_id}")
def delete_item(item_id: int):
    return None

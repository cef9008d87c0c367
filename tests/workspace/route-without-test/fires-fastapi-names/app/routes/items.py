from fastapi import APIRouter

router = APIRouter()


@router.post("", name="items:create")
def create_item(name: str):
    return {"name": name}


@router.get("/{item_id}", name="items:read")
def read_item(item_id: int):
    return {"id": item_id}


@router.delete("/{item_id}", name="items:delete")
def delete_item(item_id: int):
    return None


@router.get("/{item_id}/history")
def item_history(item_id: int):
    return []

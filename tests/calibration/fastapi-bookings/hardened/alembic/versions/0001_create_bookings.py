"""create bookings

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.Text, nullable=False, index=True),
        sa.Column("room", sa.Text, nullable=False),
        sa.Column("price_cents", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("bookings")

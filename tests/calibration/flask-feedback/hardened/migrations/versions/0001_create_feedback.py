"""create feedback

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentiment", sa.Float),
    )


def downgrade() -> None:
    op.drop_table("feedback")

from alembic import op


def upgrade():
    op.create_table("orders")


def downgrade():
    op.drop_table("orders")

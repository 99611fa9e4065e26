"""Scopes: each site's county and township, and the county each plan was made for (乡内, 县内, 市外省内, 外省).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Adds the columns; rows published before them get an empty county and township (scope 县内)."""
    op.add_column("sites", sa.Column("town", sa.String(length=100), nullable=False, server_default=""))
    op.add_column("sites", sa.Column("county", sa.String(length=100), nullable=False, server_default=""))
    op.add_column("plans", sa.Column("county", sa.String(length=100), nullable=False, server_default=""))


def downgrade() -> None:
    """Drops them."""
    with op.batch_alter_table("plans") as plans:
        plans.drop_column("county")
    with op.batch_alter_table("sites") as sites:
        sites.drop_column("county")
        sites.drop_column("town")

"""Alembic's entry: runs the ledger's migrations on the connection `ledger.store` hands over.

The tool migrates by itself when it opens a ledger (there is no alembic.ini); the metadata is given
so that Alembic can draft the next migration from `ledger.schema` (docs/ledger.md).
"""

from alembic import context

from ledger.schema import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

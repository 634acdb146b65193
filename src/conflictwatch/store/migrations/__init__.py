"""Alembic migrations of the conflictwatch database (SQLite and PostgreSQL).

``conflictwatch db upgrade`` (or ``alembic -c <this folder>/alembic.ini -x db=URL upgrade head``)
runs them; :func:`conflictwatch.store.open_store` runs them too when it opens an older database.
The first revision (``0001``) is schema version 5, the schema of conflictwatch 0.1: on an empty
database it creates it, on a database of an earlier release (schema versions 1 to 5, no
``alembic_version`` table) it brings it to version 5 in place, keeping every row. Every later
revision also writes its schema version in ``schema_version``.
"""

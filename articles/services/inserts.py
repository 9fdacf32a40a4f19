"""Plain INSERTs (and UPDATEs) for ingest's hot path, without the ORM's per-row machinery.

Ingest writes thousands of rows a run, one article's in each transaction: the article and
about fifteen evidence rows. Building model instances and compiling a query per row costs
more than the database's own work, so these write prepared statements instead.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model


def insert_rows(model: type[Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT plain value tuples in one `executemany`.

    Evidence rows are most of what ingest writes (about fifteen an article), and
    `bulk_create` spends far longer building a model instance and preparing every field
    per row than the database takes to store it. Values must be ready for the database:
    ids, strings and numbers.
    """
    if rows:
        db = _database()
        with db.cursor() as cursor:
            cursor.executemany(_insert_sql(db.vendor, model, tuple(fields)), rows)


def update_rows(model: type[Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """UPDATE rows by primary key in one `executemany`: each row is the new values of `fields`,
    then the primary key. Like `bulk_update`, no `auto_now` field is touched.

    `bulk_update` builds a CASE expression per field and row in Python: after a run of a few
    thousand articles, settling the delegations' heads with it took longer than the queries.
    Values must be ready for the database: ids, strings and numbers.
    """
    if rows:
        db = _database()
        quote = db.ops.quote_name
        meta = model._meta
        assignments = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in fields)
        sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
        with db.cursor() as cursor:
            cursor.executemany(sql, rows)


def insert_instance(instance: Model) -> None:
    """INSERT a new model instance and set its primary key, like `save()` on a new instance
    but without the ORM's per-save work (query compilation, signals).

    Ingest writes one new article a transaction, thousands a run; the ORM's machinery costs
    about a third as much again as the database's insert. Fields are prepared by the fields
    themselves (`pre_save` fills `auto_now` dates), so values are what `save()` would
    write. No `post_save` signal is sent: ingest bumps the archive version itself.
    """
    db = _database()
    model = type(instance)
    fields = _concrete_fields(model)
    values = [field.get_db_prep_save(field.pre_save(instance, True), db) for field in fields]
    sql = _insert_sql(db.vendor, model, tuple(field.name for field in fields))
    with db.cursor() as cursor:
        if db.features.can_return_columns_from_insert:
            pk_column = db.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"{sql} RETURNING {pk_column}", values)
            instance.pk = cursor.fetchone()[0]
        else:
            cursor.execute(sql, values)
            instance.pk = cursor.lastrowid
    instance._state.adding = False
    instance._state.db = db.alias


@contextmanager
def pipelined() -> Iterator[None]:
    """On PostgreSQL, send the statements of the block without waiting for each one's
    answer (psycopg's pipeline mode): an article's evidence rows and search vector cost one
    round trip to the server instead of one each. A statement whose rows are read (RETURNING,
    SELECT) waits for the answers so far, so reads work as usual; errors are raised by then,
    or at the block's end. Row counts of UPDATEs and DELETEs are not known inside the block:
    nothing in it may depend on them (the ORM's `save()` of an existing row does).
    Elsewhere (SQLite, a local file: no round trips) the block runs as it is.
    """
    db = _database()
    db.ensure_connection()
    pipeline = getattr(db.connection, "pipeline", None) if db.vendor == "postgresql" else None
    if pipeline is None:
        yield
        return
    with pipeline():
        yield


@contextmanager
def unflushed_commits() -> Iterator[None]:
    """On PostgreSQL, the block's commits return without waiting for the log to reach the
    disk (`synchronous_commit = off`, this session only): each commit still is atomic and
    in order, and a crash of the machine (not of ingest) can lose only the last fraction of
    a second of commits, never leave half an article. That is the durability SQLite's
    settings give the same writer (WAL with `synchronous=NORMAL`); a rerun of the ingest
    writes again any article lost. Waiting for the flush was a quarter of the writer's time.
    """
    db = _database()
    if db.vendor != "postgresql":
        yield
        return
    with db.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        try:
            with db.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # a broken connection: closed, the setting goes with it
            db.close()


def _database() -> BaseDatabaseWrapper:
    """The default connection itself: every attribute read through the `connection` proxy
    costs a context-local lookup, and an insert reads dozens."""
    return connections[DEFAULT_DB_ALIAS]


@functools.cache
def _concrete_fields(model: type[Model]) -> tuple:
    return tuple(field for field in model._meta.concrete_fields if not field.primary_key)


@functools.cache
def _insert_sql(vendor: str, model: type[Model], fields: tuple[str, ...]) -> str:
    """The statement for these columns; `vendor` keys the cache (quoting differs)."""
    quote = _database().ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"


def delete_rows(model: type[Model], field: str, value: object, returning: str) -> set:
    """DELETE the rows whose `field` equals `value`, in one statement; return the set of
    their `returning` column's values.

    For rows nothing references (evidence rows): the ORM's delete fetches the rows, then
    deletes them by id, and sends a signal per row whenever a model has receivers. No
    `post_delete` signal is sent: ingest bumps the archive version itself.
    """
    db = _database()
    quote = db.ops.quote_name
    meta = model._meta
    table, column = quote(meta.db_table), quote(meta.get_field(field).column)
    wanted = quote(meta.get_field(returning).column)
    with db.cursor() as cursor:
        if db.features.can_return_columns_from_insert:  # PostgreSQL, SQLite 3.35+: RETURNING
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s RETURNING {wanted}", [value])
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT {wanted} FROM {table} WHERE {column} = %s", [value])
        found = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [value])
        return found

"""Plain INSERT and UPDATE statements for many rows at once, for the bulk paths (imports,
ingestion) where the ORM's per-object work costs more than the database's.

Rows are tuples in the order of the named fields; values are adapted per column type the
way the ORM would store them, and the rows go through Django's connection (COPY on
PostgreSQL, `executemany` elsewhere), so they join the caller's transaction and the
database still enforces every constraint. `auto_now` / `auto_now_add` fields are filled
with one timestamp, and fields the caller leaves out get their model default (the ORM's
defaults live in Python, not in the table).
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

Adapter = Callable[[Any], Any]
BATCH = 2000


def _adapter(field: models.Field) -> Adapter | None:
    """How the ORM would turn a Python value into a database value for this column, or
    None where the driver takes the value as it is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField | models.DateField):
        if connection.vendor == "postgresql":
            return None  # psycopg adapts dates and aware datetimes itself
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _columns(model: type[models.Model], names: Sequence[str]) -> list[models.Field]:
    return [model._meta.get_field(name) for name in names]


def _timestamps(model: type[models.Model], names: Sequence[str], *,
                on_insert: bool) -> list[models.Field]:
    """auto_now (and, on insert, auto_now_add) fields the caller did not name."""
    return [f for f in model._meta.concrete_fields if f.name not in names and (
        getattr(f, "auto_now", False) or (on_insert and getattr(f, "auto_now_add", False)))]


def _prepare(fields: list[models.Field], rows: Iterable[Sequence], extra: tuple) -> list[tuple]:
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    if not adapters:
        return [(*row, *extra) for row in rows]
    prepared = []
    for row in rows:
        values = list(row)
        for i, adapt in adapters:
            if values[i] is not None:
                values[i] = adapt(values[i])
        prepared.append((*values, *extra))
    return prepared


def _defaults(model: type[models.Model], skip: set[str]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if f.name not in skip and not f.primary_key
            and (f.has_default() or (f.empty_strings_allowed and not f.null))]


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence]) -> int:
    """INSERT every row; `names` are model field names (a foreign key takes the id)."""
    if not rows:
        return 0
    fields = _columns(model, names)
    stamps = _timestamps(model, names, on_insert=True)
    defaults = _defaults(model, {*names, *(f.name for f in stamps)})
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    constant = (*(now,) * len(stamps),
                *(f.get_db_prep_save(f.get_default(), connection) for f in defaults))
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in [*fields, *stamps, *defaults])
    prepared = _prepare(fields, rows, constant)
    # Identifiers come from model metadata, quoted; every value travels as data.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams rows in one statement; constraints are checked as for INSERT.
            # Django wraps execute() only: errors raised by copy become Django's here.
            with connection.wrap_database_errors, cursor.copy(
                    f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * (len(fields) + len(constant)))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            for start in range(0, len(prepared), BATCH):
                cursor.executemany(sql, prepared[start:start + BATCH])
    return len(prepared)


def update_rows(model: type[models.Model], names: Sequence[str],
                rows: Sequence[Sequence], key: str = "id") -> int:
    """UPDATE ... SET names WHERE key = last value of each row."""
    if not rows:
        return 0
    fields = _columns(model, names)
    stamps = _timestamps(model, names, on_insert=False)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f.column)} = %s" for f in [*fields, *stamps])
    key_column = model._meta.get_field(key).column
    table = quote(model._meta.db_table)
    sql = f"UPDATE {table} SET {sets} WHERE {quote(key_column)} = %s"  # noqa: S608
    prepared = [(*values, *(now,) * len(stamps), row[-1])
                for values, row in zip(_prepare(fields, (r[:-1] for r in rows), ()), rows,
                                       strict=True)]
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH):
            cursor.executemany(sql, prepared[start:start + BATCH])
    return len(prepared)


def update_objects(model: type[models.Model], objects: Iterable[models.Model],
                   names: Sequence[str]) -> int:
    """Write the named fields of model instances already in memory: `bulk_update` without
    the CASE WHEN statement the ORM builds, which costs more than the rows themselves."""
    attnames = [model._meta.get_field(name).attname for name in names]
    return update_rows(model, names,
                       [(*(getattr(o, a) for a in attnames), o.pk) for o in objects])

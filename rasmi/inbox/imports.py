"""Importing exported comments into the inbox: `rasmi import_messages`, and
`import_messages(actor, account, source)` for a web upload.

The file is CSV with this header, or JSON Lines with these keys (UTF-8):

    id,author_id,author_name,text,created_at,parent_id

- id (required): the platform's id of the comment. It is what makes importing the same
  file twice, or a comment polling also read, store nothing twice.
- author_id, author_name: who wrote it (the platform's user id and display name). A row
  whose author_id is the account's own platform id is the account's own reply.
- text (required).
- created_at (required): ISO 8601, e.g. 2026-11-25T09:30:00+08:00; a time without an
  offset is Malaysian time.
- parent_id: the comment it replies to; blank for a top-level comment.
Other columns and keys are ignored. Comments only: direct messages are not imported.

The file is read twice. The first read checks every row (each bad one reported with its
line and reason, in the reader's language) and learns who replies to whom, so a reply
joins its top-level comment's conversation whatever the order of the rows. The second
stores the good rows as Delivery(source="import") batches, processed by ingest like any
delivery, in one transaction with one audit entry. With all_or_nothing, one bad row and
nothing is stored. Only accounts official in the register take imports.
"""

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasmi.audit.services import record
from rasmi.batchio import Problem
from rasmi.core import links
from rasmi.errors import UserError
from rasmi.inbox import import_events, ingest
from rasmi.inbox.models import Delivery, Message
from rasmi.people import permissions
from rasmi.registry.models import AccountStatus, SocialAccount

COLUMNS = ("id", "author_id", "author_name", "text", "created_at", "parent_id")
REQUIRED_COLUMNS = ("id", "text", "created_at")
FORMATS = ("csv", "jsonl")
BATCH = 1000  # rows per delivery
ID_LIMIT, AUTHOR_ID_LIMIT, TEXT_LIMIT = 200, 100, 10_000  # the inbox's column sizes
FUTURE_SLACK = dt.timedelta(days=1)  # clocks and time zones of exports differ a little


class MessageImportError(UserError):
    pass


@dataclass
class ImportReport:
    name: str
    format: str = ""
    rows: int = 0  # data rows read, good and bad
    stored: int = 0  # new messages
    already: int = 0  # rows whose message the inbox already held
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False
    deliveries: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    line: int
    id: str
    author_id: str
    author_name: str
    text: str
    created_at: dt.datetime
    parent_id: str


# --- who may import, and into which account -----------------------------------------------

def can_import(user, organisation) -> bool:
    return permissions.is_coordinator(user) or bool(
        permissions.roles_in(user, organisation) & permissions.EDITING_ROLES)


def find_account(text: str) -> SocialAccount:
    """The register's account for an address (URL), an account key (x:id:…) or a Rasmi id."""
    text = (text or "").strip()
    account = None
    if text.isdigit():
        account = SocialAccount.objects.filter(pk=int(text)).first()
    else:
        account = SocialAccount.objects.filter(account_key=text).first()
        ref = links.parse_account(text) if account is None else None
        if isinstance(ref, links.AccountRef):
            account = SocialAccount.objects.filter(account_key=ref.key).first()
            if account is None and ref.is_platform_id:
                account = SocialAccount.objects.filter(platform=ref.platform,
                                                       platform_id=ref.handle).first()
    if account is None:
        raise MessageImportError("unknown_account", _("No account in the register matches "
                                                      "%(account)s.") % {"account": text},
                                 status=404)
    return account


# --- reading the file ----------------------------------------------------------------------

@contextmanager
def _opened(source: Path | str | IO) -> Iterator[IO[str]]:
    """A text stream from the start of the file: a path, or an uploaded file (Django's
    UploadedFile, or any seekable binary or text file object)."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            yield handle
        return
    raw = getattr(source, "file", source)
    raw.seek(0)
    if isinstance(raw, io.TextIOBase):
        yield raw
        return
    wrapper = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    try:
        yield wrapper
    finally:
        wrapper.detach()  # leave the caller's file open


def detect_format(name: str, source) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    with _opened(source) as text:
        start = text.read(4096).lstrip()
    return "jsonl" if start.startswith("{") else "csv"


def _csv_records(text: IO[str]) -> Iterator[tuple[int, dict | None, str]]:
    """(line, values or None, reason) for each data row; line numbers count the lines of
    the file, quoted line breaks included."""
    reader = csv.reader(text)
    line = 1
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            yield 1, None, _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
            return
        line = reader.line_num + 1
        for cells in reader:
            if len(cells) == len(header):
                if any(cell.strip() for cell in cells):
                    yield line, dict(zip(header, cells, strict=True)), ""
            elif len(cells) > len(header):
                yield line, None, _("too many fields in this row")
            elif any(cell.strip() for cell in cells):
                yield line, None, _("too few fields in this row")
            line = reader.line_num + 1
    except csv.Error as error:
        yield line, None, _("the CSV cannot be read from this line on (%(reason)s)") % {
            "reason": error}


def _jsonl_records(text: IO[str]) -> Iterator[tuple[int, dict | None, str]]:
    for line, raw in enumerate(text, start=1):
        if not raw.strip():
            continue
        try:
            values = json.loads(raw)
        except ValueError:
            values = None
        if isinstance(values, dict):
            yield line, values, ""
        else:
            yield line, None, _("not a JSON object")


def _records(source, fmt: str) -> Iterator[tuple[int, dict | None, str]]:
    with _opened(source) as text:
        yield from (_csv_records if fmt == "csv" else _jsonl_records)(text)


# --- checking a row ------------------------------------------------------------------------

def _text(values: dict, key: str, reasons: list[str]) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        reasons.append(_("%(field)s must be text") % {"field": key})
        return ""
    return value.strip()


def _when(value: str, reasons: list[str]) -> dt.datetime | None:
    if not value:
        reasons.append(_("created_at is required"))
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        reasons.append(_("created_at %(value)s is not a date and time (ISO 8601, for "
                         "example 2026-11-25T09:30:00+08:00)") % {"value": value[:60]})
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when, timezone.get_default_timezone())
    if when > timezone.now() + FUTURE_SLACK:
        reasons.append(_("created_at is in the future"))
        return None
    return when


def check_row(line: int, values: dict) -> tuple[Row | None, list[str]]:
    reasons: list[str] = []
    message_id = _text(values, "id", reasons)
    author_id = _text(values, "author_id", reasons)
    author_name = _text(values, "author_name", reasons)
    text = _text(values, "text", reasons)
    parent_id = _text(values, "parent_id", reasons)
    created_at = _when(_text(values, "created_at", reasons), reasons)
    if not message_id:
        reasons.append(_("id is required"))
    for name, value, limit in (("id", message_id, ID_LIMIT),
                               ("author_id", author_id, AUTHOR_ID_LIMIT),
                               ("parent_id", parent_id, ID_LIMIT),
                               ("text", text, TEXT_LIMIT)):
        if len(value) > limit:
            reasons.append(_("%(field)s is longer than %(limit)s characters")
                           % {"field": name, "limit": f"{limit:,}"})
    if not text:
        reasons.append(_("text is required"))
    if message_id and parent_id == message_id:
        reasons.append(_("a comment cannot reply to itself"))
    if reasons:
        return None, reasons
    return Row(line, message_id, author_id, author_name[:200], text, created_at,
               parent_id), []


# --- the import ----------------------------------------------------------------------------

def _survey(source, fmt: str, name: str, report: ImportReport):
    """First read: every problem, the good rows' ids and who replies to whom."""
    ids: dict[str, int] = {}
    parents: dict[str, str] = {}
    bad_lines: set[int] = set()
    for line, values, reason in _records(source, fmt):
        if values is None and line == 1 and fmt == "csv":
            report.problems.append(Problem(name, line, reason))
            return None  # no usable header: nothing else can be read
        report.rows += 1
        if values is None:
            report.problems.append(Problem(name, line, reason))
            bad_lines.add(line)
            continue
        row, reasons = check_row(line, values)
        if row is not None and row.id in ids:
            reasons = [_("id %(id)s is also on line %(line)s")
                       % {"id": row.id, "line": ids[row.id]}]
        if reasons:
            report.problems.append(Problem(name, line, "; ".join(reasons)))
            bad_lines.add(line)
            continue
        ids[row.id] = line
        if row.parent_id:
            parents[row.id] = row.parent_id
    return ids, parents, bad_lines


def _top(message_id: str, parents: dict[str, str]) -> str:
    """The top of a reply chain: a row with no parent, or a parent not in the file."""
    seen = {message_id}
    current = message_id
    while current in parents and parents[current] not in seen:
        current = parents[current]
        seen.add(current)
    return current


def _good_rows(source, fmt: str, bad_lines: set[int]) -> Iterator[Row]:
    for line, values, _reason in _records(source, fmt):
        if values is not None and line not in bad_lines:
            row, _reasons = check_row(line, values)
            if row is not None:
                yield row


def _store(account: SocialAccount, rows: list[Row], ids, parents, report) -> None:
    tops = {row.id: _top(row.id, parents) for row in rows}
    wanted = {row.id for row in rows} | {top for top in tops.values() if top not in ids}
    stored = dict(Message.objects.filter(account=account, platform_message_id__in=wanted)
                  .values_list("platform_message_id", "conversation__thread_key"))
    # Oldest first, so a conversation's contact is whoever started it.
    batch = [{"id": row.id, "author_id": row.author_id, "author_name": row.author_name,
              "text": row.text, "created_at": row.created_at.isoformat(),
              "parent_id": row.parent_id,
              # the conversation the inbox already files this comment, or its top comment,
              # under (polling may have read them); else the top of its chain
              "thread": stored.get(row.id) or stored.get(tops[row.id]) or tops[row.id],
              "outgoing": bool(account.platform_id) and row.author_id == account.platform_id}
             for row in sorted(rows, key=lambda r: r.created_at)]
    already = sum(1 for row in rows if row.id in stored)
    delivery = Delivery.objects.create(
        source="import", body=import_events.body(account.platform, account.account_key, batch))
    ingest.process(delivery.pk)
    report.deliveries.append(delivery.pk)
    report.already += already
    report.stored += len(rows) - already


def import_messages(actor, account: SocialAccount, source: Path | str | IO, *,
                    name: str = "", fmt: str = "",
                    all_or_nothing: bool = False) -> ImportReport:
    """Import a file of exported comments into an official account's inbox. Bad rows are
    reported and skipped (or, with all_or_nothing, nothing is stored)."""
    permissions.require(can_import(actor, account.organisation),
                        _("Only the organisation's editors and administrators, or a "
                          "coordinator, may import messages."))
    if account.status != AccountStatus.OFFICIAL:
        raise MessageImportError("account_not_official", _(
            "Messages can only be imported for accounts that are official in the register."))
    name = name or (str(source) if isinstance(source, (str, Path))
                    else str(getattr(source, "name", "") or "upload"))
    report = ImportReport(name=name)
    try:
        report.format = fmt or detect_format(name, source)
        if report.format not in FORMATS:
            raise MessageImportError("bad_format", _("Unknown format %(format)s (csv or "
                                                     "jsonl).") % {"format": report.format})
        survey = _survey(source, report.format, name, report)
        if survey is None or (all_or_nothing and report.problems):
            return report
        ids, parents, bad_lines = survey
        if not ids:
            return report
        with transaction.atomic():
            rows: list[Row] = []
            for row in _good_rows(source, report.format, bad_lines):
                rows.append(row)
                if len(rows) == BATCH:
                    _store(account, rows, ids, parents, report)
                    rows = []
            if rows:
                _store(account, rows, ids, parents, report)
            record(actor, "inbox.messages_imported", account, after={
                "file": name, "format": report.format, "rows": report.rows,
                "stored": report.stored, "already": report.already,
                "bad_rows": len(report.problems), "deliveries": report.deliveries})
        report.applied = True
    except UnicodeDecodeError:
        report.problems.append(Problem(name, 0, _("the file is not UTF-8 text")))
        report.applied, report.stored, report.already = False, 0, 0
        report.deliveries = []
    return report


def summary(report: ImportReport) -> str:
    """One line for a person (the command, or a page after an upload)."""
    line = _("Rows read: %(rows)s; new messages: %(stored)s; already in the inbox: "
             "%(already)s; bad rows: %(bad)s.") % {
        "rows": report.rows, "stored": report.stored, "already": report.already,
        "bad": len(report.problems)}
    if not report.applied and report.problems:
        line += " " + _("Nothing was imported.")
    return line

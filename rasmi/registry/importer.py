"""Bulk import of organisations and accounts from CSV (`rasmi import_registry`, staff UI).

Three steps, the first two shared by the preview (a dry run) and the real run:

1. Parse: every row is checked on its own (columns, codes, URLs, statuses, duplicates in
   the file) and each bad one reported with file, line and reason, in the reader's
   language.
2. Plan: the rows are compared with the register, read once as plain values (no model
   objects; the whole table in one pass for a large file, a few `IN (...)` queries for a
   small one, never a query per row), which gives the clashes (an account registered
   elsewhere, a former address, another account's platform id, a pending row for a decided
   account) and exactly what applying would create and change. Nothing is written if any
   row is bad.
3. Apply: plain INSERT/UPDATE statements in batches (rasmi.bulksql; COPY on PostgreSQL),
   the public change feed, and one audit entry per AUDIT_BATCH records listing what was
   created (its key and values) and what changed (its key and each changed field as
   [before, after]). The database still enforces every constraint.

A real run does steps 1 to 3 in one transaction that first stops other writers of the
register (SQLite's write lock, taken at BEGIN; a SHARE ROW EXCLUSIVE table lock on
PostgreSQL; readers such as verify carry on), so the plan cannot go stale before it is
applied and either every row is written or none is. A constraint the plan missed still
stops the database, and is reported instead of a traceback.

Statuses: every register status is accepted.
- A `pending` row enters the approval queue exactly as `services.submit_account` leaves a
  submission: status pending, the importer as submitter and nobody as reviewer, no review
  dates, an attestation (evidence) saying which file and line it came from, and its audit
  record (the import's account and evidence entries list it). It is never public
  (directory, API lists and export, census, change feed) and verify answers
  `not_registered` until another coordinator approves it: the importer cannot approve it,
  neither in the queue nor by importing it again as `official` (nor decide it any other
  way by import: `archived` today could become `official` tomorrow).
- A pending row for an account the register already holds as decided (official,
  unofficial, archived, ...) is a row problem ("already official in the register; a
  pending row cannot send it back to the approval queue"), not a silent demotion and not a
  silent skip: the file and the register disagree, and the coordinator should know (and
  fix the row: drop it, or give the register's status). A pending row for an account that
  is still pending is unchanged.
- A row that changes an account's status is a decision, recorded like one made in the
  staff pages: an AccountReview ("approved" when a pending account becomes official,
  "status changed" otherwise) naming the file and line, and a change-feed entry when the
  change is public.

Re-importing the same files changes nothing and writes nothing: no audit entry, no change
feed entry, no new register version.
"""

import csv
import datetime as dt
import gc
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain

from django.conf import settings
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasmi.audit.services import PendingEntry, record_many
from rasmi.batchio import Problem
from rasmi.bulksql import insert_rows, update_rows
from rasmi.core import links
from rasmi.core.platforms import PLATFORM_CODES
from rasmi.people import permissions
from rasmi.registry.models import (
    AccountAlias,
    AccountReview,
    AccountStatus,
    Evidence,
    EvidenceKind,
    Organisation,
    OrganisationKind,
    RegisterChange,
    ReviewDecision,
    SocialAccount,
)
from rasmi.registry.services import PUBLIC_STATUSES, bump_register_version

ORG_COLUMNS = ("code", "name_ms", "name_en", "acronyms", "kind", "parent_code", "website")
ACCOUNT_COLUMNS = ("organisation_code", "platform", "url", "status", "platform_id",
                   "previous_urls")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_PLATFORM_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
CHUNK = 900  # stays under SQLite's bound-parameter limit in IN queries
AUDIT_BATCH = 5000  # records listed in one audit entry
WHOLE_TABLE = 5000  # asked about this many accounts or more, read the table in one pass
STATUSES = frozenset(AccountStatus.values)
# Tables whose writers wait while an import runs on PostgreSQL (readers do not).
LOCKED_TABLES = (Organisation, SocialAccount, AccountAlias)


@dataclass
class OrgRow:
    line: int
    code: str
    name_ms: str
    name_en: str
    acronyms: list[str]
    kind: str
    parent_code: str
    website: str

    def fields(self) -> dict:
        return {"name_ms": self.name_ms, "name_en": self.name_en, "acronyms": self.acronyms,
                "kind": self.kind, "website": self.website, "parent": self.parent_code or None}


@dataclass(slots=True)
class AccountRow:
    line: int
    organisation_code: str
    ref: links.AccountRef
    status: str
    platform_id: str
    previous: list[links.AccountRef]

    @property
    def stored_platform_id(self) -> str:
        """What the register stores: the file's platform_id, or the id in the URL itself."""
        return self.platform_id or (self.ref.handle if self.ref.is_platform_id else "")


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    organisations: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    accounts: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0, "queued": 0})
    rows_read: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "accounts": 0})
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


# --- 1. parse ------------------------------------------------------------------------------

def _reader(source, name: str, columns: tuple[str, ...],
            report: ImportReport) -> Iterator[tuple[int, dict]]:
    """Yield (line, row dict) for each data row; a bad header is reported as line 1."""
    text = source if isinstance(source, io.TextIOBase) else io.StringIO(source)
    reader = csv.reader(text)
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in columns if c not in header]
    if missing:
        report.problems.append(Problem(name, 1, _("missing column(s): %(columns)s")
                                       % {"columns": ", ".join(missing)}))
        return
    width = len(header)
    start = 2
    for cells in reader:
        if len(cells) == width:
            values = [cell.strip() for cell in cells]
            if any(values):
                yield start, dict(zip(header, values, strict=True))
        elif len(cells) > width:
            report.problems.append(Problem(name, start, _("too many fields in this row")))
        elif cells:
            report.problems.append(Problem(name, start, _("too few fields in this row")))
        start = reader.line_num + 1


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()] if value else []


def _parse_org_rows(source, name: str, report: ImportReport) -> list[OrgRow]:
    rows, seen = [], {}
    for line, row in _reader(source, name, ORG_COLUMNS, report):
        report.rows_read["organisations"] += 1
        code = row["code"].lower()
        reasons = []
        if not _CODE.match(code):
            reasons.append(_("bad code %(code)r (lowercase letters, digits, - or _)")
                           % {"code": row["code"]})
        elif code in seen:
            reasons.append(_("duplicate code %(code)r (also line %(line)s)")
                           % {"code": code, "line": seen[code]})
        if not row["name_ms"] or not row["name_en"]:
            reasons.append(_("name_ms and name_en are required"))
        if len(row["name_ms"]) > 255 or len(row["name_en"]) > 255:
            reasons.append(_("name longer than 255 characters"))
        if row["kind"] not in OrganisationKind.values:
            reasons.append(_("bad kind %(kind)r (one of %(kinds)s)")
                           % {"kind": row["kind"], "kinds": ", ".join(OrganisationKind.values)})
        website = re.sub(r"^https?://", "", row["website"].lower()).rstrip("/")
        if website and not _DOMAIN.match(website):
            reasons.append(_("bad website %(website)r (a domain such as moh.gov.my)")
                           % {"website": row["website"]})
        if row["parent_code"].lower() == code:
            reasons.append(_("an organisation cannot be its own parent"))
        if reasons:
            report.problems.append(Problem(name, line, "; ".join(reasons)))
            continue
        seen[code] = line
        rows.append(OrgRow(line, code, row["name_ms"], row["name_en"], _split(row["acronyms"]),
                           row["kind"], row["parent_code"].lower(), website))
    return rows


def _check_parents(rows: list[OrgRow], known: dict[str, "OrgInDb"], name: str,
                   report: ImportReport) -> None:
    parents = {code: org.parent_code for code, org in known.items()}
    parents.update({row.code: row.parent_code for row in rows})
    for row in rows:
        if row.parent_code and row.parent_code not in parents:
            report.problems.append(Problem(name, row.line, _("unknown parent_code %(code)r")
                                           % {"code": row.parent_code}))
            continue
        seen, current = {row.code}, row.parent_code
        while current:
            if current in seen:
                report.problems.append(Problem(name, row.line, _("parent_code makes a cycle")))
                break
            seen.add(current)
            current = parents.get(current, "")


def _parse_account_rows(source, name: str, org_codes: set[str],
                        report: ImportReport) -> list[AccountRow]:
    rows: list[AccountRow] = []
    keys: dict[str, tuple[int, str]] = {}
    ids: dict[tuple[str, str], int] = {}
    statuses = ", ".join(sorted(STATUSES))
    parse = links.parse_account
    for line, row in _reader(source, name, ACCOUNT_COLUMNS, report):
        report.rows_read["accounts"] += 1
        reasons = []
        org_code, platform = row["organisation_code"].lower(), row["platform"].lower()
        if org_code not in org_codes:
            reasons.append(_("unknown organisation %(code)r") % {"code": row["organisation_code"]})
        ref = None
        if platform not in PLATFORM_CODES:
            reasons.append(_("unknown platform %(platform)r") % {"platform": row["platform"]})
        else:
            parsed = parse(row["url"], platform)
            if isinstance(parsed, links.LinkError):
                reasons.append(_("URL does not parse: %(reason)s") % {"reason": parsed.reason})
            elif parsed.platform != platform:
                reasons.append(_("URL is a %(found)s address, not %(platform)s")
                               % {"found": parsed.platform, "platform": platform})
            else:
                ref = parsed
        status = row["status"]
        if status not in STATUSES:
            reasons.append(_("bad status %(status)r (one of %(statuses)s)")
                           % {"status": status, "statuses": statuses})
        platform_id = row["platform_id"]
        if platform_id and not _PLATFORM_ID.match(platform_id):
            reasons.append(_("bad platform_id %(id)r") % {"id": platform_id})
            platform_id = ""
        # The id the register would store: the column, or the id the URL itself names.
        stored_id = platform_id or (ref.handle if ref is not None and ref.is_platform_id else "")
        if stored_id and (platform, stored_id) in ids:
            reasons.append(_("platform_id %(id)s also on line %(line)s")
                           % {"id": stored_id, "line": ids[(platform, stored_id)]})
        previous = []
        for old_url in _split(row["previous_urls"]):
            old = parse(old_url, platform if platform in PLATFORM_CODES else None)
            if isinstance(old, links.LinkError):
                reasons.append(_("previous URL %(url)r does not parse: %(reason)s")
                               % {"url": old_url, "reason": old.reason})
            elif old.platform != platform:
                reasons.append(_("previous URL %(url)r is not on %(platform)s")
                               % {"url": old_url, "platform": platform})
            else:
                previous.append(old)
        if ref is not None:
            for key in [ref.key] + [old.key for old in previous]:
                if key in keys:
                    other_line, other_org = keys[key]
                    if other_org != org_code:
                        reasons.append(_("duplicate account across organisations: %(key)s is "
                                         "also on line %(line)s for %(org)r")
                                       % {"key": key, "line": other_line, "org": other_org})
                    else:
                        reasons.append(_("duplicate of line %(line)s (%(key)s)")
                                       % {"line": other_line, "key": key})
        if reasons:
            report.problems.append(Problem(name, line, "; ".join(reasons)))
            continue
        keys[ref.key] = (line, org_code)
        for old in previous:
            keys[old.key] = (line, org_code)
        if stored_id:
            ids[(platform, stored_id)] = line
        rows.append(AccountRow(line, org_code, ref, status, platform_id, previous))
    return rows


# --- 2. plan -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class OrgInDb:
    id: int
    name_ms: str
    name_en: str
    acronyms: list
    kind: str
    website: str
    parent_code: str

    def fields(self) -> dict:
        return {"name_ms": self.name_ms, "name_en": self.name_en, "acronyms": self.acronyms,
                "kind": self.kind, "website": self.website, "parent": self.parent_code or None}


@dataclass(frozen=True, slots=True)
class AccountInDb:
    id: int
    organisation_code: str
    status: str
    platform_id: str
    submitted_by_id: int | None


@dataclass
class RegisterState:
    """The part of the register the file touches, as plain values."""

    accounts: dict[str, AccountInDb] = field(default_factory=dict)  # by key
    aliases: dict[str, str] = field(default_factory=dict)  # former key -> account key
    id_owners: dict[tuple[str, str], str] = field(default_factory=dict)  # -> account key


@dataclass
class Plan:
    new_orgs: list[OrgRow] = field(default_factory=list)
    changed_orgs: list[tuple[OrgRow, OrgInDb]] = field(default_factory=list)
    new_accounts: list[AccountRow] = field(default_factory=list)
    changed_accounts: list[tuple[AccountRow, AccountInDb]] = field(default_factory=list)
    new_aliases: list[tuple[AccountRow, links.AccountRef]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_orgs or self.changed_orgs or self.new_accounts
                    or self.changed_accounts or self.new_aliases)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _organisations_in_db() -> dict[str, OrgInDb]:
    return {code: OrgInDb(pk, name_ms, name_en, acronyms or [], kind, website, parent or "")
            for pk, code, name_ms, name_en, acronyms, kind, website, parent
            in Organisation.objects.order_by().values_list(
                "id", "code", "name_ms", "name_en", "acronyms", "kind", "website",
                "parent__code")}


def _whole_table(wanted: int) -> bool:
    """One pass over the table beats hundreds of IN (...) queries, unless the table is
    much larger than what the file asks about."""
    return wanted >= WHOLE_TABLE and SocialAccount.objects.count() <= wanted * 10


def _register_state(rows: list[AccountRow], orgs_in_db: dict[str, OrgInDb]) -> RegisterState:
    """Every account, former address and platform id the rows name, in a fixed number of
    queries: one pass over each table for a large file, `IN (...)` chunks for a small one."""
    code_of = {org.id: code for code, org in orgs_in_db.items()}
    keys = {row.ref.key for row in rows}
    keys.update(old.key for row in rows for old in row.previous)
    ids_by_platform: dict[str, set[str]] = {}
    for row in rows:
        if pid := row.stored_platform_id:
            ids_by_platform.setdefault(row.ref.platform, set()).add(pid)
    accounts = SocialAccount.objects.order_by().values_list(
        "account_key", "id", "organisation_id", "status", "platform", "platform_id",
        "submitted_by_id")
    aliases = AccountAlias.objects.order_by().values_list("account_key", "account__account_key")
    if _whole_table(len(keys)):
        found = accounts.iterator(chunk_size=10_000)
        found_aliases = aliases.iterator(chunk_size=10_000)
    else:
        wanted = sorted(keys)
        found = chain(
            *(accounts.filter(account_key__in=chunk) for chunk in _chunks(wanted)),
            # (platform, platform_id) is the indexed pair: ask with both.
            *(accounts.filter(platform=platform, platform_id__in=chunk)
              for platform, pids in sorted(ids_by_platform.items())
              for chunk in _chunks(sorted(pids))))
        found_aliases = chain(*(aliases.filter(account_key__in=chunk)
                                for chunk in _chunks(wanted)))
    state = RegisterState()
    for key, pk, org_id, status, platform, pid, submitted_by in found:
        if key in keys:
            state.accounts[key] = AccountInDb(pk, code_of.get(org_id, ""), status, pid,
                                              submitted_by)
        if pid and pid in ids_by_platform.get(platform, ()):
            state.id_owners[(platform, pid)] = key
    state.aliases = {key: owner for key, owner in found_aliases if key in keys}
    return state


def _plan_organisations(rows: list[OrgRow], in_db: dict[str, OrgInDb], plan: Plan,
                        report: ImportReport) -> None:
    for row in rows:
        current = in_db.get(row.code)
        if current is None:
            plan.new_orgs.append(row)
            report.organisations["created"] += 1
        elif current.fields() != row.fields():
            plan.changed_orgs.append((row, current))
            report.organisations["updated"] += 1
        else:
            report.organisations["unchanged"] += 1


def _plan_accounts(actor, rows: list[AccountRow], orgs_in_db: dict[str, OrgInDb], name: str,
                   plan: Plan, report: ImportReport) -> None:
    """Clashes with the register become problems; the rest becomes the plan."""
    state = _register_state(rows, orgs_in_db)
    counts = report.accounts
    for row in rows:
        current = state.accounts.get(row.ref.key)
        reasons = _clashes(actor, row, current, state)
        if reasons:
            report.problems.append(Problem(name, row.line, "; ".join(reasons)))
            continue
        new_aliases = [old for old in row.previous if old.key not in state.aliases]
        plan.new_aliases += [(row, old) for old in new_aliases]
        if current is None:
            plan.new_accounts.append(row)
            counts["created"] += 1
            counts["queued"] += row.status == AccountStatus.PENDING
        elif current.status != row.status or (
                row.stored_platform_id and row.stored_platform_id != current.platform_id):
            plan.changed_accounts.append((row, current))
            counts["updated"] += 1
        elif new_aliases:
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1


def _clashes(actor, row: AccountRow, current: AccountInDb | None,
             state: RegisterState) -> list[str]:
    reasons = []
    aliases = state.aliases
    if current is not None and current.organisation_code != row.organisation_code:
        reasons.append(_("duplicate account across organisations: already registered under "
                         "%(org)r") % {"org": current.organisation_code})
    if row.ref.key in aliases and aliases[row.ref.key] != row.ref.key:
        reasons.append(_("a former address of %(key)s; it can never be registered again")
                       % {"key": aliases[row.ref.key]})
    platform_id = row.stored_platform_id
    owner = state.id_owners.get((row.ref.platform, platform_id)) if platform_id else None
    if owner is not None and owner != row.ref.key:
        reasons.append(_("platform_id %(id)s belongs to %(key)s")
                       % {"id": platform_id, "key": owner})
    for old in row.previous:
        if old.key in state.accounts:
            reasons.append(_("previous URL %(url)s is itself a registered account")
                           % {"url": old.canonical_url})
        elif old.key in aliases and aliases[old.key] != row.ref.key:
            reasons.append(_("previous URL %(url)s belongs to %(key)s")
                           % {"url": old.canonical_url, "key": aliases[old.key]})
    if current is not None and row.status == AccountStatus.PENDING \
            and current.status != AccountStatus.PENDING:
        reasons.append(_("already %(status)s in the register; a pending row cannot send it "
                         "back to the approval queue") % {"status": current.status})
    # Any decision on one's own submission, not only approval: archived or unofficial
    # could otherwise become official by the next import, bypassing the checker.
    if current is not None and current.status == AccountStatus.PENDING \
            and row.status != AccountStatus.PENDING and current.submitted_by_id == actor.pk:
        reasons.append(_("you submitted this account, so another coordinator must approve it"))
    return reasons


def _check(actor, report: ImportReport, organisations, accounts, organisations_name: str,
           accounts_name: str) -> tuple[Plan, dict[str, OrgInDb]]:
    """Steps 1 and 2: every problem goes into the report; the plan is what is left."""
    org_rows = _parse_org_rows(organisations, organisations_name, report) if organisations else []
    orgs_in_db = _organisations_in_db()
    _check_parents(org_rows, orgs_in_db, organisations_name, report)
    org_codes = set(orgs_in_db) | {row.code for row in org_rows}
    account_rows = (_parse_account_rows(accounts, accounts_name, org_codes, report)
                    if accounts else [])
    plan = Plan()
    _plan_organisations(org_rows, orgs_in_db, plan, report)
    _plan_accounts(actor, account_rows, orgs_in_db, accounts_name, plan, report)
    report.problems.sort(key=lambda problem: (problem.file != organisations_name, problem.line))
    return plan, orgs_in_db


@contextmanager
def _collector_paused():
    """Parsing and planning make a few hundred thousand small objects and no reference
    cycles; left on, the cyclic garbage collector walks them over and over (measured: about
    half the parsing time of 100,000 rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lock_register() -> None:
    """Stop other writers of the register until this transaction ends; readers go on.
    SQLite already holds its write lock (transactions begin IMMEDIATE)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table)
                           for model in LOCKED_TABLES)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")


def run_import(actor, *, organisations=None, accounts=None, dry_run: bool = False,
               organisations_name: str = "organisations.csv",
               accounts_name: str = "accounts.csv", is_demo: bool = False) -> ImportReport:
    """Validate both files, then (unless dry_run or any problem) apply them together."""
    permissions.require(permissions.can_manage_register(actor),
                        _("Only a national coordinator can import the register."))
    report = ImportReport()
    names = (organisations_name, accounts_name)
    with _collector_paused():
        if dry_run:
            _check(actor, report, organisations, accounts, *names)
            return report
        try:
            with transaction.atomic():
                _lock_register()
                plan, orgs_in_db = _check(actor, report, organisations, accounts, *names)
                if report.problems:
                    return report
                if not plan.empty:
                    _apply(actor, plan, orgs_in_db, is_demo, accounts_name)
        except (IntegrityError, DataError) as exc:
            # The plan should have caught it; the database did, and rolled everything back.
            detail = str(exc).strip().splitlines()
            report.problems.append(Problem(
                accounts_name if accounts else organisations_name, 0,
                _("the database refused the import, so nothing was written: %(error)s")
                % {"error": detail[0] if detail else type(exc).__name__}))
            return report
    report.applied = True
    return report


# --- 3. apply ------------------------------------------------------------------------------

ORG_FIELDS = ("code", "name_ms", "name_en", "acronyms", "kind", "website")
ORG_AUDIT_COLUMNS = (*ORG_FIELDS, "parent")
ACCOUNT_FIELDS = ("organisation", "platform", "account_key", "canonical_url", "handle",
                  "platform_id", "status", "submitted_by", "reviewed_by", "is_demo",
                  "official_since", "last_reviewed", "next_review_due")
ACCOUNT_AUDIT_COLUMNS = ("account", "organisation", "status", "platform_id")


def _apply(actor, plan: Plan, orgs_in_db: dict[str, OrgInDb], is_demo: bool,
           source_name: str) -> None:
    audit: list[PendingEntry] = []
    source_name = source_name or "CSV"
    org_ids = _apply_organisations(plan, orgs_in_db, audit)
    account_ids = _apply_accounts(actor, plan, org_ids, is_demo, source_name, audit)
    _apply_aliases(plan, account_ids, audit)
    record_many(actor, audit)
    bump_register_version()


def _batched_entries(action: str, object_type: str, columns: tuple[str, ...],
                     created: list[list], changed: list[list]) -> list[PendingEntry]:
    """One audit entry per AUDIT_BATCH records. `after` holds the created records as rows
    under `columns`, and the changed ones as [key, {field: [before, after]}]: compact,
    because a 100,000-row import is hashed and stored in full."""
    items = [("created", row) for row in created] + [("changed", row) for row in changed]
    total = (len(items) + AUDIT_BATCH - 1) // AUDIT_BATCH
    entries = []
    for number, start in enumerate(range(0, len(items), AUDIT_BATCH), 1):
        batch = items[start:start + AUDIT_BATCH]
        after = {"columns": list(columns),
                 "created": [row for kind, row in batch if kind == "created"],
                 "changed": [row for kind, row in batch if kind == "changed"]}
        entries.append(PendingEntry(action, object_type, f"import {number}/{total}", None,
                                    after))
    return entries


def _apply_organisations(plan: Plan, in_db: dict[str, OrgInDb],
                         audit: list[PendingEntry]) -> dict[str, int]:
    """Write organisations; return every organisation's id by code."""
    ids = {code: org.id for code, org in in_db.items()}
    if not (plan.new_orgs or plan.changed_orgs):
        return ids
    insert_rows(Organisation, (*ORG_FIELDS, "parent"),
                [(row.code, row.name_ms, row.name_en, row.acronyms, row.kind, row.website,
                  ids.get(row.parent_code)) for row in plan.new_orgs])
    for chunk in _chunks([row.code for row in plan.new_orgs]):
        ids.update(Organisation.objects.filter(code__in=chunk).values_list("code", "id"))
    # A new organisation's parent may be new too: point it there now that both have ids.
    late_parents = [(ids[row.parent_code], ids[row.code]) for row in plan.new_orgs
                    if row.parent_code and row.parent_code not in in_db]
    update_rows(Organisation, ("parent",), late_parents)
    update_rows(Organisation, (*ORG_FIELDS[1:], "parent"),
                [(row.name_ms, row.name_en, row.acronyms, row.kind, row.website,
                  ids.get(row.parent_code), current.id) for row, current in plan.changed_orgs])
    audit += _batched_entries(
        "registry.organisation.import", "registry.organisation", ORG_AUDIT_COLUMNS,
        [[row.code, row.name_ms, row.name_en, row.acronyms, row.kind, row.website,
          row.parent_code or None] for row in plan.new_orgs],
        [[row.code, _diff(current.fields(), row.fields())]
         for row, current in plan.changed_orgs])
    return ids


def _diff(before: dict, after: dict) -> dict:
    return {k: [before[k], v] for k, v in after.items() if before.get(k) != v}


ReviewDates = tuple[dt.date | None, dt.date | None, dt.date | None]


def _review_dates(status: str, dates: ReviewDates, today: dt.date,
                  due: dt.date) -> ReviewDates:
    """official_since, last_reviewed, next_review_due for an account now in `status`."""
    if status != AccountStatus.OFFICIAL:
        return dates
    return dates[0] or today, dates[1] or today, dates[2] or due


def _current_values(ids: list[int]) -> dict[int, tuple[ReviewDates, int | None]]:
    """Review dates and reviewer of the accounts that change; only they need them, so they
    are not part of the plan's table scan."""
    found: dict[int, tuple[ReviewDates, int | None]] = {}
    for chunk in _chunks(ids):
        for pk, since, reviewed, due, reviewer in SocialAccount.objects.filter(
                pk__in=chunk).values_list("id", "official_since", "last_reviewed",
                                          "next_review_due", "reviewed_by_id"):
            found[pk] = ((since, reviewed, due), reviewer)
    return found


def _ids_by_key(keys: set[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        ids.update(SocialAccount.objects.filter(account_key__in=chunk)
                   .values_list("account_key", "id"))
    return ids


def _apply_accounts(actor, plan: Plan, org_ids: dict[str, int], is_demo: bool,
                    source_name: str, audit: list[PendingEntry]) -> dict[str, int]:
    """Write accounts, the change feed, pending submissions' evidence and the decisions;
    return the ids of the new accounts the aliases and the evidence need."""
    today = timezone.localdate()
    due = today + dt.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    pending = AccountStatus.PENDING
    new_rows = []
    for row in plan.new_accounts:
        # A pending row is a submission: nobody has reviewed it yet.
        new_rows.append((org_ids[row.organisation_code], row.ref.platform, row.ref.key,
                         row.ref.canonical_url, row.ref.handle, row.stored_platform_id,
                         row.status, actor.pk, None if row.status == pending else actor.pk,
                         is_demo, *_review_dates(row.status, (None, None, None), today, due)))
    insert_rows(SocialAccount, ACCOUNT_FIELDS, new_rows)
    current_values = _current_values([current.id for _row, current in plan.changed_accounts])
    updates = []
    for row, current in plan.changed_accounts:
        dates, reviewer = current_values[current.id]
        decided = row.status != current.status
        updates.append((row.status, row.stored_platform_id or current.platform_id,
                        actor.pk if decided else reviewer,
                        *_review_dates(row.status, dates, today, due), current.id))
    update_rows(SocialAccount, ("status", "platform_id", "reviewed_by", "official_since",
                                "last_reviewed", "next_review_due"), updates)
    _record_decisions(actor, plan, org_ids, source_name)
    ids = _ids_by_key({row.ref.key for row, _old in plan.new_aliases}
                      | {row.ref.key for row in plan.new_accounts if row.status == pending})
    _queue_pending(actor, [row for row in plan.new_accounts if row.status == pending], ids,
                   source_name, audit)
    _feed(plan, org_ids)
    created = [[row.ref.key, row.organisation_code, row.status, row.stored_platform_id]
               for row in plan.new_accounts]
    changed = [[row.ref.key, _diff({"status": current.status,
                                    "platform_id": current.platform_id},
                                   {"status": row.status,
                                    "platform_id": row.stored_platform_id or current.platform_id})]
               for row, current in plan.changed_accounts]
    audit += _batched_entries("registry.account.import", "registry.socialaccount",
                              ACCOUNT_AUDIT_COLUMNS, created, changed)
    return ids


def _record_decisions(actor, plan: Plan, org_ids: dict[str, int], source_name: str) -> None:
    """A status the file changes is a decision, kept beside those made in the staff pages
    (approve_account, set_status): approved when a pending account becomes official."""
    rows = []
    for row, current in plan.changed_accounts:
        if row.status == current.status:
            continue
        decision = (ReviewDecision.APPROVED if current.status == AccountStatus.PENDING
                    and row.status == AccountStatus.OFFICIAL else ReviewDecision.STATUS_CHANGED)
        rows.append((current.id, org_ids[row.organisation_code], row.ref.key,
                     row.ref.canonical_url, decision,
                     _("Imported from %(file)s, line %(line)s.")
                     % {"file": source_name, "line": row.line},
                     current.submitted_by_id, actor.pk))
    insert_rows(AccountReview, ("account", "organisation", "account_key", "url", "decision",
                                "reason", "submitted_by", "reviewer"), rows)


def _queue_pending(actor, rows: list[AccountRow], ids: dict[str, int], source_name: str,
                   audit: list[PendingEntry]) -> None:
    """A pending row is a submission: its evidence says where it came from."""
    evidence = [(row.ref.key, EvidenceKind.ATTESTATION,
                 _("Imported as awaiting approval from %(file)s, line %(line)s.")
                 % {"file": source_name, "line": row.line}) for row in rows]
    insert_rows(Evidence, ("account", "kind", "note", "added_by"),
                [(ids[key], kind, note, actor.pk) for key, kind, note in evidence])
    audit += _batched_entries("registry.evidence.import", "registry.evidence",
                              ("account", "kind", "note"),
                              [[key, str(kind), note] for key, kind, note in evidence], [])


def _feed(plan: Plan, org_ids: dict[str, int]) -> None:
    """The public change feed: what a citizen can now see. Pending accounts never appear;
    one leaving the queue by import appears as added."""
    fields = ("kind", "organisation", "platform", "account_key", "url", "old_status",
              "new_status")
    added = RegisterChange.Kind.ADDED
    changes = [(added, org_ids[row.organisation_code], row.ref.platform,
                row.ref.key, row.ref.canonical_url, "", row.status)
               for row in plan.new_accounts if row.status in PUBLIC_STATUSES]
    for row, current in plan.changed_accounts:
        if row.status == current.status or row.status not in PUBLIC_STATUSES:
            continue
        if current.status == AccountStatus.PENDING:
            kind, old = added, ""
        else:
            kind, old = RegisterChange.Kind.STATUS_CHANGED, current.status
        changes.append((kind, org_ids[row.organisation_code], row.ref.platform, row.ref.key,
                        row.ref.canonical_url, old, row.status))
    insert_rows(RegisterChange, fields, changes)


def _apply_aliases(plan: Plan, account_ids: dict[str, int], audit: list[PendingEntry]) -> None:
    insert_rows(AccountAlias, ("account", "account_key", "url", "handle"), [
        (account_ids[row.ref.key], old.key, old.canonical_url, old.handle)
        for row, old in plan.new_aliases])
    audit += _batched_entries("registry.alias.import", "registry.accountalias",
                              ("alias", "account"),
                              [[old.key, row.ref.key] for row, old in plan.new_aliases], [])

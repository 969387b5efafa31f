"""Bulk import of organisations and accounts from CSV (`rasmi import_registry`, staff UI).

Three steps, the first two shared by the preview and the real run:

1. Parse: every row is checked on its own (columns, codes, URLs, statuses, duplicates in
   the file) and each bad one reported with file, line and reason, in the reader's
   language.
2. Plan: the rows are compared with the register, read once in chunks as plain values
   (no model objects), which gives the clashes (an account registered elsewhere, a former
   address, another account's platform id) and exactly what applying would create and
   change. Nothing is written if any row is bad.
3. Apply, in one transaction: plain INSERT/UPDATE statements in batches (rasmi.bulksql),
   the public change feed, and one audit entry per batch of records listing what was
   created and what changed from what. The database still enforces every constraint.

Statuses: every register status is accepted. A `pending` row enters the approval queue
exactly as a submission does: the importer is its submitter (so someone else must approve
it), an evidence note says which file and line it came from, it is never public and verify
answers `not_registered` until it is approved. A pending row cannot send an account that
is already decided (official, unofficial, ...) back to the queue, and the importer cannot
approve their own pending submission by importing it again as official: both are row
problems. Re-importing the same files changes nothing and writes no audit entry.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasmi.audit.services import PendingEntry, record_many
from rasmi.bulksql import insert_rows, update_rows
from rasmi.core import links
from rasmi.core.platforms import PLATFORM_CODES
from rasmi.people import permissions
from rasmi.registry.models import (
    AccountAlias,
    AccountStatus,
    Evidence,
    EvidenceKind,
    Organisation,
    OrganisationKind,
    RegisterChange,
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


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


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


@dataclass
class AccountRow:
    line: int
    organisation_code: str
    ref: links.AccountRef
    status: str
    platform_id: str
    previous: list[links.AccountRef]

    @property
    def stored_platform_id(self) -> str:
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
        if len(cells) > width:
            report.problems.append(Problem(name, start, _("too many fields in this row")))
        elif cells and len(cells) < width:
            report.problems.append(Problem(name, start, _("too few fields in this row")))
        elif any(cells):
            values = [cell.strip() for cell in cells]
            if any(values):
                yield start, dict(zip(header, values, strict=True))
        start = reader.line_num + 1


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


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
            parsed = links.parse_account(row["url"], platform)
            if isinstance(parsed, links.LinkError):
                reasons.append(_("URL does not parse: %(reason)s") % {"reason": parsed.reason})
            elif parsed.platform != platform:
                reasons.append(_("URL is a %(found)s address, not %(platform)s")
                               % {"found": parsed.platform, "platform": platform})
            else:
                ref = parsed
        if row["status"] not in STATUSES:
            reasons.append(_("bad status %(status)r (one of %(statuses)s)")
                           % {"status": row["status"], "statuses": statuses})
        platform_id = row["platform_id"]
        if platform_id and not _PLATFORM_ID.match(platform_id):
            reasons.append(_("bad platform_id %(id)r") % {"id": platform_id})
        elif platform_id and (platform, platform_id) in ids:
            reasons.append(_("platform_id %(id)s also on line %(line)s")
                           % {"id": platform_id, "line": ids[(platform, platform_id)]})
        previous = []
        for old_url in _split(row["previous_urls"]):
            old = links.parse_account(old_url, platform if platform in PLATFORM_CODES else None)
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
        if platform_id:
            ids[(platform, platform_id)] = line
        rows.append(AccountRow(line, org_code, ref, row["status"], platform_id, previous))
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
            in Organisation.objects.values_list("id", "code", "name_ms", "name_en", "acronyms",
                                                "kind", "website", "parent__code")}


def _accounts_in_db(keys: list[str]) -> dict[str, AccountInDb]:
    columns = ("account_key", "id", "organisation__code", "status", "platform_id",
               "submitted_by_id")
    accounts = SocialAccount.objects.order_by()
    if len(keys) >= WHOLE_TABLE:  # one scan beats hundreds of IN (...) queries
        wanted = set(keys)
        return {key: AccountInDb(*values) for key, *values
                in accounts.values_list(*columns).iterator(chunk_size=10_000) if key in wanted}
    found: dict[str, AccountInDb] = {}
    for chunk in _chunks(keys):
        for key, *values in accounts.filter(account_key__in=chunk).values_list(*columns):
            found[key] = AccountInDb(*values)
    return found


def _aliases_in_db(keys: list[str]) -> dict[str, str]:
    """Former address key -> the key of the account it belongs to."""
    aliases = AccountAlias.objects.order_by().values_list("account_key", "account__account_key")
    if len(keys) >= WHOLE_TABLE:
        wanted = set(keys)
        return {alias: owner for alias, owner in aliases.iterator(chunk_size=10_000)
                if alias in wanted}
    found: dict[str, str] = {}
    for chunk in _chunks(keys):
        found.update(aliases.filter(account_key__in=chunk))
    return found


def _platform_id_owners(rows: list[AccountRow]) -> dict[tuple[str, str], str]:
    owners: dict[tuple[str, str], str] = {}
    for chunk in _chunks([row.platform_id for row in rows if row.platform_id]):
        for platform, pid, key in SocialAccount.objects.filter(platform_id__in=chunk).values_list(
                "platform", "platform_id", "account_key"):
            owners[(platform, pid)] = key
    return owners


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


def _plan_accounts(actor, rows: list[AccountRow], name: str, plan: Plan,
                   report: ImportReport) -> None:
    """Clashes with the register become problems; the rest becomes the plan."""
    keys = [row.ref.key for row in rows]
    alias_keys = [old.key for row in rows for old in row.previous]
    in_db = _accounts_in_db(keys + alias_keys)
    aliases = _aliases_in_db(keys + alias_keys)
    id_owner = _platform_id_owners(rows)
    for row in rows:
        current = in_db.get(row.ref.key)
        reasons = _clashes(actor, row, current, in_db, aliases, id_owner)
        if reasons:
            report.problems.append(Problem(name, row.line, "; ".join(reasons)))
            continue
        if current is None:
            plan.new_accounts.append(row)
            report.accounts["created"] += 1
            report.accounts["queued"] += row.status == AccountStatus.PENDING
        elif current.status != row.status or (
                row.platform_id and row.platform_id != current.platform_id):
            plan.changed_accounts.append((row, current))
            report.accounts["updated"] += 1
        else:
            report.accounts["unchanged"] += 1
        new_aliases = [old for old in row.previous if old.key not in aliases]
        plan.new_aliases += [(row, old) for old in new_aliases]
        if new_aliases and current is not None and (row, current) not in plan.changed_accounts:
            report.accounts["unchanged"] -= 1
            report.accounts["updated"] += 1


def _clashes(actor, row: AccountRow, current: AccountInDb | None, in_db: dict,
             aliases: dict[str, str], id_owner: dict) -> list[str]:
    reasons = []
    if current is not None and current.organisation_code != row.organisation_code:
        reasons.append(_("duplicate account across organisations: already registered under "
                         "%(org)r") % {"org": current.organisation_code})
    if row.ref.key in aliases and aliases[row.ref.key] != row.ref.key:
        reasons.append(_("a former address of %(key)s; it can never be registered again")
                       % {"key": aliases[row.ref.key]})
    owner = id_owner.get((row.ref.platform, row.platform_id))
    if owner is not None and owner != row.ref.key:
        reasons.append(_("platform_id %(id)s belongs to %(key)s")
                       % {"id": row.platform_id, "key": owner})
    for old in row.previous:
        if old.key in in_db:
            reasons.append(_("previous URL %(url)s is itself a registered account")
                           % {"url": old.canonical_url})
        elif old.key in aliases and aliases[old.key] != row.ref.key:
            reasons.append(_("previous URL %(url)s belongs to %(key)s")
                           % {"url": old.canonical_url, "key": aliases[old.key]})
    if current is not None and row.status == AccountStatus.PENDING \
            and current.status != AccountStatus.PENDING:
        reasons.append(_("already %(status)s in the register; a pending row cannot send it "
                         "back to the approval queue") % {"status": current.status})
    if current is not None and current.status == AccountStatus.PENDING \
            and row.status != AccountStatus.PENDING and current.submitted_by_id == actor.pk:
        reasons.append(_("you submitted this account, so another coordinator must approve it"))
    return reasons


def run_import(actor, *, organisations=None, accounts=None, dry_run: bool = False,
               organisations_name: str = "organisations.csv",
               accounts_name: str = "accounts.csv", is_demo: bool = False) -> ImportReport:
    """Validate both files, then (unless dry_run or any problem) apply them together."""
    permissions.require(permissions.can_manage_register(actor),
                        _("Only a national coordinator can import the register."))
    report = ImportReport()
    org_rows = _parse_org_rows(organisations, organisations_name, report) if organisations else []
    orgs_in_db = _organisations_in_db()
    _check_parents(org_rows, orgs_in_db, organisations_name, report)
    org_codes = set(orgs_in_db) | {row.code for row in org_rows}
    account_rows = (_parse_account_rows(accounts, accounts_name, org_codes, report)
                    if accounts else [])
    plan = Plan()
    _plan_organisations(org_rows, orgs_in_db, plan, report)
    _plan_accounts(actor, account_rows, accounts_name, plan, report)
    report.problems.sort(key=lambda problem: (problem.file != organisations_name, problem.line))
    if report.problems or dry_run:
        return report
    if not plan.empty:
        with transaction.atomic():
            _apply(actor, plan, orgs_in_db, is_demo, accounts_name)
    report.applied = True
    return report


# --- 3. apply ------------------------------------------------------------------------------

ORG_FIELDS = ("code", "name_ms", "name_en", "acronyms", "kind", "website")
ORG_AUDIT_COLUMNS = (*ORG_FIELDS, "parent")
ACCOUNT_FIELDS = ("organisation", "platform", "account_key", "canonical_url", "handle",
                  "platform_id", "status", "submitted_by", "reviewed_by", "is_demo",
                  "official_since", "last_reviewed", "next_review_due")


def _apply(actor, plan: Plan, orgs_in_db: dict[str, OrgInDb], is_demo: bool,
           source_name: str) -> None:
    audit: list[PendingEntry] = []
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
    ids.update(Organisation.objects.filter(code__in=[r.code for r in plan.new_orgs])
               .values_list("code", "id"))
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


def _current_review_dates(ids: list[int]) -> dict[int, ReviewDates]:
    """Only changed accounts need these, so they are not part of the plan's table scan."""
    found: dict[int, ReviewDates] = {}
    for chunk in _chunks(ids):
        for pk, *dates in SocialAccount.objects.filter(pk__in=chunk).values_list(
                "id", "official_since", "last_reviewed", "next_review_due"):
            found[pk] = tuple(dates)
    return found


def _apply_accounts(actor, plan: Plan, org_ids: dict[str, int], is_demo: bool,
                    source_name: str, audit: list[PendingEntry]) -> dict[str, int]:
    """Write accounts, the change feed and pending submissions' evidence; return the ids
    of the accounts the aliases need."""
    today = timezone.localdate()
    due = today + dt.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    new_rows = []
    for row in plan.new_accounts:
        pending = row.status == AccountStatus.PENDING
        new_rows.append((org_ids[row.organisation_code], row.ref.platform, row.ref.key,
                         row.ref.canonical_url, row.ref.handle, row.stored_platform_id,
                         row.status, actor.pk, None if pending else actor.pk, is_demo,
                         *_review_dates(row.status, (None, None, None), today, due)))
    insert_rows(SocialAccount, ACCOUNT_FIELDS, new_rows)
    dates = _current_review_dates([current.id for _row, current in plan.changed_accounts])
    update_rows(SocialAccount, ("status", "platform_id", "reviewed_by", "official_since",
                                "last_reviewed", "next_review_due"),
                [(row.status, row.stored_platform_id or current.platform_id, actor.pk,
                  *_review_dates(row.status, dates[current.id], today, due), current.id)
                 for row, current in plan.changed_accounts])
    wanted = {row.ref.key for row, _old in plan.new_aliases} | {
        row.ref.key for row in plan.new_accounts if row.status == AccountStatus.PENDING}
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(wanted)):
        ids.update(SocialAccount.objects.filter(account_key__in=chunk)
                   .values_list("account_key", "id"))
    _queue_pending(actor, [r for r in plan.new_accounts if r.status == AccountStatus.PENDING],
                   ids, source_name)
    _feed(plan, org_ids)
    created = [[row.ref.key, row.organisation_code, row.status, row.stored_platform_id]
               for row in plan.new_accounts]
    changed = [[row.ref.key, _diff({"status": current.status,
                                    "platform_id": current.platform_id},
                                   {"status": row.status,
                                    "platform_id": row.stored_platform_id or current.platform_id})]
               for row, current in plan.changed_accounts]
    audit += _batched_entries("registry.account.import", "registry.socialaccount",
                              ("account", "organisation", "status", "platform_id"),
                              created, changed)
    return ids


def _queue_pending(actor, rows: list[AccountRow], ids: dict[str, int], source_name: str) -> None:
    """A pending row is a submission: its evidence says where it came from."""
    insert_rows(Evidence, ("account", "kind", "note", "added_by"), [
        (ids[row.ref.key], EvidenceKind.ATTESTATION,
         _("Imported as awaiting approval from %(file)s, line %(line)s.")
         % {"file": source_name or "CSV", "line": row.line}, actor.pk) for row in rows])


def _feed(plan: Plan, org_ids: dict[str, int]) -> None:
    """The public change feed: what a citizen can now see. Pending accounts never appear;
    one leaving the queue by import appears as added."""
    fields = ("kind", "organisation", "platform", "account_key", "url", "old_status",
              "new_status")
    changes = [(RegisterChange.Kind.ADDED, org_ids[row.organisation_code], row.ref.platform,
                row.ref.key, row.ref.canonical_url, "", row.status)
               for row in plan.new_accounts if row.status in PUBLIC_STATUSES]
    for row, current in plan.changed_accounts:
        if row.status == current.status or row.status not in PUBLIC_STATUSES:
            continue
        if current.status == AccountStatus.PENDING:
            kind, old = RegisterChange.Kind.ADDED, ""
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

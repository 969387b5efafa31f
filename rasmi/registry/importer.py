"""Bulk import of organisations and accounts from CSV (`rasmi import_registry`, staff UI).

Validation reads every row first and reports each bad one with file, line and reason; by
default nothing is written if any row is bad. Writing is an idempotent upsert (by
organisation code and canonical account key) in one transaction, in bulk, with one audit
entry per created or changed record.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rasmi.audit.services import PendingEntry, record_many
from rasmi.core import links
from rasmi.core.platforms import PLATFORM_CODES
from rasmi.people import permissions
from rasmi.registry.models import (
    AccountAlias,
    AccountStatus,
    Organisation,
    OrganisationKind,
    RegisterChange,
    SocialAccount,
)
from rasmi.registry.services import (
    PUBLIC_STATUSES,
    account_snapshot,
    bump_register_version,
    organisation_snapshot,
)

ORG_COLUMNS = ("code", "name_ms", "name_en", "acronyms", "kind", "parent_code", "website")
ACCOUNT_COLUMNS = ("organisation_code", "platform", "url", "status", "platform_id",
                   "previous_urls")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_PLATFORM_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
CHUNK = 900  # stays under SQLite's bound-parameter limit in IN queries


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


@dataclass
class AccountRow:
    line: int
    organisation_code: str
    ref: links.AccountRef
    status: str
    platform_id: str
    previous: list[links.AccountRef]


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    organisations: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    accounts: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    rows_read: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "accounts": 0})
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _reader(source, name: str, columns: tuple[str, ...], report: ImportReport):
    """Yield (line, row dict) for each data row; a bad header is reported as line 1."""
    text = source if isinstance(source, io.TextIOBase) else io.StringIO(source)
    reader = csv.DictReader(text)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    if missing:
        report.problems.append(Problem(name, 1, f"missing column(s): {', '.join(missing)}"))
        return
    reader.fieldnames = header
    start = 2
    for row in reader:
        if None in row:
            report.problems.append(Problem(name, start, "too many fields in this row"))
        elif any(value is None for value in row.values()):
            report.problems.append(Problem(name, start, "too few fields in this row"))
        elif any((value or "").strip() for value in row.values()):
            yield start, {k: (v or "").strip() for k, v in row.items()}
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
            reasons.append(f"bad code {row['code']!r} (lowercase letters, digits, - or _)")
        elif code in seen:
            reasons.append(f"duplicate code {code!r} (also line {seen[code]})")
        if not row["name_ms"] or not row["name_en"]:
            reasons.append("name_ms and name_en are required")
        if len(row["name_ms"]) > 255 or len(row["name_en"]) > 255:
            reasons.append("name longer than 255 characters")
        if row["kind"] not in OrganisationKind.values:
            kinds = ", ".join(OrganisationKind.values)
            reasons.append(f"bad kind {row['kind']!r} (one of {kinds})")
        website = re.sub(r"^https?://", "", row["website"].lower()).rstrip("/")
        if website and not _DOMAIN.match(website):
            reasons.append(f"bad website {row['website']!r} (a domain such as moh.gov.my)")
        if row["parent_code"].lower() == code:
            reasons.append("an organisation cannot be its own parent")
        if reasons:
            report.problems.append(Problem(name, line, "; ".join(reasons)))
            continue
        seen[code] = line
        rows.append(OrgRow(line, code, row["name_ms"], row["name_en"], _split(row["acronyms"]),
                           row["kind"], row["parent_code"].lower(), website))
    return rows


def _check_parents(rows: list[OrgRow], name: str, report: ImportReport) -> None:
    in_file = {row.code: row.parent_code for row in rows}
    in_db = dict(Organisation.objects.values_list("code", "parent__code"))
    known = set(in_db) | set(in_file)
    parents = {**{k: v or "" for k, v in in_db.items()}, **in_file}
    for row in rows:
        if row.parent_code and row.parent_code not in known:
            report.problems.append(Problem(name, row.line,
                                           f"unknown parent_code {row.parent_code!r}"))
            continue
        seen, current = {row.code}, row.parent_code
        while current:
            if current in seen:
                report.problems.append(Problem(name, row.line, "parent_code makes a cycle"))
                break
            seen.add(current)
            current = parents.get(current, "")


def _parse_account_rows(source, name: str, org_codes: set[str],
                        report: ImportReport) -> list[AccountRow]:
    rows: list[AccountRow] = []
    keys: dict[str, tuple[int, str]] = {}
    ids: dict[tuple[str, str], int] = {}
    for line, row in _reader(source, name, ACCOUNT_COLUMNS, report):
        report.rows_read["accounts"] += 1
        reasons = []
        org_code, platform = row["organisation_code"].lower(), row["platform"].lower()
        if org_code not in org_codes:
            reasons.append(f"unknown organisation {row['organisation_code']!r}")
        ref = None
        if platform not in PLATFORM_CODES:
            reasons.append(f"unknown platform {row['platform']!r}")
        else:
            parsed = links.parse_account(row["url"], platform)
            if isinstance(parsed, links.LinkError):
                reasons.append(f"URL does not parse: {parsed.reason}")
            elif parsed.platform != platform:
                reasons.append(f"URL is a {parsed.platform} address, not {platform}")
            else:
                ref = parsed
        if row["status"] not in PUBLIC_STATUSES:
            reasons.append(f"bad status {row['status']!r} "
                           f"(one of {', '.join(sorted(PUBLIC_STATUSES))})")
        platform_id = row["platform_id"]
        if platform_id and not _PLATFORM_ID.match(platform_id):
            reasons.append(f"bad platform_id {platform_id!r}")
        elif platform_id and (platform, platform_id) in ids:
            reasons.append(f"platform_id {platform_id} also on line {ids[(platform, platform_id)]}")
        previous = []
        for old_url in _split(row["previous_urls"]):
            old = links.parse_account(old_url, platform if platform in PLATFORM_CODES else None)
            if isinstance(old, links.LinkError):
                reasons.append(f"previous URL {old_url!r} does not parse: {old.reason}")
            elif old.platform != platform:
                reasons.append(f"previous URL {old_url!r} is not on {platform}")
            else:
                previous.append(old)
        if ref is not None:
            for key in [ref.key] + [old.key for old in previous]:
                if key in keys:
                    other_line, other_org = keys[key]
                    if other_org != org_code:
                        reasons.append(f"duplicate account across organisations: {key} is also "
                                       f"on line {other_line} for {other_org!r}")
                    else:
                        reasons.append(f"duplicate of line {other_line} ({key})")
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


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _check_against_register(rows: list[AccountRow], name: str, report: ImportReport) -> dict:
    """Clashes with what is already registered. Returns existing accounts by key."""
    keys = [row.ref.key for row in rows]
    alias_keys = [old.key for row in rows for old in row.previous]
    existing: dict[str, SocialAccount] = {}
    for chunk in _chunks(keys + alias_keys):
        for account in SocialAccount.objects.filter(account_key__in=chunk).select_related(
                "organisation"):
            existing[account.account_key] = account
    aliases: dict[str, str] = {}
    for chunk in _chunks(keys + alias_keys):
        aliases.update(AccountAlias.objects.filter(account_key__in=chunk)
                       .values_list("account_key", "account__account_key"))
    id_owner: dict[tuple[str, str], str] = {}
    with_ids = [row for row in rows if row.platform_id]
    for chunk in _chunks([row.platform_id for row in with_ids]):
        for platform, pid, key in SocialAccount.objects.filter(platform_id__in=chunk).values_list(
                "platform", "platform_id", "account_key"):
            id_owner[(platform, pid)] = key
    for row in rows:
        reasons = []
        current = existing.get(row.ref.key)
        if current is not None and current.organisation.code != row.organisation_code:
            reasons.append(f"duplicate account across organisations: already registered under "
                           f"{current.organisation.code!r}")
        if row.ref.key in aliases and aliases[row.ref.key] != row.ref.key:
            reasons.append(f"a former address of {aliases[row.ref.key]}; "
                           "it can never be registered again")
        owner = id_owner.get((row.ref.platform, row.platform_id))
        if owner is not None and owner != row.ref.key:
            reasons.append(f"platform_id {row.platform_id} belongs to {owner}")
        for old in row.previous:
            if old.key in existing:
                reasons.append(f"previous URL {old.canonical_url} is itself a registered account")
            elif old.key in aliases and aliases[old.key] != row.ref.key:
                reasons.append(f"previous URL {old.canonical_url} belongs to {aliases[old.key]}")
        if reasons:
            report.problems.append(Problem(name, row.line, "; ".join(reasons)))
    return existing


def run_import(actor, *, organisations=None, accounts=None, dry_run: bool = False,
               organisations_name: str = "organisations.csv",
               accounts_name: str = "accounts.csv", is_demo: bool = False) -> ImportReport:
    """Validate both files, then (unless dry_run or any problem) apply them together."""
    permissions.require(permissions.can_manage_register(actor),
                        "Only a national coordinator can import the register.")
    report = ImportReport()
    org_rows = _parse_org_rows(organisations, organisations_name, report) if organisations else []
    _check_parents(org_rows, organisations_name, report)
    org_codes = set(Organisation.objects.values_list("code", flat=True)) | {
        row.code for row in org_rows}
    account_rows = (_parse_account_rows(accounts, accounts_name, org_codes, report)
                    if accounts else [])
    existing = _check_against_register(account_rows, accounts_name, report)
    _plan(org_rows, account_rows, existing, report)
    report.problems.sort(key=lambda problem: (problem.file != organisations_name, problem.line))
    if report.problems or dry_run:
        return report
    with transaction.atomic():
        _apply(actor, org_rows, account_rows, is_demo)
    report.applied = True
    return report


def _org_fields(row: OrgRow) -> dict:
    return {"name_ms": row.name_ms, "name_en": row.name_en, "acronyms": row.acronyms,
            "kind": row.kind, "website": row.website}


def _plan(org_rows, account_rows, existing, report: ImportReport) -> None:
    """Count what applying would do (also what --dry-run prints)."""
    current = {o.code: o for o in Organisation.objects.select_related("parent").filter(
        code__in=[r.code for r in org_rows])}
    for row in org_rows:
        org = current.get(row.code)
        if org is None:
            report.organisations["created"] += 1
        elif _org_changed(org, row):
            report.organisations["updated"] += 1
        else:
            report.organisations["unchanged"] += 1
    known_aliases = set()
    alias_keys = [old.key for row in account_rows for old in row.previous]
    for chunk in _chunks(alias_keys):
        known_aliases.update(AccountAlias.objects.filter(account_key__in=chunk)
                             .values_list("account_key", flat=True))
    for row in account_rows:
        account = existing.get(row.ref.key)
        if account is None:
            report.accounts["created"] += 1
        elif (account.status != row.status
              or (row.platform_id and row.platform_id != account.platform_id)
              or any(old.key not in known_aliases for old in row.previous)):
            report.accounts["updated"] += 1
        else:
            report.accounts["unchanged"] += 1


def _org_changed(org: Organisation, row: OrgRow) -> bool:
    parent = org.parent.code if org.parent_id else ""
    return any(getattr(org, k) != v for k, v in _org_fields(row).items()) or \
        parent != row.parent_code


def _apply(actor, org_rows: list[OrgRow], account_rows: list[AccountRow], is_demo: bool) -> None:
    audit: list[PendingEntry] = []
    _apply_organisations(org_rows, audit)
    _apply_accounts(actor, account_rows, audit, is_demo)
    record_many(actor, audit)
    if audit:
        bump_register_version()


def _apply_organisations(rows: list[OrgRow], audit: list[PendingEntry]) -> None:
    if not rows:
        return
    by_code = {o.code: o for o in Organisation.objects.select_related("parent")}
    before = {code: organisation_snapshot(org) for code, org in by_code.items()}
    new = [Organisation(code=row.code, **_org_fields(row)) for row in rows
           if row.code not in by_code]
    Organisation.objects.bulk_create(new)
    for org in Organisation.objects.filter(code__in=[o.code for o in new]):
        by_code[org.code] = org
    changed = []
    for row in rows:
        org = by_code[row.code]
        if not _org_changed(org, row) and row.code in before:
            continue
        for k, v in _org_fields(row).items():
            setattr(org, k, v)
        org.parent = by_code[row.parent_code] if row.parent_code else None
        changed.append(org)
    Organisation.objects.bulk_update(
        changed, ["name_ms", "name_en", "acronyms", "kind", "website", "parent", "updated_at"])
    for org in changed:
        old = before.get(org.code)
        audit.append(PendingEntry("registry.organisation." + ("update" if old else "create"),
                                  "registry.organisation", str(org.pk), old,
                                  organisation_snapshot(org)))


def _apply_accounts(actor, rows: list[AccountRow], audit: list[PendingEntry], is_demo) -> None:
    if not rows:
        return
    today = timezone.localdate()
    due = today + dt.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    orgs = {o.code: o for o in Organisation.objects.filter(
        code__in={row.organisation_code for row in rows})}
    existing: dict[str, SocialAccount] = {}
    for chunk in _chunks([row.ref.key for row in rows]):
        for account in SocialAccount.objects.filter(account_key__in=chunk).select_related(
                "organisation"):
            existing[account.account_key] = account
    created, updated, changes = [], [], []
    befores: dict[str, dict | None] = {}
    for row in rows:
        account = existing.get(row.ref.key)
        pid = row.platform_id or (row.ref.handle if row.ref.is_platform_id else "")
        if account is None:
            account = SocialAccount(
                organisation=orgs[row.organisation_code], platform=row.ref.platform,
                account_key=row.ref.key, canonical_url=row.ref.canonical_url,
                handle=row.ref.handle, platform_id=pid, status=row.status,
                submitted_by=actor, reviewed_by=actor, is_demo=is_demo)
            befores[row.ref.key] = None
            created.append(account)
        else:
            snapshot = account_snapshot(account)
            if account.status == row.status and (not pid or pid == account.platform_id):
                continue
            befores[row.ref.key] = snapshot
            if account.status != row.status:
                changes.append(RegisterChange(
                    kind=RegisterChange.Kind.STATUS_CHANGED, organisation=account.organisation,
                    platform=account.platform, account_key=account.account_key,
                    url=account.canonical_url, old_status=account.status, new_status=row.status))
            account.status = row.status
            account.platform_id = pid or account.platform_id
            updated.append(account)
        if account.status == AccountStatus.OFFICIAL:
            account.official_since = account.official_since or today
            account.last_reviewed = account.last_reviewed or today
            account.next_review_due = account.next_review_due or due
    SocialAccount.objects.bulk_create(created, batch_size=1000)
    SocialAccount.objects.bulk_update(
        updated, ["status", "platform_id", "official_since", "last_reviewed", "next_review_due",
                  "updated_at"], batch_size=1000)
    for account in created:
        existing[account.account_key] = account
        changes.append(RegisterChange(
            kind=RegisterChange.Kind.ADDED, organisation=account.organisation,
            platform=account.platform, account_key=account.account_key,
            url=account.canonical_url, new_status=account.status))
    RegisterChange.objects.bulk_create(changes, batch_size=1000)
    for account in created + updated:
        audit.append(PendingEntry(
            "registry.account.import_" + ("update" if befores[account.account_key] else "create"),
            "registry.socialaccount", str(account.pk), befores[account.account_key],
            account_snapshot(account)))
    _apply_aliases(rows, existing, audit)


def _apply_aliases(rows: list[AccountRow], accounts: dict[str, SocialAccount],
                   audit: list[PendingEntry]) -> None:
    wanted = [(row.ref.key, old) for row in rows for old in row.previous]
    if not wanted:
        return
    known = set()
    for chunk in _chunks([old.key for _, old in wanted]):
        known.update(AccountAlias.objects.filter(account_key__in=chunk)
                     .values_list("account_key", flat=True))
    new = [AccountAlias(account=accounts[key], account_key=old.key, url=old.canonical_url,
                        handle=old.handle) for key, old in wanted if old.key not in known]
    AccountAlias.objects.bulk_create(new, batch_size=1000)
    for alias in new:
        audit.append(PendingEntry("registry.alias.import_create", "registry.accountalias",
                                  str(alias.pk), None,
                                  {"account": alias.account.account_key, "old_url": alias.url}))

"""Register benchmarks: import 100,000 accounts, then verify URLs in process.

Run through scripts/bench.sh, which points DATABASE_URL at a throwaway SQLite file (and,
for the import, at a throwaway PostgreSQL cluster too). Prints one line per figure beside
its target, with baselines measured in the same run: the import against a row-by-row
import of a sample (ORM save and an audit entry per account), verify against a naive ORM
lookup on the same URLs. Just the import:

    DATABASE_URL=sqlite:////tmp/b.sqlite3 RASMI_VAR_DIR=/tmp/bw \
        .venv/bin/python -m benchmarks.bench_registry import --workdir /tmp/bw
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

import django


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")
    django.setup()


def bench_import(workdir: Path, organisations: int, accounts: int, row_sample: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.registry_data import write_registry
    from rasmi.audit.models import AuditEntry
    from rasmi.people.cli import system_actor
    from rasmi.registry.importer import run_import

    call_command("migrate", verbosity=0)
    database = connection.vendor
    orgs_csv, accounts_csv = write_registry(workdir, organisations, accounts)
    actor = system_actor()
    orgs_text, accounts_text = orgs_csv.read_text(), accounts_csv.read_text()
    started = time.perf_counter()
    report = run_import(actor, organisations=orgs_text, accounts=accounts_text)
    elapsed = time.perf_counter() - started
    if report.problems:
        sys.exit(f"import refused the benchmark data: {report.problems[:3]}")
    bulk_rate = accounts / elapsed
    entries = AuditEntry.objects.count()
    print(f"import [{database}]: {accounts:,} accounts + {organisations:,} organisations in "
          f"{elapsed:.1f} s ({bulk_rate:,.0f} accounts/s; target < 10 s), "
          f"{entries} audit entries")
    started = time.perf_counter()
    again = run_import(actor, organisations=orgs_text, accounts=accounts_text)
    elapsed = time.perf_counter() - started
    assert again.accounts["unchanged"] == accounts, again.accounts
    print(f"import again [{database}] (same files, nothing changes): {elapsed:.1f} s "
          f"(target < 3 s), {AuditEntry.objects.count() - entries} audit entries written")
    rate = row_by_row_import(actor, accounts_text, row_sample)
    print(f"baseline, import row by row [{database}] (per account: parse, ORM lookups, save, "
          f"change-feed row, own audit entry; {row_sample:,}-row sample): {rate:,.0f} "
          f"accounts/s, {accounts / rate:.0f} s for {accounts:,} -> bulk import is "
          f"{bulk_rate / rate:.1f}x faster")


def row_by_row_import(actor, accounts_text: str, sample: int) -> float:
    """The baseline a first version would be: per row, parse, look the organisation and
    the account up, save the account, its change-feed row and its own audit entry, all in
    one transaction. New handles (`naive…`) so it measures creating, as the bulk import
    did; the rows are rolled back afterwards."""
    import csv
    import io

    from django.db import transaction

    from rasmi.audit.services import record
    from rasmi.core import links
    from rasmi.registry.models import Organisation, RegisterChange, SocialAccount
    from rasmi.registry.services import account_snapshot

    rows = list(csv.DictReader(io.StringIO(accounts_text.replace("bench", "naive").replace(
        "bn0", "nv0"))))[:sample]
    today = datetime.date.today()

    class Rollback(Exception):
        pass

    started = time.perf_counter()
    try:
        with transaction.atomic():
            for row in rows:
                ref = links.parse_account(row["url"], row["platform"])
                organisation = Organisation.objects.get(code=row["organisation_code"])
                if SocialAccount.objects.filter(account_key=ref.key).exists():
                    continue
                official = row["status"] == "official"
                account = SocialAccount.objects.create(
                    organisation=organisation, platform=ref.platform, account_key=ref.key,
                    canonical_url=ref.canonical_url, handle=ref.handle, status=row["status"],
                    official_since=today if official else None, submitted_by=actor,
                    reviewed_by=actor)
                RegisterChange.objects.create(
                    kind=RegisterChange.Kind.ADDED, organisation=organisation,
                    platform=ref.platform, account_key=ref.key, url=ref.canonical_url,
                    new_status=row["status"])
                record(actor, "registry.account.import_create", account,
                       after=account_snapshot(account))
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return len(rows) / elapsed


def naive_lookup(url: str):
    """The baseline: the same parser, then one indexed ORM query per URL (and one for a
    former address when it misses), as a first version without the in-memory index would."""
    from rasmi.core import links
    from rasmi.registry.models import AccountAlias, SocialAccount

    ref = links.parse_account(url)
    if isinstance(ref, links.LinkError):
        return None
    found = (SocialAccount.objects.filter(account_key=ref.key)
             .select_related("organisation").first())
    if found is None:
        found = AccountAlias.objects.filter(account_key=ref.key).select_related(
            "account__organisation").first()
    return found


def bench_verify(accounts: int, count: int, naive_sample: int) -> None:
    from benchmarks.registry_data import sample_urls
    from rasmi.registry.verify import build_index

    started = time.perf_counter()
    index = build_index()
    print(f"verify index: {len(index):,} keys built in {time.perf_counter() - started:.2f} s")
    urls = sample_urls(accounts, count)
    index.lookup(urls[0])
    started = time.perf_counter()
    states: dict[str, int] = {}
    for url in urls:
        state = index.lookup(url)["state"]
        states[state] = states.get(state, 0) + 1
    fast = count / (time.perf_counter() - started)
    sample = urls[:naive_sample]
    started = time.perf_counter()
    for url in sample:
        naive_lookup(url)
    naive = naive_sample / (time.perf_counter() - started)
    print(f"verify in process: {fast:,.0f} URLs/s over {count:,} pasted URLs "
          f"(target >= 50,000) {dict(sorted(states.items()))}")
    print(f"verify naive ORM query per URL: {naive:,.0f} URLs/s over {naive_sample:,} URLs")
    print(f"verify speed-up over naive ORM: {fast / naive:.0f}x (target >= 10x)")


def write_url_list(path: Path, accounts: int, count: int) -> None:
    from benchmarks.registry_data import sample_urls

    path.write_text("\n".join(sample_urls(accounts, count, seed=23)) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["import", "verify", "urls"])
    parser.add_argument("--workdir", type=Path, default=Path("var/bench"))
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--naive-sample", type=int, default=3000,
                        help="verify: URLs looked up one ORM query at a time")
    parser.add_argument("--row-sample", type=int, default=5000,
                        help="import: accounts imported row by row for the baseline")
    args = parser.parse_args()
    _setup()
    if args.step == "import":
        bench_import(args.workdir, args.organisations, args.accounts, args.row_sample)
    elif args.step == "verify":
        bench_verify(args.accounts, args.count, args.naive_sample)
    else:
        write_url_list(args.workdir / "urls.txt", args.accounts, args.count)


if __name__ == "__main__":
    main()

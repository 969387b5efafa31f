"""Discovery benchmark: 1,000,000 candidates against 5,000 organisations and 20,000
accounts through `rasmi discover_score`, and the same scoring against a plain rapidfuzz
loop over all organisation pairs on a sample, measured in the same run.

Run through scripts/bench.sh (DATABASE_URL points at a throwaway SQLite file).
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import django

WORDS = ["Pembangunan", "Kesihatan", "Tanah", "Air", "Hutan", "Pertanian", "Digital", "Belia",
         "Sukan", "Pelancongan", "Perumahan", "Tenaga", "Industri", "Komoditi", "Sains"]
KINDS = ["Jabatan", "Lembaga", "Agensi", "Perbadanan", "Institut", "Majlis"]
DECOR = ["rasmi", "official", "my", "bantuan", "info", "2026"]
BUSINESS = ["Bakery", "Motor", "Enterprise", "Butik", "Gaming", "Studio"]


def write_register(directory: Path, organisations: int, accounts: int) -> tuple[Path, Path]:
    rng = random.Random(5)
    orgs, accs = directory / "d_orgs.csv", directory / "d_accounts.csv"
    with orgs.open("w", encoding="utf-8") as fh:
        fh.write("code,name_ms,name_en,acronyms,kind,parent_code,website\n")
        for i in range(organisations):
            a, b = rng.choice(WORDS), rng.choice(WORDS)
            fh.write(f"d{i:05d},{rng.choice(KINDS)} {a} {b} {i},Agency of {a} {b} {i},"
                     f"AG{i:04d},agency,,d{i:05d}.gov.my\n")
    with accs.open("w", encoding="utf-8") as fh:
        fh.write("organisation_code,platform,url,status,platform_id,previous_urls\n")
        for i in range(accounts):
            fh.write(f"d{i % organisations:05d},facebook,https://www.facebook.com/ag{i:06d}.rasmi,"
                     f"official,,\n")
    return orgs, accs


def write_candidates(path: Path, count: int, organisations: int) -> None:
    rng = random.Random(9)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            org = rng.randrange(organisations)
            kind = i % 4
            if kind == 0:
                handle, name, bio = f"ag{org:04d}.{rng.choice(DECOR)}", f"AG{org:04d} Rasmi", \
                    "Bantuan tunai RM500. WhatsApp 012-345 6789"
            elif kind == 1:
                handle, name, bio = f"ag{org:04d}.negeri{i % 13}", f"AG{org:04d} Negeri Johor", \
                    f"Laman rasmi: d{org:05d}.gov.my"
            elif kind == 2:
                handle, name, bio = f"shop{i}", f"{rng.choice(BUSINESS)} {rng.choice(WORDS)}", \
                    "Order now"
            else:
                handle, name, bio = f"user{i}", f"Someone {i}", "Hidup saya"
            fh.write(json.dumps({"id": f"c{i}", "platform": "facebook",
                                 "url": f"https://www.facebook.com/{handle}",
                                 "display_name": name, "bio": bio}) + "\n")


def naive_all_pairs(path: Path, sample: int) -> float:
    """Baseline: for each candidate, rapidfuzz against every organisation name."""
    from rapidfuzz import fuzz

    from rasmi.registry.models import Organisation

    names = list(Organisation.objects.values_list("code", "name_ms", "name_en"))
    lines = path.open(encoding="utf-8")
    started = time.perf_counter()
    for _, line in zip(range(sample), lines, strict=False):
        candidate = json.loads(line)
        text = candidate["display_name"]
        max(((fuzz.token_set_ratio(text, ms), code) for code, ms, _ in names), default=None)
        max(((fuzz.token_set_ratio(text, en), code) for code, _, en in names), default=None)
    return sample / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workdir", type=Path, default=Path("var/bench"))
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--accounts", type=int, default=20_000)
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--naive-sample", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasmi.settings")
    django.setup()
    from django.core.management import call_command

    from rasmi.people.cli import system_actor
    from rasmi.registry.importer import run_import

    call_command("migrate", verbosity=0)
    orgs, accs = write_register(args.workdir, args.organisations, args.accounts)
    report = run_import(system_actor(), organisations=orgs.read_text(), accounts=accs.read_text())
    if report.problems:
        sys.exit(f"benchmark register refused: {report.problems[:3]}")
    candidates = args.workdir / "candidates.jsonl"
    write_candidates(candidates, args.candidates, args.organisations)
    scored = args.workdir / "scored.jsonl"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rasmi.manage", "discover_score", "--input",
                    str(candidates), "--output", str(scored), "--workers", str(args.workers),
                    "--as-of", "2026-11-01"], check=True)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rate = args.candidates / elapsed
    print(f"discover_score: {args.candidates:,} candidates vs {args.organisations:,} "
          f"organisations / {args.accounts:,} accounts in {elapsed:.1f} s with "
          f"{args.workers} workers ({rate:,.0f}/s; target < 60 s); peak RSS of a process "
          f"{peak_mb:,.0f} MB")
    naive = naive_all_pairs(candidates, args.naive_sample)
    print(f"discover naive rapidfuzz all-pairs loop: {naive:,.1f} candidates/s on one core "
          f"over {args.naive_sample} candidates")
    print(f"discover speed-up over all-pairs: {rate / args.workers / naive:,.0f}x per core "
          f"(target >= 50x)")


if __name__ == "__main__":
    main()

"""The source plug-in contract.

A source reads one kind of file and yields a SourceItem per record, in order: a candidate
dict in the batch contract shape, or an error with the record's 1-based line (or row)
number. Bad content never raises, so one broken line does not lose a whole report.
Plain Python, no Django: sources run in management commands, tasks and batch jobs alike.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from rasmi.core import links
from rasmi.core.platforms import platform_for_host

CONTRACT_KEYS = ("id", "platform", "url", "display_name", "bio", "followers", "verified",
                 "created_at", "links", "recent_posts", "profile_image")
SNIFF_BYTES = 65536


@dataclass(frozen=True, slots=True)
class SourceItem:
    line: int
    candidate: dict | None
    error: str | None = None


class CandidateSource(Protocol):
    name: str

    def read(self, path: Path) -> Iterator[SourceItem]: ...


SOURCES: dict[str, type] = {}


def register_source[T: type](cls: T) -> T:
    """Class decorator: make a source available by its `name`."""
    SOURCES[cls.name] = cls
    return cls


def get_source(name: str) -> CandidateSource:
    """A ready-to-use instance of the named source."""
    cls = SOURCES.get(name)
    if cls is None:
        raise ValueError(f"unknown source {name!r} (one of {', '.join(sorted(SOURCES))})")
    return cls()


def read_head(path: Path) -> str:
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        return fh.read(SNIFF_BYTES)


def _csv_header(line: str) -> set[str]:
    return {cell.strip().lower() for cell in next(csv.reader(io.StringIO(line)), [])}


def detect_source(path: Path) -> str:
    """Guess the format from the file itself, for `--source auto`; "file" when unsure, so
    an unreadable file gets line-numbered errors rather than a silent skip."""
    head = read_head(path)
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    if not lines:
        return "file"
    first = lines[0]
    if first.startswith("{"):
        return _detect_json(first, head)
    header = _csv_header(first)
    if {"username", "url_user", "exists"} <= header:
        # sherlock --csv ends with response_time_s, maigret --csv with error_reason.
        return "sherlock" if "response_time_s" in header else "maigret"
    if "Total Websites Username Detected On" in head or all(
            line.startswith(("http://", "https://")) for line in lines[:20]):
        # Both tools write this text report; maigret names it report_<username>.txt.
        return "maigret" if path.name.startswith("report_") else "sherlock"
    return "file"


def _detect_json(first: str, head: str) -> str:
    try:
        record = json.loads(first)
    except ValueError:
        # A JSON document over several lines (a pretty-printed maigret simple report) or a
        # JSON Lines file whose first line is broken.
        return "maigret" if '"url_user"' in head and '"status"' in head else "file"
    if not isinstance(record, dict):
        return "file"
    if "sitename" in record or ("url_user" in record and "status" in record):
        return "maigret"  # ndjson report
    if "url" in record or "id" in record:
        return "file"
    if not record or all(isinstance(v, dict) and "url_user" in v for v in record.values()):
        return "maigret"  # simple report: one object keyed by site name
    return "file"


def profile_item(tool: str, line: int, username: str, url: str) -> SourceItem | None:
    """A candidate for a profile a username tool found, None for a site that is not one of
    our platforms (most of the hundreds they check), or an error if our platform's URL names
    no account."""
    url = (url or "").strip()
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return SourceItem(line, None, f"line {line}: not a URL")
    platform = platform_for_host(host)
    if platform is None:
        return None
    ref = links.parse_account(url, platform.code)
    if isinstance(ref, links.LinkError):
        return SourceItem(line, None, f"line {line}: {ref.reason}")
    username = (username or "").strip() or ref.handle
    return SourceItem(line, {"id": f"{tool}:{username}:{ref.platform}", "platform": ref.platform,
                             "url": ref.canonical_url, "source": tool})

"""Candidate files already in the batch contract shape: JSON Lines, or CSV with the contract
keys as columns. This is how analysts, other agencies' tools and one-off scrapes hand
candidates over, so every record is checked and a bad one is reported by line number.

CSV cells are text, so there: `links` and `recent_posts` hold several values separated by
`|` or `;`, `followers` is a whole number, `verified` is true/false/yes/no/1/0 (also
ya/tidak), and an empty cell means "not given". Unknown keys and columns are ignored.
"""

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO

from rasmi.core.platforms import PLATFORM_CODES
from rasmi.discovery.sources.base import CONTRACT_KEYS, SourceItem, register_source

TRUE, FALSE = {"true", "yes", "1", "ya", "y"}, {"false", "no", "0", "tidak", "n"}
TEXT_FIELDS = ("display_name", "bio", "profile_image")
LIST_FIELDS = ("links", "recent_posts")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


def _is_iso_date(value: str) -> bool:
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(text)
        except ValueError:
            continue
        return True
    return False


def problem(record: dict) -> str | None:
    """What is wrong with a record, in a few words, or None."""
    identifier, url = record.get("id"), record.get("url")
    if identifier is None or identifier == "":
        return "missing required field 'id'"
    # The batch contract (discover_score) also takes whole-number ids.
    if not isinstance(identifier, str | int) or isinstance(identifier, bool) \
            or not str(identifier).strip():
        return "field 'id' must be text"
    if url is None or url == "":
        return "missing required field 'url'"
    if not isinstance(url, str) or not url.strip():
        return "field 'url' must be text"
    platform = record.get("platform")
    if platform not in (None, "") and platform not in PLATFORM_CODES:
        return f"unknown platform {str(platform)[:40]!r}"
    followers = record.get("followers")
    if followers is not None and (not isinstance(followers, int) or isinstance(followers, bool)
                                  or followers < 0):
        return "followers must be a whole number >= 0"
    if record.get("verified") is not None and not isinstance(record["verified"], bool):
        return "verified must be true or false"
    created = record.get("created_at")
    if created not in (None, "") and not (isinstance(created, str) and _is_iso_date(created)):
        return "created_at must be an ISO date (YYYY-MM-DD) or date-time"
    for field in TEXT_FIELDS:
        if record.get(field) is not None and not isinstance(record[field], str):
            return f"{field} must be text"
    for field in LIST_FIELDS:
        value = record.get(field)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(v, str) for v in value)):
            return f"{field} must be a list of text"
    return None


def check(record: dict, line: int) -> SourceItem:
    """The record cut to the contract keys, or the first problem found."""
    found = problem(record)
    if found:
        return SourceItem(line, None, f"line {line}: {found}")
    candidate = {k: record[k] for k in CONTRACT_KEYS if record.get(k) not in (None, "")}
    candidate["id"] = str(candidate["id"]).strip()
    candidate["url"] = candidate["url"].strip()
    return SourceItem(line, candidate)


def _split(cell: str) -> list[str]:
    separator = "|" if "|" in cell else ";"
    return [part.strip() for part in cell.split(separator) if part.strip()]


def csv_record(row: dict) -> dict | str:
    """A CSV row as contract values, or what is wrong with its cells."""
    record: dict = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
                    if isinstance(v, str | None)}
    for field in LIST_FIELDS:
        if field in record:
            record[field] = _split(record[field])
    followers = record.get("followers", "")
    if followers:
        if not followers.replace(",", "").isdigit():
            return "followers must be a whole number >= 0"
        record["followers"] = int(followers.replace(",", ""))
    verified = record.get("verified", "").lower()
    if verified in TRUE:
        record["verified"] = True
    elif verified in FALSE:
        record["verified"] = False
    elif verified:
        return "verified must be true/false, yes/no or 1/0"
    return {k: v for k, v in record.items() if v not in ("", [])}


@register_source
class CandidateFile:
    name = "file"

    def read(self, path: Path) -> Iterator[SourceItem]:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            if path.suffix.lower() in JSON_SUFFIXES:
                yield from self._jsonl(fh)
            elif path.suffix.lower() == ".csv":
                yield from self._csv(fh)
            else:
                first = fh.read(1)
                fh.seek(0)
                yield from (self._jsonl(fh) if first == "{" else self._csv(fh))

    def _jsonl(self, fh: IO[str]) -> Iterator[SourceItem]:
        for line, text in enumerate(fh, 1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except ValueError:
                yield SourceItem(line, None, f"line {line}: not valid JSON")
                continue
            if not isinstance(record, dict):
                yield SourceItem(line, None, f"line {line}: not a JSON object")
                continue
            yield check(record, line)

    def _csv(self, fh: IO[str]) -> Iterator[SourceItem]:
        reader = csv.DictReader(fh)
        columns = {(name or "").strip().lower() for name in reader.fieldnames or ()}
        if not {"id", "url"} <= columns:
            if reader.fieldnames:
                yield SourceItem(1, None, "line 1: the header needs columns 'id' and 'url'")
            return
        for row in reader:
            line = reader.line_num  # the row's last physical line, counting the header
            record = csv_record(row)
            if isinstance(record, str):
                yield SourceItem(line, None, f"line {line}: {record}")
            elif record:
                yield check(record, line)

"""Candidate files in the contract shape: JSON Lines, or CSV with the same columns
(`links` and `recent_posts` separated by `|`)."""

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from rasmi.core.signals import parse_day
from rasmi.discovery.sources.base import SourceItem, register_source

TRUE, FALSE = {"true", "yes", "1", "ya"}, {"false", "no", "0", "tidak", ""}


def check(record: dict, line: int) -> SourceItem:
    identifier, url = record.get("id"), record.get("url")
    if identifier in (None, "") or isinstance(identifier, bool | dict | list):
        return SourceItem(line, None, f"line {line}: missing required field 'id'")
    if not isinstance(url, str) or not url.strip():
        return SourceItem(line, None, f"line {line}: missing required field 'url'")
    followers = record.get("followers")
    if followers is not None and (not isinstance(followers, int) or isinstance(followers, bool)
                                  or followers < 0):
        return SourceItem(line, None, f"line {line}: followers must be a whole number >= 0")
    if record.get("verified") is not None and not isinstance(record["verified"], bool):
        return SourceItem(line, None, f"line {line}: verified must be true or false")
    if record.get("created_at") and parse_day(record["created_at"]) is None:
        return SourceItem(line, None, f"line {line}: created_at is not a date")
    for field in ("links", "recent_posts"):
        value = record.get(field)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(v, str) for v in value)):
            return SourceItem(line, None, f"line {line}: {field} must be a list of text")
    return SourceItem(line, {**record, "id": str(identifier)})


class CandidateFile:
    name = "file"

    def read(self, path: Path) -> Iterator[SourceItem]:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            first = fh.read(1)
            fh.seek(0)
            if first == "{":
                yield from self._jsonl(fh)
            else:
                yield from self._csv(fh)

    def _jsonl(self, fh) -> Iterator[SourceItem]:
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

    def _csv(self, fh) -> Iterator[SourceItem]:
        reader = csv.DictReader(fh)
        for row in reader:
            line = reader.line_num
            record: dict = {k: (v or "").strip() for k, v in row.items() if k}
            for field in ("links", "recent_posts"):
                record[field] = [v.strip() for v in record.get(field, "").split("|") if v.strip()]
            followers = record.pop("followers", "")
            if followers:
                if not followers.isdigit():
                    yield SourceItem(line, None, f"line {line}: followers must be a whole number")
                    continue
                record["followers"] = int(followers)
            verified = record.pop("verified", "").lower()
            if verified in TRUE:
                record["verified"] = True
            elif verified not in FALSE:
                yield SourceItem(line, None, f"line {line}: verified must be true or false")
                continue
            yield check({k: v for k, v in record.items() if v not in ("", [])}, line)


register_source(CandidateFile())

"""The source plug-in contract: read(path) yields SourceItems, one per record, in order;
a bad record is an item with an error and its line number, never an exception."""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SourceItem:
    line: int
    candidate: dict | None
    error: str | None = None


class CandidateSource(Protocol):
    name: str

    def read(self, path: Path) -> Iterator[SourceItem]: ...


SOURCES: dict[str, CandidateSource] = {}


def register_source(source: CandidateSource) -> CandidateSource:
    SOURCES[source.name] = source
    return source


def get_source(name: str) -> CandidateSource:
    try:
        return SOURCES[name]
    except KeyError:
        raise ValueError(f"unknown source {name!r} (one of {', '.join(sorted(SOURCES))})") \
            from None


def detect_source(path: Path) -> str:
    """Guess the format from the file itself, for `--source auto`."""
    head = path.read_text(encoding="utf-8-sig", errors="replace")[:4096]
    first = head.lstrip().splitlines()[0] if head.strip() else ""
    if first.startswith("username,name,url_main,url_user,exists,http_status,response_time_s"):
        return "sherlock"
    if first.startswith("username,name,url_main,url_user,exists,http_status"):
        return "maigret"
    if first.startswith("{"):
        try:
            record = json.loads(first)
        except ValueError:
            record = None
        if isinstance(record, dict) and "sitename" in record and "url_user" in record:
            return "maigret"
        if isinstance(record, dict) and "url" in record:
            return "file"
        return "maigret"  # a simple report is one JSON object over many lines
    if first.startswith("http") and "Total Websites Username Detected On" in head:
        return "sherlock"
    if "url" in first.split(","):
        return "file"
    return "sherlock" if first.startswith("http") else "file"


Reader = Callable[[Path], Iterator[SourceItem]]

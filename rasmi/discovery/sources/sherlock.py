"""Reports from sherlock (github.com/sherlock-project/sherlock), a username search tool: run
it on the watch list and import what it found.

Formats as written by sherlock_project/sherlock.py (checked at commit 4e2a4f6, May 2026):

- text, `<username>.txt` (or the `--output` name): the `url_user` of each site whose status
  is Claimed, one per line, then a last line "Total Websites Username Detected On : N".
  Since October 2025 (commit 4246a7b, "make default --no-txt") it is written only with
  `--txt`; older versions always wrote it.
- `--csv`, `<username>.csv`: header username,name,url_main,url_user,exists,http_status,
  response_time_s; `name` is the site name, `exists` is the QueryStatus value from
  sherlock_project/result.py (Claimed, Available, Unknown, Illegal, WAF). By default
  (`--print-found`) only Claimed rows are written, with `--print-all` every site checked;
  http_status is "?" after a request error and empty for an Illegal name.
- `--xlsx` is not read.

Only Claimed profiles on platforms Rasmi knows become candidates; other sites (GitHub,
Reddit...) are skipped, not errors. A report says nothing about the profile beyond its
URL, so candidates carry id, platform, url and source only.
"""

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasmi.discovery.sources.base import SourceItem, profile_item, register_source

TOTAL_LINE = "Total Websites Username Detected On"
CSV_COLUMNS = ("username", "name", "url_main", "url_user", "exists", "http_status",
               "response_time_s")


def read_url_lines(lines: Iterable[str], tool: str, username: str) -> Iterator[SourceItem]:
    """The text report both sherlock and maigret write."""
    for number, text in enumerate(lines, 1):
        text = text.strip()
        if not text or text.startswith(TOTAL_LINE):
            continue
        if not text.startswith(("http://", "https://")):
            yield SourceItem(number, None, f"line {number}: not a profile URL")
            continue
        item = profile_item(tool, number, username, text)
        if item:
            yield item


def read_status_csv(lines: Iterable[str], tool: str) -> Iterator[SourceItem]:
    """A CSV with username, url_user and exists columns, keeping Claimed rows."""
    reader = csv.DictReader(lines)
    fields = {(name or "").strip() for name in reader.fieldnames or ()}
    missing = sorted({"username", "url_user", "exists"} - fields)
    if missing:
        yield SourceItem(1, None, f"line 1: missing column(s) {', '.join(missing)}")
        return
    for row in reader:
        if (row.get("exists") or "").strip() != "Claimed":
            continue
        item = profile_item(tool, reader.line_num, row.get("username") or "",
                            row.get("url_user") or "")
        if item:
            yield item


@register_source
class SherlockReport:
    name = "sherlock"

    def read(self, path: Path) -> Iterator[SourceItem]:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            first = fh.readline()
            fh.seek(0)
            if first.startswith("username,"):
                yield from read_status_csv(fh, self.name)
            else:
                yield from read_url_lines(fh, self.name, path.stem)

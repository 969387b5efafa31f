"""Reports from sherlock (github.com/sherlock-project/sherlock), a username search tool.

Its two report shapes: the default text file `<username>.txt` (one found profile URL per
line, then "Total Websites Username Detected On : N"), and `--csv`, `<username>.csv`, with
the columns username,name,url_main,url_user,exists,http_status,response_time_s where
`exists` is a query status such as Claimed or Available. Only claimed profiles on platforms
Rasmi knows become candidates; other sites are skipped, not errors.
"""

import csv
from collections.abc import Iterator
from pathlib import Path

from rasmi.core import links
from rasmi.discovery.sources.base import SourceItem, register_source

TOTAL_LINE = "Total Websites Username Detected On"


def candidate_from(url: str, username: str, tool: str) -> dict | None:
    ref = links.parse_account(url)
    if isinstance(ref, links.LinkError):
        return None
    return {"id": f"{tool}:{username}:{ref.platform}", "platform": ref.platform,
            "url": ref.canonical_url, "source": tool}


class SherlockReport:
    name = "sherlock"

    def read(self, path: Path) -> Iterator[SourceItem]:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            first = fh.readline()
            fh.seek(0)
            if first.startswith("username,"):
                yield from self._csv(fh)
            else:
                yield from self._txt(fh, path.stem)

    def _txt(self, fh, username: str) -> Iterator[SourceItem]:
        for line, text in enumerate(fh, 1):
            text = text.strip()
            if not text or text.startswith(TOTAL_LINE):
                continue
            if not text.startswith(("http://", "https://")):
                yield SourceItem(line, None, f"line {line}: not a profile URL")
                continue
            candidate = candidate_from(text, username, "sherlock")
            if candidate:
                yield SourceItem(line, candidate)

    def _csv(self, fh) -> Iterator[SourceItem]:
        reader = csv.DictReader(fh)
        missing = {"username", "url_user", "exists"} - set(reader.fieldnames or ())
        if missing:
            yield SourceItem(1, None, f"line 1: not a sherlock CSV (missing {sorted(missing)})")
            return
        for row in reader:
            if (row.get("exists") or "").strip() != "Claimed":
                continue
            candidate = candidate_from(row.get("url_user") or "", row.get("username") or "",
                                       "sherlock")
            if candidate:
                yield SourceItem(reader.line_num, candidate)


register_source(SherlockReport())

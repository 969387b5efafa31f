"""Reports from maigret (github.com/soxoj/maigret), a username search tool that also reads
what a profile page says about its owner, which makes its reports richer than sherlock's.

Formats as written by maigret/report.py (checked at commit 149acb1, August 2026), files
named report_<username><postfix> by maigret/maigret.py:

- `--json simple`, report_<username>_simple.json: `json.dumps` of one object on a single
  line, keyed by site name, holding only Claimed results. Each value is maigret's per-site
  result (maigret/result.py, SiteResult) without its future and checker: username,
  parsing_enabled, url_main, url_user, url_probe, http_status, is_similar, rank, `site` (the
  site's own settings), optional ids_usernames / ids_links, and `status`, which is
  MaigretCheckResult.json(): username, site_name, url, status ("Claimed"), ids, tags.
  `ids` is what socid_extractor read from the page: fullname, bio, follower_count,
  created_at, image, links, is_verified... whichever the page had, usually as text.
- `--json ndjson`, report_<username>_ndjson.json: the same objects, one per line, each
  with a `sitename` key.
- `--csv`, report_<username>.csv: header username,name,url_main,url_user,exists,
  http_status,error_reason, every site checked, `exists` one of Claimed, Available,
  Unknown, Illegal.
- `--txt`, report_<username>.txt: the same shape as sherlock's text report.

Only Claimed profiles on platforms Rasmi knows become candidates; ids are mapped to the
contract (fullname -> display_name, follower_count -> followers, image ->
profile_image_url, which is a URL and not the local file `profile_image` names).
"""

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

from rasmi.discovery.sources.base import SourceItem, profile_item, register_source
from rasmi.discovery.sources.sherlock import read_status_csv, read_url_lines

_COUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*([kKmM]?)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _count(value) -> int | None:
    """"1,204", "1204", "1.2K" -> a number; anything else -> None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    match = _COUNT.match(str(value or "").replace(",", "").replace(" ", ""))
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * {"": 1, "k": 1_000, "m": 1_000_000}[unit])


def _links(value) -> list[str]:
    """socid_extractor hands links over as a list or as a list's repr ("['https://…']")."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return []
    if isinstance(value, str):
        return [value] if value.startswith(("http://", "https://")) else []
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str) and v]
    return []


def enrich(candidate: dict, ids: dict, more_links: list | None = None) -> dict:
    """Map what maigret parsed from the page onto the candidate contract."""
    ids = ids if isinstance(ids, dict) else {}
    name = ids.get("fullname") or ids.get("name")
    if name:
        candidate["display_name"] = str(name)
    if ids.get("bio"):
        candidate["bio"] = str(ids["bio"])
    followers = _count(ids.get("follower_count", ids.get("followers_count")))
    if followers is not None:
        candidate["followers"] = followers
    created = str(ids.get("created_at") or "").strip()
    if _DATE.match(created):
        candidate["created_at"] = created.replace(" ", "T", 1)
    found = [*_links(ids.get("links")), *_links(ids.get("website")), *_links(more_links)]
    if found:
        candidate["links"] = list(dict.fromkeys(found))
    if ids.get("image"):
        candidate["profile_image_url"] = str(ids["image"])
    verified = ids.get("is_verified", ids.get("verified"))
    if verified is not None and str(verified).lower() in ("true", "1", "false", "0"):
        candidate["verified"] = str(verified).lower() in ("true", "1")
    return candidate


@register_source
class MaigretReport:
    name = "maigret"

    def read(self, path: Path) -> Iterator[SourceItem]:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        first = text.lstrip().split("\n", 1)[0]
        if first.startswith("username,"):
            yield from read_status_csv(text.splitlines(), self.name)
        elif first.startswith("http") or first.startswith("Total Websites"):
            username = path.stem.removeprefix("report_")
            yield from read_url_lines(text.splitlines(), self.name, username)
        else:
            yield from self._json(text)

    def _json(self, text: str) -> Iterator[SourceItem]:
        try:
            whole = json.loads(text)
        except ValueError:
            whole = None
        if isinstance(whole, dict) and "sitename" not in whole:  # simple report
            for number, (site, data) in enumerate(whole.items(), 1):
                item = self._record(data, number, f"entry {number} ({site})")
                if item:
                    yield item
            return
        for number, raw in enumerate(text.splitlines(), 1):  # ndjson report
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                yield SourceItem(number, None, f"line {number}: not valid JSON")
                continue
            item = self._record(data, number, f"line {number}")
            if item:
                yield item

    def _record(self, data, number: int, where: str) -> SourceItem | None:
        if not isinstance(data, dict):
            return SourceItem(number, None, f"{where}: not a JSON object")
        status = data.get("status")
        if not isinstance(status, dict):
            return SourceItem(number, None, f"{where}: no status object")
        if status.get("status") != "Claimed":
            return None
        url = data.get("url_user") or status.get("url") or ""
        if not isinstance(url, str) or not url:
            return SourceItem(number, None, f"{where}: no profile URL")
        username = str(data.get("username") or status.get("username") or "")
        item = profile_item(self.name, number, username, url)
        if item is None:
            return None  # not one of our platforms
        if item.candidate is None:
            return SourceItem(number, None, f"{where}: {_reason(item.error)}")
        ids_links = data.get("ids_links") if isinstance(data.get("ids_links"), list) else None
        return SourceItem(number, enrich(item.candidate, status.get("ids") or {}, ids_links))


def _reason(error: str | None) -> str:
    return (error or "").split(": ", 1)[-1]

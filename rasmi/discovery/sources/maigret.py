"""Reports from maigret (github.com/soxoj/maigret), a username search tool that also reads
profile details.

Shapes read: `--json simple` (one JSON object keyed by site name; each value carries
url_user, http_status and a `status` object whose `status` is e.g. "Claimed" and whose `ids`
hold what maigret parsed from the page: fullname, bio, follower_count, created_at, image),
`--json ndjson` (one such object per line, with `sitename`), and `--csv` (columns
username,name,url_main,url_user,exists,http_status). Only claimed profiles on platforms
Rasmi knows become candidates.
"""

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from rasmi.discovery.sources.base import SourceItem, register_source
from rasmi.discovery.sources.sherlock import candidate_from


def _enrich(candidate: dict, ids: dict) -> dict:
    if not isinstance(ids, dict):
        return candidate
    if ids.get("fullname"):
        candidate["display_name"] = str(ids["fullname"])
    if ids.get("bio"):
        candidate["bio"] = str(ids["bio"])
    followers = str(ids.get("follower_count", "")).replace(",", "")
    if followers.isdigit():
        candidate["followers"] = int(followers)
    if ids.get("created_at"):
        candidate["created_at"] = str(ids["created_at"])
    for key in ("links", "website"):
        value = ids.get(key)
        if isinstance(value, str) and value:
            candidate.setdefault("links", []).append(value)
        elif isinstance(value, list):
            candidate.setdefault("links", []).extend(str(v) for v in value)
    if ids.get("image"):
        candidate["profile_image_url"] = str(ids["image"])
    if str(ids.get("is_verified", "")).lower() in ("true", "1"):
        candidate["verified"] = True
    return candidate


def _claimed(data: dict) -> tuple[bool, dict]:
    status = data.get("status")
    if isinstance(status, dict):
        return status.get("status") == "Claimed", status.get("ids") or {}
    return str(status) == "Claimed", {}


class MaigretReport:
    name = "maigret"

    def read(self, path: Path) -> Iterator[SourceItem]:
        text = path.read_text(encoding="utf-8-sig")
        stripped = text.lstrip()
        if stripped.startswith("username,"):
            yield from self._csv(text.splitlines())
            return
        try:
            whole = json.loads(text)
        except ValueError:
            whole = None
        if isinstance(whole, dict) and not ("sitename" in whole and "url_user" in whole):
            for number, (site, data) in enumerate(whole.items(), 1):
                item = self._record(data, number, site)
                if item:
                    yield item
            return
        for line, raw in enumerate(text.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                yield SourceItem(line, None, f"line {line}: not valid JSON")
                continue
            item = self._record(data, line, None)
            if item:
                yield item

    def _record(self, data, line: int, site: str | None) -> SourceItem | None:
        if not isinstance(data, dict):
            return SourceItem(line, None, f"record {line}: not a JSON object")
        claimed, ids = _claimed(data)
        if not claimed:
            return None
        username = str(data.get("username") or (data.get("status") or {}).get("username") or "")
        url = data.get("url_user") or (data.get("status") or {}).get("url") or ""
        candidate = candidate_from(str(url), username, "maigret")
        return SourceItem(line, _enrich(candidate, ids)) if candidate else None

    def _csv(self, lines: list[str]) -> Iterator[SourceItem]:
        reader = csv.DictReader(lines)
        for row in reader:
            if (row.get("exists") or "").strip() != "Claimed":
                continue
            candidate = candidate_from(row.get("url_user") or "", row.get("username") or "",
                                       "maigret")
            if candidate:
                yield SourceItem(reader.line_num, candidate)


register_source(MaigretReport())

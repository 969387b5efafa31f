"""The public register as CSV or JSON. No personal data: accounts and organisations only."""

import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone

from rasmi.registry.models import AccountStatus

STATUS_LABELS = {  # (BM, EN)
    "official": ("Rasmi", "Official"),
    "archived": ("Diarkibkan", "Archived"),
    "unofficial": ("Tidak rasmi", "Unofficial"),
    "impersonation": ("Penyamaran", "Impersonation"),
    "parody": ("Parodi", "Parody"),
    AccountStatus.PENDING: ("Menunggu kelulusan", "Pending approval"),
}
COLUMNS = ("organisation_code", "organisation_name_ms", "organisation_name_en", "platform",
           "handle", "canonical_url", "platform_id", "status", "status_ms", "status_en",
           "platform_verified", "official_since", "last_reviewed")


def export_row(account) -> dict:
    ms, en = STATUS_LABELS[account.status]
    return {
        "organisation_code": account.organisation.code,
        "organisation_name_ms": account.organisation.name_ms,
        "organisation_name_en": account.organisation.name_en,
        "platform": account.platform, "handle": account.handle,
        "canonical_url": account.canonical_url, "platform_id": account.platform_id,
        "status": account.status, "status_ms": ms, "status_en": en,
        "platform_verified": account.platform_verified,
        "official_since": account.official_since.isoformat() if account.official_since else "",
        "last_reviewed": account.last_reviewed.isoformat() if account.last_reviewed else "",
    }


class _Echo:
    def write(self, value):
        return value


def _csv_lines(accounts):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the BM names as UTF-8
    yield writer.writerow(COLUMNS)
    for account in accounts.iterator(chunk_size=2000):
        row = export_row(account)
        yield writer.writerow([row[c] for c in COLUMNS])


def _json_chunks(accounts):
    yield f'{{"generated_at": {json.dumps(timezone.now().isoformat())}, "accounts": ['
    for number, account in enumerate(accounts.iterator(chunk_size=2000)):
        yield ("," if number else "") + json.dumps(export_row(account), ensure_ascii=False)
    yield "]}"


def register_response(accounts, fmt: str) -> StreamingHttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(accounts),
                                         content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_chunks(accounts),
                                         content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rasmi-daftar-{stamp}.{fmt}"'
    response["Cache-Control"] = "public, max-age=300"
    return response

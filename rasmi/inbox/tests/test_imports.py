"""Importing exported comments (CSV, JSON Lines): good rows kept, bad rows by line and
reason, exactly once through Delivery(source="import"), official accounts only."""

import io
import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from rasmi.audit.models import AuditEntry
from rasmi.conftest import make_account, make_user
from rasmi.inbox import imports
from rasmi.inbox.models import Conversation, Delivery, Direction, Message

pytestmark = pytest.mark.django_db

HEADER = "id,author_id,author_name,text,created_at,parent_id\n"
GOOD = (
    "987_1,1001,Nurul Aina,Bila kaunter Wangsa Maju buka hari Sabtu?,"
    "2026-11-20T09:00:00+08:00,\n"
    "987_2,100064,JPJ Malaysia,Sabtu 8 pagi hingga 1 petang.,2026-11-20T09:30:00+08:00,987_1\n"
    '987_3,1002,Tan Wei Ming,"Saman dah bayar\n'
    'tapi MySikap masih tunjuk tertunggak",2026-11-20 10:00:00,\n'  # lines 4-5, local time
)
BAD = (
    ",1003,Siti,Tiada id,2026-11-20T10:00:00+08:00,\n"  # line 6
    "987_4,1004,Kumar,,2026-11-20T10:00:00+08:00,\n"  # line 7
    "987_5,1005,Lim,Terima kasih JPJ,semalam,\n"  # line 8
    "987_1,1001,Nurul Aina,Sekali lagi,2026-11-20T11:00:00+08:00,\n"  # line 9
)
LATE_REPLY = "987_6,1001,Nurul Aina,Ok terima kasih!,2026-11-20T09:45:00+08:00,987_2\n"


@pytest.fixture(autouse=True)
def _in_english():
    """Reasons are read in the reader's language; these tests read English."""
    with translation.override("en"):
        yield


@pytest.fixture
def jpj(orgs):
    editor = make_user("editor", "org_editor", orgs["jpj"])
    account = make_account(orgs["jpj"], "https://www.facebook.com/jpjmalaysia",
                           platform_id="100064")
    return {"editor": editor, "account": account, "org": orgs["jpj"]}


def write(tmp_path, text: str, name="komen.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(jpj, source, **options):
    return imports.import_messages(jpj["editor"], jpj["account"], source, **options)


def test_good_rows_are_kept_and_bad_rows_reported_by_line(jpj, tmp_path):
    report = run(jpj, write(tmp_path, HEADER + GOOD + BAD + LATE_REPLY))
    assert report.applied and report.format == "csv"
    assert [(p.line, p.reason) for p in report.problems] == [
        (6, "id is required"),
        (7, "text is required"),
        (8, "created_at semalam is not a date and time (ISO 8601, for example "
            "2026-11-25T09:30:00+08:00)"),
        (9, "id 987_1 is also on line 2"),
    ]
    assert str(report.problems[0]) == f"{tmp_path / 'komen.csv'}:6: id is required"
    assert (report.rows, report.stored, report.already) == (8, 4, 0)
    assert Message.objects.count() == 4


def test_replies_join_their_top_comment_whatever_the_order(jpj, tmp_path):
    run(jpj, write(tmp_path, HEADER + LATE_REPLY + GOOD))  # a reply to a reply, first
    thread = Conversation.objects.get(thread_key="987_1")
    assert [m.platform_message_id for m in thread.messages.all()] == ["987_1", "987_2",
                                                                      "987_6"]
    assert thread.contact.name == "Nurul Aina"
    assert Conversation.objects.count() == 2  # 987_1's thread, and 987_3


def test_the_accounts_own_rows_are_its_replies_and_times_without_offset_are_malaysian(
        jpj, tmp_path):
    run(jpj, write(tmp_path, HEADER + GOOD))
    reply = Message.objects.get(platform_message_id="987_2")
    assert reply.direction == Direction.OUT and reply.author is None
    assert reply.conversation.first_response_at == reply.sent_at
    multi_line = Message.objects.get(platform_message_id="987_3")
    assert multi_line.text == "Saman dah bayar\ntapi MySikap masih tunjuk tertunggak"
    assert multi_line.sent_at.isoformat() == "2026-11-20T02:00:00+00:00"


def test_importing_the_same_file_again_stores_nothing_twice(jpj, tmp_path):
    path = write(tmp_path, HEADER + GOOD)
    run(jpj, path)
    again = run(jpj, path)
    assert (again.stored, again.already) == (0, 3)
    assert Message.objects.count() == 3 and Conversation.objects.count() == 2
    assert Delivery.objects.filter(source="import", processed_at__isnull=False).count() == 2


def test_all_or_nothing_stores_nothing_when_a_row_is_bad(jpj, tmp_path):
    report = run(jpj, write(tmp_path, HEADER + GOOD + BAD), all_or_nothing=True)
    assert not report.applied and len(report.problems) == 4
    assert not Message.objects.exists() and not Delivery.objects.exists()
    assert not AuditEntry.objects.filter(action="inbox.messages_imported").exists()
    assert "Nothing was imported." in imports.summary(report)


def test_all_or_nothing_imports_a_clean_file(jpj, tmp_path):
    report = run(jpj, write(tmp_path, HEADER + GOOD), all_or_nothing=True)
    assert report.applied and report.stored == 3


def test_json_lines_with_the_same_keys(jpj, tmp_path):
    lines = [
        {"id": "c1", "author_id": 1001, "author_name": "Nurul Aina", "text": "Bila buka?",
         "created_at": "2026-11-20T09:00:00+08:00"},
        "not an object",
        {"id": "c2", "text": ["a list"], "created_at": "2026-11-20T09:00:00+08:00"},
        {"id": "c3", "author_id": "1002", "text": "Sy pun nak tahu", "parent_id": "c1",
         "created_at": "2026-11-20T09:05:00Z", "likes": 4},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    report = run(jpj, write(tmp_path, text, name="komen.jsonl"))
    assert report.format == "jsonl" and (report.rows, report.stored) == (4, 2)
    assert [(p.line, p.reason) for p in report.problems] == [
        (2, "not a JSON object"), (3, "text must be text; text is required")]
    assert Message.objects.get(platform_message_id="c3").conversation.thread_key == "c1"
    assert Contact_names() == {"Nurul Aina", ""}


def Contact_names() -> set[str]:  # noqa: N802  (reads like the model it counts)
    from rasmi.inbox.models import Contact

    return set(Contact.objects.values_list("name", flat=True))


def test_a_web_upload_is_read_the_same_way_and_left_open(jpj):
    upload = SimpleUploadedFile("eksport.csv", (HEADER + GOOD).encode("utf-8-sig"))
    report = run(jpj, upload)
    assert report.applied and report.stored == 3 and report.name == "eksport.csv"
    assert not upload.closed
    text = io.StringIO("\n".join([HEADER.strip(), GOOD.splitlines()[0]]))
    assert run(jpj, text, name="pasted").stored == 0  # already there


def test_a_missing_column_is_reported_on_line_one_and_nothing_is_read(jpj, tmp_path):
    report = run(jpj, write(tmp_path, "id,author,text\nx,y,z\n"))
    assert [(p.line, p.reason) for p in report.problems] == [
        (1, "missing column(s): created_at")]
    assert not report.applied and not Delivery.objects.exists()


def test_reasons_are_in_the_readers_language(jpj, tmp_path):
    with translation.override("ms"):
        report = run(jpj, write(tmp_path, "id,text\n"))
        short = run(jpj, write(tmp_path, HEADER + "a,b\n", name="pendek.csv"))
    assert report.problems[0].reason == "lajur tiada: created_at"
    assert short.problems[0].reason == "terlalu sedikit medan dalam baris ini"


def test_a_file_that_is_not_utf8_is_refused_whole(jpj, tmp_path):
    path = tmp_path / "latin1.csv"
    row = "a,1,Ren\xe9,Caf\xe9,2026-11-20T09:00:00+08:00,\n"
    path.write_bytes((HEADER + row).encode("latin-1"))
    report = run(jpj, path)
    assert [p.reason for p in report.problems] == ["the file is not UTF-8 text"]
    assert not report.applied and not Message.objects.exists()


def test_a_time_in_the_future_and_oversized_values_are_bad_rows(jpj, tmp_path):
    rows = (f"f1,1,A,Esok,2099-01-01T00:00:00+08:00,\n"
            f"f2,{'9' * 101},A,Teks,2026-11-20T09:00:00+08:00,\n"
            f"f3,1,A,Teks,2026-11-20T09:00:00+08:00,f3\n"
            f"f4,1,A,Teks,2026-11-20T09:00:00+08:00,,lebih\n")
    report = run(jpj, write(tmp_path, HEADER + rows))
    assert [(p.line, p.reason) for p in report.problems] == [
        (2, "created_at is in the future"), (3, "author_id is longer than 100 characters"),
        (4, "a comment cannot reply to itself"), (5, "too many fields in this row")]


# --- who and where -------------------------------------------------------------------------

def test_accounts_not_official_in_the_register_are_refused(jpj, orgs, tmp_path):
    pending = make_account(orgs["jpj"], "https://www.facebook.com/jpj.baru", status="pending")
    with pytest.raises(imports.MessageImportError) as raised:
        imports.import_messages(jpj["editor"], pending, write(tmp_path, HEADER + GOOD))
    assert raised.value.code == "account_not_official"
    assert not Delivery.objects.exists() and not Message.objects.exists()


def test_staff_of_another_organisation_and_viewers_may_not_import(jpj, orgs, tmp_path):
    path = write(tmp_path, HEADER + GOOD)
    for user in (make_user("outsider", "org_editor", orgs["kkm"]),
                 make_user("viewer", "viewer", orgs["jpj"])):
        with pytest.raises(PermissionDenied):
            imports.import_messages(user, jpj["account"], path)
    assert not Delivery.objects.exists()


def test_an_import_is_audited(jpj, tmp_path):
    report = run(jpj, write(tmp_path, HEADER + GOOD + BAD))
    entry = AuditEntry.objects.get(action="inbox.messages_imported")
    assert entry.actor_id == jpj["editor"].pk and entry.object_id == str(jpj["account"].pk)
    assert entry.after["stored"] == 3 and entry.after["bad_rows"] == 4
    assert entry.after["deliveries"] == report.deliveries


@pytest.mark.parametrize("given", ["https://www.facebook.com/jpjmalaysia",
                                   "facebook:jpjmalaysia", "ACCOUNT_PK"])
def test_the_account_is_found_by_address_key_or_id(jpj, given):
    given = str(jpj["account"].pk) if given == "ACCOUNT_PK" else given
    assert imports.find_account(given) == jpj["account"]


def test_an_unknown_account_is_a_clear_error(jpj):
    with pytest.raises(imports.MessageImportError) as raised:
        imports.find_account("https://www.facebook.com/bukan.jpj")
    assert raised.value.status == 404


# --- the command ---------------------------------------------------------------------------

def test_the_command_reports_bad_lines_and_keeps_the_good(jpj, tmp_path):
    path = write(tmp_path, HEADER + GOOD + BAD)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="4 bad row"):
        call_command("import_messages", "--account", "https://www.facebook.com/jpjmalaysia",
                     "--input", str(path), "--as", "editor", stdout=out, stderr=err)
    assert f"{path}:7: text is required" in err.getvalue()
    assert "Rows read: 7; new messages: 3; already in the inbox: 0; bad rows: 4." \
        in out.getvalue()
    assert Message.objects.count() == 3


def test_the_command_all_or_nothing_and_a_refused_account(jpj, orgs, tmp_path):
    path = write(tmp_path, HEADER + GOOD + BAD)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_messages", "--account", "facebook:jpjmalaysia", "--input",
                     str(path), "--all-or-nothing", stdout=StringIO(), stderr=StringIO())
    assert not Message.objects.exists()
    make_account(orgs["jpj"], "https://x.com/jpj_lama", status="archived")
    with pytest.raises(CommandError, match="official in the register"):
        call_command("import_messages", "--account", "https://x.com/jpj_lama", "--input",
                     str(path), stdout=StringIO(), stderr=StringIO())

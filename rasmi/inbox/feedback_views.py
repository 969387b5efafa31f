"""Feedback pages: the dashboard (one organisation, or every organisation for national
coordinators), its counts as CSV, and the weekly report (HTML to print, and PDF). Thin:
figures come from feedback_queries, charts from feedback_charts.

Who sees what is checked here, on the server: staff see the organisations they hold a
role in (and those beneath them); coordinators see every organisation and the national
view. Another organisation's figures answer 404, as elsewhere in the staff pages, so its
existence is not revealed.
"""

import csv
import datetime as dt
import re
import subprocess

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rasmi import pdf as printing
from rasmi.inbox import feedback as fb
from rasmi.inbox import feedback_charts as drawn
from rasmi.inbox import feedback_queries as queries
from rasmi.inbox import feedback_stats as stats
from rasmi.people import permissions
from rasmi.registry.models import Organisation

OVER_TIME = (fb.INTENT, fb.LANGUAGE, fb.TOPIC)
WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
# Live refresh of the open dashboard (HTMX polling), in seconds; the week needs none.
REFRESH = {"hour": 60, "day": 300}
SHIFT_RULE = {"min_messages": stats.MIN_MESSAGES, "min_points": round(100 * stats.MIN_CHANGE)}


def _organisations(user) -> list[Organisation]:
    """Organisations whose feedback a member of staff may read; all for coordinators."""
    visible = permissions.visible_organisations_q(user, field="")
    rows = Organisation.objects.all() if visible is None else Organisation.objects.filter(visible)
    return list(rows.order_by("name_ms"))


def _scope(request) -> queries.Scope | None:
    """The scope asked for and allowed, or None when the user must choose. Raises 404 for
    an organisation that is unknown or not theirs."""
    user = request.user
    permissions.require_staff(user)
    code = request.GET.get("org", "").strip()
    if code:
        organisation = Organisation.objects.filter(code=code[:60]).first()
        if organisation is None or not permissions.can_view_organisation(user, organisation):
            raise Http404
        return queries.Scope(organisation)
    if permissions.is_coordinator(user):
        return queries.Scope(None)
    choices = _organisations(user)
    return queries.Scope(choices[0]) if len(choices) == 1 else None


def _period(request) -> str:
    period = request.GET.get("period", "day")
    return period if period in stats.PERIODS else "day"


def _query(scope: queries.Scope, **more) -> str:
    params = {"org": scope.organisation.code} if scope.organisation else {}
    params.update({k: v for k, v in more.items() if v})
    return "?" + urlencode(params) if params else ""


def _choose(request):
    return render(request, "inbox/feedback/choose.html",
                  {"organisations": _organisations(request.user)})


def _bar_charts(board, now_label: str, before_label: str) -> list:
    return [drawn.breakdown(board, dimension, title, now_label=now_label,
                            before_label=before_label)
            for dimension, title in ((fb.INTENT, _("Messages by intent")),
                                     (fb.TOPIC, _("Most mentioned topics")),
                                     (fb.LANGUAGE, _("Messages by language")))]


@login_required
@require_GET
def dashboard(request):
    scope = _scope(request)
    if scope is None:
        return _choose(request)
    period = _period(request)
    over = request.GET.get("by", fb.INTENT)
    over = over if over in OVER_TIME else fb.INTENT
    now = timezone.now()
    window = stats.window(period, now, timezone.get_default_timezone())
    board = queries.build(scope, window, now=now, over_time=over)
    now_label, before_label = drawn.period_labels(window)
    year, week = stats.last_complete_week(now, timezone.get_default_timezone())
    period_names = (_("Last hour"), _("Last 24 hours"), _("Last 7 days"))
    over_names = (_("Intent"), _("Language"), _("Topic"))
    context = {
        "board": board, "scope": scope, "period": period, "over": over,
        "period_links": [(p, name, _query(scope, period=p, by=over))
                         for p, name in zip(stats.PERIODS, period_names, strict=True)],
        "over_links": [(d, name, _query(scope, period=period, by=d))
                       for d, name in zip(OVER_TIME, over_names, strict=True)],
        "now_label": now_label, "before_label": before_label,
        "range": drawn.local_range(window),
        "volume_chart": drawn.volume_by_sentiment(board),
        "over_charts": drawn.over_time(board, over),
        "bar_charts": _bar_charts(board, now_label, before_label),
        # The organisation switch, for staff of more than one; coordinators use the
        # national table's links.
        "organisations": ([] if permissions.is_coordinator(request.user)
                          else _organisations(request.user)),
        "refresh": REFRESH.get(period),
        "shift_rule": SHIFT_RULE, "org_link_query": urlencode({"period": period}),
        "csv_query": _query(scope, period=period),
        "report_query": _query(scope, week=f"{year}-W{week:02d}"),
    }
    return render(request, "inbox/feedback/dashboard.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_GET
def counts_csv(request):
    """The dashboard's counts for the period, one row per organisation, bucket,
    dimension and value: counts only, no message text or personal data."""
    scope = _scope(request)
    if scope is None:
        return redirect("feedback:dashboard")
    period = _period(request)
    now = timezone.now()
    window = stats.window(period, now, timezone.get_default_timezone())
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(["organisation", "bucket_start", "bucket", "dimension", "value",
                               "count"])
        for code, start, dimension, value, count in queries.export_rows(scope, window):
            yield writer.writerow([code, timezone.localtime(start).isoformat(), window.grain,
                                   dimension, _safe(value), count])

    name = scope.organisation.code if scope.organisation else "all"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-{name}-{period}-{timezone.localdate(now):%Y%m%d}.csv"')
    return response


def _report_week(request, now: dt.datetime) -> tuple[int, int, bool]:
    """(ISO year, week, whether the one asked for was usable)."""
    tz = timezone.get_default_timezone()
    asked = WEEK.match(request.GET.get("week", ""))
    if asked:
        year, week = int(asked.group(1)), int(asked.group(2))
        try:
            if 2000 <= year <= 2100:
                dt.date.fromisocalendar(year, week, 1)
                return year, week, True
        except ValueError:
            pass
    return (*stats.last_complete_week(now, tz), not request.GET.get("week"))


@login_required
@require_GET
def weekly_report(request, fmt: str = "html"):
    scope = _scope(request)
    if scope is None:
        return _choose(request)
    now = timezone.now()
    year, week, usable = _report_week(request, now)
    language = request.GET.get("lang", "")
    language = language if language in ("ms", "en") else translation.get_language()
    tz = timezone.get_default_timezone()
    with translation.override(language):
        window = stats.iso_week(year, week, tz)
        board = queries.build(scope, window, now=now)
        now_label, before_label = drawn.period_labels(window)
        previous = (dt.date.fromisocalendar(year, week, 1) - dt.timedelta(days=7)).isocalendar()
        following = (dt.date.fromisocalendar(year, week, 1) + dt.timedelta(days=7)).isocalendar()
        context = {
            "board": board, "scope": scope, "year": year, "week": week, "usable": usable,
            "printing": fmt == "pdf", "language": language,
            "range": (timezone.localtime(window.start).date(),
                      timezone.localtime(window.end).date() - dt.timedelta(days=1)),
            "generated_at": timezone.localtime(now),
            "volume_chart": drawn.volume_by_sentiment(board),
            "bar_charts": _bar_charts(board, now_label, before_label),
            "now_label": now_label, "before_label": before_label, "shift_rule": SHIFT_RULE,
            "dashboard_url": reverse("feedback:dashboard") + _query(scope, period="week"),
            "pdf_url": reverse("feedback:report_pdf") + _query(
                scope, week=f"{year}-W{week:02d}", lang=language),
            "language_links": [(code, name, reverse("feedback:report") + _query(
                scope, week=f"{year}-W{week:02d}", lang=code))
                for code, name in (("ms", "Bahasa Melayu"), ("en", "English"))],
            "previous_url": reverse("feedback:report") + _query(
                scope, week=f"{previous[0]}-W{previous[1]:02d}", lang=language),
            "next_url": reverse("feedback:report") + _query(
                scope, week=f"{following[0]}-W{following[1]:02d}", lang=language),
        }
        html = render_to_string("inbox/feedback/report.html", context, request=request)
    if fmt == "pdf":
        try:
            pdf = printing.html_to_pdf(html)
        except (printing.PdfUnavailable, OSError, subprocess.SubprocessError):
            messages.error(request, _("PDF printing is not available on this server."))
            return redirect(reverse("feedback:report") + _query(
                scope, week=f"{year}-W{week:02d}", lang=language))
        name = scope.organisation.code if scope.organisation else "all"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="feedback-{name}-{year}-W{week:02d}-{language}.pdf"')
        return response
    return HttpResponse(html)

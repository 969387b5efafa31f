"""The API plumbing every app's router shares: the error envelope and its schema, error
handlers, pagination and the rate-limit check.

It imports no app, so an app's `api.py` depends only on this module and `rasmi/api.py`
only assembles the routers (a test keeps it that way).

Every error leaves as {"error": {"code", "message", "details"}} with its status, and bad
input is a 4xx, never a 500.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rasmi import ratelimit
from rasmi.errors import UserError

logger = logging.getLogger(__name__)
MAX_PAGE_SIZE = 500


class ApiError(UserError):
    """Raised by handlers for a precise, user-facing error."""

    def __init__(self, status: int, code: str, message, details: dict | None = None):
        super().__init__(code, message, details, status)


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


class ErrorBody(Schema):
    code: str
    message: str
    details: dict


class ErrorOut(Schema):
    error: ErrorBody


def error_responses(*statuses: int) -> dict[int, type[Schema]]:
    """The `response=` entries for the errors an operation can answer with."""
    return dict.fromkeys(statuses, ErrorOut)


def enforce_rate_limit(request: HttpRequest, scope: str, per_minute: int | None = None) -> None:
    """Count the request against the client's limit for `scope`; 429 when over it."""
    allowed, retry_after = ratelimit.allow(request, scope, per_minute)
    if not allowed:
        raise RateLimited(retry_after)


def paginate(queryset, page: int, page_size: int, serialize) -> dict:
    """The list envelope: {"count", "page", "page_size", "results"}."""
    if page < 1:
        raise ApiError(400, "invalid_page", _("Page numbers start at 1."))
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ApiError(400, "invalid_page_size", _("Page size must be between 1 and 500."))
    count = queryset.count()
    start = (page - 1) * page_size
    results = [serialize(item) for item in queryset[start:start + page_size]]
    return {"count": count, "page": page, "page_size": page_size, "results": results}


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every exception in the error envelope, in the reader's language."""

    def respond(request, status: int, code: str, message, details=None):
        body = {"error": {"code": code, "message": str(message), "details": details or {}}}
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def _validation(request, exc):
        details = [{"loc": [str(p) for p in err.get("loc", ())], "msg": err.get("msg", "")}
                   for err in exc.errors]
        return respond(request, 400, "invalid_input", _("The request is not valid."),
                       {"errors": details})

    @api.exception_handler(UserError)
    def _user_error(request, exc):
        return respond(request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(RateLimited)
    def _rate_limited(request, exc):
        response = respond(request, 429, "rate_limited",
                           _("Too many requests. Please wait a minute and try again."),
                           {"retry_after": exc.retry_after})
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(RequestDataTooBig)
    def _too_large(request, exc):
        return respond(request, 413, "too_large", _("The request is too large."))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return respond(request, 401, "unauthenticated", _("Log in first."))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return respond(request, 403, "forbidden",
                       str(exc) or _("You do not have permission to do this."))

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, "not_found", _("Not found."))

    @api.exception_handler(ObjectDoesNotExist)
    def _object_not_found(request, exc):
        return respond(request, 404, "not_found", _("Not found."))

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        return respond(request, exc.status_code, "http_error", str(exc))

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        logger.exception("unhandled API error")
        return respond(request, 500, "server_error", _("Something went wrong on our side."),
                       {"request_id": getattr(request, "id", "")})

"""The one NinjaAPI at /api/v1. Every error leaves as {"error": {code, message, details}}."""

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rasmi.registry.errors import RegisterError

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


class ApiError(Exception):
    """Raised by handlers for a precise, user-facing error."""

    def __init__(self, status: int, code: str, message, details=None):
        self.status, self.code, self.message, self.details = status, code, message, details or {}


api = NinjaAPI(
    title="Rasmi API",
    version="1",
    description=("Register of official Malaysian government social media accounts. "
                 "Daftar akaun media sosial rasmi kerajaan Malaysia."),
    urls_namespace="api",
)


def error_response(request, status: int, code: str, message, details=None):
    return api.create_response(
        request, {"error": {"code": code, "message": str(message), "details": details or {}}},
        status=status)


@api.exception_handler(ValidationError)
def _validation(request, exc):
    details = [{"loc": [str(p) for p in err.get("loc", ())], "msg": err.get("msg", "")}
               for err in exc.errors]
    return error_response(request, 400, "invalid_input", _("The request is not valid."),
                          {"errors": details})


@api.exception_handler(ApiError)
def _api_error(request, exc):
    return error_response(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(RegisterError)
def _register_error(request, exc):
    return error_response(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    response = error_response(request, 429, "rate_limited",
                              _("Too many requests. Please wait a minute and try again."),
                              {"retry_after": exc.retry_after})
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return error_response(request, 401, "unauthenticated", _("Log in first."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return error_response(request, 403, "forbidden",
                          str(exc) or _("You do not have permission to do this."))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(ObjectDoesNotExist)
def _object_not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return error_response(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(Exception)
def _unexpected(request, exc):
    logger.exception("unhandled API error")
    return error_response(request, 500, "server_error", _("Something went wrong on our side."),
                          {"request_id": getattr(request, "id", "")})


def paginate(queryset, page: int, page_size: int, serialize) -> dict:
    """The list envelope: {"count", "page", "page_size", "results"}."""
    if page < 1:
        raise ApiError(400, "invalid_page", _("Page numbers start at 1."))
    if not 1 <= page_size <= 500:
        raise ApiError(400, "invalid_page_size", _("Page size must be between 1 and 500."))
    count = queryset.count()
    start = (page - 1) * page_size
    results = [serialize(item) for item in queryset[start:start + page_size]]
    return {"count": count, "page": page, "page_size": page_size, "results": results}


from rasmi.registry.api import router as registry_router  # noqa: E402

api.add_router("/", registry_router)

from rasmi.discovery.api import router as discovery_router  # noqa: E402

api.add_router("/discovery/", discovery_router)

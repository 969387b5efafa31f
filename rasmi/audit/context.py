"""The id of the request being served, for audit entries written deep inside services."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("rasmi_request_id", default="")

"""What a platform's refusal means for the officer, in their language.

A failed reply keeps its error in Message.send_error as "<kind>: <platform's message>" (the
platform's words, token removed, for whoever fixes the account); `explain` turns the kind
into a sentence the inbox shows.
"""

from django.utils.translation import gettext as _

from rasmi.connectors.base import ConnectorError, ErrorKind


def explain(kind: str) -> str:
    messages = {
        ErrorKind.TOKEN_EXPIRED: _("The account's connection to the platform has expired. "
                                   "An administrator must connect it again."),
        ErrorKind.PERMISSION: _("The platform refused: the account's connection lacks the "
                                "permission for this."),
        ErrorKind.NOT_FOUND: _("The comment or the person is no longer on the platform (it "
                               "was deleted, or they cannot receive messages)."),
        ErrorKind.WINDOW_CLOSED: _("More than 24 hours have passed since the person last "
                                   "wrote. The platform allows a reply only within 24 hours "
                                   "of their last message."),
        ErrorKind.UNSUPPORTED: _("This platform does not let Rasmi do this."),
        ErrorKind.THROTTLED: _("The platform asked Rasmi to slow down. Try again in a few "
                               "minutes."),
        ErrorKind.TRANSIENT: _("The platform did not answer. Try again in a few minutes."),
        ErrorKind.POLICY: _("The platform refused the text under its rules."),
        ErrorKind.DUPLICATE: _("The platform refused a duplicate of an earlier message."),
    }
    return messages.get(kind, _("The platform refused the request."))


def stored(error: ConnectorError) -> str:
    return f"{error.kind}: {error.message}"[:2000]


def stored_kind(send_error: str) -> str:
    """The kind at the front of a stored error ("" when there is none)."""
    kind, sep, _rest = send_error.partition(":")
    return kind if sep and kind in {k.value for k in ErrorKind} else ""

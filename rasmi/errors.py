"""Errors a person can act on, shared by every app and every interface.

A service raises a `UserError` (or an app's subclass, such as RegisterError) with a stable
code and a translatable message; the API turns it into {"error": {code, message, details}}
with its status, the web views show the message, the CLI prints it in English.
"""


class UserError(Exception):
    def __init__(self, code: str, message, details: dict | None = None, status: int = 400):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.details = details or {}
        self.status = status

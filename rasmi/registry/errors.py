"""Errors a person can act on. Messages are translatable so each caller shows them in the
reader's language (API and UI in the active language, CLI in English)."""


class RegisterError(Exception):
    def __init__(self, code: str, message, details: dict | None = None, status: int = 400):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.details = details or {}
        self.status = status

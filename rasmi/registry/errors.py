"""Errors of the register. Messages are translatable so each caller shows them in the
reader's language (API and UI in the active language, CLI in English)."""

from rasmi.errors import UserError


class RegisterError(UserError):
    """A register rule said no (maker-checker, a bad status, a duplicate account...)."""

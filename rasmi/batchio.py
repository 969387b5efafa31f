"""What every JSON Lines batch command shares: reading the input file, writing output
lines to a file or standard output, a progress count on a terminal, bad lines reported by
number on standard error, and a non-zero exit when any line was skipped."""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.core.management.base import BaseCommand, CommandError


@dataclass(frozen=True)
class Problem:
    """A bad line of an input file, as imports report it."""

    file: str
    line: int  # 0: the file as a whole
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


def missing_id_or_text(record) -> str | None:
    """Why a JSON Lines record lacks what every text batch needs (an `id`, a `text`), or
    None."""
    if not isinstance(record, dict):
        return "not a JSON object"
    identifier = record.get("id")
    if identifier is None or identifier == "" or isinstance(identifier, bool) \
            or not isinstance(identifier, str | int):
        return "missing required field 'id'"
    if not isinstance(record.get("text"), str):
        return "missing required field 'text'"
    return None


def open_input(path: Path) -> IO[str]:
    try:
        return path.open(encoding="utf-8-sig", errors="strict", newline="")
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc


class BatchOutput:
    """Use as a context manager around the loop; `done` words the progress ("scored")."""

    def __init__(self, command: BaseCommand, output: Path | None, source: Path, done: str):
        self.command, self.source, self.done = command, source, done
        self._file = output.open("w", encoding="utf-8") if output else None
        self.write = self._file.write if self._file else command.stdout._out.write
        self.progress = sys.stderr.isatty()
        self.written = self.skipped = 0

    def __enter__(self) -> "BatchOutput":
        return self

    def count(self, lines: int = 1) -> None:
        self.written += lines
        if self.progress:
            sys.stderr.write(f"\r{self.written:,} {self.done}")

    def skip(self, reason: str) -> None:
        self.command.stderr.write(reason)
        self.skipped += 1

    def __exit__(self, kind, error, trace) -> None:
        if self._file:
            self._file.close()
        if isinstance(error, UnicodeDecodeError):
            raise CommandError(f"{self.source} is not UTF-8 text ({error.reason})") from error
        if error is None:
            if self.progress:
                sys.stderr.write(f"\r{self.written:,} {self.done}\n")
            if self.skipped:
                raise CommandError(f"{self.skipped} bad line(s) skipped; "
                                   f"{self.written} {self.done}")

"""Streaming a candidates file through core.matching: one output line per good input line,
in input order, with bad lines reported by number. Used by `rasmi discover_score`.

Workers are forked after the register indexes are built, so each inherits them without
pickling; lines travel in chunks so inter-process overhead stays small.
"""

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rasmi.core.matching import Register, logo_hash_of, score_candidate

CHUNK_LINES = 2000
_register: Register | None = None
_as_of: date | None = None
_base_dir: Path | None = None


@dataclass(slots=True)
class LineResult:
    line: int
    output: str | None
    error: str | None


def judge_line(number: int, text: str, register: Register, as_of: date,
               base_dir: Path | None) -> LineResult:
    text = text.strip()
    if not text:
        return LineResult(number, None, None)
    try:
        candidate = json.loads(text)
    except ValueError:
        return LineResult(number, None, f"line {number}: not valid JSON")
    if not isinstance(candidate, dict):
        return LineResult(number, None, f"line {number}: not a JSON object")
    identifier, url = candidate.get("id"), candidate.get("url")
    if not isinstance(identifier, str | int) or isinstance(identifier, bool) or identifier == "":
        return LineResult(number, None, f"line {number}: missing required field 'id'")
    if not isinstance(url, str) or not url.strip():
        return LineResult(number, None, f"line {number}: missing required field 'url'")
    logo = None
    image = candidate.get("profile_image")
    if isinstance(image, str) and image and base_dir is not None:
        path = (base_dir / image).resolve()
        if base_dir.resolve() in path.parents:  # never read outside the input's folder
            logo = logo_hash_of(path)
    try:
        judged = score_candidate(candidate, register, as_of=as_of, logo_hash=logo)
    except ValueError as exc:
        return LineResult(number, None, f"line {number}: {exc}")
    result = {"id": identifier, **judged}
    return LineResult(number, json.dumps(result, ensure_ascii=False), None)


def _judge_chunk(chunk: list[tuple[int, str]]) -> list[LineResult]:
    return [judge_line(number, text, _register, _as_of, _base_dir) for number, text in chunk]


def _judge_block(chunk: list[tuple[int, str]]) -> tuple[str, int, list[str]]:
    """A whole chunk's output as one string: far less to pass between processes."""
    outputs, errors = [], []
    for number, text in chunk:
        result = judge_line(number, text, _register, _as_of, _base_dir)
        if result.error:
            errors.append(result.error)
        elif result.output:
            outputs.append(result.output)
    return ("\n".join(outputs) + "\n" if outputs else ""), len(outputs), errors


def score_blocks(lines: Iterable[str], register: Register, *, as_of: date,
                 base_dir: Path | None = None,
                 workers: int = 1) -> Iterator[tuple[str, int, list[str]]]:
    """Like score_lines, chunk by chunk: (output text, lines written, error messages)."""
    global _register, _as_of, _base_dir
    _register, _as_of, _base_dir = register, as_of, base_dir
    if workers <= 1:
        for chunk in _chunks(lines, CHUNK_LINES):
            yield _judge_block(chunk)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_judge_block, _chunks(lines, CHUNK_LINES), chunksize=1)


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for number, text in enumerate(lines, 1):
        chunk.append((number, text))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score_lines(lines: Iterable[str], register: Register, *, as_of: date,
                base_dir: Path | None = None, workers: int = 1) -> Iterator[LineResult]:
    """Results in input order; memory holds a few chunks at a time, whatever the input size."""
    global _register, _as_of, _base_dir
    _register, _as_of, _base_dir = register, as_of, base_dir
    if workers <= 1:
        for chunk in _chunks(lines, CHUNK_LINES):
            yield from _judge_chunk(chunk)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for results in pool.imap(_judge_chunk, _chunks(lines, CHUNK_LINES), chunksize=1):
            yield from results

"""`make eval` finds a set by its package: a folder with evaluate.py but no __init__.py
would be skipped without a word."""

from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "eval"


def test_every_evaluation_set_is_a_package_make_eval_runs():
    sets = [p.parent for p in EVAL.glob("*/evaluate.py")]
    assert len(sets) >= 3
    assert [s.name for s in sets if not (s / "__init__.py").exists()] == []

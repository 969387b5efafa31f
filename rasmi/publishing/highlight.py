"""Cut a post's text into plain and flagged pieces, so the editor can mark exactly what a
finding is about. Pure: offsets in, segments out."""

from dataclasses import dataclass

RANK = {"warn": 1, "block": 2}


@dataclass(frozen=True)
class Segment:
    text: str
    severity: str = ""              # "", "warn" or "block"
    rules: tuple[str, ...] = ()


def segments(text: str, findings: list[dict]) -> list[Segment]:
    """Overlapping findings merge into one marked piece carrying the stronger severity.
    Findings without offsets (media, platform) and findings of a target's own text are
    not about this text and are left out."""
    spans = sorted((f["start"], f["end"], f["severity"], f["rule"]) for f in findings
                   if f.get("start") is not None and f.get("end") is not None
                   and "target" not in f and 0 <= f["start"] < f["end"] <= len(text))
    merged: list[list] = []
    for start, end, severity, rule in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if RANK[severity] > RANK[last[2]]:
                last[2] = severity
            if rule not in last[3]:
                last[3].append(rule)
        else:
            merged.append([start, end, severity, [rule]])
    out, cursor = [], 0
    for start, end, severity, rules in merged:
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], severity, tuple(rules)))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out

"""What goes in and out of the detector: a mention, and an alert in the batch contract's
shape (issue 11: `rasmi monitor_detect` writes one `Alert.to_json()` per line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# The topic of alerts that no single topic carries: a burst of the whole stream, or a
# rumour whose copies are spread over several topics (or carry none).
ANY_TOPIC = "*"


@dataclass(frozen=True, slots=True)  # no per-mention __dict__: less memory, fewer GC objects
class Mention:
    id: str
    time: datetime  # aware; the stream is sorted by it
    text: str
    topic: str | None = None


@dataclass
class Alert:
    alert_id: str
    topic: str
    terms: list[str]
    started_at: datetime
    detected_at: datetime
    count: int
    baseline: float
    score: float
    examples: list[str] = field(default_factory=list)
    kind: str = "burst"  # "burst" or "rumour"; not in the contract line

    def to_json(self) -> dict:
        """The contract line: times in ISO 8601 with the offset the mentions carried."""
        return {"alert_id": self.alert_id, "topic": self.topic, "terms": list(self.terms),
                "started_at": self.started_at.isoformat(),
                "detected_at": self.detected_at.isoformat(), "count": self.count,
                "baseline": round(self.baseline, 2), "score": round(self.score, 1),
                "examples": list(self.examples)}


def mention_state(m: Mention) -> list:
    """A mention as JSON (for detector state)."""
    return [m.id, m.time.isoformat(), m.text, m.topic]


def mention_from_state(data: list) -> Mention:
    return Mention(id=data[0], time=datetime.fromisoformat(data[1]), text=data[2],
                   topic=data[3])

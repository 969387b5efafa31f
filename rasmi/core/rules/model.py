"""The shapes of the compliance checker: a rule as read from a pack, a finding, a verdict."""

from dataclasses import dataclass, field

CATEGORIES = ("personal_data", "hate_3r", "profanity", "harassment", "violence", "sexual",
              "confidential", "unsafe_link", "accessibility", "platform_limit", "language")
SEVERITIES = ("block", "warn")
LAYERS = ("law", "platform", "sop")
VERDICTS = ("pass", "warn", "block")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a pack. Text rules carry `terms` (whole words or phrases, any case) and
    optional `patterns` (regular expressions); `detector` names a programmatic check
    instead (MyKad numbers, links, platform limits...)."""

    id: str
    pack: str
    category: str
    severity: str
    layer: str
    basis: str
    message_ms: str
    message_en: str
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    case_sensitive_patterns: tuple[str, ...] = ()
    detector: str = ""
    # A match inside one of these phrases is innocent: "babi" in "demam babi Afrika".
    exceptions: tuple[str, ...] = ()
    # A match in a sentence that also says one of these is innocent: a quoted scam
    # warning, a police notice that names the offence.
    context_exceptions: tuple[str, ...] = ()
    options: dict = field(default_factory=dict, hash=False, compare=False)
    guide: str = ""  # slug of its explanation in the public guide


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    start: int | None
    end: int | None
    excerpt: str | None

    def as_dict(self) -> dict:
        """The batch contract's finding shape."""
        rule = self.rule
        return {"rule": rule.id, "category": rule.category, "severity": rule.severity,
                "layer": rule.layer, "start": self.start, "end": self.end,
                "excerpt": self.excerpt, "basis": rule.basis,
                "message_ms": rule.message_ms, "message_en": rule.message_en}


def verdict_of(findings: list[Finding]) -> str:
    return verdict_from_severities(f.rule.severity for f in findings)


def verdict_from_severities(severities) -> str:
    """`block` if any finding blocks, else `warn` if there is any, else `pass`."""
    seen = set(severities)
    return "block" if "block" in seen else "warn" if seen else "pass"

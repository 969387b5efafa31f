"""What a citizen's message is: its language, intent, sentiment, topics and urgency.

One linear model with five heads over hashed word, word-pair and character features
(rasmi.core.textmodel), trained by `rasmi.core.triage.train` on the labelled messages in
eval/inbox/ and shipped as `triage.npz` beside this file. No network, no GPU: a few
thousand messages a second on one core.

Urgency errs on the side of a person: a message is urgent when the model's probability
passes a low threshold chosen in cross-validation for recall, or when it carries one of
a short list of unambiguous danger cues (urgent.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rasmi.core.text.language import CJK, TAMIL
from rasmi.core.textmodel import store
from rasmi.core.textmodel.features import features, words_of
from rasmi.core.textmodel.linear import Head, Vocabulary
from rasmi.core.triage import lexicon as language_lexicon
from rasmi.core.triage.cues import group_features, topics_in
from rasmi.core.triage.urgent import danger_cue

MODEL_PATH = Path(__file__).with_name("triage.npz")

LANGUAGES = ("ms", "en", "zh", "ta", "mixed", "other")
INTENTS = ("question", "complaint", "suggestion", "praise", "report", "spam", "abuse",
           "other")
SENTIMENTS = ("negative", "neutral", "positive")
TOPICS = ("flood", "fees", "appointment", "scam", "licence", "renewal", "summons",
          "payment", "passport", "tax", "health", "vaccination", "dengue", "aid",
          "education", "road", "transport", "water", "electricity", "housing", "jobs",
          "online_system", "counter", "weather", "fake_news", "police", "fire",
          "welfare", "environment")


@dataclass(frozen=True)
class Triage:
    language: str
    intent: str
    sentiment: str
    topics: tuple[str, ...]
    urgent: bool
    urgent_score: float = 0.0

    def as_dict(self) -> dict:
        return {"language": self.language, "intent": self.intent,
                "sentiment": self.sentiment, "topics": list(self.topics),
                "urgent": self.urgent}


class TriageModel:
    def __init__(self, vocabulary: Vocabulary, heads: Mapping[str, Head], settings: dict):
        self.vocabulary, self.heads, self.settings = vocabulary, dict(heads), settings
        self.lexicon = self.settings["lexicon"]
        self.urgent_threshold = float(self.settings["urgent_threshold"])
        self.topic_threshold = float(self.settings.get("topic_threshold", 0.5))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TriageModel:
        return cls(*store.load(path))

    def classify(self, texts: Iterable[str], topics: Collection[str] | None = None,
                 topic_terms: Mapping[str, Collection[str]] | None = None) -> list[Triage]:
        """Label each text. `topics` limits topics to an organisation's list;
        `topic_terms` adds the organisation's own topics, found by their words."""
        texts = list(texts)
        if not texts:
            return []
        x = self.vocabulary.matrix([triage_features(t, self.lexicon) for t in texts])
        best = {name: self.heads[name].scores(x) for name in ("language", "intent",
                                                              "sentiment")}
        urgent = self.heads["urgent"].scores(x)[:, 0]
        topic_head = self.heads["topics"]
        topic_scores = topic_head.scores(x)
        allowed = None if topics is None else set(topics)
        out = []
        for row, text in enumerate(texts):
            found = [topic_head.classes[c]
                     for c in np.flatnonzero(topic_scores[row] >= self.topic_threshold)]
            found.extend(topics_in(text))
            if topic_terms:
                found.extend(_own_topics(text, topic_terms))
            if allowed is not None:
                found = [t for t in found if t in allowed or (topic_terms and t in topic_terms)]
            out.append(Triage(
                language=_script_language(text) or self._label("language", best, row),
                intent=self._label("intent", best, row),
                sentiment=self._label("sentiment", best, row),
                topics=tuple(sorted(set(found))),
                urgent=bool(urgent[row] >= self.urgent_threshold or danger_cue(text)),
                urgent_score=float(urgent[row])))
        return out

    def _label(self, head: str, scores: dict[str, np.ndarray], row: int) -> str:
        return self.heads[head].classes[int(scores[head][row].argmax())]


def _script_language(text: str) -> str | None:
    """Chinese or Tamil when that script alone carries the words: no model needed."""
    words = words_of(text)
    latin = any(w.isascii() and w.isalpha() and len(w) > 1 for w in words)
    if latin:
        return None
    cjk, tamil = bool(CJK.search(text)), bool(TAMIL.search(text))
    if cjk != tamil:
        return "zh" if cjk else "ta"
    return None


def triage_features(text: str, lexicon: dict[str, str]) -> list[int]:
    return features(text, extra=lambda t: group_features(t)
                    + language_lexicon.hints(t, lexicon))


def _own_topics(text: str, topic_terms: Mapping[str, Collection[str]]) -> list[str]:
    words = set(words_of(text))
    lowered = text.lower()
    found = []
    for slug, terms in topic_terms.items():
        for term in terms:
            term = term.lower().strip()
            if term and (term in words if " " not in term else term in lowered):
                found.append(slug)
                break
    return found


@lru_cache(maxsize=1)
def default_model() -> TriageModel:
    return TriageModel.load()


def classify(texts: Iterable[str], **options) -> list[Triage]:
    return default_model().classify(texts, **options)

"""Burst and rumour detection over mention streams (issue 11). Pure Python + numpy.

    detector = SurgeDetector()            # or SurgeDetector.from_state(saved)
    for mention in stream:                # Mention(id, time (aware), text, topic=None)
        for alert in detector.feed(mention):
            ...                           # alert.to_json(): the contract line
    saved = detector.to_state()           # JSON; keep it per organisation

Modules: types (Mention, Alert), settings (every tunable), baseline (seasonal baseline of
one series), series (minute counts, burst test, episodes), poisson (tails, thresholds),
words (content words, alert terms), rumours (MinHash/LSH clusters), detector.
Alerts that no single topic carries (the whole stream's bursts; rumours spread over
topics or without them) have topic "*" (ANY_TOPIC).
"""

from rasmi.core.surge.detector import SurgeDetector
from rasmi.core.surge.settings import SurgeSettings
from rasmi.core.surge.types import ANY_TOPIC, Alert, Mention

__all__ = ["ANY_TOPIC", "Alert", "Mention", "SurgeDetector", "SurgeSettings"]

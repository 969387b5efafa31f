import subprocess
import sys

import numpy as np
import pytest

from rasmi.core.textmodel import linear
from rasmi.core.textmodel.features import features
from rasmi.core.triage import train
from rasmi.core.triage.cues import topics_in
from rasmi.core.triage.model import INTENTS, LANGUAGES, SENTIMENTS, TOPICS, classify
from rasmi.core.triage.urgent import danger_cue

# The examples that come with the batch contract.
CONTRACT = [
    ("Bila nak buka permohonan lesen memandu online? Dah 2 minggu tunggu.",
     "ms", "question", ["licence"], False),
    ("Thank you JPJ, the renewal at the counter took only 10 minutes!",
     "en", "praise", ["renewal"], False),
    ("Tolong!! air dah masuk rumah paras pinggang, ada warga emas kat Kg Baru tak boleh "
     "keluar", "ms", "report", ["flood"], True),
    ("Sy dah bayar saman tapi sistem still tunjuk belum bayar, apa ni",
     "mixed", "complaint", ["summons", "payment"], False),
]


@pytest.mark.parametrize(("text", "language", "intent", "topics", "urgent"), CONTRACT)
def test_shipped_model_labels_the_contract_examples(text, language, intent, topics, urgent):
    [result] = classify([text])
    assert (result.language, result.intent, result.urgent) == (language, intent, urgent)
    assert set(topics) <= set(result.topics)


def test_labels_come_from_the_documented_sets():
    results = classify(["👍👍", "請問護照更新需要多久？", "நன்றி", "", "BUY CRYPTO NOW t.me/x"])
    for result in results:
        assert result.language in LANGUAGES and result.intent in INTENTS
        assert result.sentiment in SENTIMENTS and set(result.topics) <= set(TOPICS)
    assert results[1].language == "zh" and results[2].language == "ta"


def test_topics_can_be_limited_and_extended_per_organisation():
    text = "Sy dah bayar saman tapi sistem still tunjuk belum bayar, tol Gombak pun sama"
    [limited] = classify([text], topics=["payment"])
    assert limited.topics == ("payment",)
    [own] = classify([text], topics=["payment"], topic_terms={"toll": ["tol", "plaza tol"]})
    assert own.topics == ("payment", "toll")


def test_features_are_stable_across_processes():
    """CRC-32, not Python's salted hash: the shipped weights depend on it."""
    text = "Bila nak siap lesen sy ni?? 😡 请问"
    code = ("from rasmi.core.textmodel.features import features;"
            f"print(features({text!r}))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": "123"})
    assert other.stdout.strip() == str(features(text))


def test_short_forms_share_features_with_the_full_words():
    assert set(features("x boleh")) & set(features("tak boleh")) - set(features("boleh"))


def test_cues_pool_synonyms_and_find_topics():
    assert topics_in("Banjir kat Kg Melayu, air naik") == ["flood"]
    assert topics_in("水灾很严重") == ["flood"]
    assert topics_in("Cantik pemandangan hari ini") == []


@pytest.mark.parametrize("text", [
    "Sy rasa dah x larat hidup, malam ni sy nak tamatkan semuanya",
    "My son swallowed bleach and keeps vomiting",
    "我真的不想活了",
    "Ada orang terperangkap atas bumbung rumah, air naik laju",
])
def test_danger_cues(text):
    assert danger_cue(text)


@pytest.mark.parametrize("text", [
    "URGENT pls reply, lesen sy mati esok",
    "Lemas dah I dengan KWSP ni, 5 kali hantar dokumen",
    "Go back to your country la, pendatang tak sedar diri",
])
def test_loose_words_are_not_danger_cues(text):
    assert danger_cue(text) is None


def test_training_learns_a_separable_toy_set():
    rows = []
    for i in range(30):
        rows.append({"text": f"bila nak siap lesen {i}?", "language": "ms",
                     "intent": "question", "sentiment": "neutral", "topics": ["licence"],
                     "urgent": False})
        rows.append({"text": f"thank you so much great service {i}", "language": "en",
                     "intent": "praise", "sentiment": "positive", "topics": [],
                     "urgent": False})
        rows.append({"text": f"tolong banjir terperangkap atas bumbung {i}", "language": "ms",
                     "intent": "report", "sentiment": "negative", "topics": ["flood"],
                     "urgent": True})
    model = train.fit(rows, dict(train.SETTINGS, steps=80), urgent_threshold=0.5)
    labelled = model.classify(["bila nak siap lesen?", "thank you great service",
                               "banjir, terperangkap"])
    assert [r.intent for r in labelled] == ["question", "praise", "report"]
    assert [r.urgent for r in labelled] == [False, False, True]


def test_sparse_rows_and_empty_rows():
    vocabulary = linear.Vocabulary(np.array([5, 9]))
    x = vocabulary.matrix([[5, 9], [], [9]])
    head = linear.Head("h", "softmax", ["a", "b"],
                       np.array([[1.0, 0.0], [0.0, 2.0]], dtype=np.float32),
                       np.zeros(2, dtype=np.float32))
    scores = head.scores(x)
    assert scores.shape == (3, 2)
    assert np.allclose(scores[1], [0.5, 0.5])  # no known feature: the bias alone
    assert scores[2, 1] > scores[2, 0]

"""Danger cues that make a message urgent whatever the model says.

Only phrases that almost never appear in an ordinary complaint: being trapped, drowning,
a fire now, someone unconscious or not breathing, talk of ending one's life. Loose uses
("urgent pls reply", "lambat nak mati") are left to the model, which learnt them.
"""

from __future__ import annotations

import re

_CUES = [
    # trapped or swept away by water, people on roofs
    r"terperangkap", r"\btrapped\b", r"stuck (?:on|at|in) (?:the )?roof", r"atas bumbung rumah",
    r"hampir lemas", r"(?:budak|orang|kanak-kanak|anak) (?:\w+ )?lemas", r"drowning",
    r"dihanyutkan", r"hanyut dibawa arus", r"swept away", r"paras (?:dada|leher)",
    r"(?:chest|neck)[- ]deep", r"被困", r"困在",
    # fire with people in it, now
    r"api marak", r"(?:house|building|shop|flat) (?:is )?on fire", r"on fire (?:now|right now)",
    r"(?:still|masih) (?:ada orang )?(?:di )?dalam rumah yang terbakar", r"起火", r"着火",
    # medical emergencies
    r"(?:tak|x|tidak) sedarkan diri", r"terbaring (?:tak|x|tidak) sedar", r"unconscious",
    r"not breathing",
    r"(?:tak|x|tidak) bernafas", r"sesak nafas", r"can'?t breathe", r"heart attack",
    r"serangan jantung", r"chest pain", r"sakit dada", r"tertelan", r"swallowed",
    r"overdos", r"bleeding (?:badly|heavily|a lot)", r"berdarah (?:teruk|banyak)",
    r"呼吸困难", r"胸口.{0,4}痛", r"昏迷", r"晕倒", r"மயக்க", r"மூச்சு",
    # self-harm and suicide talk
    r"bunuh diri", r"suicid", r"kill myself", r"end (?:my|it) (?:life|all)",
    r"(?:don'?t|do not) want to (?:be alive|live)", r"want to die", r"goodbye letter",
    r"(?:tak|x|tidak) (?:nak|mahu|larat) hidup", r"tamatkan (?:semuanya|hidup|nyawa)",
    r"nak terjun", r"mahu terjun", r"wants? to jump", r"terjun (?:dari|bangunan|jambatan)",
    r"自杀", r"不想活", r"想死", r"தற்கொலை", r"வாழ(?:வே)? (?:பிடிக்கவில்லை|விரும்பவில்லை)",
    r"முடித்துக்கொள்ள",
    # threats to a person
    r"(?:nak|akan|aku|sy|saya) bunuh", r"(?:will|gonna|going to) kill", r"ugut bunuh",
    r"i know where you (?:live|work)", r"aku tahu (?:rumah|tempat kerja) kau",
    r"kami tahu (?:rumah|tempat)", r"bawa(?:k)? parang", r"bawa(?:k)? pisau",
    # children in danger, people taken
    r"(?:budak|kanak-kanak|baby|bayi|child|kid) (?:\w+ )?(?:terkunci|locked)",
    r"(?:anak|budak|child|kid|daughter|son) (?:\w+ ){0,3}(?:hilang|missing)",
    r"dragged into a (?:van|car)", r"diculik", r"kidnap",
]
_PATTERN = re.compile("|".join(f"(?:{c})" for c in _CUES), re.IGNORECASE)


def danger_cue(text: str) -> str | None:
    """The first danger cue in `text`, or None."""
    match = _PATTERN.search(text)
    return match.group(0) if match else None

"""Finders for text a person would read in English on a Bahasa Melayu page.

Shared by the catalogue tests and the browser tour: what counts as "words" and which
proper nouns read the same in both languages.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

# Names and codes that are the same in both languages.
SAME_IN_BOTH = frozenset("""
Rasmi API CSV JSON PDF HTML Atom OpenAPI MCMC SKMM NSRC URL ID Facebook Instagram TikTok X
YouTube Threads Telegram WhatsApp LinkedIn Bahasa Melayu English gov.my Sherlock Maigret
""".split())
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Attributes whose values a person reads (or hears from a screen reader).
READ_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label", "aria-description",
                             "label", "summary"})
PLACEHOLDER = "\x00"
# A template that is one document in both languages on purpose (a takedown dossier read by
# a foreign platform and the Malaysian regulator) says so with this comment.
BILINGUAL_MARK = "{# i18n: bilingual document #}"


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.found.append(value)
            if tag == "input" and name == "value" and ("type", "submit") in attrs and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.found.append(data)


def english_words(text: str) -> list[str]:
    """Words in a piece of text that are neither placeholders nor names."""
    return [w for w in WORD.findall(text) if w not in SAME_IN_BOTH]


def untranslated_template_text(path: Path) -> list[str]:
    """Pieces of human-readable text in a template that no {% translate %} or
    {% blocktranslate %} covers. Tags and variables become placeholders, so HTML that
    spans them still parses as one document."""
    source = path.read_text(encoding="utf-8")
    if BILINGUAL_MARK in source:
        return []
    pieces: list[str] = []
    in_block_translate = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans"):
                in_block_translate += 1
            elif name in ("endblocktranslate", "endblocktrans"):
                in_block_translate -= 1
            pieces.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and not in_block_translate:
            pieces.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            pieces.append(PLACEHOLDER)
    collector = _TextCollector()
    collector.feed("".join(pieces))
    collector.close()
    return [text.strip() for text in collector.found if english_words(text)]

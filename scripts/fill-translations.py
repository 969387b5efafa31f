"""Fill empty msgstr entries of the BM catalogue from a Python dict file (msgid -> BM).

Usage: .venv/bin/python scripts/fill-translations.py TRANSLATIONS.py
The dict file defines T = {...}. Entries it does not know stay empty (and the test that
keeps the catalogue complete will name them).
"""

import re
import runpy
import sys
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "rasmi" / "locale" / "ms" / "LC_MESSAGES" / "django.po"


def main() -> None:
    table = runpy.run_path(sys.argv[1])["T"]
    text = PO.read_text(encoding="utf-8")
    missing = []
    # msgmerge's fuzzy guesses ("Confirmed" from "Confirmed unofficial") are wrong more
    # often than right here: drop them so the entries are translated afresh.
    text = re.sub(r'#, fuzzy\n(?:#\| .*\n)*(msgid (?:".*"\n)+)msgstr (?:".*"\n)+',
                  lambda m: m.group(1) + 'msgstr ""\n', text)

    def fill(match):
        raw = match.group(1)
        msgid = "".join(re.findall(r'"(.*)"', raw))
        if msgid == "" or msgid not in table:
            if msgid:
                missing.append(msgid)
            return match.group(0)
        escaped = table[msgid].replace("\\", "\\\\").replace('"', '\\"')
        return f'\nmsgid {raw}msgstr "{escaped}"\n'

    text = re.sub(r'\nmsgid ((?:".*"\n)+)msgstr ""\n', fill, text)
    PO.write_text(text, encoding="utf-8")
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main()

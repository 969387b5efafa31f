"""Discovery scoring on the labelled development set: per-label precision, recall, F1.

The register is the shipped directory (ministries and agencies) plus the official accounts
in register.csv; candidates are candidates.jsonl (from make_set.py) and hard_cases.jsonl
(typed one by one), scored as of a fixed date so "created N days ago" never drifts.
Aims (issue 4): impersonation recall >= 0.95 at precision >= 0.9; macro-F1 >= 0.85.
"""

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path

from rasmi.core import links
from rasmi.core.matching import (
    LABELS,
    OrganisationInfo,
    Register,
    RegisteredAccount,
    score_candidate,
)

HERE = Path(__file__).parent
DIRECTORY = HERE.parents[1] / "rasmi" / "registry" / "data"
AS_OF = date(2026, 11, 1)


def load_register() -> Register:
    organisations = []
    for name in ("ministries.csv", "agencies.csv"):
        with (DIRECTORY / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                organisations.append(OrganisationInfo(
                    row["code"], row["name_ms"], row["name_en"],
                    tuple(a for a in row["acronyms"].split(";") if a), row["website"]))
    accounts = []
    with (HERE / "register.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ref = links.parse_account(row["url"], row["platform"])
            accounts.append(RegisteredAccount(ref.key, row["organisation_code"], row["status"],
                                              ref.handle, ref.canonical_url))
    return Register(organisations, accounts)


def load_set() -> list[tuple[dict, dict]]:
    candidates = [json.loads(line) for line in (HERE / "candidates.jsonl").open(encoding="utf-8")]
    labels = {row["id"]: row for row in map(json.loads, (HERE / "labels.jsonl").open())}
    rows = [(c, labels[c["id"]]) for c in candidates]
    for line in (HERE / "hard_cases.jsonl").open(encoding="utf-8"):
        if line.strip():
            case = json.loads(line)
            expected = {"id": case["id"], "label": case.pop("expected_label"),
                        "organisation": case.pop("expected_organisation")}
            case.pop("why", None)
            rows.append((case, expected))
    return rows


def metrics(pairs: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    result = {}
    for label in LABELS:
        tp = sum(1 for want, got in pairs if want == label and got == label)
        predicted = sum(1 for _, got in pairs if got == label)
        actual = sum(1 for want, _ in pairs if want == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    return result


def main() -> int:
    register = load_register()
    rows = load_set()
    pairs, org_right, org_total, mistakes = [], 0, 0, []
    for candidate, expected in rows:
        got = score_candidate(candidate, register, as_of=AS_OF)
        pairs.append((expected["label"], got["label"]))
        if expected["label"] == got["label"] and expected["organisation"]:
            org_total += 1
            org_right += got["organisation"] == expected["organisation"]
        if expected["label"] != got["label"]:
            mistakes.append((candidate["id"], expected["label"], got["label"],
                             candidate.get("display_name", ""), candidate["url"]))
    table = metrics(pairs)
    print(f"{len(rows)} candidates ({Counter(want for want, _ in pairs)})")
    print(f"{'label':<15}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for label, m in table.items():
        print(f"{label:<15}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}"
              f"{m['support']:>10}")
    macro = sum(m["f1"] for m in table.values()) / len(table)
    print(f"macro-F1 {macro:.3f}; organisation right when the label is right: "
          f"{org_right}/{org_total}")
    confusion = Counter(pairs)
    print("confusion (expected -> got): " + ", ".join(
        f"{w}->{g}: {n}" for (w, g), n in sorted(confusion.items()) if w != g))
    for mistake in mistakes[:15]:
        print("  miss:", *mistake)
    imp = table["impersonation"]
    ok = imp["recall"] >= 0.95 and imp["precision"] >= 0.9 and macro >= 0.85
    print("aims met" if ok else "aims NOT met (impersonation R>=0.95 at P>=0.9, macro-F1>=0.85)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

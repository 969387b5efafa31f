"""`make eval`: run every labelled evaluation set under eval/ and print its figures.

Each set lives in its own folder with an `evaluate.py` exposing `main() -> int` (0 when
the figures meet the set's aims). Sets are independent; one failing does not hide others.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    status = 0
    here = Path(__file__).parent
    for module in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if not module.ispkg or not (here / module.name / "evaluate.py").exists():
            continue
        print(f"== eval/{module.name}")
        evaluate = importlib.import_module(f"eval.{module.name}.evaluate")
        status |= evaluate.main()
    return status


if __name__ == "__main__":
    sys.exit(main())

"""rasmi.core must run without Django (batch jobs, Spark executors)."""

import pkgutil
import subprocess
import sys

import rasmi.core


def test_core_modules_import_without_django():
    modules = [f"rasmi.core.{m.name}" for m in pkgutil.walk_packages(rasmi.core.__path__)
               if not m.name.startswith("tests")]
    assert modules
    code = ("import sys\n" + "".join(f"import {name}\n" for name in modules) +
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), "
            "[m for m in sys.modules if m.startswith('django')]\n")
    subprocess.run([sys.executable, "-c", code], check=True)

"""The API's shape in code: shared plumbing imports no app, each app's router depends on
the plumbing and its own app only, and `rasmi.api` just assembles."""

import ast
from pathlib import Path

import pytest

import rasmi

ROOT = Path(rasmi.__file__).parent
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
APP_ROUTERS = sorted(ROOT.glob("*/api.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "rasmi" and parts[1] in APPS else None


def test_apps_are_found():
    assert {"registry", "discovery"} <= set(APPS)
    assert len(APP_ROUTERS) >= 2


@pytest.mark.parametrize("module", ["apikit.py", "errors.py", "ratelimit.py"])
def test_shared_plumbing_imports_no_app(module):
    assert {m for m in imported_modules(ROOT / module) if app_of(m)} == set()


@pytest.mark.parametrize("router", APP_ROUTERS, ids=lambda p: p.parent.name)
def test_app_router_does_not_import_the_assembly_or_other_routers(router):
    imports = imported_modules(router)
    assert not any(m == "rasmi.api" or m.startswith("rasmi.api.") for m in imports)
    other_routers = {m for m in imports if m.endswith(".api") and app_of(m)
                     and app_of(m) != router.parent.name}
    assert other_routers == set()


def test_every_router_is_mounted():
    assembly = imported_modules(ROOT / "api.py")
    for router in APP_ROUTERS:
        assert f"rasmi.{router.parent.name}.api" in assembly

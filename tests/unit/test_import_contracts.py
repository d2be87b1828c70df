"""The import contracts in pyproject.toml (ADR 0017) cover the whole portal.

import-linter checks only the modules a contract names, so a new top-level module or blueprint
left out of the lists would be unchecked without anyone noticing. These tests notice.
"""

from __future__ import annotations

import pkgutil
import tomllib

import portal
from portal.config import PROJECT_ROOT

# The app factory's own helpers sit above every layer: they may import the blueprints.
ABOVE_THE_LAYERS = {"cli"}


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return {contract["name"]: contract for contract in contracts}


def _contract(starting: str) -> dict:
    return next(c for name, c in _contracts().items() if name.startswith(starting))


def _top_level() -> set[str]:
    return {f"portal.{module.name}" for module in pkgutil.iter_modules(portal.__path__)}


def test_every_blueprint_the_app_registers_is_in_the_independence_contract(app):
    blueprints = {".".join(bp.import_name.split(".")[:2]) for bp in app.blueprints.values()}
    assert blueprints == set(_contract("Blueprints do not import")["modules"])


def test_every_other_top_level_module_is_a_service_that_must_not_import_blueprints():
    blueprints = set(_contract("Blueprints do not import")["modules"])
    services = set(_contract("Services and shared helpers")["source_modules"])
    above = {f"portal.{name}" for name in ABOVE_THE_LAYERS}
    assert services == _top_level() - blueprints - above
    assert set(_contract("Services and shared helpers")["forbidden_modules"]) == blueprints


def test_the_data_contract_forbids_every_other_top_level_module():
    forbidden = set(_contract("portal.data imports nothing")["forbidden_modules"])
    assert forbidden == _top_level() - {"portal.data"}

"""Data files checked against their JSON Schema (forms/schemas/), every problem named by place.

A schema says which keys a file may have, which it must have and what their values look like, so
a misspelt key (``requird``) is reported instead of being read as if it were not there. Each
problem names its place by ids where the file gives them (``page adult_phone / question
adult_phone``), else by position (``questions[0]``), and says what is wrong in plain words; a
schema may word a message itself with the ``x-message`` keyword (a string, or one per keyword).

What a schema cannot say, such as an id used twice or a condition naming a question that does
not exist, is left to the loaders that call this module.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from portal.config import PROJECT_ROOT

SCHEMAS_DIR = PROJECT_ROOT / "forms" / "schemas"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# libyaml's parser where it is installed: several times faster, and start-up reads every form.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text):
    """yaml.safe_load, by libyaml where it is installed (the same result, several times faster)."""
    return yaml.load(text, Loader=_BaseLoader)  # noqa: S506 - a SafeLoader


class Loader(_BaseLoader):
    """Safe YAML that leaves 2026-12-24 as text: a schema speaks JSON's types, which have no
    dates, and the code reads dates with date.fromisoformat anyway."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class FileProblem(yaml.YAMLError):
    """A loader's own objection to a file (a key listed twice), reported as it is worded."""


class UniqueKeyLoader(Loader):
    """For hand-edited tables: a key listed twice is a problem, where YAML would silently keep
    the last one."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
        if repeated:
            raise FileProblem(f"listed more than once: {', '.join(repeated)}")
        return super().construct_mapping(node, deep=deep)


# Lists whose items are named by a key of their own: "page adult_phone", "option not-sure".
_NOUNS = {
    "sections": "section",
    "pages": "page",
    "questions": "question",
    "fields": "field",
    "options": "option",
    "stops": "stop",
    "rules": "rule",
    "flags": "flag",
    "clocks": "clock",
}
_NAMED_BY = ("id", "value")
# Mappings whose keys are ids: "journey safeguarding-alert" rather than "journeys / ...".
_KEYED = {"journeys": "journey", "service_standards": "service standard for"}
# Page ids are unique in a journey, so the section a page is in adds nothing to its place.
_UNIQUE = ("page",)
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


def read(path: Path, loader: type = Loader) -> tuple[Any, list[str]]:
    """(the YAML at ``path``, problems): a file that is not YAML is a problem, not a traceback.
    ``loader`` is Loader or a stricter subclass of it."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader), []  # noqa: S506
    except FileProblem as error:
        return None, [str(error)]
    except yaml.YAMLError as error:
        return None, [f"is not valid YAML: {' '.join(str(error).split())}"]


@cache
def _registry() -> Registry:
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMAS_DIR.glob("*.schema.json"))
    }
    inlined = {name: _inline(schema, name, schemas, ()) for name, schema in schemas.items()}
    return Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in inlined.items()
    )


def _inline(node: Any, here: str, schemas: dict[str, Any], expanding: tuple[str, ...]) -> Any:
    """``node`` with each $ref to a definition that is not recursive replaced by a copy of it.
    Following a reference is most of the validator's time, and start-up checks every form; the
    recursive ones (a condition in a condition, a question in a list) stay references."""
    if isinstance(node, list):
        return [_inline(item, here, schemas, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline(value, here, schemas, expanding) for key, value in node.items()}
    ref = node.get("$ref")
    if not isinstance(ref, str) or "#/" not in ref:
        return node
    name, _, pointer = ref.partition("#")
    where = f"{name or here}#{pointer}"
    if where in expanding:
        return node
    target: Any = schemas[name or here]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    target = _inline(target, name or here, schemas, (*expanding, where))
    siblings = set(node) - {"$ref"}
    if '"$ref"' in json.dumps(target) or siblings & set(target):
        return node
    return {**target, **{key: node[key] for key in siblings}}


def kinds() -> set[str]:
    """The kinds a file in forms/ may declare: those whose schema asks for ``kind`` (``journey``
    for forms/schemas/journey.schema.json)."""
    found = set()
    for uri in _registry():
        kind = _registry().contents(uri).get("properties", {}).get("kind", {}).get("const")
        if kind == uri.removesuffix(".schema.json"):
            found.add(kind)
    return found


@cache
def validator(kind: str) -> Draft202012Validator:
    registry = _registry()
    return Draft202012Validator(registry.contents(f"{kind}.schema.json"), registry=registry)


def problems(data: Any, kind: str) -> list[str]:
    """Every way ``data`` breaks the schema for ``kind``, each as "place: what is wrong"."""
    found: dict[str, None] = {}  # ordered, and one error can be raised twice by two paths
    values: set[tuple] = set()
    for error in validator(kind).iter_errors(data):
        if not isinstance(error.instance, dict | list):
            # One problem per value: a misspelt type is unknown, and that is all there is to say.
            if tuple(error.absolute_path) in values:
                continue
            values.add(tuple(error.absolute_path))
        for problem in _describe(data, error):
            found[problem] = None
    return list(found)


def in_file(name: str, problems: Iterable[str]) -> list[str]:
    return [f"{name}: {problem}" for problem in problems]


def _describe(data: Any, error: ValidationError) -> Iterator[str]:
    segments = _place(data, list(error.absolute_path))
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if isinstance(custom, dict):
        custom = custom.get(error.validator)
    if custom:
        values = {
            "value": error.instance,
            "allowed": ", ".join(map(str, error.validator_value or ()))
            if error.validator == "enum"
            else "",
            "key": error.absolute_path[-1] if error.absolute_path else "",
        }
        if "{key}" in custom:  # the message names the entry itself
            segments = segments[:-1]
        yield _join(segments, custom.format(**values))
        return
    for message in _messages(error):
        yield _join(segments, message)


def _messages(error: ValidationError) -> Iterator[str]:
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.7)
                yield f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
    elif kind == "required":
        for key in value:
            if key not in instance:
                yield f"missing key {key!r}"
    elif kind == "dependentRequired":
        for key, needed in value.items():
            missing = [name for name in needed if key in instance and name not in instance]
            if missing:
                yield f"{key} needs {' and '.join(map(repr, missing))} beside it"
    elif kind == "type":
        wanted = value if isinstance(value, list) else [value]
        words = " or ".join(_TYPE_WORDS.get(name, name) for name in wanted)
        yield f"must be {words}, not {instance!r}"
    elif kind == "enum":
        yield f"{instance!r} is not one of: {', '.join(map(str, value))}"
    elif kind == "const":
        yield f"must be {value!r}, not {instance!r}"
    elif kind == "pattern":
        yield f"{instance!r} does not match the pattern {value}"
    elif kind == "minItems":
        yield f"needs at least {value}" if value != 1 else "must not be empty"
    elif kind == "uniqueItems":
        yield "lists the same thing more than once"
    elif kind == "minLength":
        yield "must not be empty"
    elif kind in ("minimum", "maximum"):
        yield f"must be at {'least' if kind == 'minimum' else 'most'} {value}, not {instance!r}"
    else:
        yield error.message


def _place(data: Any, path: list) -> list[str]:
    segments: list[str] = []
    node, parent_key = data, None
    for step in path:
        try:
            child = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, list):
            noun = _NOUNS.get(parent_key)
            name = next((child[k] for k in _NAMED_BY if _is_name(child, k)), None)
            if segments and segments[-1] == str(parent_key):
                segments.pop()
            if noun and name:
                if noun in _UNIQUE:
                    segments = []
                segments.append(f"{noun} {name}")
            else:
                segments.append(f"{parent_key if parent_key is not None else ''}[{step}]")
        elif parent_key in _KEYED and segments and segments[-1] == parent_key:
            segments[-1] = f"{_KEYED[parent_key]} {step}"
        else:
            segments.append(str(step))
        node, parent_key = child, step
    return segments


def _is_name(item: Any, key: str) -> bool:
    return isinstance(item, dict) and isinstance(item.get(key), str) and bool(item[key])


def _join(segments: list[str], message: str) -> str:
    return f"{' / '.join(segments)}: {message}" if segments else message

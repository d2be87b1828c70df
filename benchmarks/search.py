"""Advice search speed with 1,000 pages, on SQLite (and PostgreSQL when given a server).

Generates 1,000 advice pages in a temporary content folder from the real pages (so the words and
their spread are realistic), builds the index, runs realistic queries many times, and prints the
p50 and p95 latency of the search function (database query and result building).

    .venv/bin/python benchmarks/search.py
    TEST_POSTGRES_URL=postgresql+psycopg://... .venv/bin/python benchmarks/search.py
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session

from benchmarks.pages import percentile
from portal import create_app
from portal.config import load_settings
from portal.content import (
    load_checked,
    search,
)
from portal.data import migrate
from portal.data.database import make_engine
from tests.integration.search_queries import QUERIES

PAGES = 1000
ROUNDS = 20


def generate(folder: Path) -> None:
    """1,000 English pages: the real ones, then variants that reorder their sections."""
    shutil.copy(ROOT / "content" / "topics.yaml", folder / "topics.yaml")
    originals = sorted((ROOT / "content" / "en").glob("*/*.md"))
    rng = random.Random(2026)
    for number in range(PAGES):
        source = originals[number % len(originals)]
        text = source.read_text(encoding="utf-8")
        name = source.name
        if number >= len(originals):
            front, body = text.split("\n---\n", 1)
            sections = body.split("\n## ")
            head, rest = sections[0], sections[1:]
            rng.shuffle(rest)
            title = re.search(r"^title: (.*)$", front, re.M).group(1).strip().strip('"')
            front = front.replace(
                re.search(r"^title: .*$", front, re.M).group(0),
                f'title: "Variant {number} of {title}"',
            )
            text = front + "\n---\n" + "\n## ".join([head, *rest])
            name = f"{source.stem}-{number}.md"
        target = folder / "en" / source.parent.name / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def measure(url: str, library) -> list[float]:
    migrate.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        started = time.perf_counter()
        count = search.rebuild(session, library)
        print(f"  indexed {count:,} page versions in {time.perf_counter() - started:.1f} s")
        timings = []
        for _ in range(ROUNDS):
            for query, _expected in QUERIES:
                started = time.perf_counter()
                search.search(session, query, "en")
                timings.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return timings


def report(name: str, timings: list[float]) -> None:
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    print(
        f"  {name}: {len(timings)} searches, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(timings):.1f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        (root / "en").mkdir(parents=True)
        generate(root)
        settings = load_settings(
            {"FRONTDOOR_ENV": "test", "SECRET_KEY": "x" * 40, "DATABASE_URL": "sqlite://"}
        )
        library = load_checked(create_app(settings), root)
        print(
            f"Search over {len(library.english()):,} advice pages, {len(QUERIES)} realistic "
            f"queries x {ROUNDS} rounds, 3 locales indexed:"
        )
        report("SQLite FTS5", measure(f"sqlite:///{Path(folder) / 'bench.db'}", library))
        postgres = os.environ.get("TEST_POSTGRES_URL")
        if postgres:
            from tests.conftest import reset_postgres

            reset_postgres(postgres)
            report("PostgreSQL full-text", measure(postgres, library))
        else:
            print("  PostgreSQL: skipped (set TEST_POSTGRES_URL, or run `make bench`)")


if __name__ == "__main__":
    main()

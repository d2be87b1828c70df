"""Figures printed at the end of a run: which database engines ran, which pages axe passed.

With pytest-xdist each worker counts its own tests; a worker hands its figures to the controller
when it finishes (``workeroutput``) and the controller adds them up before printing, so the
summary covers the whole run however many workers there were.
"""

from __future__ import annotations

from collections import Counter, defaultdict

# Database tests per engine ("sqlite", "postgresql").
ENGINES_USED: Counter[str] = Counter()
# Page address -> the viewport widths at which axe found zero violations on it.
AXE_RESULTS: dict[str, set[int]] = defaultdict(set)


def hand_over(workeroutput: dict) -> None:
    """In a worker: put this worker's figures where the controller will read them."""
    workeroutput["engines_used"] = dict(ENGINES_USED)
    workeroutput["axe_results"] = {path: sorted(widths) for path, widths in AXE_RESULTS.items()}


def take_in(workeroutput: dict) -> None:
    """In the controller: add one finished worker's figures to the totals."""
    ENGINES_USED.update(workeroutput.get("engines_used", {}))
    for path, widths in workeroutput.get("axe_results", {}).items():
        AXE_RESULTS[path].update(widths)


def write_summary(terminalreporter) -> None:
    if ENGINES_USED:
        used = ", ".join(
            f"{engine}: {count} tests" for engine, count in sorted(ENGINES_USED.items())
        )
        terminalreporter.write_sep("-", "database engines")
        terminalreporter.write_line(f"Database tests ran on {used}.")
    if not AXE_RESULTS:
        return
    terminalreporter.write_sep("-", "axe-core accessibility checks (WCAG 2.0, 2.1, 2.2 A and AA)")
    by_locale: dict[str, list[str]] = defaultdict(list)
    for path in sorted(AXE_RESULTS):
        parts = path.strip("/").split("/", 1)
        locale = parts[0] if parts[0] in ("pl", "ur") else "en"
        by_locale[locale].append(path)
    checks = sum(len(found) for found in AXE_RESULTS.values())
    widths = sorted(set().union(*AXE_RESULTS.values()))
    terminalreporter.write_line(
        f"{checks} pages checked with zero violations "
        f"({len(AXE_RESULTS)} addresses, widths {', '.join(f'{w}px' for w in widths)}):"
    )
    for locale, paths in sorted(by_locale.items()):
        listed = ", ".join(
            f"{path} [{'+'.join(str(w) for w in sorted(AXE_RESULTS[path]))}]" for path in paths
        )
        terminalreporter.write_line(f"  {locale}: {listed}")

"""Speed of the start page, measured beside a minimal Flask app in the same run.

Starts each app under gunicorn (same workers, same machine), drives it with concurrent clients for
a fixed time, and prints requests per second and latency percentiles. Then loads the start page
once in Chromium with an empty cache and prints the bytes that first visit transfers.

    make bench                     # or: .venv/bin/python benchmarks/pages.py --seconds 20
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port: int, workers: int, module: str) -> list[str]:
    """gunicorn serving ``module`` on the loopback at ``port``, logging only warnings and worse
    (its start-up lines are not the figures)."""
    return [
        str(BIN / "gunicorn"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        module,
    ]


def wait_until_up(port: int, path: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def percentile(values: list[float], share: float) -> float:
    """The value ``share`` of the way up the sorted values (0.95: the p95)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Server:
    def __init__(self, module: str, workers: int, env: dict, cwd: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            gunicorn_command(self.port, workers, module),
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def load(port: int, path: str, seconds: float, clients: int) -> dict:
    """Send requests from ``clients`` threads for ``seconds``; return throughput and latency."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    headers = {"Accept-Encoding": "br, gzip", "Accept-Language": "en-GB"}

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                # gunicorn's sync workers close each connection, as behind a real proxy.
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != 200:
                    failed += 1
                    continue
            except OSError:
                failed += 1
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
    }


def first_visit_bytes(url: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes Chromium transfers for a first visit with an empty cache (headers and bodies)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    transferred: list[tuple[str, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(url, wait_until="networkidle")
        for request in requests:
            sizes = request.sizes()
            size = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            transferred.append((request.url.removeprefix(url.rstrip("/")), size))
        browser.close()
    return sum(size for _, size in transferred), transferred


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per app")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="frontdoor-bench-"))
    env = {
        **os.environ,
        "FRONTDOOR_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )

    cores = os.cpu_count()
    print(
        f"Start page speed: gunicorn, {args.workers} sync workers per app, {args.clients} "
        f"clients,\n{args.seconds:g} s per app, client and server on the same "
        f"{cores}-core machine.\n"
    )
    print(f"{'app':<28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    results = {}
    for name, module, cwd in (
        ("minimal Flask app", "minimal_app:app", ROOT / "benchmarks"),
        ("Front Door start page", "wsgi:app", ROOT),
    ):
        server = Server(module, args.workers, env, cwd)
        try:
            wait_until_up(server.port, "/")
            load(server.port, "/", 2, args.clients)  # warm up
            result = load(server.port, "/", args.seconds, args.clients)
            results[name] = result
            print(
                f"{name:<28}{result['rps']:>9.0f}{result['p50']:>9.1f}{result['p95']:>9.1f}"
                f"{result['p99']:>9.1f}{result['errors']:>8}"
            )
        finally:
            server.stop()

    ratio = results["Front Door start page"]["rps"] / results["minimal Flask app"]["rps"]
    print(f"\nThe start page serves {ratio:.0%} of the minimal app's requests per second.")

    server = Server("wsgi:app", 1, env, ROOT)
    try:
        wait_until_up(server.port, "/")
        total, transferred = first_visit_bytes(f"http://127.0.0.1:{server.port}/")
    finally:
        server.stop()
    print(f"\nFirst visit to the start page (empty cache, Chromium): {total:,} bytes")
    for path, size in transferred:
        print(f"  {size:>8,}  {path}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

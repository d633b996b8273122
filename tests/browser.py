"""Open a report page in headless Chromium and see what a reader's browser sees.

Chromium is driven over its DevTools protocol through a pipe (`--remote-debugging-pipe`: commands on fd 3,
replies and events on fd 4, each message a JSON text ended by a NUL byte), so the test needs no extra package
and no network port. `open_page` returns how many charts the page holds and how many plotly.js drew, every
console error and uncaught exception, and every URL the page requested.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cocreatie_analysis.report.render import find_chromium

__all__ = ["PageLoad", "open_page", "outside", "require_chromium"]

_COUNT_CHARTS = """(() => {
  const divs = [...document.querySelectorAll('div.plotly-graph-div')];
  const drawn = divs.filter(d => d.querySelector('svg.main-svg')).length;
  return JSON.stringify({complete: document.readyState === 'complete', charts: divs.length, drawn: drawn});
})()"""


@dataclass
class PageLoad:
    charts: int = 0  # chart divs in the page
    drawn: int = 0  # of those, the ones plotly.js drew (an svg inside)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    requests: list[str] = field(default_factory=list)  # every URL the page asked for, the page itself included


class _Pipe:
    def __init__(self, chromium: str, profile: str):
        self._to_browser_r, self._to_browser_w = os.pipe()
        self._from_browser_r, self._from_browser_w = os.pipe()

        def wire():  # runs in the child before exec: the protocol's fixed descriptors
            os.dup2(self._to_browser_r, 3)
            os.dup2(self._from_browser_w, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(self._to_browser_r)
        os.close(self._from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def pump(self, seconds: float) -> None:
        """Collect events for `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.events.append(self._read(deadline))
            except TimeoutError:
                return

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser_r], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_browser_r, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser_w)
        os.close(self._from_browser_r)


def open_page(page: Path, settle: float = 20.0) -> PageLoad:
    """Load `page` from disk and wait until it is parsed and every chart is drawn (at most `settle` seconds)."""
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium is not installed")
    profile = tempfile.mkdtemp(prefix="cocreatie-chromium-")
    pipe = _Pipe(chromium, profile)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send("Page.navigate", {"url": Path(page).resolve().as_uri()}, session=session)
        load = PageLoad()
        deadline = time.monotonic() + settle
        while True:
            pipe.pump(0.5)
            value = pipe.send("Runtime.evaluate", {"expression": _COUNT_CHARTS}, session=session)["result"]
            counts = json.loads(value.get("value") or "{}")
            load.charts, load.drawn = counts.get("charts", 0), counts.get("drawn", 0)
            if (counts.get("complete") and load.drawn == load.charts) or time.monotonic() > deadline:
                break
        pipe.pump(1.0)  # late errors and requests
        for event in pipe.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                load.errors.append(details.get("exception", {}).get("description") or details.get("text", ""))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                load.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                load.errors.append(params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                load.requests.append(params["request"]["url"])
        return load
    finally:
        pipe.close()
        shutil.rmtree(profile, ignore_errors=True)


def outside(requests: list[str], root: Path) -> list[str]:
    """The requests that leave `root` on disk: anything but data: URLs and files under `root`."""
    root_uri = Path(root).resolve().as_uri() + "/"
    return [u for u in requests if not (u.startswith("data:") or u.startswith(root_uri))]


def require_chromium() -> None:
    """Skip a browser test where Chromium is missing, except in CI (`COCREATIE_REQUIRE_BROWSER=1`, set by
    .ci/run after installing it), where a missing browser is a failure rather than a silent skip."""
    if find_chromium() is None:
        if os.environ.get("COCREATIE_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (COCREATIE_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Chromium is not installed (CI installs it)")

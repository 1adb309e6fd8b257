"""The local preview: serve the site, rebuild it on every change, reload the open page.

A change under the watched folders triggers a rebuild. A good build is swapped in and the
open page reloads itself; a failed one leaves the last good site served and shows its
problems in the terminal and in a box on the page.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

STATE_PATH = "/__preview/state"
SCRIPT_PATH = "/__preview/reload.js"

# Polls the build state; reloads when a new site is in place, shows problems when not.
RELOAD_SCRIPT = """\
(function () {
  "use strict";
  var seen = null;
  function show(problems) {
    var box = document.getElementById("preview-problems");
    if (!problems.length) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "preview-problems";
      box.setAttribute("role", "alert");
      box.style.position = "fixed";
      box.style.left = box.style.right = box.style.bottom = "0";
      box.style.margin = "0";
      box.style.maxHeight = "50vh";
      box.style.overflow = "auto";
      box.style.padding = "1rem";
      box.style.background = "#7d1412";
      box.style.color = "#ffffff";
      box.style.whiteSpace = "pre-wrap";
      box.style.zIndex = "1000";
      document.body.appendChild(box);
    }
    box.textContent = "The last change did not build; this is the last good site.\\n\\n" +
      problems.join("\\n");
  }
  function poll() {
    fetch("__STATE__", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.generation !== seen) { location.reload(); return; }
        seen = state.generation;
        show(state.problems);
        setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""".replace("__STATE__", STATE_PATH)


@dataclass
class BuildState:
    """How the last build went: a generation counted up for each good build, and problems."""

    generation: int = 0
    problems: tuple[str, ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, problems: Sequence[str]) -> None:
        """Count a build: a good one (no problems) starts a new generation."""
        with self.lock:
            if not problems:
                self.generation += 1
            self.problems = tuple(problems)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps(
                {"generation": self.generation, "problems": list(self.problems)}
            ).encode()


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Return the modification time and size of every file under the folders."""
    return {
        str(path): (stat.st_mtime_ns, stat.st_size)
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    }


def inject_script(html: bytes) -> bytes:
    """Return a page with the reload script added before its closing body tag."""
    tag = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
    head, found, tail = html.rpartition(b"</body>")
    return head + tag + found + tail if found else html + tag


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    state: BuildState

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == STATE_PATH:
            self._send(self.state.as_json(), "application/json")
        elif path == SCRIPT_PATH:
            self._send(RELOAD_SCRIPT.encode(), "text/javascript")
        else:
            page = Path(self.translate_path(path))
            if page.is_dir():
                page = page / "index.html"
            if path.endswith(("/", ".html")) and page.is_file():
                self._send(inject_script(page.read_bytes()), "text/html; charset=utf-8")
            else:
                super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class Preview:
    """A preview server on 127.0.0.1 that rebuilds when the watched folders change."""

    def __init__(
        self,
        site: Path,
        rebuild: Callable[[], Sequence[str]],
        watched: Sequence[Path],
        port: int = 0,
        interval: float = 0.3,
    ) -> None:
        self.site, self.rebuild, self.watched, self.interval = site, rebuild, watched, interval
        self.state = BuildState()
        handler = type("Handler", (_PreviewHandler,), {"state": self.state})
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(site))
        )
        self._stop = threading.Event()
        self._seen = snapshot(watched)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            now = snapshot(self.watched)
            if now == self._seen:
                continue
            # An editor's save may still be under way: build only once the files hold still.
            while not self._stop.wait(self.interval) and (later := snapshot(self.watched)) != now:
                now = later
            self._seen = now
            self.state.record(self.rebuild())

    def start(self) -> None:
        """Build once, then serve and watch in the background."""
        self.state.record(self.rebuild())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self._watch, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

"""A real WebKit engine for the phone tests: Debian's WebKitGTK, driven through
its WebDriver (``WebKitWebDriver``, package ``webkit2gtk-driver``) by Selenium,
on a private Xvfb display.

WebKitGTK draws into a GTK window, so it needs an X display; Xvfb gives it one
in memory, on a display number the X server picks itself (``-displayfd``), so
runs never collide. The window cannot be narrower than about 450 px, so a card
is laid out in a phone-sized ``<iframe>`` of the host page, and measured
inside it.

The host page comes from a small HTTP server on 127.0.0.1, which is also the
browser's proxy for http and https: any request a card makes, to this server
or to any other host, arrives here and is recorded (and refused). So "no
network requests" is checked where requests leave the engine, not from inside
the page. (Only other loopback addresses, 127.0.0.2 or localhost on another
port, bypass a proxy in GLib and go unseen; Chromium's test sees those.)

Selenium speaks to WebKitWebDriver with a time limit on every command, so a
browser that never starts fails the run instead of hanging it.
"""

from __future__ import annotations

import glob
import html
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DRIVER = "WebKitWebDriver"
MINIBROWSER = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"
"""WebKitGTK's own small browser, which its WebDriver drives (Debian: libwebkit2gtk-4.1-0)."""
XVFB = "Xvfb"
HOST_PATH = "/phone.html"
WINDOW = (480, 720)
"""The browser window in CSS px: about as narrow as GTK lets it be, taller than a phone frame."""
TIMEOUT = 60
"""Seconds any one WebDriver command may take before the run fails (it never hangs)."""


def minibrowser() -> str | None:
    found = sorted(glob.glob(MINIBROWSER))
    return found[-1] if found else None


def missing_programs() -> list[str]:
    """The programs WebKit needs that this machine lacks (Debian packages in brackets)."""
    need = {DRIVER: "webkit2gtk-driver", XVFB: "xvfb"}
    lacking = [f"{program} ({package})" for program, package in need.items() if shutil.which(program) is None]
    return lacking if minibrowser() else [*lacking, "MiniBrowser (webkit2gtk-driver)"]


def host_page(frame_html: str, width: int, height: int) -> str:
    """The page around the phone: a ``width`` x ``height`` frame showing ``frame_html``."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        "<style>html, body { margin: 0; } iframe { display: block; border: 0; }</style></head><body>"
        f'<iframe id="phone" style="width:{width}px;height:{height}px" srcdoc="{html.escape(frame_html)}">'
        "</iframe></body></html>"
    )


@dataclass
class Recorder:
    """The HTTP server: serves the host page, records every other request."""

    page: str = ""
    url: str = ""
    requests: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                # Through the proxy the path is a whole URL: http://127.0.0.1:port/phone.html
                if self.path in (HOST_PATH, recorder.url):
                    body = recorder.page.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Cache-Control", "no-store")
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.refuse()

            def refuse(self) -> None:
                with recorder.lock:
                    recorder.requests.append(f"{self.command} {self.path}")
                self.send_error(403)

            do_POST = do_HEAD = do_CONNECT = do_PUT = do_OPTIONS = refuse

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


@contextmanager
def _recording_server() -> Iterator[Recorder]:
    """The recorder, serving on a free port of 127.0.0.1 until the block ends."""
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), recorder.handler())
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}{HOST_PATH}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _xvfb() -> Iterator[str]:
    """An X server in memory; yields its display name, e.g. ``:3``."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-screen", "0", "1280x1600x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read, "rb") as pipe:
            number = pipe.readline().strip()  # Xvfb writes the number once it listens
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit code {proc.poll()})")
        yield f":{number.decode()}"
    finally:
        proc.terminate()
        proc.wait(TIMEOUT)


@contextmanager
def launch(scale: int = 1) -> Iterator[tuple[Any, Recorder]]:
    """WebKitGTK's MiniBrowser on its own display, driven by Selenium, offline.

    ``scale`` is the device pixels per CSS px (GTK's window scale).

    Yields the driver, showing the host page, and the recorder of requests.
    """
    from selenium import webdriver
    from selenium.webdriver.remote.client_config import ClientConfig
    from selenium.webdriver.remote.remote_connection import RemoteConnection
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    with _recording_server() as recorder, _xvfb() as display:
        address = recorder.url.split("/")[2]
        options = Options()
        # Given arguments replace the driver's own, so --automation is given too. MiniBrowser's
        # --proxy sends http and https (CONNECT) through one plain HTTP proxy; the WebDriver
        # proxy capability cannot: it speaks TLS to an sslProxy.
        options.binary_location = minibrowser() or MINIBROWSER
        options.add_argument("--automation")
        options.add_argument(f"--proxy=http://{address}")
        env = {**os.environ, "DISPLAY": display, "GDK_SCALE": str(scale)}
        service = Service(executable_path=shutil.which(DRIVER), env=env)
        service.start()
        try:
            url = service.service_url
            connection = RemoteConnection(client_config=ClientConfig(url, timeout=TIMEOUT))
            driver = webdriver.Remote(command_executor=connection, options=options)
            try:
                recorder.page = host_page("", 360, 640)
                # A small window: screenshots are of the whole window, and cost by its size.
                driver.set_window_size(WINDOW[0], WINDOW[1])
                driver.get(recorder.url)
                yield driver, recorder
            finally:
                driver.quit()
        finally:
            service.stop()

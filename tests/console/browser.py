"""A real headless Chromium for the console's browser tests (selenium and Debian's chromium-driver).

``make test`` installs chromium and chromium-driver when they are missing; where they still
cannot be found (no apt, no network) the browser tests skip and say why.
"""
from __future__ import annotations

import http.server
import shutil
import tempfile
import threading
from typing import Any, Iterator

import pytest

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,1000",
)
WAIT_SECONDS = 15


def _binaries() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (shutil.which("chromium-driver"))
    if browser is None or driver is None:
        pytest.skip("browser tests need Debian's chromium and chromium-driver (make test installs them with apt-get; "
                    "apt-get was unavailable or failed here)")
    return browser, driver


def chromium() -> Iterator[Any]:
    """One headless Chromium with a fresh profile, closed at the end."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = _binaries()
    profile = tempfile.mkdtemp(prefix="console-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, condition: Any, what: str) -> Any:
    """Wait for a page condition. real-time: the browser loads and runs its script on its own time."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the live outbox redraws itself: an element read while it is replaced is simply read again
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1, ignored_exceptions=ignored).until(condition, message=f"waited for {what}")


class Receiver:
    """A partner's push endpoint on a real port: records each POST and answers 200 with an empty body."""

    def __init__(self) -> None:
        received: list[dict[str, str]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                received.append({"authorization": self.headers.get("authorization", ""), "body": self.rfile.read(length).decode()})
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.received = received
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/shopee/push"
        self._thread = threading.Thread(target=self._server.serve_forever, name="push-receiver", daemon=True)

    def __enter__(self) -> "Receiver":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

"""A claim page opened in a real headless browser (Debian's `chromium`), served by `claims serve`.

Skipped with a reason when chromium is not installed, except under CI=true (.ci/run installs it),
where its absence fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import html5lib
import pytest
from sqlmodel import Session

from web_helpers import EVIL_URL, seed, text_of

pytestmark = pytest.mark.slow
BADGE_RED = (0xB3, 0x26, 0x1E)  # .v-mostly_false in templates/base.html


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but `chromium` is not installed (.ci/run installs Debian's chromium package)")
    pytest.skip("`chromium` is not installed (apt-get install -y chromium); CI runs this test")


def claims_script() -> str:
    path = Path(sys.executable).parent / "claims"
    if not path.exists():
        pytest.fail("console script 'claims' is not installed (pip install -e .)")
    return str(path)


def run_browser(binary: str, profile, *args: str) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def test_a_person_opening_a_claim_page_sees_the_verdict_and_its_sources(tmp_path):
    binary = chromium()
    from claims.db import open_database
    from claims.services.catalog import claim_card

    url = f"sqlite:///{tmp_path / 'site.db'}"
    engine = open_database(url)
    with Session(engine, expire_on_commit=False) as s:
        desk = seed(s)
        card = claim_card(s, desk.fine)
    engine.dispose()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "PUBLIC_BASE_URL": "https://fc.example.org"}
    server = subprocess.Popen([claims_script(), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    page = f"http://127.0.0.1:{port}/claims/{desk.merged}?lang=en"  # a merged id: the browser follows the 301
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stdout.read()) from None
                time.sleep(0.2)
        dom = run_browser(binary, tmp_path / "profile", "--dump-dom", page)
        assert dom.returncode == 0, dom.stderr[-2000:]
        shot = tmp_path / "claim.png"
        pic = run_browser(binary, tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1000,1200", page)
        assert pic.returncode == 0 and shot.exists(), pic.stderr[-2000:]
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert "Traceback" not in out, out

    tree = html5lib.parse(dom.stdout, namespaceHTMLElements=False)
    assert tree.find(".//title").text == f"Claim #{desk.fine} · Claim tracker"
    assert text_of(tree.find(".//blockquote")) == card.claim.text  # the hostile text, as text
    assert text_of(tree.find(".//*[@id='verdict']")) == "mostly false"
    assert text_of(tree.find(".//*[@id='speaker']")) == card.claim.speaker
    sources = tree.find(".//*[@id='sources']")
    assert "refutes the claim" in text_of(sources) and card.sources[0].note in text_of(sources)
    assert [a.get("href") for a in sources.iter("a")] == [EVIL_URL]
    # no script ran or was injected: the one script element is the JSON-LD
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]
    assert not list(tree.iter("b"))

    from PIL import Image

    with Image.open(shot) as img:
        rgb = img.convert("RGB")
        assert rgb.size == (1000, 1200)
        colours = rgb.getcolors(maxcolors=1_000_000)
    red = sum(n for n, c in colours if c == BADGE_RED)
    assert red > 300, "the verdict badge is not visible on the screenshot"
    assert len(colours) > 50, "the page rendered (nearly) blank"

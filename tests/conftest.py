"""Shared fixtures: built sites, a local web server, and real headless Chromium.

Browser tests use Debian's Chromium through Playwright (``playwright install`` cannot
download browsers here). Every page a test opens is watched: a request to anywhere but
the local test server, a console error or an uncaught exception fails the test.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONTENT = ROOT / "checklists"
SHIPPED_PAGES = SHIPPED_CONTENT / "pages"  # the site's hand-written pages (docs/ is for editors and developers)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build(tmp_dir: Path, content_dir: Path = SHIPPED_CONTENT, config: Path = ROOT / "mkdocs.yml") -> Path:
    """Build a site from content into tmp_dir/site and return its folder."""
    from generator.build.site import build_site

    return build_site(config, tmp_dir / "site", content_dir)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped content built once per test run (tests must not change it)."""
    return build(tmp_path_factory.mktemp("shipped"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass
class LocalServer:
    root: Path
    url: str
    _server: _Server = field(repr=False)

    def serve(self, root: Path) -> None:
        """Serve another folder from now on (e.g. a rebuilt site), on the same address."""
        self.root = root
        self._server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(root))


@pytest.fixture
def serve():
    """serve(folder) -> LocalServer on 127.0.0.1 at a free port."""
    servers = []

    def start(root: Path) -> LocalServer:
        server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return LocalServer(root, f"http://127.0.0.1:{server.server_address[1]}/", server)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# The two screens every browser journey is walked at (a phone, with touch; a desktop).
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def content():
    """The shipped content's model (tests must not change it)."""
    from generator.content import load_content

    return load_content(SHIPPED_CONTENT)


@pytest.fixture
def server(serve, shipped_site):
    """The shipped site on a local server (it stops after the test's pages have closed: see watched_context)."""
    return serve(shipped_site)


def _served_shipped_build(folder: Path, instant: bool):
    """The shipped content and configuration, built to be served at its site_url.

    Material navigates instantly only to pages listed in sitemap.xml, which lists them only
    when site_url is set, with the port it names; so the server starts first, then the build.
    """
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = LocalServer(folder / "site", f"http://127.0.0.1:{server.server_address[1]}/", server)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    - navigation.instant\n" in config and "docs_dir: checklists/pages\n" in config
    config = config.replace("docs_dir: checklists/pages\n", f"docs_dir: {SHIPPED_PAGES}\nsite_url: {local.url}\n")
    if not instant:
        config = config.replace("    - navigation.instant\n", "")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(folder, SHIPPED_CONTENT, folder / "mkdocs.yml")
    return local, server


def _serving_shipped_build(folder: Path, instant: bool):
    local, server = _served_shipped_build(folder, instant)
    yield local
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def instant_server(tmp_path_factory):
    """The shipped site built with its site_url and served there: Material navigates instantly."""
    yield from _serving_shipped_build(tmp_path_factory.mktemp("instant"), instant=True)


@pytest.fixture(scope="session")
def plain_server(tmp_path_factory):
    """The same, with navigation.instant off: every link loads a whole page."""
    yield from _serving_shipped_build(tmp_path_factory.mktemp("plain"), instant=False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package 'chromium' (make test does this)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did that it should not: outside requests, console errors, uncaught errors."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside_requests == [], f"requests left the site: {self.outside_requests}"
        assert self.page_errors == [], f"uncaught errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def watched_context(browser, serve, request):
    """A fresh browser context (own storage) whose every request is checked. It asks for `serve`, so the
    servers a test starts stop only after its pages have closed (a page may still fetch something late,
    such as the export script once the browser is idle), whatever order the test names its fixtures in.

    Only 127.0.0.1 and file:// may be reached; anything else is aborted and recorded.
    """
    contexts = []

    def open_context(**options):
        context = browser.new_context(**options)
        watch = Watch()

        def route(route_):
            url = route_.request.url
            if url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:")):
                route_.continue_()
            else:
                watch.outside_requests.append(url)
                route_.abort()

        context.route("**/*", route)
        context.set_default_timeout(5000)

        def watch_page(page):
            page.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
            page.on("pageerror", lambda error: watch.page_errors.append(str(error)))

            def on_dialog(dialog):
                watch.dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)

        context.on("page", watch_page)
        contexts.append((context, watch))
        return context, watch

    yield open_context
    for context, watch in contexts:
        context.close()
    for _, watch in contexts:
        watch.assert_clean()


@pytest.fixture
def page(watched_context):
    context, watch = watched_context()
    page = context.new_page()
    page.watch = watch
    return page


def assert_accessible(page, label: str) -> None:
    """axe-core (shipped inside axe-playwright-python, works offline): no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}" for v in bad
    )
    assert not bad, f"axe-core found serious or critical problems on {label}:\n{details}"


def artifact_path(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the shipped content, for tests that change it."""
    target = tmp_path / "checklists"
    shutil.copytree(SHIPPED_CONTENT, target)
    return target

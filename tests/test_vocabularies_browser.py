"""The fixture inspection's own words in real headless Chromium, on a phone and a desktop.

Its matrix filters and sorts by its own status scale (the script reads the statuses from the page,
not from a list of its own); its grades, who assessed and overdue show on the pages that matter;
axe-core finds no serious or critical problem, colour contrast included.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, artifact_path, assert_accessible, build

pytestmark = pytest.mark.browser

OTHER = FIXTURES / "other-inspection"
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture(scope="module")
def other_site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("other-vocabulary"), OTHER)


@pytest.fixture
def server(other_site, serve):
    return serve(other_site)


def new_page(watched_context, device):
    context, _ = watched_context(viewport={"width": WIDTHS[device], "height": 900})
    page = context.new_page()
    page.set_default_navigation_timeout(20000)  # a first load on a busy machine; nothing is timed
    return page


def visible_rows(page) -> list[str]:
    return page.locator("#matrix tr[data-recommendation]:visible").evaluate_all(
        "rows => rows.map(row => row.dataset.recommendation)")


@pytest.mark.parametrize("device", WIDTHS)
def test_the_matrix_filters_and_sorts_by_the_sites_own_statuses(watched_context, server, device):
    page = new_page(watched_context, device)
    page.goto(server.url + "progress/matrix.html")
    status = page.locator("#matrix-status")
    expect(page.locator("[data-matrix-controls]")).to_be_visible()
    options = status.locator("option").evaluate_all("options => options.map(o => o.textContent)")
    assert options == ["Any status", "Overdue", "Complete", "Awaiting review", "Being progressed"]
    status.select_option(label="Awaiting review")
    assert visible_rows(page) == ["WC2"]
    status.select_option(label="Being progressed")
    assert visible_rows(page) == ["SR1"]
    status.select_option(label="Overdue")
    assert visible_rows(page) == ["WC2"]
    status.select_option(label="Any status")
    page.locator("#matrix-sort").select_option(value="status")
    assert visible_rows(page) == ["SR1", "WC2", "WC1"]  # least progress first, by the site's own scale
    page.locator("#matrix-sort").select_option(value="area")
    page.screenshot(path=str(artifact_path(f"vocab-matrix-{device}.png")), full_page=True)
    assert_accessible(page, f"the fixture's matrix ({device})")


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("path, shows", [
    ("index.html", "1 of 3 recommendations overdue"),
    ("areas/welfare-checks/index.html", "Grade (Moorland five-point scale)"),
    ("areas/welfare-checks/wc2.html", "Overdue at January 2025"),
    ("progress/case-audits.html", "24 cases assessed, 22 rated, 2 assessed but not rated"),
])
def test_grades_who_assessed_and_overdue_are_readable_and_accessible(watched_context, server, device, path, shows):
    page = new_page(watched_context, device)
    page.goto(server.url + path)
    expect(page.locator("article").get_by_text(shows, exact=False).first).to_be_visible()
    # Nothing wider than the screen but the boxes made to scroll.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a {WIDTHS[device]}px screen"
    name = path.replace("/", "-").replace(".html", "")
    page.screenshot(path=str(artifact_path(f"vocab-{name}-{device}.png")), full_page=True)
    assert_accessible(page, f"{path} of the fixture ({device})")

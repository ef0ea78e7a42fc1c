"""The progress matrix, read from the built HTML: every recommendation and review, as the YAML says.

The site is built once from a copy of the shipped content with a fixed "as of" date
(October 2017), a later review that has reported on nothing yet, and a dated history entry
closing IC1. Statuses are read from the YAML files themselves, not from the model, so a
mistake in the model shows here too.
"""
from __future__ import annotations

import dataclasses

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import SHIPPED_CONTENT, build
from generator.content import load_content
from generator.model import STATUSES, PartialDate
from generator.render.site import MATRIX, page_url, plan_site, recommendation_path
from linkcheck import BuiltSite, normalise, resolve

AS_OF = "2017-10"
LATER_REVIEW = {"id": "later-review", "title": "Later review", "date": "2019-03", "by": "The inspectorate"}
CLOSURE = {"date": "2018-03-14", "status": "achieved", "note": "Closed after the force's own re-audit.",
           "authorised_by": "Detective Chief Superintendent A. Tester"}


def fixed_content(folder: Path) -> Path:
    content = folder / "checklists"
    shutil.copytree(SHIPPED_CONTENT, content)
    site = content / "site.yml"
    text = site.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  as_of: .*\n", "", text)
    text = text.replace("site:\n", f"site:\n  as_of: {AS_OF}\n", 1)
    review = "".join(f"    {key}: {value}\n" if key != "id" else f"  - id: {value}\n" for key, value in LATER_REVIEW.items())
    text = text.replace("\naudiences:\n", "\n" + review + "\naudiences:\n", 1)
    site.write_text(text, encoding="utf-8")
    area = content / "areas" / "initial-contact.yml"
    history = "    history:\n" + "".join(
        f"      {'- ' if n == 0 else '  '}{key}: \"{value}\"\n" for n, (key, value) in enumerate(CLOSURE.items()))
    area.write_text(area.read_text(encoding="utf-8").replace("  - id: IC1\n", "  - id: IC1\n" + history, 1), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory) -> Path:
    return fixed_content(tmp_path_factory.mktemp("matrix-content"))


@pytest.fixture(scope="module")
def content(content_dir):
    return load_content(content_dir)


@pytest.fixture(scope="module")
def site(content_dir, tmp_path_factory) -> BuiltSite:
    return BuiltSite(build(tmp_path_factory.mktemp("matrix-site"), content_dir))


@pytest.fixture(scope="module")
def yaml_recommendations(content_dir) -> dict[str, dict]:
    """Recommendation id -> its YAML mapping, with the area id."""
    found = {}
    for path in sorted((content_dir / "areas").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for recommendation in data["recommendations"]:
            found[recommendation["id"]] = {**recommendation, "area": data["id"]}
    return found


@pytest.fixture(scope="module")
def reviews(content_dir) -> list[dict]:
    return yaml.safe_load((content_dir / "site.yml").read_text(encoding="utf-8"))["reviews"]


# --- reading the matrix ----------------------------------------------------------------------------


@dataclass
class Cell:
    tag: str
    attrs: dict
    text: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        return normalise("".join(self.text))


@dataclass
class Row:
    attrs: dict
    cells: list[Cell] = field(default_factory=list)


class _MatrixParser(HTMLParser):
    """The rows of table#matrix that stand for a recommendation, cell by cell."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self.headings: list[str] = []
        self._in_matrix = self._in_head = False
        self._row: Row | None = None
        self._cell: Cell | None = None
        self._depth = 0  # elements open inside the current cell

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "matrix":
            self._in_matrix = True
        if not self._in_matrix:
            return
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and "data-recommendation" in attrs:
            self._row = Row(attrs)
            self.rows.append(self._row)
        elif tag in ("td", "th") and self._cell is None and (self._row is not None or self._in_head):
            self._cell = Cell(tag, attrs)
            self._depth = 0
        elif self._cell is not None:
            self._depth += 1
            if tag == "a":
                self._cell.links.append(attrs.get("href", ""))
            if tag in ("p", "li", "div", "ul", "ol", "details", "summary", "br"):
                self._cell.text.append(" ")

    def handle_endtag(self, tag):
        if not self._in_matrix:
            return
        if tag == "table":
            self._in_matrix = False
        elif tag == "thead":
            self._in_head = False
        elif self._cell is not None and tag in ("td", "th") and self._depth == 0:
            if self._in_head:
                self.headings.append(self._cell.words)
            else:
                self._row.cells.append(self._cell)
            self._cell = None
        elif self._cell is not None:
            self._depth -= 1
            if tag in ("p", "li", "div", "summary"):
                self._cell.text.append(" ")
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.text.append(data)


def matrix_rows(page) -> tuple[list[str], dict[str, Row]]:
    parser = _MatrixParser()
    parser.feed(page.html)
    return parser.headings, {row.attrs["data-recommendation"]: row for row in parser.rows}


@pytest.fixture(scope="module")
def matrix(site):
    page = site.page(page_url(MATRIX))
    headings, rows = matrix_rows(page)
    return page, headings, rows


def status_words(status_id: str) -> str:
    return f"{STATUSES[status_id].symbol} {STATUSES[status_id].label}"


# --- every recommendation, every review ---------------------------------------------------------------


def test_one_column_per_review_in_the_content_between_due_date_and_status_now(matrix, reviews):
    _, headings, _ = matrix
    assert len(reviews) == 3  # the two shipped reviews and the later one added here
    assert headings == ["Recommendation", "Timescale", "Due",
                        *[f"{r['title']}{PartialDate.parse(r['date']).human()}" for r in reviews], "Status now"]


def test_every_recommendation_has_a_row_in_its_area_with_timescale_and_due_date(matrix, content, yaml_recommendations):
    page, _, rows = matrix
    assert list(rows) == [r.id for r in content.recommendations()]
    assert set(rows) == set(yaml_recommendations)
    for recommendation in content.recommendations():
        row, source = rows[recommendation.id], yaml_recommendations[recommendation.id]
        first, timescale, due = row.cells[:3]
        assert row.attrs["data-area"] == source["area"]
        assert first.words.startswith(recommendation.id)
        assert page_url(recommendation_path(recommendation)).rsplit("/", 1)[-1] in first.links[0]
        assert timescale.words == source["timescale"]
        assert due.words == recommendation.due.human()
        assert row.attrs["data-due"] == recommendation.due.first_day().isoformat()


def test_each_review_cell_shows_the_yaml_status_in_words_and_symbol_and_links_to_its_finding(matrix, reviews,
                                                                                           yaml_recommendations):
    page, _, rows = matrix
    for recommendation_id, source in yaml_recommendations.items():
        row = rows[recommendation_id]
        review_cells = row.cells[3:3 + len(reviews)]
        for review, cell in zip(reviews, review_cells):
            assert cell.attrs["data-review"] == review["id"]
            finding = source.get("findings", {}).get(review["id"])
            if finding is None:
                assert cell.words == "Not reported on" and cell.links == []
                continue
            assert cell.words.startswith(status_words(finding["status"])), (recommendation_id, review["id"], cell.words)
            [href] = cell.links
            target, anchor = resolve(page.path, href)
            assert anchor == f"finding-{review['id']}"
            assert f"finding-{review['id']}" in BuiltSite(page.site).page(target).ids


def test_the_later_review_with_no_findings_shows_not_reported_on_everywhere(matrix):
    _, _, rows = matrix
    for row in rows.values():
        cell = next(c for c in row.cells if c.attrs.get("data-review") == LATER_REVIEW["id"])
        assert cell.words == "Not reported on"


def test_status_now_is_the_latest_dated_entry_and_the_history_is_one_click_away(matrix, yaml_recommendations, reviews):
    _, _, rows = matrix
    review_dates = {r["id"]: r["date"] for r in reviews}
    for recommendation_id, source in yaml_recommendations.items():
        entries = [(review_dates[r], f["status"]) for r, f in source.get("findings", {}).items()]
        entries += [(h["date"], h["status"]) for h in source.get("history", [])]
        latest = max(entries, key=lambda entry: PartialDate.parse(entry[0]).first_day())[1]
        now = rows[recommendation_id].cells[-1]
        assert now.words.startswith(status_words(latest)), (recommendation_id, now.words)
        assert rows[recommendation_id].attrs["data-status"] == latest
        assert f"History ({len(entries)}) of {recommendation_id}" in now.words


def test_a_dated_closure_shows_who_authorised_it_newest_first(matrix):
    _, _, rows = matrix
    now = rows["IC1"].cells[-1].words
    assert now.startswith(status_words("achieved"))
    closure = f"14 March 2018: {status_words('achieved')} · authorised by {CLOSURE['authorised_by']} {CLOSURE['note']}"
    assert closure in now
    assert now.index("14 March 2018") < now.index("December 2017") < now.index("July 2017")


def test_overdue_is_marked_in_words_against_the_fixed_as_of_date(matrix, content, yaml_recommendations):
    page, _, rows = matrix
    as_of = dt.date(2017, 10, 1)
    assert f"Overdue is judged at {PartialDate.parse(AS_OF).human()} (the date set in the content)" in page.text
    overdue = set()
    for recommendation in content.recommendations():
        row = rows[recommendation.id]
        status = row.attrs["data-status"]
        if recommendation.due.last_day() < as_of and status != "achieved":
            overdue.add(recommendation.id)
        marked = "⚠ Overdue" in row.cells[-1].words
        assert marked == (recommendation.id in overdue), recommendation.id
        assert row.attrs["data-overdue"] == ("true" if marked else "false")
    # Due in September 2017 and not achieved by October: overdue. Achieved (AH1, and IC1 by its closure), or due
    # in December 2017 (PD1): not.
    assert overdue == {r for r, source in yaml_recommendations.items()
                       if source["timescale"] == "within three months"} - {"IC1"}
    assert {"AH1", "IC1", "PD1"}.isdisjoint(overdue)


def test_sub_points_are_in_a_disclosure_with_their_status_at_each_review(matrix, content, yaml_recommendations):
    page, _, rows = matrix
    for recommendation in content.recommendations():
        first = rows[recommendation.id].cells[0].words
        summary = f"Full text and {len(recommendation.points)} sub-points" if recommendation.points else "Full text"
        assert summary in first
        for point in recommendation.points:
            assert point.id in first
            for review_id, finding in yaml_recommendations[recommendation.id].get("findings", {}).items():
                status = finding.get("points", {}).get(point.id)
                if status:
                    review = content.review(review_id)
                    assert f"{review.title}, {review.date}: {status_words(status)}" in first
    assert page.html.count('<details class="gs-matrix__points">') == len(list(content.recommendations()))


def test_overdue_follows_the_build_date_when_the_content_sets_none():
    shipped = load_content(SHIPPED_CONTENT)
    content = dataclasses.replace(shipped, site=dataclasses.replace(shipped.site, as_of=None))
    for build_date, expected in ((dt.date(2017, 9, 30), False), (dt.date(2017, 10, 1), True)):
        plan = plan_site(content, build_date)
        markdown = next(page.markdown for page in plan.pages if page.path == MATRIX)
        assert f"Overdue is judged at <time datetime=\"{build_date.isoformat()}\">" in markdown
        assert "(the date this site was built)" in markdown
        row = re.search(r'<tr class="[^"]*" id="matrix-AH2"[^>]*>', markdown)[0]
        assert ('data-overdue="true"' in row) == expected


# --- the summary per area ------------------------------------------------------------------------------


def test_the_summary_counts_recommendations_by_status_now_per_area(site, content):
    page = site.page(page_url(MATRIX))
    as_of = PartialDate.parse(AS_OF)
    for area in content.areas:
        row = page.text_of("area-summary")
        counts = {}
        for recommendation in area.recommendations:
            counts[recommendation.current_status] = counts.get(recommendation.current_status, 0) + 1
        cells = re.search(rf'<tr data-area="{area.id}">(.*?)</tr>', page.html, re.S)[1]
        for status, count in counts.items():
            assert f'<td data-status="{status}">{count}</td>' in cells
        assert f"<td data-total>{len(area.recommendations)}</td>" in cells
        assert f"<td data-overdue>{sum(r.is_overdue(as_of) for r in area.recommendations)}</td>" in cells
        assert area.title in row
    total = len(list(content.recommendations()))
    assert re.search(rf"<th scope=\"row\">All areas</th>.*<td>{total}</td>", page.html)


def test_the_summary_chart_is_svg_drawn_at_build_time_with_a_text_equivalent(site, content):
    page = site.page(page_url(MATRIX))
    svg = re.search(r'<svg class="gs-chart__svg".*?</svg>', page.html, re.S)[0]
    assert 'role="img"' in svg and 'aria-labelledby="chart-area-status-title chart-area-status-desc"' in svg
    assert "The table above gives the same figures" in svg
    for area in content.areas:
        assert f">{area.title}</text>" in svg
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_the_filter_and_sort_controls_are_in_the_page_and_the_full_table_shows_without_them(site, content):
    page = site.page(page_url(MATRIX))
    controls = re.search(r'<form class="gs-matrix-controls" data-matrix-controls="matrix" hidden>(.*?)</form>', page.html, re.S)[1]
    for area in content.areas:
        assert f'<option value="{area.id}">{area.title}</option>' in controls
    assert '<option value="overdue">Overdue</option>' in controls
    in_use = {r.current_status for r in content.recommendations()}
    status_select = re.search(r'<select id="matrix-status".*?</select>', controls, re.S)[0]
    assert set(re.findall(r'<option value="([a-z-]+)">', status_select)) == in_use | {"overdue"}  # only statuses in use
    assert page.html.count("data-recommendation=") == len(list(content.recommendations()))
    assert not re.search(r"<tr[^>]*data-recommendation[^>]*hidden", page.html)


# --- the history in YAML is validated like everything else -------------------------------------------


def test_a_history_entry_with_a_wrong_status_or_an_impossible_date_is_reported_where_it_is(content_copy):
    from generator.content import check_content

    area = content_copy / "areas" / "initial-contact.yml"
    history = ('    history:\n      - {date: 2018-02-30, status: achieved}\n'
               '      - {date: 2018-03, status: complete, authorised_by: A. Tester}\n')
    area.write_text(area.read_text(encoding="utf-8").replace("  - id: IC1\n", "  - id: IC1\n" + history, 1), encoding="utf-8")
    _, problems = check_content(content_copy)
    messages = [str(problem) for problem in problems]
    assert any("initial-contact.yml:13:" in m and "recommendations[1].history[1].date" in m and "'2018-02-30' is not a real date" in m
               for m in messages), messages
    assert any("initial-contact.yml:14:" in m and "recommendations[1].history[2].status" in m and "'complete'" in m
               for m in messages), messages
    assert len(problems) == 2, messages

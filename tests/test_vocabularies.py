"""The content's own words: status scales, who assessed, grades, colours from a scale's order,
case audits counted right, and templates that assume no force, place or kind of case.

The shipped content defines no vocabulary of its own, so it keeps today's words, statuses and
figures; the fixture inspection (tests/fixtures/other-inspection/) defines its own, see
test_other_inspection.py. The validator's messages are in tests/invalid/.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SHIPPED_CONTENT, build
from generator.content import check_content, load_content
from generator.model import DEFAULT_STATUSES, NOT_RATED_LABEL, PartialDate
from generator.render.site import SiteRenderer, site_tones
from generator.render.tones import NEUTRAL, RAMP, contrast, ramp, tint

TEMPLATES = ROOT / "generator" / "templates"
OTHER = FIXTURES / "other-inspection"


def text_of(page: Path) -> str:
    markup = page.read_text(encoding="utf-8")
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


# --- templates assume nothing ----------------------------------------------------------------------

# Words of one force, one place or one kind of case: they belong in the content, never in a template.
ASSUMED_WORDS = ["custody", "suite", "cell", "detainee", "child", "children", "young person", "Leicestershire",
                 "Leicester", "HMICFRS", "HMIC", "CAIU", "DAIU", "MASH", "Niche", "safeguarding", "domestic abuse"]


@pytest.mark.parametrize("template", sorted(path.name for path in TEMPLATES.glob("*.j2")))
def test_no_template_assumes_a_force_a_place_or_a_kind_of_case(template):
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", " ", text, flags=re.S)  # comments are for developers, not shown
    for word in ASSUMED_WORDS:
        found = re.search(rf"\b{re.escape(word)}\b", text, re.I)
        assert not found, f"{template} says {found.group(0)!r}: such words belong in the content"


SCRIPTS = ROOT / "generator" / "assets"


@pytest.mark.parametrize("script", sorted(path.relative_to(SCRIPTS).as_posix() for path in SCRIPTS.rglob("*.js")))
def test_no_message_of_our_scripts_assumes_a_force_a_place_or_a_kind_of_case(script):
    """What the scripts say to people is in their string literals (code may say `children` of the DOM)."""
    code = (SCRIPTS / script).read_text(encoding="utf-8")
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', code):
        for word in ASSUMED_WORDS:
            found = re.search(rf"\b{re.escape(word)}\b", literal, re.I)
            assert not found, f"{script} says {literal!r}: such words belong in the content"


# --- colours from a scale's order ----------------------------------------------------------------


@pytest.mark.parametrize("count", range(1, 21))
def test_a_scale_of_any_length_gets_distinct_colours_in_order_all_meeting_aa(count):
    colours = ramp(count)
    assert len(colours) == count and len(set(colours)) == count
    assert colours[0] == RAMP[0]
    if count > 1:
        assert colours[-1] == RAMP[-1]
    for colour in colours + [NEUTRAL]:
        assert contrast(colour, "#ffffff") >= 4.5, colour  # white figures inside a bar; a bar on the page (3:1)
        assert contrast(colour, tint(colour)) >= 4.5, colour  # a badge's words on its own background


def test_every_badge_and_bar_of_the_shipped_site_has_a_colour_in_the_stylesheet(shipped_site):
    stylesheet = (shipped_site / "assets" / "guidance" / "tones.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"\.(gs-tone--[0-9a-f]{6})\{", stylesheet))
    used = set()
    for page in shipped_site.rglob("*.html"):
        used |= set(re.findall(r"\b(gs-tone--[0-9a-f]{6})\b", page.read_text(encoding="utf-8")))
    assert used and used <= defined
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert "assets/guidance/tones.css" in home


def test_colours_follow_each_scale_not_its_words():
    shipped, other = load_content(SHIPPED_CONTENT), load_content(OTHER)
    shipped_tones, other_tones = site_tones(shipped), site_tones(other)
    # The first status of each scale (most progress) takes the first colour, whatever it is called.
    assert shipped_tones.of("status", "achieved") == other_tones.of("status", "complete") == f"gs-tone--{RAMP[0][1:]}"
    assert shipped_tones.of("status", "not-achieved") == other_tones.of("status", "not-started") == f"gs-tone--{RAMP[-1][1:]}"
    # Five grades, five colours; "adequate" has its own, not a default one.
    grades = [other_tones.of("grade", grade.id) for grade in other.grading.grades]
    assert len(set(grades)) == 5 and f"gs-tone--{NEUTRAL[1:]}" not in grades
    # An option that is no rating, and "assessed but not rated", are neutral.
    assert other_tones.of("scale:met-partly-not", "not-seen") == other_tones.of("scale:record-quality", "not-rated") \
        == f"gs-tone--{NEUTRAL[1:]}"


# --- the shipped content keeps its words, statuses and figures ---------------------------------------

SHIPPED_STATUSES = {  # recommendation: (action plan, post-inspection review), as the content has given them
    # The action plan: provided, but the report gives it no status (issue 17), hence "not assessed".
    "IC1": ("not-assessed", "partially-achieved"), "AH1": ("not-assessed", "achieved"),
    "AH2": ("not-assessed", "partially-achieved"), "INV1": ("not-assessed", "partially-achieved"),
    "INV2": ("not-assessed", "partially-achieved"), "DM1": ("not-assessed", "partially-achieved"),
    "TA1": ("not-assessed", "partially-achieved"), "PD1": ("not-assessed", "not-achieved"),
}


def test_the_shipped_content_keeps_todays_statuses_assessors_and_figures():
    content = load_content(SHIPPED_CONTENT)
    assert content.statuses is DEFAULT_STATUSES and content.grading is None and not content.grades
    assert [status.label for status in content.statuses.values()] == [
        "Achieved", "Awaiting review", "Partially achieved", "In progress", "Too early to say", "Not assessed", "Not achieved"]
    found = {r.id: tuple(f.status for f in r.findings) for r in content.recommendations()}
    assert found == SHIPPED_STATUSES
    # graded_by_inspectorate: false throughout: every status is this site's reading of the findings.
    assert {f.assessed_by for r in content.recommendations() for f in r.findings} == {"site"}
    as_of = content.as_of(None)
    assert as_of == PartialDate(2018, 5)
    assert [r.id for r in content.recommendations() if r.is_overdue(as_of)] == ["IC1", "AH2", "INV1", "INV2", "DM1", "TA1", "PD1"]
    assert [(a.assessed, a.rated, a.not_rated, a.ratings) for a in content.case_audits] == [
        (85, 75, 10, (("good", 25), ("requires-improvement", 27), ("inadequate", 23))),
        (32, 32, 0, (("good", 17), ("requires-improvement", 10), ("inadequate", 5))),
    ]


def test_the_shipped_site_says_todays_words_and_who_gave_each_status(shipped_site):
    pd1 = text_of(shipped_site / "areas" / "police-detention" / "pd1.html")
    assert "Status now: ✖ Not achieved (our reading) · ⚠ Overdue" in pd1
    assert "Overdue at May 2018 : it was due by December 2017, and its status now is Not achieved, not ✔ Achieved ." in pd1
    assert pd1.count("(this site's reading of the findings: no formal grade was given)") == 2
    area = text_of(shipped_site / "areas" / "police-detention" / "index.html")
    assert "latest status: ✖ Not achieved (our reading) · ⚠ Overdue" in area
    home = text_of(shipped_site / "index.html")
    assert "⚠ 7 of 8 recommendations overdue at May 2018 : past their due date, and not ✔ Achieved ." in home
    assert "AH1: ✔ Achieved (our reading) AH2: ◐ Partially achieved (our reading) ⚠ Overdue" in home
    assert "Grade" not in home  # no grading scale: no grades, and no empty column for them
    matrix = text_of(shipped_site / "progress" / "matrix.html")
    assert ("Area ✔ Achieved ◐ Partially achieved ✖ Not achieved Total Overdue" in matrix)
    assert "its latest status is not ✔ Achieved ." in matrix
    assert "## Grades" not in matrix and "Grades (" not in matrix
    review = text_of(shipped_site / "review.html")
    assert "Force action plan July 2017 Leicestershire Police This site's reading of the findings: no formal grade was given" in review


# --- "assessed but not rated": one concept, one name --------------------------------------------------


def test_assessed_but_not_rated_has_one_name_on_every_page(shipped_site):
    for page in ("review.html", "progress/case-audits.html"):
        text = text_of(shipped_site / page)
        assert f"{NOT_RATED_LABEL} 10 11.8%" in text, page
        for other_name in ("Assessed, no rating published", "Not rated 10"):
            assert other_name not in text, page
    chart = (shipped_site / "progress" / "case-audits.html").read_text(encoding="utf-8")
    assert re.search(rf">{NOT_RATED_LABEL}</text>", chart)


def test_a_not_applicable_option_counted_as_a_rating_is_refused(tmp_path):
    """The "40 rated for 39" case, on the fixture inspection: a 'not seen' option among the ratings."""
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "ratings: {met: 18, partly-met: 12, not-met: 7}", "ratings: {met: 20, partly-met: 12, not-met: 7, not-seen: 1}"),
        encoding="utf-8")
    _, problems = check_content(content)
    assert [(p.field, p.line) for p in problems] == [("case_audits[1].ratings.not-seen", 116)]
    assert "'not-seen' is marked not_applicable" in str(problems[0])


# --- sentences only where they are true ----------------------------------------------------------------


def test_sentences_about_not_applicable_only_where_a_scale_has_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    checklist = content / "self-audit" / "cell-visit-records.yml"
    text = checklist.read_text(encoding="utf-8")
    assert "scale: yes-no-na" in text
    checklist.write_text(text.replace("        scale: yes-no-na\n", ""), encoding="utf-8")
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "      - {id: not-seen, label: Not seen in the record, not_applicable: true}\n", ""), encoding="utf-8")
    loaded = load_content(content)
    assert loaded.not_applicable_labels() == []
    page = next(p for p in SiteRenderer(loaded, dt.date(2025, 1, 1)).plan().pages if p.path == "self-audit/cell-visit-records.md")
    assert "left out of the count" not in page.markdown
    shipped = load_content(SHIPPED_CONTENT)
    assert shipped.not_applicable_labels() == ["Not applicable"]
    assert load_content(OTHER).not_applicable_labels([load_content(OTHER).checklists[0]]) == \
        ["Not seen in the record", "Not applicable"]


# --- vocabularies in the model -----------------------------------------------------------------------


def test_a_status_that_is_not_met_may_be_said_never_to_be_overdue(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "    description: the force says it is done; the inspectorate has yet to check\n",
        "    description: the force says it is done; the inspectorate has yet to check\n    overdue: false\n"), encoding="utf-8")
    loaded = load_content(content)
    assert not loaded.statuses["awaiting-review"].met and not loaded.statuses["awaiting-review"].can_be_overdue
    wc2 = loaded.recommendation_of("WC2")
    assert wc2.current_status == "awaiting-review" and not wc2.is_overdue(PartialDate(2025, 1))
    assert load_content(OTHER).recommendation_of("WC2").is_overdue(PartialDate(2025, 1))


def test_status_order_gives_least_progress_first(tmp_path):
    other = load_content(OTHER)
    assert list(other.statuses) == ["complete", "awaiting-review", "being-progressed", "not-started"]
    ranks = [other.statuses.progress_rank(status) for status in (None, "not-started", "being-progressed", "awaiting-review", "complete")]
    assert ranks == [0, 1, 2, 3, 4]


def test_a_site_may_name_its_own_assessors(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("    assessed_by: force\n", "    assessed_by: commissioner\n").replace(
        "grading_scale:", "assessors:\n  - id: commissioner\n    label: commissioner's assessment\n"
        "    description: the police and crime commissioner's own assessment\n\ngrading_scale:"), encoding="utf-8")
    loaded = load_content(content)
    assert loaded.recommendation_of("WC1").findings[0].assessed_by == "commissioner"
    built = build(tmp_path, content)
    wc1 = text_of(built / "areas" / "welfare-checks" / "wc1.html")
    assert "Status: ✔ Complete (the police and crime commissioner's own assessment)" in wc1


# --- the schemas explain the new fields (an editor shows them on hover) ---------------------------------


def _fields(schema: dict, path: str = ""):
    """(path, field schema) for every property below this schema."""
    for name, field in schema.get("properties", {}).items():
        yield f"{path}.{name}", field
        yield from _fields(field, f"{path}.{name}")
        if isinstance(field.get("items"), dict):
            yield from _fields(field["items"], f"{path}.{name}[]")


def test_every_vocabulary_field_in_the_schemas_says_what_it_is_for():
    import json

    schemas = ROOT / "generator" / "schemas"
    common = json.loads((schemas / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    site = json.loads((schemas / "site.schema.json").read_text(encoding="utf-8"))
    area = json.loads((schemas / "area.schema.json").read_text(encoding="utf-8"))
    wanted = [(path, field) for path, field in _fields(site)
              if path.split(".")[1] in ("statuses", "assessors", "grading_scale", "grades") or path.endswith("assessed_by")]
    wanted += [(path, field) for path, field in _fields(area) if path.endswith(("grades", "assessed_by", "graded_by_inspectorate"))]
    wanted += [(f"common.{name}", common[name]) for name in ("status", "assessor", "grades")]
    wanted += [(f"common.grades.{name}", field) for name, field in common["grades"]["properties"].items()]
    assert len(wanted) > 15
    for path, field in wanted:
        description = field.get("description") or common.get(field.get("$ref", "").rpartition("/")[2], {}).get("description")
        assert description, f"{path} has no description"

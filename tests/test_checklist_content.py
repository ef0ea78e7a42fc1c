"""Rating rules and personal-data patterns in the YAML: validated with located messages, and
emitted into checklist pages as data for checklist.js."""
from __future__ import annotations

import html
import json
import re

import pytest

from conftest import SHIPPED_CONTENT
from generator.audits.rules import BUILT_IN_PERSONAL_DATA_PATTERNS, OTHERWISE_EXPLAIN
from generator.content import check_content, load_content
from generator.render.site import checklist_path, page_url

RULE = """rating:
  scale: grade
  rules:
    - rating: {rating}
      when: {when}
      explain: Something was missed.
  otherwise: {otherwise}
sections:
"""


def with_rule(content_dir, rating="inadequate", when='{answer: "no", critical: true}', otherwise="good", scale=None):
    path = content_dir / "self-audit" / "cse-investigation.yml"
    text = path.read_text(encoding="utf-8")
    rule = RULE.format(rating=rating, when=when, otherwise=otherwise)
    if scale:
        rule = rule.replace("scale: grade", f"scale: {scale}")
    path.write_text(text.replace("sections:\n", rule, 1), encoding="utf-8")
    return path


def problems_in(content_dir) -> list[str]:
    return [str(problem) for problem in check_content(content_dir)[1]]


def test_a_valid_rule_passes_and_is_loaded(content_copy):
    with_rule(content_copy, when='{answer: [no, n-a], items: [other-children], at_least: 1}')
    assert problems_in(content_copy) == []
    checklist = next(c for c in load_content(content_copy).checklists if c.id == "cse-investigation")
    assert checklist.rating.rules[0].when.answers == ("no", "n-a")
    assert checklist.rating.rules[0].when.items == ("other-children",)


@pytest.mark.parametrize("change, words, line_text", [
    ({"rating": "poor"}, ["'poor' is not a rating of the scale 'grade'", "one of: good, requires-improvement, inadequate"],
     "    - rating: poor"),
    ({"otherwise": "fine"}, ["'fine' is not a rating of the scale 'grade'"], "  otherwise: fine"),
    ({"when": '{answer: nope}'}, ["'nope' is not an answer this checklist's items offer", "one of: n-a, no, yes"],
     "      when: {answer: nope}"),
    ({"when": '{answer: "no", items: [no-such-item]}'}, ["'no-such-item' is not an item of this checklist"],
     '      when: {answer: "no", items: [no-such-item]}'),
    ({"scale": "grades"}, ["no answer scale has the id 'grades'", "did you mean 'grade'"], "  scale: grades"),
    ({"when": '{answer: "no", at_least: 0}'}, ["0 is too small", "at least 1"], '      when: {answer: "no", at_least: 0}'),
    ({"when": '{answer: "no", ever: true}'}, ["unknown field 'ever'"], '      when: {answer: "no", ever: true}'),
    ({"when": '{critical: true}'}, ["the required field 'answer' is missing"], "      when: {critical: true}"),
])
def test_mistakes_in_a_rule_are_reported_where_they_are(content_copy, change, words, line_text):
    path = with_rule(content_copy, **change)
    line = path.read_text(encoding="utf-8").splitlines().index(line_text) + 1
    problems = [p for p in problems_in(content_copy) if "cse-investigation.yml" in p]
    assert len(problems) == 1, problems
    assert f"cse-investigation.yml:{line}:" in problems[0]
    for word in words:
        assert word in problems[0]


def add_patterns(content_dir, *patterns: str):
    """Appended to the shipped list, which site.yml ends with."""
    site = content_dir / "site.yml"
    text = site.read_text(encoding="utf-8")
    assert text.rstrip().splitlines()[-3] == "personal_data_patterns:"
    lines = "".join(f"  - label: a reference\n    pattern: '{pattern}'\n" for pattern in patterns)
    site.write_text(text + lines, encoding="utf-8")


def test_content_patterns_are_checked(content_copy):
    add_patterns(content_copy, r"\b[0-9]{2}/[0-9]{5}/[0-9]{2}\b", "([0-9", r"(?i)cr[0-9]+", r"(?P<n>x)", "[0-9]*")
    problems = [p for p in problems_in(content_copy) if "site.yml" in p]
    assert len(problems) == 4, problems
    assert "this is not a regular expression" in problems[0]
    assert "syntax browsers do not read" in problems[1] and "syntax browsers do not read" in problems[2]
    assert "matches empty text" in problems[3]


def test_a_literal_bracket_then_question_mark_is_not_taken_for_an_inline_flag(content_copy):
    add_patterns(content_copy, r"\(?0[0-9]{3}\)? [0-9]{6}")
    assert problems_in(content_copy) == []


# --- the page carries the rule and the patterns as data ---------------------------------------


def form_data(site_dir, checklist_id: str, attribute: str):
    page = (site_dir / page_url(checklist_path(checklist_id))).read_text(encoding="utf-8")
    form = re.search(r'<form class="gs-checklist"[^>]*>', page).group(0)
    value = re.search(attribute + r"='([^']*)'", form)
    return json.loads(html.unescape(value.group(1))) if value else None


def test_pages_carry_the_rule_with_labels_and_checklists_without_one_carry_none(shipped_site):
    content = load_content(SHIPPED_CONTENT)
    for checklist in content.checklists:
        data = form_data(shipped_site, checklist.id, "data-rating")
        if checklist.rating is None:
            assert data is None
            continue
        labels = {option.id: option.label for option in content.scales[checklist.rating.scale].options}
        assert [rule["id"] for rule in data["rules"]] == [rule.rating for rule in checklist.rating.rules]
        assert [rule["label"] for rule in data["rules"]] == [labels[rule.rating] for rule in checklist.rating.rules]
        assert [rule["when"]["answers"] for rule in data["rules"]] == [list(rule.when.answers) for rule in checklist.rating.rules]
        assert data["otherwise"] == {"id": checklist.rating.otherwise, "label": labels[checklist.rating.otherwise],
                                     "explain": OTHERWISE_EXPLAIN}


def test_pages_carry_built_in_and_content_patterns(shipped_site):
    content = load_content(SHIPPED_CONTENT)
    data = form_data(shipped_site, content.checklists[0].id, "data-personal-data-patterns")
    expected = BUILT_IN_PERSONAL_DATA_PATTERNS + content.personal_data_patterns
    assert data == [{"label": p.label, "pattern": p.pattern} for p in expected]


@pytest.mark.parametrize("text, found", [
    ("CUST/2026/0142", True),
    ("LP/2026/12345", True),  # five digits at the end: missed, it went into an export for counting in a Team field
    ("22/123456/26", True),
    ("PACE 1984 s38(6)", False),
    ("items 1.2 and 2/3", False),
])
def test_the_shipped_reference_pattern_finds_the_usual_forms_of_case_reference(text, found):
    [pattern] = [p for p in load_content(SHIPPED_CONTENT).personal_data_patterns if "reference" in p.label]
    assert (re.search(pattern.pattern, text) is not None) == found

"""Progress, rating and personal-data hints of audit records, in Python (generator/audits/rules.py).

The browser applies the same rules (checklist.js); test_checklist_browser.py runs some of
these cases there too and compares.
"""
from __future__ import annotations

import re

import pytest

from generator.audits.rules import (
    BUILT_IN_PERSONAL_DATA_PATTERNS, NEEDS_RECHECK, NEEDS_REASON, NOT_APPLICABLE, OTHERWISE_EXPLAIN, UNANSWERED,
    item_state, personal_data_found, progress, rate,
)


@pytest.fixture(scope="module")
def detention(content):
    return next(checklist for checklist in content.checklists if checklist.id == "detention-of-children")


def answers_for(checklist, given: dict[str, str], default: str | None = "yes", reason: str = "Not deferred") -> dict:
    """An answer for every item: `given` ones as stated, the rest `default` (None: unanswered)."""
    answers = {}
    for item in checklist.items():
        answer = given.get(item.id, default)
        if answer is not None:
            answers[item.id] = {"answer": answer, "note": "", "reason": reason, "item_hash": item.content_hash,
                                "updated": "2026-01-01T10:00:00.000Z"}
    return answers


def critical_and_plain(checklist):
    critical = [item.id for item in checklist.items() if item.critical]
    plain = [item.id for item in checklist.items() if not item.critical]
    return critical, plain


def test_the_shipped_rule_is_loaded_as_written(detention):
    rule_set = detention.rating
    assert rule_set.scale == "grade" and rule_set.otherwise == "good"
    assert [rule.rating for rule in rule_set.rules] == ["inadequate", "requires-improvement"]
    first, second = rule_set.rules
    assert first.when.answers == ("no",) and first.when.critical is True and first.when.at_least == 1
    assert second.when.answers == ("no",) and second.when.critical is None and second.when.at_least == 2


def test_all_yes_is_good_with_the_otherwise_explanation(content, detention):
    result = rate(detention, content.scales, answers_for(detention, {}))
    assert (result.id, result.label, result.explain) == ("good", "Good", OTHERWISE_EXPLAIN)


def test_one_no_on_a_critical_item_is_inadequate(content, detention):
    critical, _ = critical_and_plain(detention)
    result = rate(detention, content.scales, answers_for(detention, {critical[0]: "no"}))
    assert result.id == "inadequate" and result.label == "Inadequate"
    assert result.explain == detention.rating.rules[0].explain


def test_one_no_on_a_plain_item_is_still_good_and_two_require_improvement(content, detention):
    _, plain = critical_and_plain(detention)
    assert rate(detention, content.scales, answers_for(detention, {plain[0]: "no"})).id == "good"
    result = rate(detention, content.scales, answers_for(detention, {plain[0]: "no", plain[1]: "no"}))
    assert result.id == "requires-improvement" and result.explain == detention.rating.rules[1].explain


def test_rules_are_checked_in_order(content, detention):
    critical, plain = critical_and_plain(detention)
    both = answers_for(detention, {critical[0]: "no", plain[0]: "no", plain[1]: "no"})
    assert rate(detention, content.scales, both).id == "inadequate"


def test_no_rating_until_every_applicable_item_is_answered(content, detention):
    first = next(detention.items())
    answers = answers_for(detention, {})
    del answers[first.id]
    assert rate(detention, content.scales, answers) is None
    assert progress(detention, content.scales, answers).answered == progress(detention, content.scales, answers).applicable - 1


def test_not_applicable_leaves_the_denominator_and_needs_a_reason_where_asked(content, detention):
    with_reason = next(item for item in detention.items() if item.reason_if_not_applicable)
    without_reason = next(item for item in detention.items() if not item.reason_if_not_applicable)
    total = len(list(detention.items()))
    answers = answers_for(detention, {with_reason.id: "n-a", without_reason.id: "n-a"}, reason="")
    scales = content.scales
    assert item_state(without_reason, scales["yes-no-na"], answers[without_reason.id]) == NOT_APPLICABLE
    assert item_state(with_reason, scales["yes-no-na"], answers[with_reason.id]) == NEEDS_REASON
    counted = progress(detention, scales, answers)
    assert (counted.total, counted.applicable, counted.answered) == (total, total - 1, total - 2)
    assert rate(detention, scales, answers) is None, "a missing reason keeps the record unrated"
    answers[with_reason.id]["reason"] = "The call was not deferred."
    counted = progress(detention, scales, answers)
    assert (counted.applicable, counted.answered) == (total - 2, total - 2)
    assert rate(detention, scales, answers).id == "good"


def test_an_answer_to_changed_wording_needs_a_recheck_and_does_not_count(content, detention):
    critical, _ = critical_and_plain(detention)
    item = next(item for item in detention.items() if item.id == critical[0])
    answers = answers_for(detention, {critical[0]: "no"})
    answers[critical[0]]["item_hash"] = "0000000000000000"
    assert item_state(item, content.scales["yes-no-na"], answers[critical[0]]) == NEEDS_RECHECK
    assert rate(detention, content.scales, answers) is None
    assert item_state(item, content.scales["yes-no-na"], None) == UNANSWERED


def test_conditions_on_listed_items_and_several_answers(content, detention):
    from dataclasses import replace

    from generator.model import ChecklistRating, RatingCondition, RatingRule

    _, plain = critical_and_plain(detention)
    rule_set = ChecklistRating("grade", (
        RatingRule("inadequate", RatingCondition(("no", "n-a"), 1, None, (plain[2],)), "That item was missed."),
    ), "good")
    checklist = replace(detention, rating=rule_set)
    assert rate(checklist, content.scales, answers_for(checklist, {plain[0]: "no"})).id == "good"
    assert rate(checklist, content.scales, answers_for(checklist, {plain[2]: "no"})).id == "inadequate"
    assert rate(checklist, content.scales, answers_for(checklist, {plain[2]: "n-a"}, reason="x")).id == "inadequate"


def test_a_checklist_without_a_rule_is_never_rated(content):
    checklist = next(checklist for checklist in content.checklists if checklist.rating is None)
    assert rate(checklist, content.scales, answers_for(checklist, {}, default=checklist_default(content, checklist))) is None


def checklist_default(content, checklist):
    return content.scales[next(checklist.items()).scale].options[0].id


@pytest.mark.parametrize("text, kind", [
    ("Spoke to Mrs Patel at the door", "a name after a title"),
    ("Mr. O'Neill was the appropriate adult", "a name after a title"),
    ("Child born 12/03/2009", "a date"),
    ("DOB 1.2.09", "a date"),
    ("Mother on 07700 900123", "a phone number"),
    ("Ring +44 116 222 2222", "a phone number"),
    ("School on 0116-2222222", "a phone number"),
    ("Sent to jo.bloggs@example.org", "an e-mail address"),
    ("Lives near LE1 6AB", "a postcode"),
    ("Lives near LE16AB", "a postcode"),
    ("Sgt Patel's shift", "a name after a police rank"),  # in "Team or unit", which an export for counting carries
    ("Seen by PC O'Brien", "a name after a police rank"),
    ("Mother Sarah Smith was present", "a name after a family tie"),
    ("the child's uncle Darren", "a name after a family tie"),
    ("Second custody, J Smith 15yo", "an initial and a surname"),  # a record's label, which a full export carries
    ("Seen with K. O'Neill", "an initial and a surname"),
])
def test_personal_details_are_found(text, kind):
    assert any(label.startswith(kind) for label, _ in personal_data_found(text)), text


@pytest.mark.parametrize("text", [
    "The appropriate adult was called on arrival.",
    "Checked against PD1.d and AH2.c; recorded at 10:45.",
    "Mr and Mrs were both present",  # titles without a name
    "Two of 3 items; 12 missing episodes",
    "Mother and father attended; the inspector reviewed it",  # a tie or a rank without a name
    "Reviewed by the DS on the next shift",
    "Under PACE Code C Annex A, paragraph 5; see Part B Section 2",  # a letter that names a part, not an initial
])
def test_ordinary_notes_are_not_flagged(text):
    assert personal_data_found(text) == []


def test_built_in_patterns_use_only_syntax_browsers_read():
    for pattern in BUILT_IN_PERSONAL_DATA_PATTERNS:
        re.compile(pattern.pattern)
        assert "(?P" not in pattern.pattern and "(?i" not in pattern.pattern

"""Audit records of a checklist: the state of each item, progress, rating, personal-data hints.

Answers are kept in the browser (``generator/assets/checklist.js``); this module states the
same rules in Python, so they can be tested here and applied to exported records (see
docs/audit-export-format.md). The two must agree: tests run the same cases through both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..model import AnswerScale, Checklist, ChecklistItem, PersonalDataPattern

OTHERWISE_EXPLAIN = "Every applicable item is answered and none of the conditions above applies."

# Kinds of personal detail pointed out in notes before an export. Written in the regular
# expression syntax Python and JavaScript share: they run in the browser.
BUILT_IN_PERSONAL_DATA_PATTERNS = (
    PersonalDataPattern("a name after a title (Mr, Mrs, Miss, Ms)", r"\b(?:Mr|Mrs|Miss|Ms|Mx)\.?\s+[A-Z][A-Za-z'-]+"),
    PersonalDataPattern("a name after a police rank (PC, DC, Sgt, Insp…)",
                        r"\b(?:PCSO|PC|DC|DS|DI|DCI|Sgt|Sergeant|Insp|Inspector|Supt|Superintendent|Constable)\.?\s+[A-Z][A-Za-z'-]+"),
    PersonalDataPattern("a name after a family tie (mother, father, aunt…)",
                        r"\b(?:[Mm]other|[Ff]ather|[Mm]um|[Dd]ad|[Ss]tep(?:mother|father|mum|dad)|[Gg]rand(?:mother|father|ma|pa|mum|dad)|"
                        r"[Bb]rother|[Ss]ister|[Aa]unt|[Uu]ncle|[Cc]ousin|[Ss]on|[Dd]aughter|[Cc]arer|[Pp]artner|[Bb]oyfriend|[Gg]irlfriend)"
                        r"\s+[A-Z][a-z'-]+"),
    # "J Smith", "K. O'Neill"; not a letter that names a part ("Code C Annex A", "Part B Section 2").
    PersonalDataPattern("an initial and a surname",
                        r"\b[A-Z]\.?\s(?!(?:Annex|Appendix|Code|Part|Section|Schedule|Paragraph|Plan|Grade|Block|Wing|Team)\b)"
                        r"[A-Z][a-z'][A-Za-z'-]+"),
    PersonalDataPattern("a date, perhaps a date of birth", r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    PersonalDataPattern("a phone number", r"(?:\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),
    PersonalDataPattern("an e-mail address", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    PersonalDataPattern("a postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"),
)

# What an item's saved answer amounts to, as the page shows it.
ANSWERED, NOT_APPLICABLE, UNANSWERED, NEEDS_RECHECK, NEEDS_REASON = (
    "answered", "not-applicable", "unanswered", "needs-recheck", "needs-reason")

# {"answer": option id or None, "note", "reason", "item_hash", "updated"}; an export for aggregation
# carries "reason_given": true instead of the reason itself.
Entry = Mapping[str, object]


@dataclass(frozen=True)
class Progress:
    answered: int  # applicable items with a current answer
    applicable: int  # all items less those answered "not applicable" (with a reason where one is asked)
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.applicable


@dataclass(frozen=True)
class RatingResult:
    id: str
    label: str
    explain: str


def item_state(item: ChecklistItem, scale: AnswerScale, entry: Entry | None) -> str:
    """An answer counts only if it was given to the item's present wording (same hash)."""
    if not entry or entry.get("answer") is None:
        return UNANSWERED
    option = next((option for option in scale.options if option.id == entry["answer"]), None)
    if option is None or entry.get("item_hash") != item.content_hash:
        return NEEDS_RECHECK
    if option.not_applicable:
        return NEEDS_REASON if item.reason_if_not_applicable and not reason_given(entry) else NOT_APPLICABLE
    return ANSWERED


def reason_given(entry: Entry) -> bool:
    return entry.get("reason_given") is True or bool(str(entry.get("reason") or "").strip())


def progress(checklist: Checklist, scales: Mapping[str, AnswerScale], answers: Mapping[str, Entry]) -> Progress:
    states = [item_state(item, scales[item.scale], answers.get(item.id)) for item in checklist.items()]
    return Progress(states.count(ANSWERED), len(states) - states.count(NOT_APPLICABLE), len(states))


def rate(checklist: Checklist, scales: Mapping[str, AnswerScale], answers: Mapping[str, Entry]) -> RatingResult | None:
    """The rating of a record, or None when there is no rule or an applicable item is still to answer."""
    rule_set = checklist.rating
    if rule_set is None or not progress(checklist, scales, answers).complete:
        return None
    labels = {option.id: option.label for option in scales[rule_set.scale].options}
    counted = [
        (item, answers[item.id]["answer"]) for item in checklist.items()
        if item_state(item, scales[item.scale], answers.get(item.id)) in (ANSWERED, NOT_APPLICABLE)
    ]
    for rule in rule_set.rules:
        when = rule.when
        matching = [
            item for item, answer in counted
            if answer in when.answers
            and (when.critical is None or item.critical == when.critical)
            and (not when.items or item.id in when.items)
        ]
        if len(matching) >= when.at_least:
            return RatingResult(rule.rating, labels[rule.rating], rule.explain)
    return RatingResult(rule_set.otherwise, labels[rule_set.otherwise], OTHERWISE_EXPLAIN)


def personal_data_found(text: str, patterns=BUILT_IN_PERSONAL_DATA_PATTERNS) -> list[tuple[str, str]]:
    """(what it looks like, the text found) for each pattern that matches."""
    found = []
    for pattern in patterns:
        match = re.search(pattern.pattern, text)
        if match and match.group(0):
            found.append((pattern.label, match.group(0)))
    return found

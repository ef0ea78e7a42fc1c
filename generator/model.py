"""The content model: typed, read-only objects built from validated YAML.

Nothing here knows about files, YAML, HTML or MkDocs. References between objects are kept
as ids; ``Content`` resolves them and answers the questions pages ask ("which checklist
items check this recommendation?").
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property

# --- dates -------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, or only to the month (reports often give only "June 2017")."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """'2017-06-28' or '2017-06'; raises ValueError for impossible dates."""
        match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
        if not match:
            raise ValueError(f"'{text}' is not a date")
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
        dt.date(year, month, day or 1)  # raises ValueError for month 13, 30 February...
        return cls(year, month, day)

    @classmethod
    def from_date(cls, date: dt.date) -> "PartialDate":
        return cls(date.year, date.month, date.day)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def plus(self, amount: int, unit: str) -> "PartialDate":
        if unit == "day":
            return self._from_date_keeping_precision(self._start_for_days() + dt.timedelta(days=amount))
        if unit == "week":
            return self._from_date_keeping_precision(self._start_for_days() + dt.timedelta(weeks=amount))
        months = amount * (12 if unit == "year" else 1)
        year, month_index = divmod(self.year * 12 + self.month - 1 + months, 12)
        month = month_index + 1
        if self.day is None:
            return PartialDate(year, month)
        return PartialDate(year, month, min(self.day, calendar.monthrange(year, month)[1]))

    def _from_date_keeping_precision(self, date: dt.date) -> "PartialDate":
        # Days added to a month-only date still give a month-only answer: we do not invent a day.
        return PartialDate(date.year, date.month, date.day if self.day else None)

    def _start_for_days(self) -> dt.date:
        # From a month-only date, days and weeks count from its last day: "June 2017 + 2 weeks" is due
        # by mid-July at the latest, and a recommendation is never called overdue before it can be.
        return self.first_day() if self.day else self.last_day()

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def human(self) -> str:
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    __str__ = human


@dataclass(frozen=True)
class Period:
    start: PartialDate
    end: PartialDate

    def human(self) -> str:
        if self.start == self.end:
            return self.start.human()
        if self.start.day and self.end.day and (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return f"{self.start.day}–{self.end.human()}"
        return f"{self.start.human()} – {self.end.human()}"


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}


@dataclass(frozen=True)
class Timescale:
    text: str  # as written: "within three months"
    amount: int  # 0 for "immediately"
    unit: str  # day, week, month or year

    @classmethod
    def parse(cls, text: str) -> "Timescale":
        if text == "immediately":
            return cls(text, 0, "day")
        match = re.fullmatch(r"within (\S+) (day|week|month|year)s?", text)
        if not match:
            raise ValueError(f"'{text}' is not a timescale")
        amount = int(match[1]) if match[1].isdigit() else _NUMBER_WORDS.get(match[1])
        if amount is None:
            raise ValueError(f"'{match[1]}' is not a number")
        return cls(text, amount, match[2])

    def due(self, published: PartialDate) -> PartialDate:
        return published.plus(self.amount, self.unit)


# --- statuses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    id: str
    label: str
    symbol: str  # shown beside the label so status never depends on colour alone
    met: bool  # a met recommendation is never overdue


STATUSES: dict[str, Status] = {
    status.id: status
    for status in (
        Status("achieved", "Achieved", "✔", True),
        Status("partially-achieved", "Partially achieved", "◐", False),
        Status("not-achieved", "Not achieved", "✖", False),
        Status("in-progress", "In progress", "➜", False),
        Status("too-early-to-say", "Too early to say", "…", False),
        Status("not-assessed", "Not assessed", "–", False),
        # The force reports the work done; the inspectorate has not yet checked it.
        Status("awaiting-review", "Awaiting review", "◷", False),
    )
}

STRENGTHS = {
    "must": "Must: required by law or statutory guidance",
    "should": "Should: expected practice",
}

PRACTICE = {"good": "Good practice", "mixed": "Mixed practice", "poor": "Poor practice"}

# --- the content -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteInfo:
    title: str
    force: str
    description: str
    as_of: PartialDate | None


@dataclass(frozen=True)
class Report:
    id: str
    title: str
    inspectorate: str
    force: str
    fieldwork: Period
    published: PartialDate
    url: str | None = None
    isbn: str | None = None


@dataclass(frozen=True)
class Review:
    id: str
    title: str
    date: PartialDate
    by: str
    report: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Audience:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class AnswerOption:
    id: str
    label: str
    not_applicable: bool = False


@dataclass(frozen=True)
class AnswerScale:
    id: str
    title: str
    options: tuple[AnswerOption, ...]


BUILT_IN_SCALES = {
    "yes-no-na": AnswerScale(
        "yes-no-na",
        "Yes / No / Not applicable",
        (AnswerOption("yes", "Yes"), AnswerOption("no", "No"), AnswerOption("n-a", "Not applicable", True)),
    )
}


@dataclass(frozen=True)
class CaseAudit:
    id: str
    title: str
    date: PartialDate
    report: str
    scale: str
    assessed: int
    ratings: tuple[tuple[str, int], ...]  # (option id, cases), in the scale's order
    note: str | None = None

    @property
    def rated(self) -> int:
        return sum(count for _, count in self.ratings)

    @property
    def not_rated(self) -> int:
        return self.assessed - self.rated


@dataclass(frozen=True)
class SubPoint:
    id: str
    text: str


@dataclass(frozen=True)
class Finding:
    review: str
    status: str
    graded_by_inspectorate: bool
    summary: str
    evidence: tuple[str, ...] = ()
    good_practice: tuple[str, ...] = ()
    still_to_do: tuple[str, ...] = ()
    point_statuses: tuple[tuple[str, str], ...] = ()  # (sub-point id, status id)


@dataclass(frozen=True)
class StatusEntry:
    """One dated step in a recommendation's history: a review's finding, or an update between reviews."""

    date: PartialDate
    status: str
    review: str | None = None  # the review whose finding this is; None for an update
    note: str | None = None  # Markdown
    authorised_by: str | None = None  # who signed the change off, e.g. closure as achieved


@dataclass(frozen=True)
class Recommendation:
    id: str
    area: str
    timescale: Timescale
    text: str
    due: PartialDate
    points: tuple[SubPoint, ...] = ()
    findings: tuple[Finding, ...] = ()  # in review order
    history: tuple[StatusEntry, ...] = ()  # oldest first; the findings are part of it

    @property
    def latest_finding(self) -> Finding | None:
        return self.findings[-1] if self.findings else None

    @property
    def current_status(self) -> str | None:
        return self.history[-1].status if self.history else None

    def is_overdue(self, as_of: PartialDate) -> bool:
        """Due before as_of began, and the latest status is not met (no status counts as not met)."""
        status = self.current_status
        met = status is not None and STATUSES[status].met
        return not met and self.due.last_day() < as_of.first_day()

    def finding_for(self, review_id: str) -> Finding | None:
        return next((finding for finding in self.findings if finding.review == review_id), None)


@dataclass(frozen=True)
class CaseExample:
    id: str
    area: str
    title: str
    practice: str
    what_happened: str
    learning: tuple[str, ...]
    review: str | None = None
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    order: int
    summary: str
    recommendations: tuple[Recommendation, ...]
    case_examples: tuple[CaseExample, ...] = ()


@dataclass(frozen=True)
class GuidancePoint:
    id: str
    strength: str
    text: str
    legal: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuidanceSection:
    id: str
    title: str
    points: tuple[GuidancePoint, ...]
    intro: str | None = None


@dataclass(frozen=True)
class GuidanceDocument:
    id: str
    title: str
    summary: str
    audiences: tuple[str, ...]
    first_published: PartialDate
    last_updated: PartialDate
    sections: tuple[GuidanceSection, ...]
    based_on: str | None = None
    recommendations: tuple[str, ...] = ()

    def points(self):
        for section in self.sections:
            for point in section.points:
                yield section, point


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    scale: str
    help: str | None = None
    critical: bool = False
    reason_if_not_applicable: bool = False
    recommendations: tuple[str, ...] = ()
    guidance: tuple[str, ...] = ()  # "document" or "document/point"

    @cached_property
    def content_hash(self) -> str:
        """Changes when what the item asks changes, so saved answers can be flagged for re-check."""
        meaning = json.dumps([self.text, self.scale, self.reason_if_not_applicable], ensure_ascii=False)
        return hashlib.sha256(meaning.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ChecklistSection:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]
    intro: str | None = None


@dataclass(frozen=True)
class RatingCondition:
    """At least ``at_least`` items answered with one of ``answers`` (critical ones only, or these items only, if given)."""

    answers: tuple[str, ...]
    at_least: int = 1
    critical: bool | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class RatingRule:
    rating: str  # an option id of the rating scale
    when: RatingCondition
    explain: str


@dataclass(frozen=True)
class ChecklistRating:
    """How a completed audit record is rated: the first rule that matches, else ``otherwise``."""

    scale: str  # the answer scale whose options are the ratings
    rules: tuple[RatingRule, ...]
    otherwise: str


@dataclass(frozen=True)
class ChecklistScore:
    """A share shown under the rating: applicable items answered with one of ``met`` out of all applicable items."""

    label: str
    met: tuple[str, ...]


@dataclass(frozen=True)
class RecordDetail:
    """Something an auditor writes about a record as a whole (who audited which case, when; the sign-off).

    Personal details may identify someone: they stay out of exports made for counting (see
    docs/audit-export-format.md) and are pointed out before a full export.
    """

    id: str
    label: str
    kind: str = "text"  # text, date or long-text
    personal: bool = False
    sign_off: bool = False  # written by the supervisor when signing the record off


# The record details of a checklist when neither it nor site.yml names any.
DEFAULT_RECORD_DETAILS = (
    RecordDetail("auditor", "Auditor", "text", personal=True),
    RecordDetail("case-reference", "Case reference", "text", personal=True),
    RecordDetail("audit-date", "Date of audit", "date"),
    RecordDetail("team", "Team or unit", "text"),
    RecordDetail("supervisor-name", "Supervisor's name", "text", personal=True, sign_off=True),
    RecordDetail("supervisor-date", "Date of sign-off", "date", sign_off=True),
    RecordDetail("supervisor-comment", "Comments and actions agreed", "long-text", personal=True, sign_off=True),
)


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    version: str
    description: str
    areas: tuple[str, ...]
    audiences: tuple[str, ...]
    sections: tuple[ChecklistSection, ...]
    rating: ChecklistRating | None = None
    record_details: tuple[RecordDetail, ...] = DEFAULT_RECORD_DETAILS
    score: ChecklistScore | None = None

    def items(self):
        for section in self.sections:
            yield from section.items


@dataclass(frozen=True)
class PersonalDataPattern:
    """Text that may identify someone, pointed out in audit notes before they are exported."""

    label: str  # what it looks like, e.g. "a crime reference"
    pattern: str  # a regular expression in the syntax Python and JavaScript share


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    meaning: str
    description: str | None = None


@dataclass(frozen=True)
class Content:
    site: SiteInfo
    reports: tuple[Report, ...]
    recommendations_report: str
    source_report: str
    reviews: tuple[Review, ...]
    audiences: tuple[Audience, ...]
    scales: dict[str, AnswerScale]
    case_audits: tuple[CaseAudit, ...]
    areas: tuple[Area, ...]  # in menu order
    guidance: tuple[GuidanceDocument, ...]
    checklists: tuple[Checklist, ...]
    glossary: tuple[GlossaryTerm, ...]
    personal_data_patterns: tuple[PersonalDataPattern, ...] = ()  # the content's own, besides the built-in ones
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    # Lookups ---------------------------------------------------------------------------------

    def report(self, report_id: str) -> Report:
        return next(report for report in self.reports if report.id == report_id)

    def review(self, review_id: str) -> Review:
        return next(review for review in self.reviews if review.id == review_id)

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)

    def audience(self, audience_id: str) -> Audience:
        return next(audience for audience in self.audiences if audience.id == audience_id)

    def guidance_document(self, document_id: str) -> GuidanceDocument:
        return next(document for document in self.guidance if document.id == document_id)

    def recommendations(self):
        for area in self.areas:
            yield from area.recommendations

    def as_of(self, build_date: dt.date) -> PartialDate:
        """The date "overdue" is judged at: the content's as_of, else the build date."""
        return self.site.as_of or PartialDate.from_date(build_date)

    def recommendation_of(self, reference: str) -> Recommendation:
        """The recommendation a reference names: 'AH2' or its sub-point 'AH2.a'."""
        return self._recommendation_index()[reference]

    def _recommendation_index(self) -> dict[str, Recommendation]:
        if "recommendations" not in self._cache:
            index = {}
            for recommendation in self.recommendations():
                index[recommendation.id] = recommendation
                for point in recommendation.points:
                    index[point.id] = recommendation
            self._cache["recommendations"] = index
        return self._cache["recommendations"]

    # Links both ways -------------------------------------------------------------------------
    # Each page asks about one recommendation or guidance point; scanning every item for each
    # would make a build quadratic in the content, so the links are indexed once.

    def guidance_for(self, recommendation_id: str) -> list[tuple[GuidanceDocument, GuidancePoint | None]]:
        """Guidance documents (whole, point None) and points that answer a recommendation or its sub-points."""
        return list(self._links()["guidance"].get(recommendation_id, ()))

    def items_checking(self, recommendation_id: str) -> list[tuple[Checklist, ChecklistItem]]:
        return list(self._links()["items"].get(recommendation_id, ()))

    def items_citing_guidance(self, document_id: str, point_id: str | None = None) -> list[tuple[Checklist, ChecklistItem]]:
        wanted = f"{document_id}/{point_id}" if point_id else document_id
        return list(self._links()["citing"].get(wanted, ()))

    def _links(self) -> dict[str, dict[str, list]]:
        """Recommendation id -> guidance, items and case examples citing it (in content order); guidance reference -> items."""
        if "links" not in self._cache:
            links: dict[str, dict[str, list]] = {"guidance": {}, "items": {}, "examples": {}, "citing": {}}

            def add(kind: str, keys, value) -> None:
                for key in dict.fromkeys(keys):  # each key once, in order
                    links[kind].setdefault(key, []).append(value)

            def recommendation_ids(references):
                return (self.recommendation_of(reference).id for reference in references)

            for document in self.guidance:
                add("guidance", recommendation_ids(document.recommendations), (document, None))
                for _, point in document.points():
                    add("guidance", recommendation_ids(point.recommendations), (document, point))
            for checklist in self.checklists:
                for item in checklist.items():
                    add("items", recommendation_ids(item.recommendations), (checklist, item))
                    add("citing", item.guidance, (checklist, item))
            for area in self.areas:
                for example in area.case_examples:
                    add("examples", recommendation_ids(example.recommendations), example)
            self._cache["links"] = links
        return self._cache["links"]

    def guidance_for_area(self, area: Area) -> list[GuidanceDocument]:
        documents = []
        for recommendation in area.recommendations:
            for document, _ in self.guidance_for(recommendation.id):
                if document not in documents:
                    documents.append(document)
        return documents

    def checklists_for_area(self, area_id: str) -> list[Checklist]:
        return [checklist for checklist in self.checklists if area_id in checklist.areas]

    def case_examples_for(self, recommendation_id: str) -> list[CaseExample]:
        return list(self._links()["examples"].get(recommendation_id, ()))

    def for_audience(self, audience_id: str) -> tuple[list[GuidanceDocument], list[Checklist]]:
        return (
            [document for document in self.guidance if audience_id in document.audiences],
            [checklist for checklist in self.checklists if audience_id in checklist.audiences],
        )

    def scale_of(self, item: ChecklistItem) -> AnswerScale:
        return self.scales[item.scale]

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
from collections.abc import Mapping
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


# --- vocabularies ---------------------------------------------------------------------------
# The words a site uses for statuses, grades and who assessed come from its content (site.yml);
# what follows is today's vocabulary, used where the content defines none.


@dataclass(frozen=True)
class Status:
    id: str
    label: str
    symbol: str  # shown beside the label so status never depends on colour alone
    met: bool  # a met recommendation is counted as done and is never overdue
    overdue: bool | None = None  # overdue once past its due date; None: when not met
    description: str | None = None
    synonyms: tuple[str, ...] = ()  # other words for it, offered as "did you mean"

    @property
    def can_be_overdue(self) -> bool:
        return (not self.met) if self.overdue is None else self.overdue


class StatusScale(Mapping):
    """The statuses of a site, from most progress to least; reads like a mapping of id to Status."""

    def __init__(self, statuses: tuple[Status, ...]):
        self.statuses = tuple(statuses)
        self._by_id = {status.id: status for status in self.statuses}

    def __getitem__(self, status_id: str) -> Status:
        return self._by_id[status_id]

    def __iter__(self):
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __eq__(self, other) -> bool:
        return isinstance(other, StatusScale) and self.statuses == other.statuses

    def __hash__(self) -> int:
        return hash(self.statuses)

    def progress_rank(self, status_id: str | None) -> int:
        """0 for no status, then 1 for the least progress up to len(self) for the most."""
        if status_id is None or status_id not in self._by_id:
            return 0
        return len(self.statuses) - list(self._by_id).index(status_id)

    def synonyms(self) -> dict[str, str]:
        """Another word (lower case) -> the status id it stands for."""
        return {word.lower(): status.id for status in self.statuses for word in status.synonyms}


DEFAULT_STATUSES = StatusScale((
    Status("achieved", "Achieved", "✔", True, synonyms=("complete", "completed", "done", "met", "closed", "discharged")),
    # The force reports the work done; the inspectorate has not yet checked it.
    Status("awaiting-review", "Awaiting review", "◷", False, synonyms=("awaiting-inspection", "awaiting-validation")),
    Status("partially-achieved", "Partially achieved", "◐", False, synonyms=("partly-achieved", "partially-met", "partly-met")),
    Status("in-progress", "In progress", "➜", False, synonyms=("being-progressed", "ongoing", "started", "underway")),
    Status("too-early-to-say", "Too early to say", "…", False),
    Status("not-assessed", "Not assessed", "–", False, synonyms=("not-reviewed", "not-checked", "unassessed")),
    Status("not-achieved", "Not achieved", "✖", False, synonyms=("not-met", "failed", "unmet")),
))
STATUSES = DEFAULT_STATUSES  # today's statuses, by id


@dataclass(frozen=True)
class Assessor:
    """Who gave a status: the inspectorate, the force itself, a partner, this site's reading."""

    id: str
    label: str  # short, beside a status: "inspectorate's grade"
    description: str  # a sentence, where there is room: "Given by the inspectorate."


DEFAULT_ASSESSORS: dict[str, Assessor] = {
    assessor.id: assessor
    for assessor in (
        Assessor("inspectorate", "inspectorate's grade", "given by the inspectorate"),
        Assessor("force", "force's self-assessment", "the force's own assessment of its progress"),
        Assessor("partner", "partner's assessment", "given by a partner organisation"),
        Assessor("site", "our reading", "this site's reading of the findings: no formal grade was given"),
    )
}


@dataclass(frozen=True)
class Grade:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class GradingScale:
    """Graded judgments of an area or a whole inspection, from the best grade to the worst."""

    title: str
    grades: tuple[Grade, ...]

    def grade(self, grade_id: str) -> Grade:
        return next(grade for grade in self.grades if grade.id == grade_id)


@dataclass(frozen=True)
class Grades:
    """The grade given at the inspection that made the recommendations, and at each review."""

    inspection: str | None = None
    reviews: tuple[tuple[str, str], ...] = ()  # (review id, grade id), in review order

    def __bool__(self) -> bool:
        return self.inspection is not None or bool(self.reviews)

    @property
    def latest(self) -> str | None:
        return self.reviews[-1][1] if self.reviews else self.inspection


# Cases assessed whose rating the inspectorate did not give (or records not yet rated): one concept, one name.
NOT_RATED_LABEL = "Assessed but not rated"

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
    records_name: str | None = None  # see Content.records_name
    wording: str | None = None  # how the content is worded ("Written in our own words."), said in every footer


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
    assessed_by: str | None = None  # an assessor id: who gives this review's statuses


@dataclass(frozen=True)
class Audience:
    id: str
    title: str
    description: str
    follows_progress: bool = False  # its page leads first to the progress matrix and the audit results


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


DEFAULT_CHECKLIST_SCALE = "yes-no-na"  # the answers of a checklist that names no scale
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
    assessed_by: str  # an assessor id, worked out from the review and graded_by_inspectorate
    summary: str
    evidence: tuple[str, ...] = ()
    good_practice: tuple[str, ...] = ()
    still_to_do: tuple[str, ...] = ()
    point_statuses: tuple[tuple[str, str], ...] = ()  # (sub-point id, status id)

    @property
    def graded_by_inspectorate(self) -> bool:
        return self.assessed_by == "inspectorate"


@dataclass(frozen=True)
class StatusEntry:
    """One dated step in a recommendation's history: a review's finding, or an update between reviews."""

    date: PartialDate
    status: str
    review: str | None = None  # the review whose finding this is; None for an update
    note: str | None = None  # Markdown
    authorised_by: str | None = None  # who signed the change off, e.g. closure as achieved
    assessed_by: str | None = None  # an assessor id; for a review's finding, the finding's


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
    statuses: StatusScale = field(default=DEFAULT_STATUSES, compare=False, repr=False)  # the site's vocabulary

    @property
    def latest_finding(self) -> Finding | None:
        return self.findings[-1] if self.findings else None

    @property
    def current_status(self) -> str | None:
        return self.history[-1].status if self.history else None

    def is_overdue(self, as_of: PartialDate) -> bool:
        """Due before as_of began, and the latest status is not met (no status counts as not met)."""
        status = self.current_status
        can_be_overdue = status is None or self.statuses[status].can_be_overdue
        return can_be_overdue and self.due.last_day() < as_of.first_day()

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
    grades: Grades = Grades()


@dataclass(frozen=True)
class Quotation:
    """Words quoted exactly from a law, a code or the report, always shown with their source."""

    text: str
    source: str


@dataclass(frozen=True)
class GuidancePoint:
    id: str
    strength: str
    text: str
    legal: tuple[str, ...] = ()  # the older form: free text, not explained
    recommendations: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # ids of legal references
    quotation: Quotation | None = None
    number: str = ""  # for people: "2.1" is the first point of the second section (the id is for links and exports)


@dataclass(frozen=True)
class GuidanceSection:
    id: str
    title: str
    points: tuple[GuidancePoint, ...]
    intro: str | None = None
    quotation: Quotation | None = None


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

    def point(self, point_id: str) -> GuidancePoint:
        return next(point for _, point in self.points() if point.id == point_id)


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
    number: str = ""  # for people: "2.1" is the first item of the second section (the id is for answers and exports)
    compares_with_case_audits: bool = False  # its answers grade a case as the inspectorate's case audits did
    earlier_ids: tuple[str, ...] = ()  # ids it had before a rename: answers saved under them are carried over to it

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

    @cached_property
    def item_renames(self) -> dict[str, str]:
        """Each id an item had before it was renamed (its earlier_ids) -> its id now."""
        return {earlier: item.id for item in self.items() for earlier in item.earlier_ids}


@dataclass(frozen=True)
class PersonalDataPattern:
    """Text that may identify someone, pointed out in audit notes before they are exported."""

    label: str  # what it looks like, e.g. "a crime reference"
    pattern: str  # a regular expression in the syntax Python and JavaScript share


# What each kind of legal reference is, in the words readers see. A "must" point cites law or statutory guidance.
REFERENCE_KINDS = {
    "law": "Law",
    "statutory-guidance": "Statutory code or guidance",
    "force-policy": "Force policy",
    "report": "What the report expects",
}
BINDING_KINDS = frozenset({"law", "statutory-guidance"})


@dataclass(frozen=True)
class LegalReference:
    id: str
    citation: str  # exact, as readers see it: "PACE 1984 s38(6)"
    kind: str  # a key of REFERENCE_KINDS
    title: str
    summary: str
    version: str | None = None
    url: str | None = None


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
    legal_references: tuple[LegalReference, ...] = ()  # in the order of legal.yml
    statuses: StatusScale = DEFAULT_STATUSES
    assessors: dict[str, Assessor] = field(default_factory=lambda: dict(DEFAULT_ASSESSORS))
    grading: GradingScale | None = None
    grades: Grades = Grades()  # of the whole inspection
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

    def legal_reference(self, reference_id: str) -> LegalReference:
        return self._legal_index()[reference_id]

    def _legal_index(self) -> dict[str, LegalReference]:
        if "legal" not in self._cache:
            self._cache["legal"] = {reference.id: reference for reference in self.legal_references}
        return self._cache["legal"]

    def points_citing(self, reference_id: str) -> list[tuple[GuidanceDocument, GuidancePoint]]:
        """The guidance points that rely on a legal reference, in content order."""
        return list(self._links()["legal"].get(reference_id, ()))

    def recommendations(self):
        for area in self.areas:
            yield from area.recommendations

    def as_of(self, build_date: dt.date) -> PartialDate:
        """The date "overdue" is judged at: the content's as_of, else the build date."""
        return self.site.as_of or PartialDate.from_date(build_date)

    @property
    def records_name(self) -> str:
        """What this site's audit records are kept under in a browser: sites opened from folders share one
        browser storage, and sites at one address do too, and must not see each other's records."""
        made = f"{self.site.force} {self.recommendations_report}"
        return self.site.records_name or "-".join(re.findall(r"[a-z0-9]+", made.lower())) or "site"

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
            links: dict[str, dict[str, list]] = {"guidance": {}, "items": {}, "examples": {}, "citing": {}, "legal": {}}

            def add(kind: str, keys, value) -> None:
                for key in dict.fromkeys(keys):  # each key once, in order
                    links[kind].setdefault(key, []).append(value)

            def recommendation_ids(references):
                return (self.recommendation_of(reference).id for reference in references)

            for document in self.guidance:
                add("guidance", recommendation_ids(document.recommendations), (document, None))
                for _, point in document.points():
                    add("guidance", recommendation_ids(point.recommendations), (document, point))
                    add("legal", point.cites, (document, point))
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
        documents = {}  # by identity: comparing documents by value compares every point of them
        for recommendation in area.recommendations:
            for document, _ in self.guidance_for(recommendation.id):
                documents.setdefault(id(document), document)
        return list(documents.values())

    def guidance_using(self, term: str, meaning: str) -> list[GuidanceDocument]:
        """Guidance documents whose words use a glossary term as a word, or spell out its meaning (any case):
        the glossary leads from "CSE" to the guidance that has it. Those whose title has it come first."""
        if "guidance words" not in self._cache:
            references = {reference.id: reference.citation for reference in self.legal_references}
            self._cache["guidance words"] = [(document, " ".join([
                document.title, document.summary,
                *(text for section in document.sections for text in (section.title, section.intro or "")),
                *(text for _, point in document.points() for text in (point.text, *point.legal,
                                                                     *(references.get(cite, "") for cite in point.cites))),
            ])) for document in self.guidance]
        as_word = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        spelled_out = meaning.casefold()

        def uses(words: str) -> bool:
            return bool(as_word.search(words)) or spelled_out in words.casefold()
        using = [document for document, words in self._cache["guidance words"] if uses(words)]
        return sorted(using, key=lambda document: not uses(document.title))  # stable: content order otherwise

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

    def not_applicable_labels(self, checklists=None) -> list[str]:
        """The labels of the answers that leave an item out of the count ("Not applicable", "Not seen in the
        record"...) that items of these checklists (default: all) offer; none where no scale has one."""
        labels = {option.label: None for checklist in (self.checklists if checklists is None else checklists)
                  for item in checklist.items() for option in self.scale_of(item).options if option.not_applicable}
        return list(labels)

    def assessors_used(self, review_id: str | None = None) -> list[str]:
        """Ids of the assessors who gave a status (in one review's findings, if given), in the vocabulary's order."""
        used = {entry.assessed_by for recommendation in self.recommendations() for entry in recommendation.history
                if entry.assessed_by and (review_id is None or entry.review == review_id)}
        return [assessor_id for assessor_id in self.assessors if assessor_id in used]

    def point_findings(self, recommendation: Recommendation, point_id: str) -> list[tuple[Review, str, str | None]]:
        """(review, status, who gave it) for each review that gave a recommendation's sub-point a status."""
        return [(self.review(finding.review), dict(finding.point_statuses)[point_id], finding.assessed_by)
                for finding in recommendation.findings if point_id in dict(finding.point_statuses)]

    def current_assessor(self, recommendation: Recommendation) -> Assessor | None:
        """Who gave the status a recommendation has now; None for an update that does not say."""
        entry = recommendation.history[-1] if recommendation.history else None
        return self.assessors.get(entry.assessed_by) if entry and entry.assessed_by else None

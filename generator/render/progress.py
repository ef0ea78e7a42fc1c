"""The figures behind the progress pages, and their charts.

Recommendations by current status per area (for the matrix's summary), and rating
distributions (the inspectorate's case file audits, and the force's own audit exports) in
one shape, so one table and one chart serve both.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..audits.aggregate import (
    AuditResults, ChecklistResult, ItemResult, RatingCount, RatingDistribution, percent, rating_label,
)
from ..model import NOT_RATED_LABEL, AnswerScale, Area, CaseAudit, Checklist, Content, PartialDate, StatusScale
from .charts import Chart, bar_chart, stacked_bar_chart
from .checklist_data import rating_data

NO_STATUS = "none"  # column for recommendations no review has reported on yet
NO_STATUS_LABEL = "Not yet reviewed"


@dataclass(frozen=True)
class AreaProgress:
    area: Area
    counts: dict[str, int]  # current status id (or NO_STATUS) -> recommendations
    overdue: int

    @property
    def total(self) -> int:
        return len(self.area.recommendations)


def area_progress(content: Content, as_of: PartialDate) -> tuple[list[str], list[AreaProgress]]:
    """The status columns in use (in the vocabulary's order), and each area's counts."""
    rows = []
    for area in content.areas:
        counts: dict[str, int] = {}
        for recommendation in area.recommendations:
            status = recommendation.current_status or NO_STATUS
            counts[status] = counts.get(status, 0) + 1
        rows.append(AreaProgress(area, counts, sum(r.is_overdue(as_of) for r in area.recommendations)))
    used = {status for row in rows for status in row.counts}
    columns = [status for status in [*content.statuses, NO_STATUS] if status in used]
    return columns, rows


def status_labeller(statuses: StatusScale):
    def status_label(status: str) -> str:
        return NO_STATUS_LABEL if status == NO_STATUS else statuses[status].label
    return status_label


def area_chart(columns: list[str], rows: list[AreaProgress], statuses: StatusScale, tone) -> Chart:
    """tone(kind, id): the colour class of a status (see tones.py)."""
    symbols = {status: statuses[status].symbol if status in statuses else "" for status in columns}
    label = status_labeller(statuses)
    return stacked_bar_chart(
        "chart-area-status", "Recommendations by current status in each area",
        "A bar per area, split by current status; each part shows the status symbol and the number of "
        "recommendations. The table above gives the same figures.",
        [(row.area.title, [(label(status), row.counts.get(status, 0), tone("status", status),
                            f"{symbols[status]} {row.counts.get(status, 0)}".strip()) for status in columns])
         for row in rows],
    )


def case_audit_distribution(audit: CaseAudit, content: Content) -> RatingDistribution:
    labels = {option.id: option.label for option in content.scales[audit.scale].options}
    return RatingDistribution(tuple(RatingCount(rating, labels[rating], count) for rating, count in audit.ratings),
                              audit.assessed)


def rating_chart(chart_id: str, title: str, distribution: RatingDistribution, tone, scale_id: str | None) -> Chart:
    """A bar per rating (and one for those assessed but not rated, when there are any), as a share of all assessed.

    tone(kind, id) gives each bar the colour of its rating's place in the scale `scale_id`."""
    kind = f"scale:{scale_id}"
    bars = [(rating.label, rating.count, _count_and_share(rating.count, distribution.assessed), tone(kind, rating.id))
            for rating in distribution.ratings]
    if distribution.not_rated:
        bars.append((NOT_RATED_LABEL, distribution.not_rated,
                     _count_and_share(distribution.not_rated, distribution.assessed), tone(kind, "not-rated")))
    return bar_chart(chart_id, title,
                     f"A bar per rating, out of {distribution.assessed} assessed. The table above gives the same figures.",
                     bars, maximum=distribution.assessed)


def _count_and_share(count: int, of: int) -> str:
    return f"{count} ({share_text(count, of)})"


# --- what each progress page's template is given ---------------------------------------------

def share_text(count: int, of: int) -> str:
    share = percent(count, of)
    return "–" if share is None else f"{share}%"


def _shared_values(content: Content) -> dict:
    return {"share": share_text, "status_label": status_labeller(content.statuses)}


def matrix_values(content: Content, as_of: PartialDate, tone) -> dict:
    columns, rows = area_progress(content, as_of)
    positions = {recommendation.id: index for index, recommendation in enumerate(content.recommendations())}
    return {
        **_shared_values(content), "as_of": as_of, "summary_columns": columns, "summary_rows": rows,
        "summary_chart": area_chart(columns, rows, content.statuses, tone),
        "order": lambda recommendation: positions[recommendation.id],
        # "Least progress first": the scale runs from most progress to least.
        "status_rank": content.statuses.progress_rank,
        "used_assessors": content.assessors_used(),
    }


@dataclass(frozen=True)
class Comparison:
    """Sets of figures on one rating scale, side by side."""

    columns: tuple[tuple[str, RatingDistribution], ...]  # (title, figures)

    @property
    def ratings(self) -> list[tuple[str, str]]:
        """(id, label) of every rating any column gives, in the order first given."""
        seen: dict[str, str] = {}
        for _, distribution in self.columns:
            for rating in distribution.ratings:
                seen.setdefault(rating.id, rating.label)
        return list(seen.items())


def case_audit_values(content: Content, tone) -> dict:
    audits = [(audit, distribution, rating_chart(f"chart-{audit.id}", audit.title, distribution, tone, audit.scale))
              for audit, distribution in _case_audits(content)]
    by_scale: dict[str, list[tuple[str, RatingDistribution]]] = {}
    for audit, distribution in _case_audits(content):
        by_scale.setdefault(audit.scale, []).append((audit.title, distribution))
    return {**_shared_values(content), "audits": audits,
            "comparisons": [Comparison(tuple(columns)) for columns in by_scale.values() if len(columns) > 1]}


def audit_results_values(content: Content, results: AuditResults, tone) -> dict:
    """The force's own audit records, each checklist's apart; beside the inspectorate's audits, only the answers
    to an item that grades a case as they did (compares_with_case_audits). A rating made by a checklist's own
    rule is not an inspection grade, and ratings of different checklists are not added together."""
    return {
        **_shared_values(content), "results": results,
        "comparisons": {result.checklist.id: _beside_case_audits(content, result) for result in results.checklists},
        "items_by_scale": lambda result: _items_by_scale(result, content),
        "when": time_text,
        "rating_label": lambda checklist, rating_id: rating_label(checklist, rating_id, content),
        "checklist_charts": {
            result.checklist.id: rating_chart(f"chart-audits-{result.checklist.id}", f"Ratings: {result.checklist.title}",
                                              result.ratings, tone,
                                              result.checklist.rating.scale if result.checklist.rating else None)
            for result in results.checklists
        },
    }


def time_text(iso: str | None) -> str:
    """An export's ISO time as people read it, in UTC ("10 January 2026, 10:05 UTC"); as given if it is not one."""
    if not iso:
        return "–"
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return f"{moment.day} {moment:%B %Y, %H:%M}" + (" UTC" if moment.tzinfo is not None else "")


def _items_by_scale(result: ChecklistResult, content: Content) -> list[tuple[AnswerScale, list[ItemResult]]]:
    """Items grouped by answer scale, so each table has one column per option."""
    groups: dict[str, list[ItemResult]] = {}
    for item in result.items:
        groups.setdefault(item.item.scale, []).append(item)
    return [(content.scales[scale_id], items) for scale_id, items in groups.items()]


def _beside_case_audits(content: Content, result: ChecklistResult) -> list[tuple[ItemResult, Comparison]]:
    """For each item of the checklist compared with the case audits: its answers beside theirs, as the
    inspectorate lays out its figures (an item not answered, or answered to an earlier wording, is not rated)."""
    compared = []
    case_audits = _case_audits(content)
    for item_result in result.items:
        item = item_result.item
        if not item.compares_with_case_audits:
            continue
        audits = [(audit.title, distribution) for audit, distribution in case_audits
                  if audit.scale == content.scale_of(item).id]
        if audits:
            answers = RatingDistribution(tuple(RatingCount(count.option.id, count.option.label, count.count)
                                               for count in item_result.options if not count.option.not_applicable),
                                         len(result.records))
            compared.append((item_result, Comparison(tuple(audits) + ((f"Your records, item {item.number}", answers),))))
    return compared


def _case_audits(content: Content) -> list[tuple[CaseAudit, RatingDistribution]]:
    return [(audit, case_audit_distribution(audit, content)) for audit in content.case_audits]


def my_audit_data(content: Content, checklist: Checklist) -> dict:
    """What the "My audits" page's script needs of a checklist to work out progress and rating as its page does."""
    items = [{
        "id": item.id, "number": item.number, "hash": item.content_hash, "critical": item.critical,
        "needsReason": item.reason_if_not_applicable,
        "options": [{"id": o.id, "label": o.label, "na": o.not_applicable} for o in content.scale_of(item).options],
    } for item in checklist.items()]
    # The record details, to name them before an export, to keep the personal ones out of one for counting, and
    # to show the date of sign-off.
    details = [{"id": detail.id, "label": detail.label, "personal": detail.personal,
                "signOff": detail.sign_off and detail.kind == "date"} for detail in checklist.record_details]
    return {"items": items, "details": details, "rating": rating_data(content, checklist), "renamed": checklist.item_renames}

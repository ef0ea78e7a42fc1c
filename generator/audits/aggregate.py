"""Count what a folder of audit exports says: per checklist, per item, per record, overall.

Pure: content model and export files in, plain results out; the results page and the
``guidance aggregate`` CSV are both drawn from ``AuditResults``. Percentages are computed
from the counts here, once, and rounded half up to one decimal place.

Results hold counts and ratings only: a record is "Record N" (its place among its checklist's
records), a file is "File N" (exports.display_names), and no message quotes what anyone
typed. Whatever the exports hold, no label, note or detail can reach the site or the CSV.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Iterable, Sequence

from . import rules
from .exports import ExportedRecord, ExportFile, FileProblem, Rating, listed_ids, read_folder
from ..model import NOT_RATED_LABEL, AnswerOption, AnswerScale, Checklist, ChecklistItem, Content

NO_RULE = "(no rating rule)"  # RecordResult.recomputed for a checklist without a rating rule


def percent(count: int, of: int) -> Decimal | None:
    """count as a percentage of of, to one decimal place; None when there is nothing to divide by."""
    if not of:
        return None
    return (Decimal(count) * 100 / Decimal(of)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RatingCount:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class RatingDistribution:
    """Laid out as the inspectorate does: each rating's count out of all assessed, and those not rated."""

    ratings: tuple[RatingCount, ...]
    assessed: int

    @property
    def rated(self) -> int:
        return sum(rating.count for rating in self.ratings)

    @property
    def not_rated(self) -> int:
        return self.assessed - self.rated

    def count_of(self, rating_id: str) -> int | None:
        """None when these figures do not give that rating at all (which is not the same as 0)."""
        return next((rating.count for rating in self.ratings if rating.id == rating_id), None)


@dataclass(frozen=True)
class OptionCount:
    option: AnswerOption
    count: int


@dataclass(frozen=True)
class ItemResult:
    item: ChecklistItem
    options: tuple[OptionCount, ...]  # in the scale's order
    not_answered: int
    earlier_wording: int  # answers given to an older text of the item: shown, not counted

    @property
    def applicable(self) -> int:
        """The denominator: answers other than "not applicable"."""
        return sum(o.count for o in self.options if not o.option.not_applicable)


@dataclass(frozen=True)
class RecordResult:
    number: int  # 1-based among its checklist's records, in file order: how pages and the CSV name it
    record: ExportedRecord
    progress: rules.Progress  # against the content as it is now
    rating: Rating | None  # as exported: this is the one counted
    recomputed: str | None  # the rating id the checklist's rule gives, None for no rating, NO_RULE without a rule

    @property
    def name(self) -> str:
        return f"Record {self.number}"

    @property
    def finished(self) -> bool:
        return self.progress.complete

    @property
    def rating_differs(self) -> bool:
        return self.recomputed != NO_RULE and self.recomputed != (self.rating.id if self.rating else None)


@dataclass(frozen=True)
class ChecklistResult:
    checklist: Checklist
    files: tuple[str, ...]
    records: tuple[RecordResult, ...]
    items: tuple[ItemResult, ...]
    ratings: RatingDistribution


@dataclass(frozen=True)
class AuditResults:
    folder: str  # as people should see it
    files_read: tuple[str, ...]
    problems: tuple[FileProblem, ...]  # files skipped, with the reason
    notices: tuple[FileProblem, ...]  # counted, with a caveat
    checklists: tuple[ChecklistResult, ...]
    overall: RatingDistribution
    rating_scale: AnswerScale | None = None  # the content's scale whose options the ratings are, if any
    names_in_folder: tuple[tuple[str, str], ...] = ()  # (as shown, as in the folder): for the builder's messages only

    @property
    def records(self) -> int:
        return self.overall.assessed

    def told_to_builder(self, problem: FileProblem) -> str:
        """A problem as the build tells whoever runs it, on their own screen: the file as in the folder, and as the
        site shows it. Never on the site, where a file's name could say who or which case it is about."""
        in_folder = dict(self.names_in_folder).get(problem.file)
        return (f"{self.folder}/{in_folder} ({problem.file} on the site): {problem.message}" if in_folder
                else f"{self.folder}: {problem}")


def read_audits(folder: Path, content: Content, display_name: str | None = None) -> AuditResults:
    exports, problems, names = read_folder(Path(folder), content)
    return aggregate(exports, problems, content, display_name or Path(folder).as_posix(), names)


def aggregate(exports: Sequence[ExportFile], problems: Sequence[FileProblem], content: Content,
              folder: str = "audits", names_in_folder: dict[str, str] | None = None) -> AuditResults:
    notices: list[FileProblem] = [notice for export in exports for notice in export.notices]
    records = _latest_copies(exports, notices)
    results = []
    for checklist in content.checklists:
        own = [record for record in records if record.checklist_id == checklist.id]
        if own:
            results.append(_checklist_result(checklist, own, content, notices))
    all_records = [record for result in results for record in result.records]
    scale = _scale_of([r.rating.id for r in all_records if r.rating], content)
    return AuditResults(
        folder, tuple(export.file for export in exports), tuple(problems), tuple(notices), tuple(results),
        _distribution(all_records, scale), scale, tuple((names_in_folder or {}).items()))


def _latest_copies(exports: Sequence[ExportFile], notices: list[FileProblem]) -> list[ExportedRecord]:
    """One copy per record: the same record exported twice is counted once, the later copy."""
    chosen: dict[tuple[str, str], ExportedRecord] = {}
    for export in exports:
        for record in export.records:
            key = (record.checklist_id, record.id)
            earlier = chosen.get(key)
            if earlier is None:
                chosen[key] = record
                continue
            later = record if (record.updated or "") >= (earlier.updated or "") else earlier
            chosen[key] = later
            notices.append(FileProblem(record.file, f"{record.where} is also in {earlier.file} ({earlier.where})"
                                                    f"{' (twice)' if earlier.file == record.file else ''}; "
                                                    f"it is counted once, as last updated ({later.updated or 'no time given'}, "
                                                    f"in {later.file})"))
    return list(chosen.values())


def _checklist_result(checklist: Checklist, records: list[ExportedRecord], content: Content,
                      notices: list[FileProblem]) -> ChecklistResult:
    items = list(checklist.items())
    current = {item.id: item for item in items}
    for file in sorted({record.file for record in records}):
        in_file = [record for record in records if record.file == file]
        removed = sorted({item_id for r in in_file for item_id, entry in r.answers.items()
                          if item_id not in current and entry["answer"] is not None})
        if removed:
            notices.append(FileProblem(file, "answers to items the checklist no longer has are not counted: " + listed_ids(removed)))
        reworded = sorted({item.id for r in in_file for item in items
                           if rules.item_state(item, content.scale_of(item), r.answers.get(item.id)) == rules.NEEDS_RECHECK})
        if reworded:
            notices.append(FileProblem(file, "answers given to an earlier wording of these items are not counted "
                                             "until re-checked: " + ", ".join(reworded)))
    record_results = tuple(_record_result(number, checklist, record, content)
                           for number, record in enumerate(records, start=1))
    for result in record_results:
        if result.rating_differs:
            given = result.rating.label if result.rating else "no rating"
            notices.append(FileProblem(result.record.file,
                                       f"{result.record.where} ({result.name} of '{checklist.title}') is rated '{given}' "
                                       "in the export, but the "
                                       f"checklist's rating rule gives '{rating_label(checklist, result.recomputed, content)}' "
                                       "for its answers; the export's rating is counted"))
    return ChecklistResult(
        checklist, tuple(sorted({record.file for record in records})), record_results,
        tuple(_item_result(item, records, content) for item in items),
        _distribution(record_results, _scale_of([r.rating.id for r in record_results if r.rating], content)))


def _item_result(item: ChecklistItem, records: list[ExportedRecord], content: Content) -> ItemResult:
    scale = content.scale_of(item)
    counts = {option.id: 0 for option in scale.options}
    not_answered = earlier_wording = 0
    for record in records:
        entry = record.answers.get(item.id)
        state = rules.item_state(item, scale, entry)
        # "Not applicable" without the reason asked for is still to answer, as the checklist page and the record's
        # progress count it (the walk found it counted here as not applicable, there as to answer).
        if state in (rules.UNANSWERED, rules.NEEDS_REASON):
            not_answered += 1
        elif state == rules.NEEDS_RECHECK:
            earlier_wording += 1
        else:  # answered, or not applicable with its reason
            counts[entry["answer"]] += 1
    options = tuple(OptionCount(option, counts[option.id]) for option in scale.options)
    return ItemResult(item, options, not_answered, earlier_wording)


def _record_result(number: int, checklist: Checklist, record: ExportedRecord, content: Content) -> RecordResult:
    """Progress and rating by the same rules as the checklist page (audits/rules.py), against today's content."""
    recomputed = NO_RULE
    if checklist.rating is not None:
        rating = rules.rate(checklist, content.scales, record.answers)
        recomputed = rating.id if rating else None
    return RecordResult(number, record, rules.progress(checklist, content.scales, record.answers), record.rating, recomputed)


def _scale_of(rating_ids: Iterable[str], content: Content) -> AnswerScale | None:
    """The first answer scale of the content whose options include every rating given."""
    wanted = set(rating_ids)
    if not wanted:
        return None
    return next((s for s in content.scales.values() if wanted <= {o.id for o in s.options}), None)


def _distribution(records: Sequence[RecordResult], scale: AnswerScale | None) -> RatingDistribution:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for record in records:
        if record.rating:
            counts[record.rating.id] = counts.get(record.rating.id, 0) + 1
            labels.setdefault(record.rating.id, record.rating.label)
    order = [o.id for o in scale.options] if scale else sorted(counts, key=lambda rating_id: labels[rating_id].lower())
    if scale:
        labels.update({o.id: o.label for o in scale.options})
    return RatingDistribution(tuple(RatingCount(r, labels[r], counts.get(r, 0)) for r in order), len(records))


def rating_label(checklist: Checklist, rating_id: str | None, content: Content) -> str:
    """The label of a rating the checklist's rule gives; "no rating" for None (an incomplete record)."""
    if rating_id is None:
        return "no rating"
    options = content.scales[checklist.rating.scale].options if checklist.rating else ()
    return next((option.label for option in options if option.id == rating_id), rating_id)


# --- CSV -------------------------------------------------------------------------------------

CSV_COLUMNS = ["table", "checklist", "checklist_title", "item", "item_text", "record", "file",
               "value", "value_label", "count", "of", "percent"]


def csv_rows(results: AuditResults) -> Iterable[dict]:
    """One long table, one row per figure, for spreadsheets and pivot tables.

    table is one of: ratings (per checklist), answers (per item and option), record (value: its
    rating; count/of: answered of applicable items). A record is named "Record N", as on the site:
    no label or note is in the table. Ratings are never added across checklists, as on the site:
    each is made by its own checklist's rule, so a sum of them would mean nothing.
    """
    for result in results.checklists:
        checklist = {"checklist": result.checklist.id, "checklist_title": result.checklist.title}
        yield from _rating_rows("ratings", result.ratings, checklist)
        for item_result in result.items:
            item = {**checklist, "item": item_result.item.id, "item_text": item_result.item.text}
            for option in item_result.options:
                of = "" if option.option.not_applicable else item_result.applicable
                share = "" if option.option.not_applicable else percent(option.count, item_result.applicable)
                yield {"table": "answers", **item, "value": option.option.id, "value_label": option.option.label,
                       "count": option.count, "of": of, "percent": share}
            yield {"table": "answers", **item, "value": "", "value_label": "Not answered", "count": item_result.not_answered}
            if item_result.earlier_wording:
                yield {"table": "answers", **item, "value": "", "value_label": "Answered to an earlier wording (not counted)",
                       "count": item_result.earlier_wording}
        for record in result.records:
            yield {"table": "record", **checklist, "record": record.name, "file": record.record.file, "value": record.rating.id if record.rating else "",
                   "value_label": record.rating.label if record.rating else "Not rated",
                   "count": record.progress.answered, "of": record.progress.applicable,
                   "percent": percent(record.progress.answered, record.progress.applicable)}


def _rating_rows(table: str, distribution: RatingDistribution, checklist: dict) -> Iterable[dict]:
    for rating in distribution.ratings:
        yield {"table": table, **checklist, "value": rating.id, "value_label": rating.label, "count": rating.count,
               "of": distribution.assessed, "percent": percent(rating.count, distribution.assessed)}
    yield {"table": table, **checklist, "value": "", "value_label": NOT_RATED_LABEL, "count": distribution.not_rated,
           "of": distribution.assessed, "percent": percent(distribution.not_rated, distribution.assessed)}


def _cell(value) -> str:
    """Text a spreadsheet will not run as a formula (labels are typed by people)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(results: AuditResults, stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in csv_rows(results):
        writer.writerow({column: _cell(row.get(column)) for column in CSV_COLUMNS})

"""Read the JSON audit exports people drop into a folder, checking each against the content.

The format is written by the checklist pages and My audits (see docs/audit-export-format.md):
version 1 holds one checklist, version 2 a list of them and says its purpose ("aggregation":
no labels, notes or personal details; "transfer": everything). A file that is not valid JSON,
is not an export, is of a newer format version, is for a checklist this content does not have,
is malformed or too large is reported with its name and the reason, and skipped; the other files
are still read.

What people typed (labels, notes, reasons, record details) is never kept here: only what the
counts need (ids, answers, whether a reason was given, times, ratings). Every value that may
reach a page is bounded, and a value refused is said so, without quoting it. Nothing here knows
about HTML or MkDocs.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..model import Checklist, Content
from ..problems import did_you_mean

FORMAT = "guidance-audit-export"
FORMAT_VERSION = 2  # the newest version this generator reads
PURPOSES = ("aggregation", "transfer")

# Limits: a file beyond them is no export the site wrote; one value beyond them is refused.
MAX_FILE_BYTES = 20 * 1024 * 1024  # thousands of records
MAX_RECORDS = 5_000  # per file
MAX_ANSWERS = 2_000  # per record: a checklist has tens of items
MAX_LABEL = 120  # characters, as the checklist page allows
MAX_ID = 100  # characters of a record, item, checklist, answer or rating id
MAX_TIME = 40  # characters of an ISO 8601 time
MAX_LISTED = 10  # ids named in one message; the rest are counted
# An id is quoted in a message only if it looks like one (content ids do); anything else is described.
_QUOTABLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")


@dataclass(frozen=True)
class FileProblem:
    """Why a file was skipped, or (for a notice) something counted with a caveat."""

    file: str  # as shown: "File N" (see display_names)
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Rating:
    id: str  # an option of one of the content's answer scales
    label: str  # that option's label in the content (never the export's)


@dataclass(frozen=True)
class ExportedRecord:
    file: str
    checklist_id: str
    id: str  # the browser's random id: used to count a record once, never shown
    position: int  # 1-based, in its file: how messages name it
    created: str | None
    updated: str | None  # ISO 8601, or None
    answers: dict[str, dict]  # item id -> {"answer", "item_hash", "reason_given"}, as audits/rules.py reads them
    rating: Rating | None

    @property
    def where(self) -> str:
        return f"record {self.position}"


@dataclass(frozen=True)
class ExportFile:
    file: str
    purpose: str  # "aggregation" or "transfer"; version 1 files, which say neither, are "transfer"
    format_version: int
    exported_at: str | None
    checklists: tuple[tuple[str, str], ...]  # (id, version) of each checklist counted
    records: tuple[ExportedRecord, ...]
    notices: tuple[FileProblem, ...] = ()  # values refused, checklists left out: counted with a caveat

    @property
    def checklist_id(self) -> str:
        """The first checklist's id (a version 1 file holds one)."""
        return self.checklists[0][0] if self.checklists else ""


class _Malformed(Exception):
    pass


class _Refused(_Malformed):
    """A well-formed file this site cannot count: its message is shown as it is."""


def quoted_id(value: object) -> str:
    """An id from an export as a message may show it: quoted if it looks like an id, else described."""
    if isinstance(value, str) and _QUOTABLE_ID.match(value):
        return f"'{value}'"
    return "(a value that is not an id)"


def listed_ids(ids: Sequence[str]) -> str:
    shown = [quoted_id(i).strip("'") for i in ids[:MAX_LISTED]]
    more = len(ids) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def display_names(names: Sequence[str]) -> dict[str, str]:
    """How each file is named on the site and in the CSV: "File N", N its place in name order among the folder's
    .json files. Never by its name, which people choose and which may say who or which case it is about (no
    pattern catches "John Smith custody.json"); the build's messages, on the builder's own screen, give both."""
    return {name: f"File {number}" for number, name in enumerate(names, start=1)}


def read_folder(folder: Path, content: Content) -> tuple[list[ExportFile], list[FileProblem], dict[str, str]]:
    """Every *.json file under folder, in name order: the good ones, a problem per bad one, and each file's name
    as shown (see display_names) and as in the folder."""
    exports: list[ExportFile] = []
    problems: list[FileProblem] = []
    if not folder.is_dir():
        return exports, problems, {}
    paths = [path for path in sorted(folder.rglob("*.json")) if path.is_file()]
    names = display_names([path.relative_to(folder).as_posix() for path in paths])
    for path in paths:
        export, problem = read_file(path, names[path.relative_to(folder).as_posix()], content)
        if export is not None:
            exports.append(export)
        else:
            problems.append(problem)
    return exports, problems, {shown: name for name, shown in names.items()}


def read_file(path: Path, name: str, content: Content) -> tuple[ExportFile | None, FileProblem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, FileProblem(name, f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} an export may be")
        raw = path.read_bytes()
    except OSError as error:
        return None, FileProblem(name, f"cannot read the file: {error.strerror or error}")
    return parse(raw, name, content)


def parse(raw: bytes, name: str, content: Content) -> tuple[ExportFile | None, FileProblem | None]:
    if len(raw) > MAX_FILE_BYTES:
        return None, FileProblem(name, f"the file is {len(raw):,} bytes, more than the {MAX_FILE_BYTES:,} an export may be")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, FileProblem(name, "the file is not UTF-8 text, so it is not an audit export")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, FileProblem(name, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
                                       "the file may be cut short or edited by hand")
    except RecursionError:
        return None, FileProblem(name, "not an audit export: the JSON is nested too deeply")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, FileProblem(name, f'not an audit export (it has no "format": "{FORMAT}")')
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        shown = json.dumps(version) if isinstance(version, (str, int, float, bool, type(None))) and len(str(version)) <= 20 \
            else "given"
        return None, FileProblem(name, f"the format version {shown} is not a whole number from 1")
    if version > FORMAT_VERSION:
        return None, FileProblem(name, f"written in format version {version}, newer than this generator reads "
                                       f"(up to {FORMAT_VERSION}); update the generator to count it")
    try:
        if version == 1:
            purpose, parts = "transfer", [(data.get("checklist"), data.get("records"), "")]
        else:
            purpose = data.get("purpose")
            if purpose not in PURPOSES:
                raise _Malformed('"purpose" is neither "aggregation" nor "transfer"')
            parts = _parts(data.get("checklists"))
        return _export(name, version, purpose, data.get("exported_at"), parts, content), None
    except _Malformed as error:
        return None, FileProblem(name, str(error) if isinstance(error, _Refused) else f"malformed: {error}")


def _parts(value) -> list[tuple[object, object, str]]:
    if not isinstance(value, list) or not value:
        raise _Malformed('"checklists" is not a list of checklists with their records')
    parts = []
    for position, part in enumerate(value, start=1):
        if not isinstance(part, dict):
            raise _Malformed(f"checklist {position} of the list is not an object")
        parts.append((part.get("checklist"), part.get("records"), f"checklist {position} of the list: "))
    return parts


def _export(name: str, version: int, purpose: str, exported_at, parts, content: Content) -> ExportFile:
    notices: list[FileProblem] = []
    checklists: list[tuple[str, str]] = []
    records: list[ExportedRecord] = []
    for checklist_data, records_data, where in parts:
        checklist_id = checklist_data.get("id") if isinstance(checklist_data, dict) else None
        if not isinstance(checklist_id, str):
            raise _Malformed(f"{where}the export does not say which checklist it is for (checklist.id)")
        checklist = next((c for c in content.checklists if c.id == checklist_id), None)
        if checklist is None:
            guess = did_you_mean(checklist_id, [c.id for c in content.checklists]) if len(checklist_id) <= MAX_ID else None
            unknown = (f"for the checklist {quoted_id(checklist_id)}, which this site does not have"
                       + (f" (did you mean '{guess}'?)" if guess else ""))
            if len(parts) == 1:
                raise _Refused(unknown)
            notices.append(FileProblem(name, f"the records {unknown} are not counted; the file's other checklists are"))
            continue
        if any(checklist.id == seen for seen, _ in checklists):
            raise _Malformed(f"{where}the checklist '{checklist.id}' is listed twice")
        version_text = checklist_data.get("version", "")
        checklists.append((checklist.id, str(version_text)[:MAX_ID] if isinstance(version_text, (str, int)) else ""))
        records.extend(_records(records_data, name, where, checklist, content, notices, len(records)))
    if not checklists:
        raise _Refused("none of the checklists it lists is on this site")
    if purpose == "transfer" and version >= 2:
        notices.append(FileProblem(name, "exported for moving records between computers, so it holds labels, notes and "
                                         "case details: none of them is shown here, but such a file need not be in the "
                                         "audits folder; choose an export “for counting” instead"))
    when = exported_at if _is_time(exported_at) else None
    return ExportFile(name, purpose, version, when, tuple(checklists), tuple(records), tuple(notices))


def _records(value, name: str, where: str, checklist: Checklist, content: Content, notices: list[FileProblem],
             before: int) -> list[ExportedRecord]:
    if not isinstance(value, list):
        raise _Malformed(f'{where}"records" is not a list of records')
    if before + len(value) > MAX_RECORDS:
        raise _Malformed(f"more than {MAX_RECORDS:,} records in one file; split the export")
    options = {item.id: [option.id for option in content.scale_of(item).options] for item in checklist.items()}
    hashes = {item.id: item.content_hash for item in checklist.items()}
    records = []
    refused: dict[str, list[int]] = {}  # what was refused -> the records it was refused in
    for position, record in enumerate(value, start=before + 1):
        at = f"record {position}"  # numbered through the whole file, so no checklist need be named
        if not isinstance(record, dict):
            raise _Malformed(f"{at} is not an object")
        record_id = record.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise _Malformed(f"{at} has no id")
        if len(record_id) > MAX_ID:
            raise _Malformed(f"{at}: its id is {len(record_id):,} characters long, more than the {MAX_ID} an id may be")
        label = record.get("label")
        if not (isinstance(label, str) or label is None):
            raise _Malformed(f"{at} has no label (text, or null in an export for aggregation)")
        if isinstance(label, str) and len(label) > MAX_LABEL:
            refused.setdefault(f"a label longer than {MAX_LABEL} characters (labels are never shown here; the record "
                               "is counted)", []).append(position)
        details = record.get("details", {})
        if not isinstance(details, dict):
            raise _Malformed(f'{at}: "details" is not an object')
        answers = record.get("answers")
        if not isinstance(answers, dict):
            raise _Malformed(f'{at}: "answers" is not an object')
        if len(answers) > MAX_ANSWERS:
            raise _Malformed(f"{at} has {len(answers):,} answers, more than the {MAX_ANSWERS:,} a record may have")
        read_answers = {}
        for item_id, answer in _carried_over(answers, checklist.item_renames).items():
            if not isinstance(answer, dict) or not (answer.get("answer") is None or isinstance(answer.get("answer"), str)):
                raise _Malformed(f"{at}: the answer to item {quoted_id(item_id)} is not an option id or null")
            if len(item_id) > MAX_ID or len(answer.get("answer") or "") > MAX_ID:
                raise _Malformed(f"{at}: an item id or answer is longer than the {MAX_ID} characters an id may be")
            item_hash = answer.get("item_hash") if isinstance(answer.get("item_hash"), str) else None
            chosen = answer.get("answer")
            same_question = item_id in hashes and item_hash == hashes[item_id]
            if same_question and chosen is not None and chosen not in options[item_id]:
                raise _Malformed(f"{at}: {quoted_id(chosen)} is not an answer to item '{item_id}' "
                                 f"(expected one of: {', '.join(options[item_id])})")
            reason = answer.get("reason")
            reason_given = answer.get("reason_given") is True or (isinstance(reason, str) and bool(reason.strip()))
            read_answers[item_id] = {"answer": chosen, "item_hash": item_hash, "reason_given": reason_given}
        times = []
        for key in ("created", "updated"):
            value_ = record.get(key)
            if value_ is not None and not _is_time(value_):
                refused.setdefault("a time that is not an ISO 8601 time (left out)", []).append(position)
                value_ = None
            times.append(value_)
        rating, rating_refused = _rating(record.get("rating"), at, checklist, content)
        if rating_refused:
            refused.setdefault(rating_refused, []).append(position)
        records.append(ExportedRecord(name, checklist.id, record_id, position, times[0], times[1], read_answers, rating))
    for what, positions in refused.items():
        shown = ", ".join(str(p) for p in sorted(set(positions))[:MAX_LISTED])
        more = len(set(positions)) - MAX_LISTED
        notices.append(FileProblem(name, f"record{'s' if len(set(positions)) > 1 else ''} {shown}"
                                         f"{f' and {more} more' if more > 0 else ''}: {what}"))
    return records


def _carried_over(answers: dict, renames: dict[str, str]) -> dict:
    """Answers under an id an item had before it was renamed are that item's, unless it has an answer of its own: as the
    checklist's page reads them (carryOver in checklist.js)."""
    if not any(earlier in answers for earlier in renames):
        return answers
    carried = dict(answers)
    for earlier, item_id in renames.items():
        own = carried.get(item_id)
        if earlier in carried and not (isinstance(own, dict) and own.get("answer") is not None):
            carried[item_id] = carried.pop(earlier)
    return carried


def _is_time(value) -> bool:
    if not isinstance(value, str) or len(value) > MAX_TIME:
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _rating(value, where: str, checklist: Checklist, content: Content) -> tuple[Rating | None, str | None]:
    """The rating exported, with the content's label; (None, why) for one the content does not give."""
    if value is None:
        return None, None
    if not isinstance(value, dict) or not isinstance(value.get("id"), str) or not value["id"]:
        raise _Malformed(f'{where}: "rating" is neither null nor an object with an id')
    scales = [content.scales[checklist.rating.scale]] if checklist.rating else list(content.scales.values())
    for scale in scales:
        option = next((option for option in scale.options if option.id == value["id"]), None)
        if option is not None:
            return Rating(option.id, option.label), None
    return None, (f"a rating ({quoted_id(value['id'])}) that is none of "
                  f"{'the checklist' if checklist.rating else 'the site'}'s ratings (counted as not rated)")

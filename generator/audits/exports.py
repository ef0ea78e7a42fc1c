"""Read the JSON audit exports people drop into a folder, checking each against the content.

The format is written by the checklist pages (see docs/audit-export-format.md). A file that
is not valid JSON, is not an export, is of a newer format version, is for a checklist this
content does not have, or is malformed is reported with its name and the reason, and skipped;
the other files are still read. Nothing here knows about HTML or MkDocs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model import Checklist, Content
from ..problems import did_you_mean

FORMAT = "guidance-audit-export"
FORMAT_VERSION = 1  # the newest version this generator reads
MAX_FILE_BYTES = 20 * 1024 * 1024  # thousands of records; a larger file is not an export


@dataclass(frozen=True)
class FileProblem:
    """Why a file was skipped, or (for a notice) something counted with a caveat."""

    file: str  # relative to the audits folder
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Rating:
    id: str
    label: str
    explain: str | None = None


@dataclass(frozen=True)
class ExportedRecord:
    file: str
    checklist_id: str
    id: str
    label: str
    created: str | None
    updated: str | None
    answers: dict[str, dict]  # item id -> {"answer": option id or None, "item_hash", "reason"}, as audits/rules.py reads them
    rating: Rating | None


@dataclass(frozen=True)
class ExportFile:
    file: str
    checklist_id: str
    checklist_version: str
    exported_at: str | None
    records: tuple[ExportedRecord, ...]


class _Malformed(Exception):
    pass


def read_folder(folder: Path, content: Content) -> tuple[list[ExportFile], list[FileProblem]]:
    """Every *.json file under folder, in name order: the good ones, and a problem per bad one."""
    exports: list[ExportFile] = []
    problems: list[FileProblem] = []
    if not folder.is_dir():
        return exports, problems
    for path in sorted(folder.rglob("*.json")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        export, problem = read_file(path, name, content)
        if export is not None:
            exports.append(export)
        else:
            problems.append(problem)
    return exports, problems


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
        return None, FileProblem(name, f"the format version {json.dumps(version)} is not a whole number from 1")
    if version > FORMAT_VERSION:
        return None, FileProblem(name, f"written in format version {version}, newer than this generator reads "
                                       f"(up to {FORMAT_VERSION}); update the generator to count it")
    checklist_data = data.get("checklist")
    checklist_id = checklist_data.get("id") if isinstance(checklist_data, dict) else None
    if not isinstance(checklist_id, str):
        return None, FileProblem(name, "malformed: the export does not say which checklist it is for (checklist.id)")
    checklist = next((c for c in content.checklists if c.id == checklist_id), None)
    if checklist is None:
        known = [c.id for c in content.checklists]
        guess = did_you_mean(checklist_id, known)
        return None, FileProblem(name, f"for the checklist '{checklist_id}', which this site does not have"
                                       + (f" (did you mean '{guess}'?)" if guess else ""))
    try:
        records = _records(data.get("records"), name, checklist, content)
    except _Malformed as error:
        return None, FileProblem(name, f"malformed: {error}")
    exported_at = data.get("exported_at") if isinstance(data.get("exported_at"), str) else None
    return ExportFile(name, checklist_id, str(checklist_data.get("version", "")), exported_at, records), None


def _records(value, name: str, checklist: Checklist, content: Content) -> tuple[ExportedRecord, ...]:
    if not isinstance(value, list):
        raise _Malformed('"records" is not a list of records')
    options = {item.id: [option.id for option in content.scale_of(item).options] for item in checklist.items()}
    hashes = {item.id: item.content_hash for item in checklist.items()}
    records = []
    for position, record in enumerate(value, start=1):
        where = f"record {position}"
        if not isinstance(record, dict):
            raise _Malformed(f"{where} is not an object")
        record_id = record.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise _Malformed(f"{where} has no id")
        label = record.get("label")
        if not isinstance(label, str):
            raise _Malformed(f"{where} has no label")
        where = f"record {position} ('{label}')"
        answers = record.get("answers")
        if not isinstance(answers, dict):
            raise _Malformed(f'{where}: "answers" is not an object')
        read_answers = {}
        for item_id, answer in answers.items():
            if not isinstance(answer, dict) or not (answer.get("answer") is None or isinstance(answer.get("answer"), str)):
                raise _Malformed(f"{where}: the answer to item '{item_id}' is not an option id or null")
            item_hash = answer.get("item_hash") if isinstance(answer.get("item_hash"), str) else None
            chosen = answer.get("answer")
            same_question = item_id in hashes and item_hash == hashes[item_id]
            if same_question and chosen is not None and chosen not in options[item_id]:
                raise _Malformed(f"{where}: '{chosen}' is not an answer to item '{item_id}' "
                                 f"(expected one of: {', '.join(options[item_id])})")
            reason = answer.get("reason") if isinstance(answer.get("reason"), str) else None
            read_answers[item_id] = {"answer": chosen, "item_hash": item_hash, "reason": reason}
        records.append(ExportedRecord(
            name, checklist.id, record_id, label, _text(record.get("created")), _text(record.get("updated")),
            read_answers, _rating(record.get("rating"), where)))
    return tuple(records)


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _rating(value, where: str) -> Rating | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), str) or not value["id"]:
        raise _Malformed(f'{where}: "rating" is neither null nor an object with an id')
    label = value.get("label") if isinstance(value.get("label"), str) and value.get("label") else value["id"]
    return Rating(value["id"], label, _text(value.get("explain")))

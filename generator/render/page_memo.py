"""Pages kept from one build to the next under a development server, each with what it read.

Rendering every page again is most of a training lead's wait after a save under `mkdocs serve`
(docs/benchmarks.md, issue 15), though a save changes one file and most pages do not show what changed.
A page is made from its template, title and values, from the content's site-wide parts (site.yml, the
glossary, the legal references, which areas, documents and checklists there are and in what order: any
change of these, of a template or of the day renders every page), and from what its templates read of the
areas, documents and checklists. While a page renders, each read is recorded as a question with its answer:

- an attribute of a model object (`item.text`, `checklist.sections`), a method's result (`checklist.items()`);
- a question asked of `content` (`content.items_checking("AH2")`);
- a model object handed to a Python function, filter or test (`rating_data(checklist)`): its whole value.

In questions and answers, a model object with an id is named by where it sits in the content (the third item
of the first section of checklist x), so that the next build can ask the same questions of its own content;
any other (a date, the grades) by its whole value. A page, or a fragment pages share, is reused when its
template, title and values are the same and every question gets the same answer; it is rendered again
otherwise, or whenever anything it read cannot be compared so (a value holding a function). Nothing is
guessed: a page is either shown to read the same or rendered again.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
import re
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import FunctionType, MethodType

from jinja2 import Environment
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from ..model import Content, StatusScale

Owner = tuple[str, str]  # ("area" | "guidance" | "checklist", id)
SITE_WIDE: Owner = ("site", "")  # everything else in the content: covered by the signature, never listed
OWNED = (("area", "areas"), ("guidance", "guidance"), ("checklist", "checklists"))  # kind, field of Content


_NOT_GIVEN = object()
_PLAIN = frozenset({str, int, float, bool, type(None)})


class NotComparable(Exception):
    """A value the memo cannot compare with the next build's: the page is rendered every time."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_DEFAULT_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>")


def _stable_repr(value) -> str:
    """A repr that is the same for equal content in another build; a fresh one each time where it cannot be."""
    text = repr(value.statuses) if isinstance(value, StatusScale) else repr(value)
    return uuid.uuid4().hex if _DEFAULT_REPR.search(text) else text


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))  # dataclasses.fields is slow, and asked for very often


@functools.cache
def _is_thing(kind: type) -> bool:
    """A model object with an id (an area, a recommendation, an item...): named by its key in fingerprints, and
    observed by templates only through its attributes (tests/test_page_memo.py checks that no such class
    prints, counts or tests itself). Any other model object (a date, a timescale, the grades) is a value:
    its fingerprint is its whole value, so that printing or testing it is compared too."""
    return "id" in _field_names(kind)


@dataclass
class Reads:
    """What one page (or one fragment shared by pages) asked while it rendered."""
    answers: dict[tuple, object] = field(default_factory=dict)  # question -> fingerprint of its answer
    comparable: bool = True

    def merge(self, other: "Reads") -> None:
        self.answers.update(other.answers)
        self.comparable = self.comparable and other.comparable


class ContentIndex:
    """This build's content as the memo sees it: a key for each model object that finds the object at the same
    place in another build's content, the answers of the questions asked so far, and a signature of the
    site-wide parts."""

    def __init__(self, content: Content, extra_signature: str = ""):
        self.content = content
        # id of a model object -> its key, (owner, path within it): an area's, document's or checklist's, site-wide
        self.owned_key_of: dict[int, tuple] = {}
        self.site_key_of: dict[int, tuple] = {}
        self.object_at: dict[tuple, object] = {}
        self._answers: dict[tuple, object] = {}  # each question is answered once per build
        self._versions: dict[Owner, str | None] = {}
        self._fingerprints: dict[int, tuple] = {}  # id of a tuple, frozen dataclass or function -> (it, fingerprint)
        self._compared: dict[int, tuple] = {}  # id of a kept (question, answer) -> (it, whether it holds)
        owned_fields = {name for _, name in OWNED} | {"_cache"}
        site_wide = [(f.name, getattr(content, f.name)) for f in dataclasses.fields(Content)
                     if f.name not in owned_fields]
        for name, value in site_wide:  # first, so objects an area shares with them (its statuses) are site-wide
            self._walk(value, SITE_WIDE, (name,))
        order = []
        for kind, name in OWNED:
            for obj in getattr(content, name):
                owner = (kind, obj.id)
                self._walk(obj, owner, ())
                order.append(owner)
        self.signature = _digest("\0".join([extra_signature, repr(order),
                                            *(f"{name}={_stable_repr(value)}" for name, value in site_wide)]))

    def _walk(self, value, owner: Owner, path: tuple) -> None:
        if type(value) in _PLAIN:
            return
        if dataclasses.is_dataclass(value) and not isinstance(value, type) or isinstance(value, Mapping):
            if id(value) in self.owned_key_of or id(value) in self.site_key_of:  # shared: found where first met
                return
            (self.site_key_of if owner == SITE_WIDE else self.owned_key_of)[id(value)] = (owner, path)
            self.object_at[(owner, path)] = value
            children = value.items() if isinstance(value, Mapping) else (
                (name, getattr(value, name)) for name in _field_names(type(value)))
            for name, child in children:
                self._walk(child, owner, (*path, name))
        elif isinstance(value, (tuple, list)):
            for position, child in enumerate(value):
                self._walk(child, owner, (*path, position))

    # Fingerprints: values as plain data that another build's can be compared with ------------------------

    def fingerprint(self, value):
        """value as nested tuples of plain data, a model object as its key."""
        kind = type(value)
        if kind is str or value is None:
            return value
        if kind in (int, float, bool):
            return (kind.__name__, value)
        if isinstance(value, Markup):
            return ("markup", str(value))
        key = self.owned_key_of.get(id(value)) or self.site_key_of.get(id(value))
        if key is not None and (isinstance(value, Mapping) or _is_thing(kind)):
            return ("object", key)
        if kind is list:
            return ("list", tuple(map(self.fingerprint, value)))
        if isinstance(value, Mapping):
            return ("map", tuple((self.fingerprint(k), self.fingerprint(v)) for k, v in value.items()))
        if isinstance(value, (dt.date, str)):
            return (kind.__name__, str(value))
        # What cannot change is fingerprinted once a build (pages share values: the matrix's, 100 times at L);
        # kept with the value itself, so that its id is not another's meanwhile.
        kept = self._fingerprints.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1]
        if kind is tuple:
            fingerprint = ("tuple", tuple(map(self.fingerprint, value)))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            fingerprint = ("dataclass", (kind.__module__, kind.__qualname__),
                           tuple(self.fingerprint(getattr(value, name)) for name in _field_names(kind)))
            if not kind.__dataclass_params__.frozen:
                return fingerprint
        elif kind is FunctionType or kind is MethodType:
            fingerprint = self._function_fingerprint(value)
        else:
            raise NotComparable(kind.__qualname__)
        self._fingerprints[id(value)] = (value, fingerprint)
        return fingerprint

    def _function_fingerprint(self, function):
        """A function handed to a page (a value, or a method of a site-wide object): its code, which stays as it
        is while the process runs, and what it closes over. What it is given is noted when it is called (see
        recording_environment); what it reads of a model object it holds, or of the content, would not be."""
        if isinstance(function, MethodType):
            bound = self.fingerprint(function.__self__)
            if isinstance(function.__self__, Content) or _owners_in(bound):
                raise NotComparable("a method of the content or of an area, document or checklist")
            return ("method", bound, self._function_fingerprint(function.__func__))
        cells = tuple(cell.cell_contents for cell in function.__closure__ or ())
        if any(isinstance(cell, Content) for cell in cells):
            raise NotComparable("a function of the whole content")
        closed_over = self.fingerprint(cells)
        if _owners_in(closed_over):
            raise NotComparable("a function holding an area, document or checklist")
        code = function.__code__
        return ("function", function.__module__, function.__qualname__, code.co_firstlineno, id(code), closed_over)

    def value_of(self, fingerprint):
        """The value a fingerprint of an argument stands for, in this build's content."""
        if fingerprint is None or type(fingerprint) is str:
            return fingerprint
        kind, data = fingerprint[:2]
        if kind == "object":
            return self.object_at[data]  # KeyError: not in this content any more
        if kind == "tuple":
            return tuple(map(self.value_of, data))
        if kind == "list":
            return list(map(self.value_of, data))
        if kind == "dataclass" and data[0] == Content.__module__:  # a value of the model's: a date, a timescale...
            return getattr(sys.modules[data[0]], data[1])(*map(self.value_of, fingerprint[2]))
        if kind == "markup":
            return Markup(data)
        if kind in ("int", "float", "bool"):
            return data
        raise NotComparable(kind)

    # Questions ---------------------------------------------------------------------------------------
    # ("content", name): an attribute of the content; ("content", name, args, kwargs): a call of its method;
    # ("read", key, name): an attribute of a model object; ("call", key, name, args, kwargs): a call of its
    # method; ("whole", key): the object's whole value. Arguments are fingerprints.

    def answer(self, question: tuple, value=_NOT_GIVEN):
        """The fingerprint of question's answer in this build: value, if given, is that answer, already found."""
        if question not in self._answers:
            self._answers[question] = self.fingerprint(self._ask(question) if value is _NOT_GIVEN else value)
        return self._answers[question]

    def _ask(self, question: tuple):
        kind = question[0]
        if kind == "whole":
            return _digest(_stable_repr(self.object_at[question[1]]))
        if kind == "content":
            target = getattr(self.content, question[1])
            arguments = question[2:]
        else:
            target = getattr(self.object_at[question[1]], question[2])
            arguments = question[3:]
        if not arguments:
            return target
        args, kwargs = arguments
        value = target(*map(self.value_of, args), **{name: self.value_of(v) for name, v in kwargs})
        return list(value) if inspect.isgenerator(value) else value

    def version(self, owner: Owner) -> str | None:
        """A digest of an area's, document's or checklist's whole value: while it is the same, so is every answer
        about the objects in it."""
        if owner not in self._versions:
            obj = self.object_at.get((owner, ()))
            self._versions[owner] = None if obj is None else _digest(_stable_repr(obj))
        return self._versions[owner]

    def answers_hold(self, answers: tuple[tuple[tuple, object], ...]) -> bool:
        return all(map(self._holds, answers))

    def _holds(self, asked: tuple[tuple, object]) -> bool:
        """Whether a question kept (with its answer) gets the same answer in this build. Pages share the questions
        and answers they keep (PageMemo interns them), so each pair is compared once a build, not once a page:
        at L, 2,220 pages keep 217,000 of them, 46,000 different ones."""
        known = self._compared.get(id(asked))
        if known is None or known[0] is not asked:
            question, fingerprint = asked
            try:
                same = self.answer(question) == fingerprint
            except Exception:  # a question this content cannot answer (an id gone, an object moved): it changed
                same = False
            known = self._compared[id(asked)] = (asked, same)
        return known[1]


class Recorder:
    """Whose questions are being recorded now: a page's, or a fragment's within it."""

    def __init__(self, index: ContentIndex):
        self.index = index
        self.stack: list[Reads] = []

    @property
    def current(self) -> Reads | None:
        return self.stack[-1] if self.stack else None

    @contextlib.contextmanager
    def recording(self, reads: Reads):
        self.stack.append(reads)
        try:
            yield reads
        finally:
            self.stack.pop()

    def note(self, question: tuple, value=_NOT_GIVEN) -> None:
        reads = self.current
        if reads is None:
            return
        try:
            reads.answers[question] = self.index.answer(question, value)
        except NotComparable:
            reads.comparable = False

    def asking(self, question: tuple, method):
        """method, noting each call as a question (question + its arguments) with its answer."""
        def ask(*args, **kwargs):
            answer = given = method(*args, **kwargs)
            if inspect.isgenerator(answer):  # the template still gets an iterator, as without the memo
                answer = list(answer)
                given = iter(answer)
            if self.current is not None:
                try:
                    arguments = (tuple(map(self.index.fingerprint, args)),
                                 tuple(sorted((k, self.index.fingerprint(v)) for k, v in kwargs.items())))
                except NotComparable:
                    self.current.comparable = False
                else:
                    self.note((*question, *arguments), answer)
            return given
        ask.records_its_reads = True
        return ask

    def note_handed_over(self, values) -> None:
        """Python code is handed these values: it may read the whole of any model object in them."""
        if not self.stack:
            return
        owned, site_wide = self.index.owned_key_of, self.index.site_key_of
        pending = list(values)
        while pending:
            value = pending.pop()
            if type(value) in _PLAIN or id(value) in site_wide:  # site-wide: in the signature
                continue
            key = owned.get(id(value))
            if key is not None:
                self.note(("whole", key))
            elif isinstance(value, RecordedContent):  # the whole content, read unnoted: never reused
                self.current.comparable = False
            elif isinstance(value, (tuple, list)):
                pending += value
            elif isinstance(value, Mapping):
                pending += [*value.keys(), *value.values()]
            elif dataclasses.is_dataclass(value) and not isinstance(value, type):
                pending += [getattr(value, name) for name in _field_names(type(value))]


class RecordedContent:
    """`content` as templates see it while pages are recorded: each question asked of it is noted with its answer."""

    def __init__(self, recorder: Recorder):
        self._recorder = recorder

    def __getattr__(self, name: str):
        value = getattr(self._recorder.index.content, name)
        if callable(value):
            return self._recorder.asking(("content", name), value)
        self._recorder.note(("content", name), value)
        return value


# Filters and tests that read a model object only through the environment's getattr (selectattr, map with an
# attribute...), or not at all (length, first...). Any other is Python that may read, print or compare what it is
# given: the model objects in its arguments are noted as read whole.
_READING_NOTHING_ITSELF = {
    "filters": frozenset({"length", "count", "list", "first", "last", "reverse", "batch", "slice", "selectattr",
                          "rejectattr", "map", "select", "reject", "sum", "attr", "default", "d", "grouped",
                          "tojson"}),  # JSON refuses a model object: it cannot read one unnoted
    "tests": frozenset({"defined", "undefined", "none", "boolean", "true", "false", "integer", "float", "number",
                        "string", "mapping", "sequence", "iterable", "callable", "sameas", "escaped", "filter",
                        "test"}),
}


class _Noting(dict):
    """An environment's filters or tests, each handed out so that what it is given is noted (see above)."""

    def __init__(self, functions, recorder: Recorder, harmless: frozenset):
        super().__init__(functions)
        self.recorder, self.harmless = recorder, harmless

    def __getitem__(self, name):
        function = super().__getitem__(name)
        if name in self.harmless:
            return function
        recorder = self.recorder

        @functools.wraps(function)
        def noting(*args, **kwargs):
            recorder.note_handed_over((*args, *kwargs.values()))
            return function(*args, **kwargs)
        return noting

    def get(self, name, default=None):
        return self[name] if name in self else default


def recording_environment(recorder: Recorder, **options) -> Environment:
    """A Jinja environment whose templates note what they read of the model objects of areas, documents and
    checklists: each attribute, each method's result, each object handed to a Python function, filter or test.
    Templates observe a model object with an id only through its attributes: printed, tested or compared as a
    whole, it would not be noted (no such class prints, counts or tests itself: tests/test_page_memo.py)."""
    index = recorder.index

    owned, stack = index.owned_key_of, recorder.stack  # read at every attribute a template reads: kept short

    def read(obj, name, value):
        key = owned.get(id(obj))
        if key is None or not stack:
            return value
        if type(value) is MethodType:
            return recorder.asking(("call", key, name), value)
        question = ("read", key, name)
        if question not in stack[-1].answers:
            recorder.note(question, value)
        return value

    class RecordingContext(Context):
        def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
            # A macro's reads are noted as it reads; a Python function's are not seen: it reads the whole.
            if stack and type(__obj) is not Macro and not getattr(__obj, "records_its_reads", False):
                recorder.note_handed_over((*args, *(v for k, v in kwargs.items() if not k.startswith("_"))))
            return super().call(__obj, *args, **kwargs)

    class RecordingEnvironment(Environment):
        context_class = RecordingContext

        def getattr(self, obj, attribute):
            return read(obj, attribute, super().getattr(obj, attribute))

        def getitem(self, obj, argument):
            value = super().getitem(obj, argument)
            return read(obj, argument, value) if isinstance(argument, str) else value

    environment = RecordingEnvironment(**options)
    environment.filters = _Noting(environment.filters, recorder, _READING_NOTHING_ITSELF["filters"])
    environment.tests = _Noting(environment.tests, recorder, _READING_NOTHING_ITSELF["tests"])
    return environment


def _owners_in(fingerprint) -> set[Owner]:
    """The areas, documents and checklists whose model objects a fingerprint names (site-wide ones aside)."""
    owners, pending = set(), [fingerprint]
    while pending:
        part = pending.pop()
        if type(part) is tuple:
            if len(part) == 2 and part[0] == "object":
                if part[1][0] != SITE_WIDE:
                    owners.add(part[1][0])
            else:
                pending += part
    return owners


@dataclass
class _Answers:
    """A page's or fragment's questions with their answers, as kept for the next build: (question, answer) pairs."""
    about_content: tuple  # the questions asked of `content`
    about_owners: dict[Owner, tuple]  # the others, by the area, document or checklist they are about
    versions: dict[Owner, str | None]  # of those, when they were asked

    @classmethod
    def of(cls, reads: Reads, index: ContentIndex, interned: dict) -> "_Answers":
        about_content, about_owners = [], {}
        for asked in reads.answers.items():
            asked = interned.setdefault(asked, asked)  # one object for a pair many pages keep
            question = asked[0]
            # A call given another owner's object (or any question of the content's) is asked again every time.
            if question[0] == "content" or question[0] == "call" and _owners_in(question[3:]) - {question[1][0]}:
                about_content.append(asked)
            else:
                about_owners.setdefault(question[1][0], []).append(asked)
        return cls(tuple(about_content), {owner: tuple(pairs) for owner, pairs in about_owners.items()},
                   {owner: index.version(owner) for owner in about_owners})

    def hold(self, index: ContentIndex) -> bool:
        # Questions about an area, document or checklist whose whole value is the same need not be asked again.
        return all(index.version(owner) == version or index.answers_hold(self.about_owners[owner])
                   for owner, version in self.versions.items()) and index.answers_hold(self.about_content)


@dataclass
class _Kept:
    inputs: tuple  # what the page or fragment is made of besides what it reads: template, title, values...
    answers: _Answers
    reads: Reads  # for a fragment: added to the reads of each page that shows it
    made: object  # the page (render.site.Page) or the fragment (Markup)


class PageMemo:
    """The pages and shared fragments of the last build, with what each read; kept by a long-lived process (a
    development server). Either is reused when it is made of the same inputs and its answers hold."""

    def __init__(self) -> None:
        self.signature: str | None = None
        self.kept: dict[tuple, _Kept] = {}  # ("page", path) or ("fragment", folder, name) -> what was made
        self._next: dict[tuple, _Kept] = {}
        self.reused = 0  # pages and fragments this build reused
        self._interned: dict[tuple, tuple] = {}  # (question, answer) -> the one object kept for it

    def begin(self, index: ContentIndex) -> None:
        if index.signature != self.signature:
            self.kept = {}
            self._interned = {}
        self.signature = index.signature
        self._next = {}
        self.reused = 0

    def reuse(self, index: ContentIndex, name: tuple, inputs: tuple) -> _Kept | None:
        """What was made for name of the same inputs, if its answers hold in this build; else None."""
        kept = self.kept.get(name)
        if kept is None or kept.inputs != inputs or not kept.answers.hold(index):
            return None
        self._next[name] = kept
        self.reused += 1
        return kept

    def keep(self, index: ContentIndex, name: tuple, inputs: tuple, reads: Reads, made) -> None:
        if reads.comparable:
            self._next[name] = _Kept(inputs, _Answers.of(reads, index, self._interned), reads, made)

    def end(self) -> None:
        """Every page of the build is made: what is kept now is what the next build compares with. Fragments
        not asked for (the pages showing them were reused) stay kept: they are checked when next asked for."""
        self.kept = {**{name: kept for name, kept in self.kept.items() if name[0] == "fragment"}, **self._next}
        self._next = {}

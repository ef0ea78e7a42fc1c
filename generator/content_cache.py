"""Keep content files that loaded and passed their schema check, keyed by their bytes.

Parsing YAML and checking JSON Schema are nine tenths of loading a content folder, and a
rebuild (``mkdocs serve`` on every save) mostly reads files that have not changed. A file
whose bytes, kind and checking code are the same as last time needs neither again: its
data and locations are read back from an entry of its own in the cache folder. What spans
files (cross-references, the model) is always redone.

Only files without problems are kept, so every message comes from the real checks. An
entry is plain data (JSON, then the locations as an array of numbers), never code. One
that is unreadable, truncated, corrupt or made by other code is a miss, never an error.
Entries are written to a temporary file and renamed into place, so builds running at the
same time never read a half-written one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import zlib
from array import array
from collections.abc import Callable, Mapping
from functools import cache
from itertools import chain
from operator import attrgetter
from importlib import metadata
from pathlib import Path
from typing import Any

from . import load
from .load import LoadedFile, Location

FOLDER = Path(".cache") / "guidance"  # beside mkdocs.yml, as Material's own plugins keep theirs
FORMAT = 1
_line_and_column = attrgetter("line", "column")
# What decides whether a file loads and passes its schema: a change to any of it empties the cache.
_CHECKING_CODE = ("load.py", "validate/schema.py", "validate/compiled.py", "content_cache.py")
_CHECKING_PACKAGES = ("PyYAML", "jsonschema", "referencing")


def default_folder(base: Path) -> Path:
    """The cache folder of a project whose mkdocs.yml (or content folder) is in base."""
    return Path(base) / FOLDER


class ContentCache:
    """Checked files in a folder, one entry per file, in a subfolder per version of the checking code."""

    def __init__(self, folder: Path):
        self.fingerprint = fingerprint()
        self.root = Path(folder)
        self.folder = self.root / f"checked-{self.fingerprint[:16]}"
        self.used: set[str] = set()  # entries read or written by this load
        self.writable = True
        self.folder_ready = False

    def key(self, raw: bytes, kind: str) -> str:
        return f"{kind}-{hashlib.sha256(raw).hexdigest()}"

    def get(self, key: str, name: str) -> LoadedFile | None:
        """The file checked before with these bytes, named `name`; None when not kept or unusable."""
        try:
            entry = (self.folder / f"{key}.entry").read_bytes()
        except OSError:
            return None
        loaded = _unpack(entry, key, self.fingerprint, name)
        if loaded is not None:
            self.used.add(key)
        return loaded

    def put(self, key: str, loaded: LoadedFile) -> None:
        """Keep a file that loaded and passed its schema check. Failing to write only costs speed."""
        if not self.writable:
            return
        entry = _pack(loaded, key, self.fingerprint)
        if entry is None:
            return
        try:
            if not self.folder_ready:
                self._start_folder()
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(entry)
                os.replace(temporary, self.folder / f"{key}.entry")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            self.writable = False  # a read-only or full disk: build on without the cache
            return
        self.used.add(key)

    def drop_unused(self) -> None:
        """After a load: delete the entries it did not use that are over a week old (files edited since,
        mostly). Younger ones stay, so loading another content folder now and then does not empty it."""
        week_ago = time.time() - 7 * 24 * 3600
        try:
            for entry in os.scandir(self.folder):
                if (entry.name.endswith(".entry") and entry.name.removesuffix(".entry") not in self.used
                        and entry.stat().st_mtime < week_ago):
                    Path(entry.path).unlink(missing_ok=True)
        except OSError:
            pass

    def _start_folder(self) -> None:
        """Make this version's folder; other versions' folders are of no further use."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder_ready = True
        for other in self.root.glob("checked-*"):
            if other != self.folder:
                shutil.rmtree(other, ignore_errors=True)


def fingerprint() -> str:
    """Names the code that decides whether a file is without problems, and the loader in use."""
    return hashlib.sha256(f"{_code_fingerprint()} {load._Loader.__name__}".encode()).hexdigest()


@cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {sys.byteorder} {array('I').itemsize}".encode())
    for package in _CHECKING_PACKAGES:
        try:
            digest.update(f" {package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f" {package} none".encode())
    here = Path(__file__).parent
    for path in [*(here / name for name in _CHECKING_CODE), *sorted((here / "schemas").glob("*.json"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# --- one entry: a header line, the data as JSON, then lines and columns as 32-bit numbers ---------


def _pack(loaded: LoadedFile, key: str, fingerprint: str) -> bytes | None:
    """The entry of a loaded file; None if its locations are not in the order the data implies."""
    paths = _value_paths(loaded.data)
    key_paths = [path for path in paths if path and isinstance(path[-1], str)]
    # Only the numbers are kept: the paths they belong to are worked out again from the data.
    if paths != list(loaded.value_locations) or key_paths != list(loaded.key_locations):
        return None
    try:
        numbers = array("I", chain.from_iterable(map(_line_and_column, chain(loaded.value_locations.values(),
                                                                            loaded.key_locations.values()))))
        data = json.dumps(loaded.data, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    except (OverflowError, TypeError, ValueError):
        return None
    body = data + numbers.tobytes()
    header = {"format": FORMAT, "fingerprint": fingerprint, "key": key, "data": len(data), "values": len(paths),
              "keys": len(key_paths), "crc32": _checksum(body, len(data), len(paths), len(key_paths))}
    return json.dumps(header).encode("ascii") + b"\n" + body


def _checksum(body: bytes, data_length: int, values: int, keys: int) -> int:
    """Catches damage to the body and to the counts that say where its parts end."""
    return zlib.crc32(body, zlib.crc32(f"{data_length} {values} {keys}".encode()))


def _unpack(entry: bytes, key: str, fingerprint: str, name: str) -> LoadedFile | None:
    """The file an entry holds; None unless it is whole and was written for this key by this code."""
    try:
        header_line, _, body = entry.partition(b"\n")
        header = json.loads(header_line)
        data_length, values, keys = header["data"], header["values"], header["keys"]
        if (header["format"] != FORMAT or header["fingerprint"] != fingerprint or header["key"] != key
                or min(data_length, values, keys) < 0 or len(body) != data_length + 8 * (values + keys)
                or _checksum(body, data_length, values, keys) != header["crc32"]):
            return None
        data = json.loads(body[:data_length])
        numbers = array("I", body[data_length:])
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):  # not an entry of ours
        return None
    both = cache(lambda: _unpack_locations(data, numbers, values))
    return LoadedFile(name, data, _LazyLocations(lambda: both()[0]), _LazyLocations(lambda: both()[1]))


def _value_paths(data: Any) -> list[tuple]:
    """The path of every value, in the order the loader meets them: a value, then what it holds."""
    paths: list[tuple] = []
    add = paths.append

    def walk(path: tuple, value: Any) -> None:
        add(path)
        if isinstance(value, dict):
            for key, child in value.items():
                walk(path + (key,), child)
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(path + (index,), child)

    walk((), data)
    return paths


def _unpack_locations(data: Any, numbers: array, values: int) -> tuple[dict, dict]:
    paths = _value_paths(data)
    key_paths = [path for path in paths if path and isinstance(path[-1], str)]
    if len(paths) != values or 2 * (values + len(key_paths)) != len(numbers):  # never from an entry we wrote
        return {}, {}
    value_locations = {path: Location(numbers[2 * i], numbers[2 * i + 1]) for i, path in enumerate(paths)}
    key_locations = {path: Location(numbers[2 * (values + i)], numbers[2 * (values + i) + 1])
                     for i, path in enumerate(key_paths)}
    return value_locations, key_locations


class _LazyLocations(Mapping):
    """A cached file's locations, worked out on first use: only a file with a problem found across
    files (a repeated id, say) ever needs them, and working them out costs more than the rest."""

    def __init__(self, unpack: Callable[[], dict]):
        self._locations = unpack  # remembers what it worked out

    def __getitem__(self, path):
        return self._locations()[path]

    def __contains__(self, path) -> bool:
        return path in self._locations()

    def __iter__(self):
        return iter(self._locations())

    def __len__(self) -> int:
        return len(self._locations())

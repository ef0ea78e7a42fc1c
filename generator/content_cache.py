"""Keep content files that loaded and passed their schema check, keyed by their bytes.

A rebuild (``mkdocs serve`` on every save) mostly reads files that have not changed. A file
whose bytes, kind and checking code are the same as last time needs no parsing or schema check
again: its data is read back from an entry of its own in the cache folder; the lines and columns
of a message, rarely needed, come from the file's text, read anyway to make its key. What spans
files (cross-references, the model) is redone, unless no file at all changed (model_cache.py).

Only files without problems are kept, so every message comes from the real checks. An
entry is plain data (JSON), never code. One
that is unreadable, truncated, corrupt or made by other code is a miss, never an error.
Entries are written to a temporary file and renamed into place, so builds running at the
same time never read a half-written one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
import zlib
from functools import cache
from pathlib import Path

from . import load, model_cache
from .code_digest import code_digest
from .load import LoadedFile, located_later
from .model import Content

FOLDER = Path(".cache") / "guidance"  # beside mkdocs.yml, as Material's own plugins keep theirs
FORMAT = 2  # 2: data only; locations come from the file's text when a message needs them
# What decides whether a file loads and passes its schema: a change to any of it empties the cache.
_CHECKING_CODE = ("load.py", "quick_parse.py", "validate/schema.py", "validate/compiled.py", "content_cache.py")
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
        self.files: list[tuple[str, str]] = []  # each file this load read: its name and key, in order
        self.writable = True
        self.folder_ready = False

    def key(self, raw: bytes, kind: str) -> str:
        return f"{kind}-{hashlib.sha256(raw).hexdigest()}"

    def get(self, key: str, name: str, raw: bytes) -> LoadedFile | None:
        """The file checked before with these bytes (raw), named `name`; None when not kept or unusable."""
        try:
            entry = (self.folder / f"{key}.entry").read_bytes()
        except OSError:
            return None
        loaded = _unpack(entry, key, self.fingerprint, name, load.text_of(raw))
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
            # A name of this process's own, not mkstemp's random one: a tenth of writing an entry at L.
            temporary = self.folder / f".writing-{os.getpid()}-{threading.get_ident()}-{key}"
            try:
                with open(temporary, "wb") as stream:
                    stream.write(entry)
                os.replace(temporary, self.folder / f"{key}.entry")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            self.writable = False  # a read-only or full disk: build on without the cache
            return
        self.used.add(key)

    def get_model(self, files: list[tuple[str, str]]) -> Content | None:
        """The model last built from exactly these files (names and keys), if kept."""
        kept = model_cache.read(self.folder, model_cache.files_key(files, self.fingerprint))
        if kept is not None:
            self.files = list(files)
        return kept

    def content_key(self) -> str:
        """A hash of the bytes of every file the load read, as it read them (not as they may be by now)."""
        return model_cache.files_key(self.files, self.fingerprint)

    def put_model(self, content: Content) -> None:
        """Keep the model built from the files this load read (self.files)."""
        if self.writable:
            model_cache.write(self.folder, model_cache.files_key(self.files, self.fingerprint), content)

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
    here = Path(__file__).parent
    return code_digest([*(here / name for name in _CHECKING_CODE), *sorted((here / "schemas").glob("*.json"))],
                       _CHECKING_PACKAGES, salt=f"{FORMAT}")


# --- one entry: a header line, then the data as JSON ---------------------------------------------


def _pack(loaded: LoadedFile, key: str, fingerprint: str) -> bytes | None:
    """The entry of a loaded file; None if its data is not plain JSON."""
    try:
        data = json.dumps(loaded.data, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")
    except (OverflowError, TypeError, ValueError):
        return None
    header = {"format": FORMAT, "fingerprint": fingerprint, "key": key, "data": len(data), "crc32": zlib.crc32(data)}
    return json.dumps(header).encode("ascii") + b"\n" + data


def _unpack(entry: bytes, key: str, fingerprint: str, name: str, text: str) -> LoadedFile | None:
    """The file an entry holds, its locations to be worked out from text if ever needed; None unless
    the entry is whole and was written for this key by this code."""
    try:
        header_line, _, data = entry.partition(b"\n")
        header = json.loads(header_line)
        if (header["format"] != FORMAT or header["fingerprint"] != fingerprint or header["key"] != key
                or len(data) != header["data"] or zlib.crc32(data) != header["crc32"]):
            return None
        return located_later(name, json.loads(data), text)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):  # not an entry of ours
        return None

"""Keep the model of the last content folder loaded without problems, keyed by all its files.

With every file in the cache of checked files, a warm load at L still spent 0.7 s on what spans
files: the cross-reference checks and building the model. When no file has changed since (same
names, same bytes), neither can their result: the model is read back whole, in a sixth of that.

The model is pickled, but read back by an unpickler that makes nothing but the model's own
dataclasses and plain values, so an entry can never run code. An entry made by other code, or
damaged, is a miss. Only the latest model is kept: one file per cache folder.
"""
from __future__ import annotations

import hashlib
import io
import json
import pickle
import zlib
from functools import cache
from pathlib import Path

from . import model
from .code_digest import code_digest
from .kept_file import keep

FORMAT = 1
_MODEL_NAMES = frozenset(name for name, value in vars(model).items() if isinstance(value, type)
                         and value.__module__ == model.__name__)


@cache
def code_fingerprint() -> str:
    """What builds the model and decides if content has problems: the generator's loading code and schemas."""
    here = Path(__file__).parent
    return code_digest(sorted([*here.glob("*.py"), *here.glob("validate/*.py"), *here.glob("schemas/*.json")]),
                       salt=f"{FORMAT} {pickle.HIGHEST_PROTOCOL}")


def files_key(files: list[tuple[str, str]], checking_fingerprint: str) -> str:
    """The key of a folder's model: each file's name and the key of its bytes and kind, in order."""
    digest = hashlib.sha256(f"{code_fingerprint()} {checking_fingerprint}".encode())
    for name, key in files:
        digest.update(f"\n{name}\0{key}".encode())
    return digest.hexdigest()


def read(folder: Path, key: str) -> model.Content | None:
    """The model kept under key in folder; None when there is none, or it is not whole or not ours."""
    try:
        header_line, _, body = (folder / "model.pickled").read_bytes().partition(b"\n")
        header = json.loads(header_line)
        if header["format"] != FORMAT or header["key"] != key or len(body) != header["length"] \
                or zlib.crc32(body) != header["crc32"]:
            return None
        content = _ModelUnpickler(io.BytesIO(body)).load()
    except (OSError, ValueError, TypeError, KeyError, AttributeError, EOFError, pickle.UnpicklingError, RecursionError):
        return None
    return content if isinstance(content, model.Content) else None


def write(folder: Path, key: str, content: model.Content) -> None:
    """Keep content's model under key, in place of any other; failing to only costs speed."""
    try:
        body = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    header = json.dumps({"format": FORMAT, "key": key, "length": len(body), "crc32": zlib.crc32(body)}).encode()
    keep(folder / "model.pickled", header + b"\n" + body)  # builds running at once never read half of one


class _ModelUnpickler(pickle.Unpickler):
    """Makes the model's dataclasses and nothing else that is named (no functions, no other classes)."""

    def find_class(self, module: str, name: str):
        if module == model.__name__ and name in _MODEL_NAMES:
            return getattr(model, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")

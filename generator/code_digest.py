"""A hash of the code that makes a cached result, so that a cache made by other code is never read.

Each cache names its own files: only those that decide what it keeps (see content_cache, model_cache,
render/converted_texts and build/plan_cache).
"""
from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def code_digest(files: Iterable[Path], packages: Iterable[str] = (), salt: str = "") -> str:
    """The names (within the generator) and bytes of files, the versions of packages and of Python, and salt."""
    digest = hashlib.sha256(f"{salt} {sys.version}".encode())
    for package in packages:
        try:
            digest.update(f" {package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f" {package} none".encode())
    for path in files:
        path = Path(path).resolve()
        name = path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()

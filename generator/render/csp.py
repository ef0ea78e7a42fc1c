"""A Content-Security-Policy for every page: only the site itself may provide anything.

The policy is a <meta> element (it also applies when the site is opened from a folder,
where no server can send headers). The theme's few inline scripts are allowed by their
SHA-256 hashes, computed from each finished page, so nothing else inline can run: not a
script smuggled in through content, not an event-handler attribute.
"""
from __future__ import annotations

import base64
import hashlib
import re

from markupsafe import escape

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)

_FIXED_DIRECTIVES = (
    "default-src 'self'",
    # Material sets a few style attributes from its own scripts; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    # Checklist answers are never submitted anywhere.
    "form-action 'none'",
)


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in _INLINE_SCRIPT.findall(html)
    })
    script_src = " ".join(["script-src 'self'", *hashes])
    return "; ".join([_FIXED_DIRECTIVES[0], script_src, *_FIXED_DIRECTIVES[1:]])


def add_content_security_policy(html: str) -> str:
    """The page with a CSP <meta> as the first element of <head>, before any script."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy_for(html))}">'
    return html[: head.end()] + meta + html[head.end():]

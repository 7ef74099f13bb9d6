"""Reading JSON that may be hostile: every value is one JSON allows and the app can store.

``json.loads`` accepts ``NaN`` and ``Infinity``, turns ``1e400`` into infinity, reads
integers of any length, keeps the last of two equal keys, lets lone surrogates
(``"\\ud800"``) through (SQLite then refuses them deep inside an import) and recurses
on nesting. :func:`loads` refuses all of these with the place where each was found.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 16  # a progress file nests 7 deep; the JSON in its columns 5 deep
MAX_INT_DIGITS = 15  # every integer stays exact in a double (and in RFC 8785)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Bad:
    """Stands in for a value the parser met and refused, so the walk can say where."""

    def __init__(self, why: str) -> None:
        self.why = why


def _constant(name: str) -> _Bad:
    return _Bad(f"{name} is not a number JSON allows")


def _float(text: str) -> float | _Bad:
    value = float(text)
    return value if math.isfinite(value) else _Bad(f"the number {text[:24]} is too large")


def _int(text: str) -> int | _Bad:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        return _Bad(f"a number with {digits:,} digits is too large")
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        out[key] = _Bad(f"the key {key[:40]!r} appears twice") if key in out else value
    return out


def _where(path: str) -> str:
    return path or "the top level"


def loads(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text``; raise ValueError saying what is wrong and where."""
    try:
        value = json.loads(
            text,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
            object_pairs_hook=_object,
        )
    except RecursionError:
        raise ValueError(f"it is nested more than {max_depth} levels deep") from None
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" ("Unterminated string starting at")
        what = exc.msg.removesuffix(" at")
        raise ValueError(f"{what} at line {exc.lineno}, column {exc.colno}") from None
    check(value, max_depth)
    return value


def check(value: Any, max_depth: int = MAX_DEPTH, path: str = "") -> None:
    """Walk a parsed value without recursion; raise ValueError at the first bad part."""
    stack: list[tuple[Any, str, int]] = [(value, path, 0)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, _Bad):
            raise ValueError(f"{_where(where)}: {item.why}")
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise ValueError(
                    f"{_where(where)}: the text has a broken character (a lone surrogate)"
                )
            continue
        if isinstance(item, (dict, list)) and depth >= max_depth:
            raise ValueError(f"{_where(where)}: it is nested more than {max_depth} levels deep")
        if isinstance(item, dict):
            for key, inner in reversed(item.items()):
                if _SURROGATE.search(key):
                    raise ValueError(
                        f"{_where(where)}: a key has a broken character (a lone surrogate)"
                    )
                stack.append((inner, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(item, list):
            for index in range(len(item) - 1, -1, -1):
                stack.append((item[index], f"{where}[{index}]", depth + 1))

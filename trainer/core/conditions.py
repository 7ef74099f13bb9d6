"""A small, safe condition language over flags (no ``eval``).

Grammar::

    expr   := term ("or" term)*
    term   := factor ("and" factor)*
    factor := "not" factor | "(" expr ")" | FLAG | "true" | "false"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\s*(?:(\()|(\))|([a-z][a-z0-9_-]*)|(\S))")
_KEYWORDS = {"and", "or", "not", "true", "false"}
MAX_LENGTH = 1000
MAX_TOKENS = 200
MAX_DEPTH = 12


class ConditionError(ValueError):
    """A condition could not be parsed; the message says where."""


@dataclass(frozen=True)
class Flag:
    name: str


@dataclass(frozen=True)
class Const:
    value: bool


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class And:
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Or:
    left: Expr
    right: Expr


Expr = Flag | Const | Not | And | Or


def _tokens(source: str) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:  # only trailing white space is left
            break
        if match.group(4):
            raise ConditionError(
                f"unexpected '{match.group(4)}' at position {match.start(4) + 1} "
                f"in condition '{source}'"
            )
        out.append(match.group(1) or match.group(2) or match.group(3))
        pos = match.end()
    return out


@lru_cache(maxsize=4096)
def parse(source: str) -> Expr:
    """Parse a condition; raise :class:`ConditionError` with a readable message."""
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"a condition may be at most {MAX_LENGTH} characters long")
    tokens = _tokens(source)
    if len(tokens) > MAX_TOKENS:
        raise ConditionError(f"a condition may have at most {MAX_TOKENS} words and brackets")
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ConditionError(f"condition '{source}' ends too early")
        pos += 1
        return tokens[pos - 1]

    def expr() -> Expr:
        node = term()
        while peek() == "or":
            take()
            node = Or(node, term())
        return node

    def term() -> Expr:
        node = factor()
        while peek() == "and":
            take()
            node = And(node, factor())
        return node

    depth = 0

    def nested(build: Callable[[], Expr]) -> Expr:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise ConditionError(
                f"a condition may nest brackets and 'not' at most {MAX_DEPTH} deep"
            )
        try:
            return build()
        finally:
            depth -= 1

    def bracketed() -> Expr:
        inner = expr()
        if take() != ")":
            raise ConditionError(f"missing ')' in condition '{source}'")
        return inner

    def factor() -> Expr:
        token = take()
        if token == "not":
            return nested(lambda: Not(factor()))
        if token == "(":
            return nested(bracketed)
        if token in ("true", "false"):
            return Const(token == "true")
        if token in _KEYWORDS or token == ")":
            raise ConditionError(f"unexpected '{token}' in condition '{source}'")
        return Flag(token)

    if not tokens:
        raise ConditionError("a condition cannot be empty")
    result = expr()
    if pos != len(tokens):
        raise ConditionError(f"unexpected '{tokens[pos]}' in condition '{source}'")
    return result


def evaluate(source: str | None, flags: frozenset[str] | set[str]) -> bool:
    """True when ``source`` holds for the set flags; an absent condition always holds."""
    if source is None:
        return True
    return _eval(parse(source), flags)


def _eval(node: Expr, flags: frozenset[str] | set[str]) -> bool:
    if isinstance(node, Flag):
        return node.name in flags
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Not):
        return not _eval(node.operand, flags)
    if isinstance(node, And):
        return _eval(node.left, flags) and _eval(node.right, flags)
    return _eval(node.left, flags) or _eval(node.right, flags)


def flag_names(source: str) -> set[str]:
    """Every flag a condition reads."""
    names: set[str] = set()
    stack: list[Expr] = [parse(source)]
    while stack:
        node = stack.pop()
        if isinstance(node, Flag):
            names.add(node.name)
        elif isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, (And, Or)):
            stack.extend((node.left, node.right))
    return names

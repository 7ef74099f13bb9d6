"""A small, safe condition language over flags, counters and presence (no ``eval``).

Grammar::

    expr       := term ("or" term)*
    term       := factor ("and" factor)*
    factor     := "not" factor | "(" expr ")" | "true" | "false"
                | "present" "(" PERSON ")"
                | COUNTER OP NUMBER | NUMBER OP COUNTER
                | FLAG
    OP         := "==" | "!=" | "<" | "<=" | ">" | ">="

A comparison binds tighter than ``not``, ``and`` and ``or``, so
``not engagement >= 3 and leaked`` means ``(not (engagement >= 3)) and leaked``.

The state a condition is evaluated against is a set of *facts*: the names of the flags
that are set, and one ``name=value`` fact per counter (see :func:`counter_fact`), so the
whole state is one hashable frozenset. ``present(...)`` asks about the people in the
scene; it is answered from ``present=`` (the engine passes who is in the room).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\s*(?:(\()|(\))|(==|!=|<=|>=|<|>)|(-?[0-9]+)|([a-z][a-z0-9_-]*)|(\S))")
_KEYWORDS = {"and", "or", "not", "true", "false"}
OPERATORS = ("==", "!=", "<", "<=", ">", ">=")
_FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
PRESENT = "present"  # the one condition function: present(person-id)
MAX_LENGTH = 1000
MAX_TOKENS = 200
MAX_DEPTH = 12
MAX_NUMBER = 1_000_000


class ConditionError(ValueError):
    """A condition could not be parsed; the message says what and where.

    ``position`` is the 1-based character in the condition where the problem is, when
    there is one place to point at (the validator turns it into a file column).
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


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


@dataclass(frozen=True)
class Compare:
    """``counter op number`` (a ``number op counter`` is turned round when parsed)."""

    counter: str
    op: str
    number: int


@dataclass(frozen=True)
class Present:
    person: str


Expr = Flag | Const | Not | And | Or | Compare | Present


def counter_fact(name: str, value: int) -> str:
    """The fact that records a counter's value in a state, e.g. ``engagement=3``."""
    return f"{name}={value}"


def counter_values(facts: Iterable[str]) -> dict[str, int]:
    """The counters recorded in a set of facts (see :func:`counter_fact`)."""
    out: dict[str, int] = {}
    for fact in facts:
        name, sep, value = fact.partition("=")
        if sep and value.removeprefix("-").isdecimal() and len(value) < 12:
            out[name] = int(value)  # anything else (from a damaged saved state) is ignored
    return out


def _tokens(source: str) -> list[tuple[str, int]]:
    """(token, 1-based position) pairs."""
    out: list[tuple[str, int]] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:  # only trailing white space is left
            break
        index = match.lastindex or 0
        token = match.group(index)
        where = match.start(index) + 1
        if index == 6:
            hint = ""
            if token == "=":
                hint = " (to compare a counter use '==', e.g. 'engagement == 2')"
            elif token in "&|!":
                hint = " (write 'and', 'or' and 'not' as words)"
            raise ConditionError(
                f"unexpected '{token}' at character {where} of condition '{source}'{hint}",
                where,
            )
        out.append((token, where))
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

    def peek(ahead: int = 0) -> str | None:
        return tokens[pos + ahead][0] if pos + ahead < len(tokens) else None

    def where() -> int:
        return tokens[pos][1] if pos < len(tokens) else len(source.rstrip()) + 1

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ConditionError(f"condition '{source}' ends too early", where())
        pos += 1
        return tokens[pos - 1][0]

    def unexpected(token: str, at: int, hint: str = "") -> ConditionError:
        return ConditionError(
            f"unexpected '{token}' at character {at} of condition '{source}'{hint}", at
        )

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
        at = where()
        if take() != ")":
            raise ConditionError(f"missing ')' in condition '{source}'", at)
        return inner

    def number(token: str, at: int) -> int:
        value = int(token)
        if abs(value) > MAX_NUMBER:
            raise ConditionError(
                f"the number {token} at character {at} of condition '{source}' is too large",
                at,
            )
        return value

    def comparison_rest(left: str, left_at: int, left_is_number: bool) -> Expr:
        op = take()
        right_at = where()
        right = take()
        right_is_number = re.fullmatch(r"-?[0-9]+", right) is not None
        if left_is_number == right_is_number or (
            not right_is_number and (right in _KEYWORDS or right in "()" or right in OPERATORS)
        ):
            raise ConditionError(
                f"the comparison at character {left_at} of condition '{source}' must "
                f"compare a counter with a whole number, e.g. 'engagement {op} 3'",
                right_at,
            )
        if peek() in OPERATORS:
            raise unexpected(
                peek() or "", where(), " (compare one counter with one number at a time)"
            )
        if left_is_number:
            return Compare(right, _FLIPPED[op], number(left, left_at))
        return Compare(left, op, number(right, right_at))

    def factor() -> Expr:
        at = where()
        token = take()
        if token == "not":
            return nested(lambda: Not(factor()))
        if token == "(":
            return nested(bracketed)
        if token in ("true", "false"):
            return Const(token == "true")
        if token == PRESENT and peek() == "(":
            take()
            person_at = where()
            person = take()
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", person) or person in _KEYWORDS:
                raise ConditionError(
                    f"present(...) at character {at} of condition '{source}' needs a "
                    "person's id, e.g. 'present(gareth)'",
                    person_at,
                )
            close_at = where()
            if take() != ")":
                raise ConditionError(f"missing ')' in condition '{source}'", close_at)
            return Present(person)
        if re.fullmatch(r"-?[0-9]+", token):
            if peek() in OPERATORS:
                return comparison_rest(token, at, True)
            raise unexpected(
                token, at, " (a number can only be compared with a counter, e.g. 'engagement >= 3')"
            )
        if token in _KEYWORDS or token in ("(", ")") or token in OPERATORS:
            raise unexpected(token, at)
        if peek() in OPERATORS:
            return comparison_rest(token, at, False)
        return Flag(token)

    if not tokens:
        raise ConditionError("a condition cannot be empty")
    result = expr()
    if pos != len(tokens):
        raise unexpected(tokens[pos][0], tokens[pos][1])
    return result


def evaluate(
    source: str | None,
    flags: Collection[str],
    present: Collection[str] | None = None,
) -> bool:
    """True when ``source`` holds for the facts ``flags``; an absent condition always holds.

    ``flags`` holds the set flags and the counter facts (``engagement=3``); ``present``
    the ids of the people in the scene, for ``present(...)`` (nobody, when not given).
    A counter with no fact in ``flags`` counts as 0.
    """
    if source is None:
        return True
    return _eval(parse(source), flags, present or ())


def _eval(node: Expr, flags: Collection[str], present: Collection[str]) -> bool:
    if isinstance(node, Flag):
        return node.name in flags
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Compare):
        return compare_values(_value_of(node.counter, flags), node.op, node.number)
    if isinstance(node, Present):
        return node.person in present
    if isinstance(node, Not):
        return not _eval(node.operand, flags, present)
    if isinstance(node, And):
        return _eval(node.left, flags, present) and _eval(node.right, flags, present)
    return _eval(node.left, flags, present) or _eval(node.right, flags, present)


def _value_of(name: str, flags: Collection[str]) -> int:
    prefix = name + "="
    for fact in flags:
        if fact.startswith(prefix):
            return int(fact[len(prefix) :])
    return 0


def compare_values(value: int, op: str, number: int) -> bool:
    if op == "==":
        return value == number
    if op == "!=":
        return value != number
    if op == "<":
        return value < number
    if op == "<=":
        return value <= number
    if op == ">":
        return value > number
    return value >= number


def _nodes(source: str) -> Iterable[Expr]:
    stack: list[Expr] = [parse(source)]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, (And, Or)):
            stack.extend((node.left, node.right))


def flag_names(source: str) -> set[str]:
    """Every flag a condition reads (as a flag, not as a counter)."""
    return {node.name for node in _nodes(source) if isinstance(node, Flag)}


def counter_names(source: str) -> set[str]:
    """Every counter a condition compares."""
    return {node.counter for node in _nodes(source) if isinstance(node, Compare)}


def comparisons(source: str) -> list[Compare]:
    """Every comparison in a condition."""
    return [node for node in _nodes(source) if isinstance(node, Compare)]


def people_asked(source: str) -> set[str]:
    """Every person a condition asks about with ``present(...)``."""
    return {node.person for node in _nodes(source) if isinstance(node, Present)}


def unparse(node: Expr) -> str:
    """A condition's text from its parsed form; ``parse(unparse(e)) == e``.

    Brackets are written wherever precedence needs them (and around every 'and'/'or'
    inside another, so the text reads without knowing the precedence rules).
    """
    if isinstance(node, Flag):
        return node.name
    if isinstance(node, Const):
        return "true" if node.value else "false"
    if isinstance(node, Compare):
        return f"{node.counter} {node.op} {node.number}"
    if isinstance(node, Present):
        return f"{PRESENT}({node.person})"
    if isinstance(node, Not):
        inner = unparse(node.operand)
        return f"not ({inner})" if isinstance(node.operand, (And, Or)) else f"not {inner}"
    word = "and" if isinstance(node, And) else "or"
    left, right = unparse(node.left), unparse(node.right)
    if isinstance(node.left, (And, Or)):
        left = f"({left})"
    if isinstance(node.right, (And, Or)):
        right = f"({right})"
    return f"{left} {word} {right}"

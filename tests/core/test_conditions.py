import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.conditions import ConditionError, evaluate, flag_names, parse

FLAGS = ["a", "b", "c_d", "e-f"]


def test_simple_conditions() -> None:
    assert evaluate("a", {"a"})
    assert not evaluate("a", set())
    assert evaluate("not a", set())
    assert evaluate("a and (b or c_d)", {"a", "c_d"})
    assert not evaluate("a and (b or c_d)", {"a"})
    assert evaluate(None, set())
    assert flag_names("a and not (b or e-f)") == {"a", "b", "e-f"}


@pytest.mark.parametrize(
    "bad", ["", "a and", "(a", "a)", "a b", "__import__('os')", "a == b", "and a", "not"]
)
def test_bad_conditions_are_refused(bad: str) -> None:
    with pytest.raises(ConditionError):
        parse(bad)


def _expr() -> st.SearchStrategy[str]:
    leaf = st.sampled_from(FLAGS + ["true", "false"])
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.builds(lambda x: f"not {x}", inner),
            st.builds(lambda x, y: f"({x} and {y})", inner, inner),
            st.builds(lambda x, y: f"({x} or {y})", inner, inner),
        ),
        max_leaves=12,
    )


@given(_expr(), st.sets(st.sampled_from(FLAGS)))
def test_agrees_with_boolean_logic(source: str, flags: set[str]) -> None:
    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("and", "or", "not"):
            return token
        if token in ("true", "false"):
            return token.title()
        return str(token in flags)

    python = re.sub(r"[a-z][a-z0-9_-]*", word, source)
    assert evaluate(source, flags) == eval(python)  # generated text only: safe here

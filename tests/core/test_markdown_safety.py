"""Hostile case text: rendering never yields something that runs, fetches or reads outside.

``trainer.core.render.render_markdown`` turns a tutor's Markdown into the HTML
the app shows. Whatever the text, the HTML may hold only plain formatting tags,
links with web/mail/phone schemes, and images at relative paths that stay inside
the case's folder (also after URL-decoding, since Qt decodes ``%2e%2e``).
"""

from __future__ import annotations

import socket
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.render import render_markdown

ALLOWED_TAGS = {
    "p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "img", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "span": {"title"}}
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "script-inline": "Hello <script>alert(1)</script> there",
    "img-onerror": '<img src="x" onerror="alert(1)">',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "style": "<style>body { display: none }</style>",
    "html-block": '<div onclick="alert(1)">\n\n**bold**\n\n</div>',
    "comment": "<!-- <script>alert(1)</script> -->",
    "remote-image": "![tracker](https://evil.example/pixel.png)",
    "protocol-relative-image": "![x](//evil.example/x.png)",
    "reference-image": "![x][r]\n\n[r]: http://evil.example/x.png",
    "file-image": "![x](file:///etc/passwd)",
    "absolute-image": "![x](/etc/passwd)",
    "windows-image": "![x](C:/Windows/win.ini)",
    "unc-image": "![x](\\\\server\\share\\x.png)",
    "climbing-image": "![x](../../../../etc/passwd)",
    "backslash-climbing-image": "![x](..\\..\\secret.png)",
    "encoded-climbing-image": "![x](%2e%2e/%2e%2e/%2e%2e/etc/passwd)",
    "encoded-climbing-image-upper": "![x](img/%2E%2E/%2E%2E/%2E%2E/etc/passwd)",
    "data-image": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "javascript-link": "[click](javascript:alert(1))",
    "javascript-link-mixed-case": "[click](JaVaScRiPt:alert(1))",
    "reference-javascript-link": "[click][r]\n\n[r]: javascript:alert(1)",
    "file-link": "[passwords](file:///etc/passwd)",
    "data-link": "[x](data:text/html,<script>alert(1)</script>)",
    "autolink": "<javascript:alert(1)>",
    "entity-javascript": "[x](&#106;avascript:alert(1))",
    "title-injection": '![x](ok.png "a\\" onerror=\\"alert(1)")',
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def is_inside_folder(src: str) -> bool:
    """A relative path that stays below its folder, before and after URL-decoding."""
    for candidate in {src, unquote(src), unquote(unquote(src))}:
        path = candidate.strip().replace("\\", "/")
        if not path or path.startswith("/") or "://" in path:
            return False
        if ":" in path.split("/")[0]:  # a scheme or a drive letter
            return False
        if ".." in path.split("/"):
            return False
    return True


def assert_safe(html: str) -> None:
    for tag, attrs in parse(html).tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> in {html!r}"
        extra = set(attrs) - ALLOWED_ATTRIBUTES.get(tag, set())
        assert not extra, f"attributes {extra} on <{tag}> in {html!r}"
        if tag == "a":
            href = (attrs.get("href") or "").strip().lower()
            assert href.startswith(LINK_SCHEMES), f"link to {href!r}"
        if tag == "img":
            src = attrs.get("src") or ""
            assert is_inside_folder(src), f"image at {src!r}"


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_renders_safely(text: str) -> None:
    assert_safe(render_markdown(text))


def test_raw_html_is_shown_as_text() -> None:
    page = parse(render_markdown("Say <b>hello</b> & <script>alert(1)</script>"))
    assert [tag for tag, _ in page.tags] == ["p"]
    assert "".join(page.text) == "Say <b>hello</b> & <script>alert(1)</script>"


def test_remote_images_are_replaced_by_a_note() -> None:
    html = render_markdown("![the tracker](https://evil.example/pixel.png)")
    assert "evil.example" not in html
    assert "image not shown: the tracker" in "".join(parse(html).text)


def test_local_images_and_web_links_are_kept() -> None:
    """The safety net must not throw away what tutors legitimately write."""
    page = parse(render_markdown("![door](img/door.png) [guidance](https://www.gov.uk/)"))
    assert ("img", {"alt": "door", "src": "img/door.png"}) in page.tags
    assert ("a", {"href": "https://www.gov.uk/"}) in page.tags


def test_code_shows_its_text_as_written() -> None:
    """`<b> & c` in a code span is shown exactly so (not as `&lt;b> &amp; c`)."""
    page = parse(render_markdown("Type `<b> & c` here."))
    assert "".join(page.text) == "Type <b> & c here."


def test_rendering_never_opens_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("render_markdown tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for text in HOSTILE.values():
        render_markdown(text)


FRAGMENTS = st.sampled_from(
    [*HOSTILE.values(), "plain words", "**bold**", "*em*", "- item", "> quote", "`code`", "\n\n"]
)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=8))
def test_any_mix_of_hostile_fragments_renders_safely(parts: list[str]) -> None:
    assert_safe(render_markdown(" ".join(parts)))

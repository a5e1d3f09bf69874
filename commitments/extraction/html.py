"""Reduce a saved news page to its headline, publication date and article text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, Comment, Tag

# Page furniture: none of it is the article, and menus and related-story lists are full of
# headlines that would otherwise read as pledges.
_FURNITURE = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "figure",
    "select",
)
_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "pre",
    "dd",
    "dt",
)
_FURNITURE_HINT = re.compile(
    r"\b(?:cookie|newsletter|share|social|related|promo|advert|subscribe|byline-share|comments?)\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Page:
    title: str
    published_on: date | None
    body: str


def html_to_text(markup: str) -> Page:
    soup = BeautifulSoup(markup, "html.parser")
    title = _title(soup)
    published_on = _published_on(soup)

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_FURNITURE):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or not isinstance(tag, Tag) or tag.attrs is None:
            continue
        classes = " ".join(tag.get_attribute_list("class")) + " " + _attr(tag, "id")
        if tag.name not in {"article", "main", "body"} and _FURNITURE_HINT.search(classes):
            tag.decompose()

    root = soup.find("article") or soup.find("main") or soup.body or soup
    for heading in root.find_all("h1"):
        # The headline is the title; left in the body it reads as a duplicate lead.
        if title and heading.get_text(" ", strip=True) == title:
            heading.decompose()
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = root.get_text()
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return Page(title=title, published_on=published_on, body=text.strip())


def _title(soup: BeautifulSoup) -> str:
    for key, value in (("property", "og:title"), ("name", "twitter:title")):
        meta = soup.find("meta", attrs={key: value})
        if isinstance(meta, Tag) and _attr(meta, "content").strip():
            return _clean(_attr(meta, "content"))
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return _clean(h1.get_text(" ", strip=True))
    if soup.title and soup.title.string and soup.title.string.strip():
        return _clean(soup.title.string)
    return ""


def _published_on(soup: BeautifulSoup) -> date | None:
    candidates: list[str] = []
    for key, value in (
        ("property", "article:published_time"),
        ("name", "article:published_time"),
        ("itemprop", "datePublished"),
        ("name", "date"),
        ("name", "pubdate"),
        ("name", "publish-date"),
        ("name", "dc.date"),
    ):
        meta = soup.find("meta", attrs={key: value})
        if isinstance(meta, Tag) and _attr(meta, "content"):
            candidates.append(_attr(meta, "content"))
    for time_tag in soup.find_all("time"):
        if isinstance(time_tag, Tag) and _attr(time_tag, "datetime"):
            candidates.append(_attr(time_tag, "datetime"))
    for value in candidates:
        match = _ISO_DATE.search(value)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


def _attr(tag: Tag, name: str) -> str:
    """The attribute as one string ("" when absent); multi-valued ones joined by spaces."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()

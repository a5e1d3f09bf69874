"""Pledge extraction: article text in, candidate pledges out. Plain Python, no Django."""

from __future__ import annotations

from .amounts import Amount
from .article import Article, ArticleError, read_article
from .candidate import Candidate
from .pipeline import extract
from .topics import TOPICS

__all__ = ["TOPICS", "Amount", "Article", "ArticleError", "Candidate", "extract", "read_article"]

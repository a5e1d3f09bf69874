"""Import news articles from files: propose their pledges and store them with the article."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from commitments import roles
from commitments.extraction import Article, ArticleError, Candidate
from commitments.extraction.progress import ProgressStatement
from commitments.importing import (
    OverBudget,
    candidate_to_dict,
    extract_candidates,
    extract_progress,
    read_path,
    time_budget,
)
from commitments.matching import Match, find_matches, statements_of
from commitments.models import Source
from commitments.services import SYSTEM, source_import
from commitments.services.import_jobs import over_budget_message


@dataclass
class Outcome:
    path: str
    article: Article
    candidates: list[Candidate]
    note: str
    # A dry run also reads the progress statements and matches them to tracked pledges.
    progress: list[ProgressStatement] | None = None
    matches: list[Match] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Import news articles (plain text or HTML): propose the pledges in each, store the "
        "article and its pledges. A file starts with 'date YYYY-MM-DD' or --date gives it."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Article files to import.")
        parser.add_argument(
            "--date", help="Publication date (YYYY-MM-DD) for files without a date line."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and print; write nothing."
        )
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            help="table (readable, the default) or json (one object per file, one per line).",
        )
        parser.add_argument("--owner", metavar="USERNAME", help="Analyst who owns new pledges.")

    def handle(self, *args, **options) -> None:
        paths: list[str] = options["paths"]
        published_on = self.parse_date(options["date"])
        owner = self.find_owner(options["owner"])
        as_json = options["format"] == "json"
        # Status lines go to stderr with --format json so stdout stays one JSON object per line.
        notes = self.stderr if as_json else self.stdout
        failures: list[str] = []
        last_error = ""
        progress = tqdm(
            paths,
            desc="Importing",
            unit="file",
            file=getattr(self.stderr, "_out", sys.stderr),
            disable=len(paths) < 2 or not self.stderr.isatty(),
        )
        for path in progress:
            try:
                outcome = self.import_one(
                    path, published_on=published_on, owner=owner, dry_run=options["dry_run"]
                )
            except (ArticleError, ValidationError, PermissionDenied) as error:
                last_error = f"{path}: {_sentence(error)}"
                failures.append(path)
                if len(paths) > 1:
                    self.stderr.write(last_error)
                continue
            for warning in outcome.article.warnings:
                self.stderr.write(f"{path}: {warning}")
            if as_json:
                self.stdout.write(json.dumps(_as_json(outcome), ensure_ascii=False))
            else:
                self.write_table(outcome)
            notes.write(f"{path}: {outcome.note}")

        if not failures:
            return
        if len(paths) == 1:
            raise CommandError(last_error)
        imported = len(paths) - len(failures)
        raise CommandError(
            f"{len(failures)} of {len(paths)} files could not be imported "
            f"({', '.join(failures)}); the other {imported} were processed."
        )

    def parse_date(self, value: str | None) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(
                f"--date “{value}” is not a date: write it as YYYY-MM-DD, e.g. 2022-03-31."
            ) from None

    def find_owner(self, username: str | None):
        if not username:
            return None
        User = get_user_model()
        try:
            owner = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user is called “{username}”: check the username.") from None
        if not (roles.is_analyst(owner) or roles.is_manager(owner)):
            raise CommandError(f"{username} is not an analyst or manager, so cannot own pledges.")
        return owner

    def import_one(self, path: str, *, published_on, owner, dry_run: bool) -> Outcome:
        article = read_path(path, published_on=published_on)
        budget = settings.IMPORT_TIME_BUDGET
        try:
            with time_budget(budget):
                candidates = extract_candidates(article)
        except OverBudget:
            raise ArticleError(over_budget_message(budget)) from None
        if dry_run:
            existing = Source.objects.filter(sha256=article.sha256).first()
            note = "dry run, nothing written"
            if existing is not None:
                note += f" (already imported as source #{existing.pk})"
            progress = extract_progress(article)
            assert article.published_on is not None
            statements = statements_of(progress, candidates, published_on=article.published_on)
            matches = find_matches(statements, sha256=article.sha256)
            return Outcome(path, article, candidates, note + ".", progress, matches)
        result = source_import(article=article, candidates=candidates, user=SYSTEM, owner=owner)
        if result.already_imported:
            note = (
                f"already imported as source #{result.source.pk} on "
                f"{result.source.imported_at:%Y-%m-%d}: nothing new was created."
            )
        else:
            count = len(result.commitments)
            note = (
                f"imported as source #{result.source.pk} "
                f"with {count} pledge{'s' if count != 1 else ''}."
            )
        return Outcome(path, article, candidates, note)

    def write_table(self, outcome: Outcome) -> None:
        article = outcome.article
        write = self.stdout.write
        write(f"{outcome.path}")
        write(f"  “{article.title}” · published {article.published_on} · {article.sha256[:12]}")
        if not outcome.candidates:
            write("  No pledges found.")
            return
        columns = (("#", 3), ("Topic", 17), ("Actor", 24), ("Amount", 18), ("Due", 10))
        write("  " + " ".join(name.ljust(width) for name, width in columns) + " Conf. Title")
        for number, c in enumerate(outcome.candidates, start=1):
            amount = f"{c.amount.currency} {c.amount.value:,.0f}" if c.amount else "–"
            cells = (str(number), c.topic, c.actor, amount, str(c.due_date or "–"))
            row = " ".join(
                _fit(cell, width) for cell, (_, width) in zip(cells, columns, strict=True)
            )
            write(f"  {row} {c.confidence:.2f}  {c.title}")
            quote = " ".join(c.quote.split())
            due = f" · due “{c.due_text}”" if c.due_text else ""
            write(f"      “{_fit(quote, 110).rstrip()}” [{c.start}–{c.end}]{due}")


def _fit(text: str, width: int) -> str:
    text = str(text)
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _sentence(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ArticleError) and error.code == ArticleError.UNDATED:
        return "No publication date: start the file with 'date YYYY-MM-DD' or pass --date."
    return str(error)


def _as_json(outcome: Outcome) -> dict:
    article = outcome.article
    return {
        "source": {
            "path": outcome.path,
            "title": " ".join(article.title.split()),
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "sha256": article.sha256,
        },
        "commitments": [candidate_to_dict(c) for c in outcome.candidates],
    } | (
        {}
        if outcome.progress is None
        else {
            "progress": [_progress_dict(p) for p in outcome.progress],
            "matches": [_match_dict(m) for m in outcome.matches],
        }
    )


def _progress_dict(statement: ProgressStatement) -> dict:
    amount = statement.amount
    return {
        "quote": statement.quote,
        "start": statement.start,
        "end": statement.end,
        "kind": statement.kind,
        "suggests": statement.suggests,
        "phrase": statement.phrase,
        # A phrase's reading, or the progress model's; and whether it counts only when a
        # tracked pledge is about it.
        "found_by": "model" if statement.learned else "phrase",
        "needs_match": statement.needs_match,
        "actor": statement.actor,
        "counterparty": statement.counterparty,
        "amount": {"value": float(amount.value), "currency": amount.currency} if amount else None,
    }


def _match_dict(match: Match) -> dict:
    return {
        "commitment_id": match.commitment.pk,
        "commitment_title": match.commitment.title,
        "score": match.score,
        "why": match.why,
        "action": match.action,
        "suggests": match.suggests,
        "statement": {
            "kind": match.statement.kind,
            "start": match.statement.start,
            "end": match.statement.end,
            "proposal": match.statement.proposal,
        },
    }

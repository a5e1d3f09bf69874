"""Run the reminder scan now, in this process, and say who gets what."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from commitments.reminders import delivery


class Command(BaseCommand):
    help = (
        "Run the reminder scan synchronously: claim today's reminders and send one e-mail "
        "per owner. --dry-run shows who would get what and records and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would get what; send nothing."
        )
        parser.add_argument(
            "--date",
            help="Scan as if today were this day (YYYY-MM-DD); default today. "
            "A day after today needs --dry-run.",
        )
        parser.add_argument(
            "--digest", action="store_true", help="Also send this week's managers' digest."
        )

    def handle(self, *args, dry_run: bool, date: str | None, digest: bool, **options):
        today = self.parse_date(date, dry_run=dry_run)
        jobs = [delivery.OWNER_REMINDERS] + ([delivery.MANAGERS_DIGEST] if digest else [])
        if dry_run:
            # Claim and build inside a transaction that is rolled back: the same
            # decisions as a real scan, with nothing recorded and nothing sent.
            with transaction.atomic():
                deliveries = [
                    d for job in jobs for d in delivery.run(job, today=today, deliver=False)
                ]
                transaction.set_rollback(True)
        else:
            deliveries = [d for job in jobs for d in delivery.run(job, today=today)]

        verb = "Would send" if dry_run else "Sent"
        failed = [d for d in deliveries if d.error]
        done = [d for d in deliveries if not d.error]
        for sent in done:
            self.stdout.write(f"  {sent.summary()}")
        for sent in failed:
            self.stderr.write(f"  {sent.summary()}")
        self.stdout.write(f"{verb} {len(done)} e-mail(s) for {today:%d %b %Y}.")
        if failed:
            raise CommandError(f"{len(failed)} e-mail(s) could not be sent; they stay queued.")

    def parse_date(self, raw: str | None, *, dry_run: bool) -> date:
        today = timezone.localdate()
        if raw is None:
            return today
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise CommandError(f"--date must be a day as YYYY-MM-DD, not {raw!r}.") from None
        if day > today and not dry_run:
            # Sending now would mark that day's reminders sent, and they would never go out
            # on the day itself.
            raise CommandError(
                f"--date {raw} is in the future: add --dry-run to see what would be sent then."
            )
        return day

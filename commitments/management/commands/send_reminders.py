"""Run the reminder scan now, in this process, and say who gets what."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from commitments import reminders


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
            "--date", help="Scan as if today were this day (YYYY-MM-DD); default today."
        )
        parser.add_argument(
            "--digest", action="store_true", help="Also send this week's managers' digest."
        )

    def handle(self, *args, dry_run: bool, date: str | None, digest: bool, **options):
        today = self.parse_date(date) or timezone.localdate()
        if dry_run:
            # Claim and build inside a transaction that is rolled back: the same
            # decisions as a real scan, with nothing recorded and nothing sent.
            with transaction.atomic():
                deliveries = self.scan(today, deliver=False, digest=digest)
                transaction.set_rollback(True)
        else:
            deliveries = self.scan(today, deliver=True, digest=digest)

        verb = "Would send" if dry_run else "Sent"
        failed = [d for d in deliveries if d.error]
        done = [d for d in deliveries if not d.error]
        for delivery in done:
            self.stdout.write(f"  {delivery.summary()}")
        for delivery in failed:
            self.stderr.write(f"  {delivery.summary()}")
        self.stdout.write(f"{verb} {len(done)} e-mail(s) for {today:%d %b %Y}.")
        if failed:
            raise CommandError(f"{len(failed)} e-mail(s) could not be sent; they stay queued.")

    def parse_date(self, raw: str | None) -> date | None:
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise CommandError(f"--date must be a day as YYYY-MM-DD, not {raw!r}.") from None

    def scan(self, today: date | None, *, deliver: bool, digest: bool):
        deliveries = reminders.reminders_run(today=today, deliver=deliver)
        if digest:
            for manager_id in reminders.digest_claim(today=today):
                try:
                    delivery = reminders.digest_send_to_manager(
                        manager_id=manager_id, today=today, deliver=deliver
                    )
                except Exception as exc:  # reported, and the digest stays queued
                    error = f"{type(exc).__name__}: {exc}"
                    recipient = f"manager #{manager_id}"
                    deliveries.append(reminders.Delivery(recipient, {}, None, False, error))
                    continue
                if delivery:
                    deliveries.append(delivery)
        return deliveries

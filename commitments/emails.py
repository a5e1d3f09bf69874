"""The reminder and digest e-mails: plain text and HTML parts, absolute links from SITE_URL."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

if TYPE_CHECKING:
    from commitments.reminders import Digest


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def commitment_path(pk: int) -> str:
    try:
        return reverse("commitments:detail", args=[pk])
    except NoReverseMatch:
        # Before the pledge pages are routed, link to where they will live.
        return f"/commitments/{pk}/"


def commitment_url(pk: int) -> str:
    return absolute_url(commitment_path(pk))


def _message_id(kind: str, *parts: int) -> str:
    # The same reminders always get the same Message-ID, so a mail system that
    # sees a resend after a crash between "sent" and "recorded" can drop it.
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{kind}.{'.'.join(str(p) for p in parts)}@{domain}>"


def _build(*, subject: str, to: str, template: str, context: dict, message_id: str):
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id},
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message


def owner_message(*, owner, sections: list, today: date, ids: list[int]) -> EmailMultiAlternatives:
    total = sum(len(items) for _reason, _label, items in sections)
    pledges = len({item.commitment.pk for _r, _l, items in sections for item in items})
    noun = "pledge needs" if pledges == 1 else "pledges need"
    return _build(
        subject=f"{pledges} {noun} your attention",
        to=owner.email,
        template="owner_reminders",
        context={
            "owner": owner,
            "sections": sections,
            "total": total,
            "today": today,
            "attention_url": absolute_url(reverse("commitments:attention")),
            "site_url": settings.SITE_URL,
        },
        message_id=_message_id("reminders", owner.pk, min(ids), max(ids), len(ids)),
    )


def digest_message(*, manager, digest: Digest, reminder_id: int) -> EmailMultiAlternatives:
    parts = [
        f"{digest.newly_overdue_count} newly overdue",
        f"{digest.stale_count} stale",
        f"{digest.unowned_count} unowned",
    ]
    return _build(
        subject=f"Pledges this week: {', '.join(parts)}",
        to=manager.email,
        template="managers_digest",
        context={
            "manager": manager,
            "digest": digest,
            "site_url": settings.SITE_URL,
        },
        message_id=_message_id("digest", manager.pk, reminder_id),
    )

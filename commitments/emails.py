"""E-mail messages: a template name, a recipient and a context, nothing of the domain.

`emails/<name>-subject.txt`, `<name>.txt` and `<name>.html` are the subject, the plain-text
body and the HTML part; the caller puts everything they show (absolute links included)
in the context.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def message_id(kind: str, *parts: int) -> str:
    """A Message-ID that is the same for the same message: a mail system that sees a resend
    (after a crash between "sent" and "recorded") can drop it."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{kind}.{'.'.join(str(p) for p in parts)}@{domain}>"


def build(name: str, *, to: str, context: dict, message_id: str) -> EmailMultiAlternatives:
    context = {**context, "site_url": settings.SITE_URL}
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id},
    )
    message.attach_alternative(render_to_string(f"emails/{name}.html", context), "text/html")
    return message

"""Every link to the pledge list that a page or an e-mail emits is one the list's filters accept.

The pages and e-mails are rendered for real, every link is collected from their HTML and
plain text, and each link to the list is read by the list's own filter form: an unknown
parameter or a value the filter rejects (`?overdue=1`, `?owner=none`) fails the test.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from commitments import links, services
from commitments.filters import CommitmentFilter
from commitments.models import Status
from commitments.reminders import attention, claims, delivery
from tests.factories import CommitmentFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST_PATH = reverse("commitments:list")
URL_IN_TEXT = re.compile(r"https?://\S+")


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "hx-get"} and value:
                self.found.append(value)


def hrefs(html: str, base: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html)
    return [urljoin(base, href) for href in parser.found]


def problems(link: str) -> list[str]:
    """Why the list would not apply this link's filters as written (empty: it would)."""
    query = QueryDict(urlsplit(link).query)
    form = CommitmentFilter(query).form
    known = {
        name
        for name, field in form.fields.items()
        for name in (
            [f"{name}_{suffix}" for suffix in field.widget.suffixes]
            if hasattr(field.widget, "suffixes")
            else [name]
        )
    } | {"page"}
    found = [f"unknown parameter {key!r}" for key in query if key not in known]
    found += [f"empty {key!r}" for key, value in query.items() if value == ""]
    if not form.is_valid():
        found += [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
    return found


@pytest.fixture
def world(owner, manager, monkeypatch):
    today = timezone.localdate()
    quiet = timezone.now() - timedelta(days=60)
    source = SourceFactory()
    CommitmentFactory(owner=owner, source=source, due_date=today - timedelta(days=3))
    CommitmentFactory(owner=owner, source=source, due_date=today + timedelta(days=2))
    CommitmentFactory(owner=owner, last_progress_at=quiet, actor="United Kingdom and India")
    CommitmentFactory(owner=None, due_date=today - timedelta(days=1), last_progress_at=quiet)
    CommitmentFactory(owner=None, actor="India and the United Kingdom")
    done = CommitmentFactory(owner=owner)
    services.commitment_close(
        commitment_id=done.pk,
        user=manager,
        status=Status.FULFILLED,
        note="Delivered.",
        expected_version=None,
    )
    # Enough unowned pledges that the attention page links to the full list.
    monkeypatch.setattr(attention, "UNOWNED_PAGE_LIMIT", 1)
    return source


def page_links(client, user, path: str) -> list[str]:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return hrefs(response.text, path)


def email_links() -> list[str]:
    found = []
    for message in mail.outbox:
        found += URL_IN_TEXT.findall(message.body)
        for html, _mimetype in message.alternatives:
            found += hrefs(html, "")
    return found


def test_every_list_link_on_the_pages_and_in_the_emails_is_accepted(client, owner, manager, world):
    emitted = []
    for user, path in [
        (owner, reverse("commitments:work_queue")),
        (owner, reverse("commitments:attention")),
        (owner, LIST_PATH),
        (owner, reverse("commitments:source_detail", args=[world.pk])),
        (manager, reverse("commitments:board")),
        (manager, reverse("commitments:attention")),
    ]:
        emitted += page_links(client, user, path)

    delivery.reminders_run()
    for manager_id in claims.digest_claim():
        delivery.digest_send_to_manager(manager_id=manager_id)
    assert len(mail.outbox) == 2
    emitted += email_links()

    to_list = [link for link in emitted if urlsplit(link).path == LIST_PATH]
    from_emails = [link for link in email_links() if urlsplit(link).path == LIST_PATH]
    assert len(to_list) > 40 and len(from_emails) > 10
    wrong = {link: problems(link) for link in to_list if problems(link)}
    assert not wrong, "\n".join(f"{link}: {'; '.join(why)}" for link, why in wrong.items())


def test_links_are_built_from_the_filter_values(owner):
    assert (
        links.pledge_list(overdue=True, owner=owner) == f"{LIST_PATH}?overdue=yes&owner={owner.pk}"
    )
    assert (
        links.pledge_list(owner=links.UNASSIGNED, state="open")
        == f"{LIST_PATH}?owner=null&state=open"
    )
    assert links.pledge_list(status=None, topic="") == LIST_PATH
    with pytest.raises(TypeError, match="no filter called 'colour'"):
        links.pledge_list(colour="red")


def test_absolute_links_follow_the_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    assert links.absolute(links.pledge(7)) == "http://127.0.0.1:8101/commitments/7/"


@pytest.mark.parametrize(
    "link",
    [
        f"{LIST_PATH}?overdue=1",
        f"{LIST_PATH}?stale=1",
        f"{LIST_PATH}?owner=none",
        f"{LIST_PATH}?colour=red",
    ],
)
def test_the_check_rejects_what_the_filter_rejects(link):
    assert problems(link)

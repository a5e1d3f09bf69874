"""Pages issue the same number of queries at 10 and at 500 pledges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from commitments.models import (
    Commitment,
    Milestone,
    Party,
    PledgeParty,
    ProgressUpdate,
    Source,
    Status,
    Topic,
)
from commitments.services import publishing

pytestmark = pytest.mark.django_db
STATUSES = list(Status)
TOPICS = list(Topic)


def _seed(n: int, owners: list) -> None:
    """n pledges across owners, statuses, topics and due dates, each with two updates."""
    today = timezone.localdate()
    now = timezone.now()
    sources = Source.objects.bulk_create(
        Source(title=f"S{i}", published_on=today, body="x" * 100, sha256=f"{n}-{i}")
        for i in range(max(1, n // 20))
    )
    pledges = Commitment.objects.bulk_create(
        Commitment(
            title=f"Pledge {i}",
            source=sources[i % len(sources)],
            quote="x",
            quote_start=i,
            quote_end=i + 1,
            actor=f"Actor {i % 7}",
            topic=TOPICS[i % len(TOPICS)],
            status=STATUSES[i % len(STATUSES)],
            owner=owners[i % len(owners)],
            due_date=today + timedelta(days=(i % 90) - 30),
            last_progress_at=now - timedelta(days=i % 60),
        )
        for i in range(n)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            commitment=c,
            author=owners[0],
            version=2 + k,
            old_status=Status.NOT_STARTED,
            new_status=c.status,
            old_progress=0,
            new_progress=10,
            note="n",
        )
        for c in pledges
        for k in range(2)
    )


@pytest.fixture(params=[10, 500])
def seeded(request, owner, other_analyst):
    _seed(request.param, [owner, other_analyst, None])
    return request.param


def test_work_queue_queries(client, owner, seeded, django_assert_num_queries):
    client.force_login(owner)
    # session, user (with their roles), count for the paginator, the page of the user's queue
    # (ordered by a Case/When annotation), attention counts
    with django_assert_num_queries(5):
        response = client.get(reverse("commitments:work_queue"))
    assert len(response.context["rows"]) > 0


def test_list_queries(client, owner, seeded, django_assert_num_queries):
    client.force_login(owner)
    # session, user (with their roles), count for the paginator, header attention count,
    # the data version, actor and party suggestions (built once per data version), owner
    # choices, the page of pledges (owner and source joined); the source filter lists no
    # articles
    with django_assert_num_queries(9):
        response = client.get(reverse("commitments:list"))
    assert len(response.context["page"].object_list) == min(seeded, 25)
    assert "Actor 1" in response.context["actor_names"]
    # again, filtered: the actor suggestions come from the cache
    with django_assert_num_queries(7):
        response = client.get(reverse("commitments:list") + "?q=pledge&overdue=yes&sort=status")
    assert response.context["page"].paginator.count > 0
    assert "Actor 1" in response.context["actor_names"]
    # filtered by an article: one more, to check that article exists (the form shows it)
    source = Source.objects.first()
    with django_assert_num_queries(8):
        response = client.get(reverse("commitments:list") + f"?source={source.pk}")
    assert response.context["page"].paginator.count > 0


def test_board_queries(client, manager, seeded, django_assert_num_queries):
    client.force_login(manager)
    # session, user (with their roles), the data version, then the board: two grouped passes
    # over the pledges (by owner, topic and status: totals, by status, topic × status,
    # workload counts; by actor and status), the analysts, overdue list, stale list,
    # due-next list, latest updates, closed per month, import reviews of the last 30 days;
    # by party: one grouped pass over the pledges' parties, their money records and their
    # pledges' amounts (by party, role and currency), and no party to read as none is
    # linked; the tracking counts, money records by currency and stage, pledge amounts by
    # currency; then the header attention count
    with django_assert_num_queries(19):
        response = client.get(reverse("commitments:board"))
    assert response.context["board"].totals["total"] == seeded
    # Again, with nothing written since: session, user (with their roles), the data version
    # and the header attention count; the board itself comes from the cache.
    with django_assert_num_queries(4):
        again = client.get(reverse("commitments:board"))
    assert _main(again) == _main(response)


def _main(response) -> str:
    """The page's main region: what the cache serves (the header carries a fresh CSRF token)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_detail_queries(client, owner, seeded, django_assert_num_queries):
    pledge = Commitment.objects.filter(owner=owner).first()
    client.force_login(owner)
    # session, user (with their roles), the pledge (source, owner, updated_by joined),
    # its timeline (authors and evidence spans joined), its later sources, its signatories
    # (parties joined), its money records, milestones, due-date changes and evidence
    # (sources joined), header attention count
    with django_assert_num_queries(11):
        client.get(pledge.get_absolute_url())


def test_export_queries(client, manager, seeded, django_assert_num_queries):
    client.force_login(manager)
    # session, user (with their roles), the filtered pledges (owner and source joined), their
    # parties (one prefetch per chunk of 2000)
    with django_assert_num_queries(4):
        response = client.get(reverse("commitments:export"))
        rows = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(rows) == seeded + 1


def _quick(client, pledge, **data):
    pledge.refresh_from_db()
    data = {"version": pledge.version, "status": pledge.status, "progress": 55, "note": ""} | data
    url = reverse("commitments:quick_update", args=[pledge.pk])
    return client.post(url, data, HTTP_HX_REQUEST="true")


# PostgreSQL updates the pledge and appends its timeline entry in one statement.
QUICK_UPDATE_QUERIES = 7 if connection.vendor == "postgresql" else 8


def test_quick_update_queries(
    client, owner, seeded, django_assert_num_queries, django_capture_on_commit_callbacks
):
    pledge = (
        Commitment.objects.filter(owner=owner)
        .open()
        .exclude(status=Status.PARTIALLY_FULFILLED)
        .order_by("-due_date")
        .first()
    )
    client.force_login(owner)
    _quick(client, pledge, note="Looked at it")  # now fresh: a progress change leaves the counts
    # 1 session, 2 user (with their roles, which decide who may write); the service:
    # 3 savepoint, 4 lock and read the pledge, with whether it has milestones (the only read
    # of it), 5 update with version + 1 and insert the timeline entry (one statement on
    # PostgreSQL, two elsewhere), 6 release; the row is drawn from the locked copy and no
    # count can have moved; on commit, 7 the data version
    queries = QUICK_UPDATE_QUERIES
    with django_assert_num_queries(queries), django_capture_on_commit_callbacks(execute=True):
        response = _quick(client, pledge, progress=56)
    assert response.status_code == 200
    assert f"Saved: {pledge.get_status_display()}, 56%" in response.text
    assert 'id="queue-counts"' not in response.text
    # Closing it moves the counts: the same, and the attention counts for the out-of-band
    # regions
    with django_assert_num_queries(queries + 1), django_capture_on_commit_callbacks(execute=True):
        response = _quick(client, pledge, status=Status.WITHDRAWN, note="Dropped")
    assert response.status_code == 200
    assert 'id="queue-counts"' in response.text and 'id="attention-badge"' in response.text


def test_quick_update_of_a_pledge_with_milestones_reads_their_progress(
    client, owner, seeded, django_assert_num_queries, django_capture_on_commit_callbacks
):
    pledge = Commitment.objects.filter(owner=owner).open().order_by("-due_date").first()
    Milestone.objects.create(commitment=pledge, title="Tender", weight=1, status="done")
    Milestone.objects.create(commitment=pledge, title="Build", weight=1)
    client.force_login(owner)
    _quick(client, pledge, progress=50, note="Looked at it")
    # As a pledge without milestones, plus the milestones' progress, which is the pledge's
    queries = QUICK_UPDATE_QUERIES + 1
    with django_assert_num_queries(queries), django_capture_on_commit_callbacks(execute=True):
        response = _quick(client, pledge, progress=50, note="Tender awarded")
    assert response.status_code == 200
    assert "50%" in response.text
    # A progress of its own is refused: the milestones decide it.
    response = _quick(client, pledge, progress=80)
    assert response.status_code == 422
    assert Commitment.objects.get(pk=pledge.pk).progress == 50


def test_publishing_queue_queries(client, manager, seeded, django_assert_num_queries):
    party, _ = Party.objects.get_or_create(slug="kenya", defaults={"name": "Kenya"})
    PledgeParty.objects.bulk_create(
        PledgeParty(commitment=c, party=party, role="counterparty")
        for c in Commitment.objects.all()
    )
    ids = list(Commitment.objects.values_list("pk", flat=True))
    publishing.publications_publish(commitment_ids=ids, user=manager, public_reason="Checked.")
    Commitment.objects.update(title="Renamed")  # every pledge now waits for approval
    client.force_login(manager)
    # session, user (with their roles), the pending pledges shown (publication joined), their
    # money records, milestones, approved money, approved milestones, party links (party
    # joined), approved party links (party joined), the pending count, the drafts, the
    # drafts count, the corrections waiting, then the header attention count
    with django_assert_num_queries(14):
        response = client.get(reverse("commitments:publishing"))
    assert response.status_code == 200
    assert response.context["pending_count"] == seeded

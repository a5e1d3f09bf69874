"""The admin shows a pledge's money, milestones, moved due dates and evidence, and filters
the list by them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import EvidenceKind, MoneyStage
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracked(owner, manager):
    pledge = CommitmentFactory(
        owner=owner, title="Tracked", amount=Decimal(70), currency="GBP", due_date=date(2030, 1, 1)
    )
    services.money_record_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=1,
        stage=MoneyStage.DISBURSED,
        amount="12.5",
        currency="GBP",
        on=timezone.localdate() - timedelta(days=2),
    )
    services.milestone_add(
        commitment_id=pledge.pk, user=owner, expected_version=2, title="Tender issued"
    )
    services.commitment_set_due_date(
        commitment_id=pledge.pk, user=manager, due_date=date(2031, 1, 1), reason="Both agreed"
    )
    services.evidence_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=4,
        items=[
            services.EvidenceInput(
                kind=EvidenceKind.INDEPENDENT_REPORT,
                title="Audit office report",
                published_on=timezone.localdate() - timedelta(days=1),
                url="https://audit.example/r",
            )
        ],
    )
    return pledge


def test_the_change_page_shows_tracking(admin_client, tracked):
    page = admin_client.get(reverse("admin:commitments_commitment_change", args=[tracked.pk]))
    body = page.content.decode()
    for text in ("Money by stage", "12.50", "Tender issued", "Both agreed", "Audit office report"):
        assert text in body


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"money_stage": "disbursed"}, True),
        ({"money_stage": "committed"}, False),
        ({"has_milestones": "yes"}, True),
        ({"has_milestones": "no"}, False),
        ({"verified": "stale"}, False),
        ({"verified": "never"}, False),
    ],
)
def test_the_list_filters_by_tracking(admin_client, tracked, query, shown):
    CommitmentFactory(title="Untouched")
    response = admin_client.get(reverse("admin:commitments_commitment_changelist"), query)
    titles = {c.title for c in response.context["cl"].result_list}
    assert ("Tracked" in titles) is shown
    assert ("Untouched" in titles) is (query.get("has_milestones") == "no" or "verified" in query)

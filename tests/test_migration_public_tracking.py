"""0016_public_tracking: pledges public before it keep their parties on the public site, now
as an approved copy with its tallies; their money waits for a manager's review."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("commitments", "0015_tracking")]
AFTER = [("commitments", "0016_public_tracking")]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def old_state():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_public_pledges_keep_their_parties_and_their_money_waits_for_review(old_state):
    apps = old_state
    Source = apps.get_model("commitments", "Source")
    Commitment = apps.get_model("commitments", "Commitment")
    Party = apps.get_model("commitments", "Party")
    PledgeParty = apps.get_model("commitments", "PledgeParty")
    Publication = apps.get_model("commitments", "Publication")
    source = Source.objects.create(title="A", published_on="2024-01-01", body="x" * 99, sha256="a")
    # Seeded by 0012, unless an earlier test emptied the database.
    uk = Party.objects.get_or_create(
        code="GBR", defaults={"name": "United Kingdom", "slug": "united-kingdom"}
    )[0]
    kenya = Party.objects.get_or_create(code="KEN", defaults={"name": "Kenya", "slug": "kenya"})[0]
    pledges = []
    for i, public in enumerate((True, False)):
        pledge = Commitment.objects.create(
            title=f"P{i}",
            source=source,
            quote="x",
            quote_start=i,
            quote_end=i + 1,
            actor="United Kingdom",
            counterparty="Kenya",
            amount=Decimal(10) if i == 0 else None,
            currency="GBP",
        )
        PledgeParty.objects.create(commitment=pledge, party=uk, role="pledger")
        PledgeParty.objects.create(commitment=pledge, party=kenya, role="counterparty")
        Publication.objects.create(
            commitment=pledge,
            is_public=public,
            title=pledge.title,
            actor=pledge.actor,
            counterparty=pledge.counterparty,
            source=source,
            quote="x",
            quote_start=i,
            quote_end=i + 1,
            status="not_started",
            public_reason="Reviewed.",
            reviewed_version=1,
        )
        pledges.append(pledge)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from commitments.models import Commitment as Now
    from commitments.models import PublicParty, PublicTally
    from commitments.public.parties import public_party, public_scorecard

    assert PublicParty.objects.count() == 4  # both copies' links, public or not
    assert sorted(PublicTally.objects.values_list("party__code", "role", "pledges")) == [
        ("GBR", "pledger", 1),
        ("KEN", "counterparty", 1),
    ]
    card = public_scorecard(public_party(uk.slug))
    assert (card.made.total, card.received.total) == (1, 0)
    # Its amount was never reviewed for the public: the pledge waits for a manager.
    assert list(Now.objects.pending_review().values_list("pk", flat=True)) == [pledges[0].pk]

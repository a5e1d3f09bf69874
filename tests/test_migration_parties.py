"""0012_parties: a database at the schema before it, with free-text actors, migrates to
parties with nothing lost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("commitments", "0011_import_job")]
AFTER = [("commitments", "0012_parties")]

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = [
    ("United Kingdom and India", ""),
    ("the UK", "Kenya"),
    ("India and the United Kingdom", "the African Union"),
    ("Pfizer/BioNTech", "Global vaccine alliance"),
    ("Unknown", ""),
]


@pytest.fixture
def old_state():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    yield apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    return executor.loader.project_state(AFTER).apps


def test_free_text_actors_become_parties_with_nothing_lost(old_state):
    Source = old_state.get_model("commitments", "Source")
    Commitment = old_state.get_model("commitments", "Commitment")
    body = "x" * 500
    source = Source.objects.create(title="A", published_on="2024-01-01", body=body, sha256="a" * 64)
    ids = []
    for i, (actor, counterparty) in enumerate(TEXTS):
        ids.append(
            Commitment.objects.create(
                title=f"Pledge {i}",
                source=source,
                quote=body[i * 10 : i * 10 + 5],
                quote_start=i * 10,
                quote_end=i * 10 + 5,
                actor=actor,
                counterparty=counterparty,
            ).pk
        )

    apps = _migrate()
    Commitment = apps.get_model("commitments", "Commitment")
    PledgeParty = apps.get_model("commitments", "PledgeParty")
    Party = apps.get_model("commitments", "Party")

    def names(pk, role):
        return [
            pp.party.name
            for pp in PledgeParty.objects.filter(commitment_id=pk, role=role).order_by("position")
        ]

    # The texts are kept as they were.
    assert [
        (c.actor, c.counterparty) for c in Commitment.objects.filter(pk__in=ids).order_by("pk")
    ] == TEXTS
    assert names(ids[0], "pledger") == ["United Kingdom", "India"]
    assert names(ids[1], "pledger") == ["United Kingdom"]
    assert names(ids[1], "counterparty") == ["Kenya"]
    # The same pair in either order: the very same two rows.
    pair = set(
        PledgeParty.objects.filter(commitment_id=ids[0], role="pledger").values_list(
            "party", flat=True
        )
    )
    assert (
        set(
            PledgeParty.objects.filter(commitment_id=ids[2], role="pledger").values_list(
                "party", flat=True
            )
        )
        == pair
    )
    assert names(ids[2], "counterparty") == ["African Union"]
    # Names no party goes by become parties to review, one per name.
    assert names(ids[3], "pledger") == ["Pfizer", "BioNTech"]
    assert names(ids[3], "counterparty") == ["Global vaccine alliance"]
    review = set(Party.objects.filter(needs_review=True).values_list("name", flat=True))
    assert review == {"Pfizer", "BioNTech", "Global vaccine alliance"}
    # "Unknown" is what an import saves when the article did not say: no party.
    assert names(ids[4], "pledger") == []
    uk = Party.objects.get(name="United Kingdom")
    assert (uk.code, uk.kind, uk.needs_review) == ("GBR", "country", False)
    assert "UK" in uk.aliases and "British" in uk.demonyms
    assert Party.objects.get(name="World Bank").kind == "bank"

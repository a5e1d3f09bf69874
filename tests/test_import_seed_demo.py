from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Source

pytestmark = pytest.mark.django_db


def test_seed_demo_imports_the_seed_article_round_robin_once():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    source = Source.objects.get()
    assert source.title == "UK Foreign Secretary Liz Truss visits India"
    owners = list(source.commitments.order_by("id").values_list("owner__username", flat=True))
    assert len(owners) >= 10
    assert owners == [("analyst1", "analyst2")[n % 2] for n in range(len(owners))]
    assert f"with {len(owners)} pledges" in out.getvalue()

    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "nothing new was created" in again.getvalue()
    assert Source.objects.count() == 1
    assert Commitment.objects.count() == len(owners)

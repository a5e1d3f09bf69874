"""Money records and milestones go out and come back in their own spreadsheet files,
through the services, with the pledge's timeline kept."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import Milestone, MilestoneStatus, MoneyRecord
from commitments.resources_tracking import MilestoneResource, MoneyRecordResource
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - timedelta(days=1)


def run_import(resource, text: str, user):
    return resource.import_data(
        tablib.Dataset().load(text, format="csv"),
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )


def test_money_rows_record_money_with_timeline_entries(manager, commitment):
    text = (
        "id,commitment,stage,amount,currency,on,evidence_url,note,version\n"
        f",{commitment.pk},committed,500,GBP,{YESTERDAY},,Signed,1\n"
        f",{commitment.pk},Disbursed,120.50,GBP,{YESTERDAY},https://pay.example/1,,1\n"
    )
    result = run_import(MoneyRecordResource(), text, manager)
    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(MoneyRecord.objects.values_list("stage", "amount")) == [
        ("committed", Decimal(500)),
        ("disbursed", Decimal("120.50")),
    ]
    commitment.refresh_from_db()
    assert commitment.version == 3 and commitment.updates.count() == 2


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",{pk},promised,5,GBP,2024-01-01,,,", "is not a money stage"),
        (",{pk},committed,five,GBP,2024-01-01,,,", "is not an amount"),
        (",999999,committed,5,GBP,2024-01-01,,,", "There is no pledge with id"),
        (",{pk},committed,5,GBP,2999-01-01,,,", "cannot be in the future"),
    ],
)
def test_a_bad_money_row_is_named_and_nothing_is_written(manager, commitment, row, message):
    good = f",{commitment.pk},committed,5,GBP,{YESTERDAY},,,"
    text = "id,commitment,stage,amount,currency,on,evidence_url,note,version\n" + "\n".join(
        [good, row.format(pk=commitment.pk)]
    )
    result = run_import(MoneyRecordResource(), text, manager)
    problems = " ".join(
        [" ".join(r.error.messages) for r in result.invalid_rows]
        + [str(e.error) for _n, errors in result.row_errors() for e in errors]
    )
    assert message in problems
    assert not MoneyRecord.objects.exists()
    commitment.refresh_from_db()
    assert commitment.version == 1


def test_analysts_cannot_import_money_for_someone_elses_pledge(other_analyst, commitment):
    text = f"id,commitment,stage,amount,currency,on\n,{commitment.pk},committed,5,GBP,{YESTERDAY}\n"
    result = run_import(MoneyRecordResource(), text, other_analyst)
    assert result.has_validation_errors() or result.has_errors()
    assert not MoneyRecord.objects.exists()


def test_milestones_export_and_import_back_with_changes(manager, owner, commitment):
    first = services.milestone_add(
        commitment_id=commitment.pk, user=owner, expected_version=1, title="Design"
    )
    services.milestone_add(
        commitment_id=commitment.pk, user=owner, expected_version=2, title="Build", weight=3
    )
    exported = MilestoneResource().export()
    assert exported.headers[:4] == ["id", "commitment", "commitment_title", "title"]
    rows = exported.dict
    for row in rows:
        if str(row["id"]) == str(first.pk):
            row["status"] = "done"
    rows.append(
        {**rows[0], "id": "", "title": "Open", "status": "", "due_date": "2031-05-01", "weight": 1}
    )
    data = tablib.Dataset(headers=exported.headers)
    for row in rows:
        data.append([row[h] for h in exported.headers])

    result = run_import(MilestoneResource(), data.export("csv"), manager)

    assert not result.has_errors() and not result.has_validation_errors()
    assert Milestone.objects.get(pk=first.pk).status == MilestoneStatus.DONE
    assert Milestone.objects.get(title="Open").due_date == date(2031, 5, 1)
    commitment.refresh_from_db()
    assert commitment.progress == 20  # 1 done of weights 1 + 3 + 1
    assert commitment.updates.count() == 4


def test_a_milestone_row_exported_before_someone_elses_save_is_refused(manager, owner, commitment):
    milestone = services.milestone_add(
        commitment_id=commitment.pk, user=owner, expected_version=1, title="Design"
    )
    text = (
        "id,commitment,title,status,weight,version\n"
        f"{milestone.pk},{commitment.pk},Design,done,1,1\n"
    )
    result = run_import(MilestoneResource(), text, manager)
    problems = " ".join(" ".join(r.error.messages) for r in result.invalid_rows)
    assert "saved a change to this pledge" in problems
    assert Milestone.objects.get().status == MilestoneStatus.PLANNED


def test_the_lists_are_for_managers(client, owner, manager, admin_client):
    CommitmentFactory()
    for name in ("admin:commitments_moneyrecord_export", "admin:commitments_milestone_export"):
        assert admin_client.get(reverse(name)).status_code == 200
    owner.is_staff = True
    owner.save()
    client.force_login(owner)
    assert client.get(reverse("admin:commitments_milestone_changelist")).status_code == 403
    assert client.get(reverse("admin:commitments_moneyrecord_import")).status_code == 403

"""The board rebuilt just after midnight, in settings.TIME_ZONE: overdue and stale move with
the date, so the first manager of the day would otherwise wait for the board's queries.

Idempotent (a task of the same name is left as the admin set it) and reversible.
"""

import zoneinfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone

NAME = "Board rebuild (daily, after midnight)"
TASK = "commitments.tasks.board_prebuild"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="1",
        hour="0",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE),
    )
    PeriodicTask.objects.create(name=NAME, task=TASK, crontab=crontab, kwargs="{}")
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab_ids = set(PeriodicTask.objects.filter(name=NAME).values_list("crontab_id", flat=True))
    PeriodicTask.objects.filter(name=NAME).delete()
    CrontabSchedule.objects.filter(pk__in=crontab_ids, periodictask__isnull=True).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0019_sessions_keep_sign_in"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]

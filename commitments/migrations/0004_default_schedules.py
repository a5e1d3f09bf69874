"""The default beat schedules: the reminder scan daily at 07:00, the managers' digest
on Mondays at 08:00, both in settings.TIME_ZONE. Admins change them in the admin site.

Idempotent (an existing task of the same name is left as the admin set it) and
reversible (only the two tasks, and crontabs nothing else uses, are removed).
"""

import zoneinfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone

SCHEDULES = (
    # name, task, minute, hour, day_of_week
    ("Reminder scan (daily)", "commitments.tasks.reminders_scan", "0", "7", "*"),
    ("Managers' digest (weekly)", "commitments.tasks.managers_digest", "0", "8", "1"),
)


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for name, task, minute, hour, day_of_week in SCHEDULES:
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone=tz,
        )
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab, kwargs="{}")
    # A running beat reloads its schedule when this timestamp moves.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    names = [name for name, *_ in SCHEDULES]
    crontab_ids = set(
        PeriodicTask.objects.filter(name__in=names).values_list("crontab_id", flat=True)
    )
    PeriodicTask.objects.filter(name__in=names).delete()
    CrontabSchedule.objects.filter(pk__in=crontab_ids, periodictask__isnull=True).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0003_reminder"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]

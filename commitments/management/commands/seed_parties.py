from django.core.management.base import BaseCommand

from commitments.services import SYSTEM, parties_seed


class Command(BaseCommand):
    help = (
        "Create the parties the extraction's vocabulary names that the database lacks; a name "
        "kept as another party's alias (merged away) is not created again."
    )

    def handle(self, *args, **options):
        created = parties_seed(user=SYSTEM)
        self.stdout.write(f"Parties created: {created}.")

from django.core.management.base import BaseCommand

from commitments.roles import ensure_role_groups


class Command(BaseCommand):
    help = "Create the Analysts and Managers groups if they are missing."

    def handle(self, *args, **options):
        groups = ensure_role_groups()
        self.stdout.write(f"Role groups ready: {', '.join(g.name for g in groups)}.")

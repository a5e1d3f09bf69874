from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = "Pledges"

    def ready(self) -> None:
        from commitments.services import data_version

        data_version.watch_direct_writes()

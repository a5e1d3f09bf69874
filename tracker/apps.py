from django.apps import AppConfig


class TrackerConfig(AppConfig):
    """The project's own wiring: connects the session renewal to sign-in."""

    name = "tracker"
    verbose_name = "Project"

    def ready(self) -> None:
        from tracker import middleware  # noqa: F401  (connects its signal receiver)

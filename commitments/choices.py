"""The fixed vocabularies of a pledge: its topic and its status, and which statuses are closed."""

from __future__ import annotations

from django.db import models


class Topic(models.TextChoices):
    DEFENCE = "defence", "Defence"
    CYBER_SECURITY = "cyber_security", "Cyber security"
    TECHNOLOGY = "technology", "Technology"
    MARITIME_SECURITY = "maritime_security", "Maritime security"
    TRADE = "trade", "Trade"
    INVESTMENT = "investment", "Investment"
    ENERGY = "energy", "Energy"
    CLIMATE = "climate", "Climate"
    FINANCE = "finance", "Finance"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    MIGRATION = "migration", "Migration"
    INFRASTRUCTURE = "infrastructure", "Infrastructure and transport"
    HUMANITARIAN = "humanitarian", "Humanitarian aid"
    AGRICULTURE = "agriculture", "Agriculture and food"
    DIPLOMACY = "diplomacy", "Diplomacy"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    STALLED = "stalled", "Stalled"
    PARTIALLY_FULFILLED = "partially_fulfilled", "Partially fulfilled"
    FULFILLED = "fulfilled", "Fulfilled"
    BROKEN = "broken", "Broken"
    WITHDRAWN = "withdrawn", "Withdrawn"


CLOSED_STATUSES = frozenset({Status.FULFILLED, Status.BROKEN, Status.WITHDRAWN})
OPEN_STATUSES = frozenset(set(Status) - CLOSED_STATUSES)

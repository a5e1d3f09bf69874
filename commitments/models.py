"""Pledges (commitments), the articles they come from, and their timelines."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commitments import review, states
from commitments.choices import CLOSED_STATUSES as CLOSED_STATUSES
from commitments.choices import OPEN_STATUSES as OPEN_STATUSES
from commitments.choices import Status, Topic


class Source(models.Model):
    """An article, stored once: its normalised text is unique by hash."""

    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField()
    body = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_sources",
    )

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_on:%d %b %Y})"


class CommitmentQuerySet(models.QuerySet):
    """The pledge states of `commitments.states` as queryset methods (today by default)."""

    def open(self) -> CommitmentQuerySet:
        return self.filter(states.open_q())

    def closed(self) -> CommitmentQuerySet:
        return self.exclude(states.open_q())

    def overdue(self, *, today: date | None = None) -> CommitmentQuerySet:
        return self.filter(states.overdue_q(today or timezone.localdate()))

    def due_soon(self, *, today: date | None = None) -> CommitmentQuerySet:
        return self.filter(states.due_soon_q(today or timezone.localdate()))

    def stale(self, *, today: date | None = None) -> CommitmentQuerySet:
        return self.filter(states.stale_q(today or timezone.localdate()))

    def snoozed(self, *, today: date | None = None) -> CommitmentQuerySet:
        return self.filter(states.snoozed_q(today or timezone.localdate()))

    def needs_attention(self, *, today: date | None = None) -> CommitmentQuerySet:
        return self.filter(states.needs_attention_q(today or timezone.localdate()))

    def owned_by(self, user) -> CommitmentQuerySet:
        return self.filter(owner=user)

    def published(self) -> CommitmentQuerySet:
        """Pledges the public may see. Read their public fields from `.publication`: the
        pledge's own columns may hold changes no manager has approved yet."""
        return self.filter(publication__is_public=True).select_related("publication")

    def drafts(self) -> CommitmentQuerySet:
        """Never published, or withdrawn from the public site."""
        return self.exclude(publication__is_public=True)

    def pending_review(self) -> CommitmentQuerySet:
        """Published pledges with changes to a public field that no manager has approved."""
        return self.filter(publication__is_public=True).filter(review.changed_since_review_q())


class Commitment(models.Model):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="commitments")
    quote = models.TextField(help_text="The pledge's words, verbatim from the source.")
    quote_start = models.PositiveIntegerField()
    quote_end = models.PositiveIntegerField()
    actor = models.CharField(max_length=200, help_text="Who pledged.")
    counterparty = models.CharField(max_length=200, blank=True, help_text="To whom.")
    topic = models.CharField(max_length=32, choices=Topic.choices, default=Topic.OTHER)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code, e.g. GBP.")
    due_date = models.DateField(null=True, blank=True)
    due_text = models.CharField(max_length=200, blank=True, help_text="The phrase it came from.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text="The analyst responsible.",
    )
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0 to 100.")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    confidence = models.FloatField(null=True, blank=True, editable=False)
    snoozed_until = models.DateField(
        null=True, blank=True, help_text="No reminders for this pledge until this date."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    last_progress_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="commitment_progress_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="commitment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values), name="commitment_topic_valid"
            ),
            models.CheckConstraint(
                condition=Q(quote_end__gt=models.F("quote_start")),
                name="commitment_quote_span_not_empty",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gte=0) & ~Q(currency="")),
                name="commitment_amount_has_currency",
            ),
            models.UniqueConstraint(
                fields=["source", "quote_start", "quote_end"],
                name="commitment_quote_span_unique_in_source",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="commitment_status_idx"),
            models.Index(fields=["owner", "status"], name="commitment_owner_status_idx"),
            models.Index(fields=["due_date"], name="commitment_due_date_idx"),
            models.Index(fields=["topic"], name="commitment_topic_idx"),
            models.Index(fields=["last_progress_at"], name="commitment_last_progress_idx"),
            # Money totals start from the pledges with an amount of their own: few of them.
            models.Index(
                fields=["currency"],
                condition=Q(amount__isnull=False),
                name="commitment_with_amount_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("commitments:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return not states.is_open(self)

    def is_overdue(self, today: date | None = None) -> bool:
        return states.is_overdue(self, today or timezone.localdate())

    def is_stale(self, today: date | None = None) -> bool:
        return states.is_stale(self, today or timezone.localdate())

    @property
    def has_progress(self) -> bool:
        """Whether anyone has recorded progress since the pledge was created."""
        return self.last_progress_at > self.created_at


class ProgressUpdate(models.Model):
    """One entry in a pledge's append-only timeline."""

    # Set by the service that writes the entry: the pledge as it was just before, not stored.
    previous: Commitment | None = None

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="progress_updates",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(help_text="The pledge's version this update produced.")
    old_status = models.CharField(max_length=32, choices=Status.choices)
    new_status = models.CharField(max_length=32, choices=Status.choices)
    old_progress = models.PositiveSmallIntegerField()
    new_progress = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(old_progress__lte=100) & Q(new_progress__lte=100),
                name="progress_update_progress_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(old_status__in=Status.values) & Q(new_status__in=Status.values),
                name="progress_update_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["commitment", "-created_at"], name="update_commitment_time_idx"),
            models.Index(fields=["-created_at"], name="update_time_idx"),
            # The board's "closed per month": only the entries that closed a pledge.
            models.Index(
                fields=["created_at", "new_status", "commitment"],
                condition=Q(new_status__in=sorted(CLOSED_STATUSES))
                & ~Q(old_status__in=sorted(CLOSED_STATUSES)),
                name="update_closing_time_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.old_status} → {self.new_status}"

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status

    @property
    def progress_changed(self) -> bool:
        return self.old_progress != self.new_progress


# --- Reminders: one row per (pledge, reason, period), so each reminder is sent once.


class ReminderReason(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    STALE = "stale", "Stale"
    MILESTONE_DUE = "milestone_due", "Milestone due soon"
    DIGEST = "digest", "Managers' digest"


class Reminder(models.Model):
    """A reminder claimed by a scan: sent when `sent_at` is set, pending until then.

    The unique constraints are the exactly-once guarantee: however many scans
    run, only one can insert the row for a pledge, reason and period. The
    managers' digest has no pledge; it is unique per manager and week instead.
    """

    # No index of its own: the once-per-period constraint below starts with it.
    commitment = models.ForeignKey(
        Commitment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        help_text="Who the reminder is for.",
    )
    reason = models.CharField(max_length=16, choices=ReminderReason.choices)
    period = models.CharField(
        max_length=32, help_text="Which occurrence: a due date, a repeat window or a week."
    )
    scan_date = models.DateField(help_text="The day of the scan that claimed it.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-scan_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "reason", "period"], name="reminder_once_per_period"
            ),
            models.UniqueConstraint(
                fields=["owner", "reason", "period"],
                condition=Q(commitment__isnull=True),
                name="reminder_digest_once_per_period",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=ReminderReason.values), name="reminder_reason_valid"
            ),
        ]
        indexes = [
            # The sender's question: what is still unsent for this person?
            models.Index(
                fields=["owner", "reason"],
                condition=Q(sent_at__isnull=True),
                name="reminder_unsent_idx",
            ),
            models.Index(fields=["scan_date"], name="reminder_scan_date_idx"),
        ]

    def __str__(self) -> str:
        what = self.commitment_id or "all pledges"
        return f"{self.get_reason_display()} ({self.period}) for {self.owner_id}: {what}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


# --- Feeds and calendars: a secret token in the URL stands in for the session.


class FeedToken(models.Model):
    """The secret in a user's private feed and calendar links; revoked, it opens nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="feed_token_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"Feed links of {self.user_id} ({state})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


# --- What analysts changed when they reviewed an import: how extraction fares on real use.


class ImportReview(models.Model):
    """One web import's review: what the extraction proposed and what the analyst did with it."""

    # The fields whose edits say the extraction got a pledge's substance wrong.
    KEY_FIELDS = ("actor", "amount", "due_date")

    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="import_review")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_reviews",
    )
    reviewed_at = models.DateTimeField(default=timezone.now, editable=False)
    proposed = models.PositiveIntegerField(help_text="Pledges the extraction proposed.")
    kept = models.PositiveIntegerField(help_text="Proposals saved, edited or not.")
    unticked = models.PositiveIntegerField(help_text="Proposals left out.")
    edited = models.PositiveIntegerField(help_text="Kept proposals with at least one field edited.")
    key_edited = models.PositiveIntegerField(
        help_text="Kept proposals whose actor, amount or due date was edited."
    )
    added = models.PositiveIntegerField(help_text="Pledges the analyst added by hand.")
    edited_fields = models.JSONField(
        default=dict, blank=True, help_text="For each field, how many kept proposals had it edited."
    )

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["reviewed_at"], name="import_review_time_idx")]

    def __str__(self) -> str:
        return f"Review of {self.source}"


# --- API tokens: a personal secret that stands in for the session in API clients.


class ApiToken(models.Model):
    """A user's personal API token. Only its hash is stored; revoked, it opens nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. a script.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters, to recognise it."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_idx")]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"API token “{self.name}” of {self.user_id} ({state})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


# --- Publishing: the public reads a reviewed copy of a pledge, never the pledge itself.


class PublicationQuerySet(models.QuerySet):
    def live(self) -> PublicationQuerySet:
        """What the public may see: published and not withdrawn from the public site."""
        return self.filter(is_public=True)


class Publication(models.Model):
    """The public copy of a pledge, as a manager last reviewed it.

    Its key is the pledge's, so a public permalink carries the pledge's number. Edits to the
    pledge change nothing here until a manager approves them; internal notes, owners and
    reminders have no column here, so no public page can show them.
    """

    REVIEWED_FIELDS = review.REVIEWED_FIELDS

    commitment = models.OneToOneField(
        Commitment, primary_key=True, on_delete=models.CASCADE, related_name="publication"
    )
    is_public = models.BooleanField(default=True, help_text="Off: hidden from the public site.")
    title = models.CharField(max_length=300)
    actor = models.CharField(max_length=200)
    counterparty = models.CharField(max_length=200, blank=True)
    topic = models.CharField(max_length=32, choices=Topic.choices, default=Topic.OTHER)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="publications")
    quote = models.TextField()
    quote_start = models.PositiveIntegerField()
    quote_end = models.PositiveIntegerField()
    status = models.CharField(max_length=32, choices=Status.choices)
    public_reason = models.CharField(
        max_length=200, help_text="One line saying why the pledge has this status."
    )
    progress = models.PositiveSmallIntegerField(default=0)
    due_date = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    reviewed_version = models.PositiveIntegerField(help_text="The pledge's version approved.")
    published_at = models.DateTimeField(default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(default=timezone.now, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tracking_reviewed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a manager last approved the money stages and milestones; empty: never.",
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "commitment_id"]
        indexes = [
            models.Index(fields=["is_public", "status"], name="publication_status_idx"),
            models.Index(fields=["is_public", "topic"], name="publication_topic_idx"),
            # The meter's one grouped count, read from the index alone.
            models.Index(
                fields=["actor", "topic", "status"],
                condition=Q(is_public=True),
                name="publication_meter_idx",
            ),
            models.Index(fields=["is_public", "due_date"], name="publication_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Public copy of {self.commitment_id}: {self.title}"


class PublicEntryKind(models.TextChoices):
    PUBLISHED = "published", "Published"
    CHANGED = "changed", "Update approved"
    EVIDENCE = "evidence", "Evidence added"


class PublicEntry(models.Model):
    """One dated line of a pledge's public history: what the public status became, and why."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=16, choices=PublicEntryKind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(max_length=32, choices=Status.choices)
    progress = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300, help_text="The public reason or the evidence's line.")
    evidence_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["publication", "-created_at"], name="public_entry_pledge_idx"),
            models.Index(fields=["-created_at"], name="public_entry_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}: {self.get_kind_display()}"


class CorrectionState(models.TextChoices):
    PENDING = "pending", "Waiting for a manager"
    ACCEPTED_EVIDENCE = "evidence", "Accepted as evidence"
    ACCEPTED_NOTE = "note", "Accepted as a note"
    REJECTED = "rejected", "Rejected"


class Correction(models.Model):
    """A reader's suggestion on a public pledge; it changes nothing until a manager decides."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField()
    url = models.URLField(max_length=1000, blank=True)
    email = models.EmailField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)
    state = models.CharField(
        max_length=16, choices=CorrectionState.choices, default=CorrectionState.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=CorrectionState.values), name="correction_state_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["submitted_at"],
                condition=Q(state="pending"),
                name="correction_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Correction to {self.publication_id} ({self.get_state_display()})"


# --- A web import between its two steps: the article waits here, not in the session.


class ImportJob(models.Model):
    """An article given to the web import: extracted by a background task, then reviewed.

    It holds the server's copy of the text and the proposed pledges, so what gets saved never
    comes from the browser. It is removed when its article is saved, or once it expires.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Finding the pledges"
        READY = "ready", "Ready for review"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=300)
    published_on = models.DateField()
    body = models.TextField()
    sha256 = models.CharField(max_length=64)
    warnings = models.JSONField(default=list, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    # Plain data (see commitments.importing): proposals, and pledges added by hand in review.
    candidates = models.JSONField(default=list, blank=True)
    added = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="import_job_expiry_idx")]

    def __str__(self) -> str:
        return f"Import of “{self.title}” ({self.get_state_display()})"

    @property
    def is_done(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED)


# --- Parties: who pledges and to whom, as records rather than lines of text.


class PartyKind(models.TextChoices):
    COUNTRY = "country", "Country"
    INTERNATIONAL_ORGANISATION = "international", "International organisation"
    REGIONAL_BODY = "regional", "Regional body"
    COMPANY = "company", "Company"
    DEVELOPMENT_BANK = "bank", "Development bank"
    OTHER = "other", "Other"


class PartyRole(models.TextChoices):
    PLEDGER = "pledger", "Pledger"
    COUNTERPARTY = "counterparty", "Counterparty"


class Party(models.Model):
    """A country, body or company that makes or receives pledges."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=PartyKind.choices, default=PartyKind.OTHER)
    code = models.CharField(
        max_length=3, blank=True, help_text="ISO 3166 alpha-3 code, for a country."
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names news copy uses: UK, Britain."
    )
    demonyms = models.JSONField(default=list, blank=True, help_text="British, Indian.")
    needs_review = models.BooleanField(
        default=False, help_text="Created from a text that matched no known party."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartyKind.values), name="party_kind_valid"),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="party_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("commitments:party", args=[self.slug])


class PledgeParty(models.Model):
    """A party's place on a pledge, and its own assessment when it differs from the pledge's.

    A joint pledge can be kept by one signatory and broken by another: a blank `status`
    means the party is assessed as the pledge is.
    """

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="pledge_parties"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="pledge_parties")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order named in the text.")
    status = models.CharField(max_length=32, choices=Status.choices, blank=True)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=1000, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    assessed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["commitment", "role", "position", "id"]
        verbose_name = "pledge party"
        verbose_name_plural = "pledge parties"
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "party", "role"], name="pledge_party_once_per_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartyRole.values), name="pledge_party_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=Status.values),
                name="pledge_party_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["party", "role"], name="pledge_party_party_role_idx")]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()}) on {self.commitment_id}"

    @property
    def own_assessment(self) -> bool:
        return bool(self.status)

    def assessed_status(self) -> str:
        """The party's own status, or the pledge's when it has none."""
        return self.status or self.commitment.status


# --- One number that every write through the services moves on: what cached pages key on.


class DataVersion(models.Model):
    """A single row whose number grows with every committed write through the services.

    Pages cached under the number are never shown after a save: the next request reads a
    new number and so a new cache key. It lives in the database, not the cache, so every
    process (web workers, Celery, commands) sees the same number.
    """

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Data version {self.number}"


# --- Follow-up articles: every later report of a pledge, and the suggestions turned down.


class PledgeSourceKind(models.TextChoices):
    REPORT = "report", "Reported again"
    EVIDENCE = "evidence", "Evidence of progress"


class PledgeSource(models.Model):
    """A later article about a pledge, with the words that report it.

    The pledge's own `source` is who reported it first; these are every report after. An
    entry added by someone other than the owner waits in the owner's attention list until
    the owner has looked at it (`reviewed_at`), and goes in one reminder e-mail (`mailed_at`).
    """

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="later_sources"
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="pledge_reports")
    kind = models.CharField(max_length=16, choices=PledgeSourceKind.choices)
    quote = models.TextField(help_text="The report's words, verbatim from the source.")
    quote_start = models.PositiveIntegerField()
    quote_end = models.PositiveIntegerField()
    suggested_status = models.CharField(max_length=32, choices=Status.choices, blank=True)
    progress_update = models.OneToOneField(
        ProgressUpdate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_span",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source__published_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "source", "quote_start", "quote_end"],
                name="pledge_source_once_per_span",
            ),
            models.CheckConstraint(
                condition=Q(quote_end__gt=models.F("quote_start")),
                name="pledge_source_span_not_empty",
            ),
        ]
        indexes = [
            models.Index(
                fields=["commitment"],
                condition=Q(reviewed_at__isnull=True),
                name="pledge_source_to_review_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} reported in {self.source_id}"


class MatchRejection(models.Model):
    """“Not this one”: this article's words are not about this pledge; never suggest it again."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="match_rejections"
    )
    sha256 = models.CharField(max_length=64, help_text="The article's text hash.")
    quote_start = models.PositiveIntegerField()
    quote_end = models.PositiveIntegerField()
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-rejected_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "sha256", "quote_start", "quote_end"],
                name="match_rejection_once",
            ),
        ]
        indexes = [models.Index(fields=["sha256"], name="match_rejection_article_idx")]

    def __str__(self) -> str:
        return f"{self.commitment_id} is not {self.sha256[:12]}@{self.quote_start}"


# --- Tracking: what happened to the money, milestones, moved deadlines and graded evidence.


class MoneyStage(models.TextChoices):
    """The ladder of OCHA's Financial Tracking Service: each rung is a separate promise kept."""

    ANNOUNCED = "announced", "Announced"
    COMMITTED = "committed", "Committed"
    DISBURSED = "disbursed", "Disbursed"


class MoneyRecord(models.Model):
    """An amount that reached a stage on a date: "£20m committed in a signed agreement"."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="money_records"
    )
    stage = models.CharField(max_length=16, choices=MoneyStage.choices)
    amount = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, help_text="ISO 4217 code, e.g. GBP.")
    on = models.DateField(help_text="When the money reached this stage.")
    evidence_url = models.URLField(max_length=1000, blank=True)
    note = models.CharField(max_length=300, blank=True)
    update = models.ForeignKey(
        ProgressUpdate, null=True, on_delete=models.SET_NULL, related_name="money_records"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="money_record_amount_positive"),
            models.CheckConstraint(
                condition=Q(stage__in=MoneyStage.values), name="money_record_stage_valid"
            ),
        ]
        indexes = [models.Index(fields=["commitment", "stage"], name="money_commitment_stage_idx")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.currency} {self.amount} on {self.on}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    MISSED = "missed", "Missed"
    DROPPED = "dropped", "Dropped"


class Milestone(models.Model):
    """A step of a pledge (one level only); done milestones make up the pledge's progress."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    weight = models.PositiveSmallIntegerField(
        default=1, help_text="How much of the pledge this step is, against its other steps."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="milestone_weight_positive"),
            models.CheckConstraint(
                condition=Q(status__in=MilestoneStatus.values), name="milestone_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["commitment", "due_date"], name="milestone_commitment_due_idx"),
            models.Index(fields=["due_date"], name="milestone_due_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)


class PublicMoney(models.Model):
    """An approved sum of a public pledge's money at one stage in one currency.

    Written only by the publishing review (`services.publishing`), from the pledge's money
    records by the rule of `tracking.pledge_money`; a record's own note and evidence stay
    internal."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="money")
    stage = models.CharField(max_length=16, choices=MoneyStage.choices)
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=20, decimal_places=2)

    class Meta:
        ordering = ["currency", "stage"]
        verbose_name_plural = "public money"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "currency", "stage"], name="public_money_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}: {self.currency} {self.amount} {self.stage}"


class PublicParty(models.Model):
    """An approved copy of a public pledge's party link (who pledged, who received), written
    by the review only, so a party named by an unapproved edit stays off the public site."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="public_links")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["publication", "role", "position", "id"]
        verbose_name_plural = "public parties"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "party", "role"], name="public_party_once_per_role"
            ),
        ]
        indexes = [models.Index(fields=["party", "role"], name="public_party_party_role_idx")]

    def __str__(self) -> str:
        return f"{self.party_id} ({self.role}) on {self.publication_id}"


class PublicTally(models.Model):
    """How many live public pledges a party has in a role, per approved status and due date.

    Kept by the publishing review for the parties it touches (`services.publishing`), so a
    public scorecard adds up a few rows per status and due date instead of grouping every
    public pledge on each request. Derived data: `publishing.public_tallies_rebuild` makes
    it again from the approved links."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="public_tallies")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    status = models.CharField(max_length=32, choices=Status.choices)
    due_date = models.DateField(null=True, blank=True)
    pledges = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["party", "role"], name="public_tally_party_idx")]

    def __str__(self) -> str:
        return f"{self.party_id} {self.role} {self.status} {self.due_date}: {self.pledges}"


class PublicMoneyTally(models.Model):
    """A party's approved money in a role, per currency and stage, over its live public
    pledges: kept with `PublicTally`, so a scorecard reads sums instead of adding them up."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="public_money")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    currency = models.CharField(max_length=3)
    stage = models.CharField(max_length=16, choices=MoneyStage.choices)
    amount = models.DecimalField(max_digits=24, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["party", "role"], name="public_money_tally_party_idx")]

    def __str__(self) -> str:
        return f"{self.party_id} {self.role} {self.currency} {self.stage}: {self.amount}"


class PublicMilestone(models.Model):
    """An approved copy of one of a public pledge's milestones, written by the review only.

    `milestone_id` is the milestone's own number, so its calendar event keeps one UID."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="milestones"
    )
    milestone_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=MilestoneStatus.choices)

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "milestone_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "milestone_id"], name="public_milestone_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DueDateChange(models.Model):
    """A deadline that moved: the dates before and after and why, never silently overwritten."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="due_date_changes"
    )
    old_due_date = models.DateField()
    new_due_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    update = models.ForeignKey(
        ProgressUpdate, null=True, on_delete=models.SET_NULL, related_name="due_date_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [
            models.Index(fields=["commitment", "changed_at"], name="due_change_commitment_idx")
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.old_due_date} → {self.new_due_date}"


class EvidenceKind(models.TextChoices):
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    LEGAL_OR_BUDGET_RECORD = "legal_or_budget_record", "Legal or budget record"
    DELIVERY_RECORD = "delivery_record", "Delivery record"
    INDEPENDENT_REPORT = "independent_report", "Independent report"
    NEWS = "news", "News"


class EvidenceItem(models.Model):
    """One piece of evidence carried by a progress update, graded by kind."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    # The pledge again, so "last verified" and "official only" need no join through updates.
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=32, choices=EvidenceKind.choices)
    url = models.URLField(max_length=1000, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(help_text="The date of the evidence itself.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EvidenceKind.values), name="evidence_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(url="") | Q(source__isnull=False), name="evidence_has_url_or_source"
            ),
        ]
        indexes = [
            models.Index(
                fields=["commitment", "-published_on"], name="evidence_commitment_date_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def link(self) -> str:
        from django.urls import reverse

        if self.url:
            return self.url
        return reverse("commitments:source_detail", args=[self.source_id]) if self.source_id else ""

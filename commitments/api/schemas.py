"""What the API takes and gives, as pydantic schemas: the OpenAPI schema is generated from these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from commitments.choices import Status, Topic
from commitments.filters import SEARCH_MAX_LENGTH

MAX_ID = 2**63 - 1  # the largest database id
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
NAME_MAX = 200


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong and what to do, in a sentence.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per field, when input was refused."
    )


class SourceOut(Schema):
    id: int
    title: str
    publisher: str
    url: str
    published_on: date


class MoneyOut(Schema):
    currency: str
    announced: str = Field(description="A decimal number as text: the sum announced.")
    committed: str
    disbursed: str


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: date | None
    status: Literal["planned", "in_progress", "done", "missed", "dropped"]


class PledgeOut(Schema):
    id: int
    title: str
    description: str
    quote: str
    actor: str
    counterparty: str
    topic: Topic
    status: Status
    public_reason: str | None = Field(
        description="Why the pledge has this status, as a manager approved it; null with a token."
    )
    progress: int = Field(ge=0, le=100)
    amount: str | None = Field(description="A decimal number as text, in `currency`.")
    currency: str
    due_date: date | None
    due_text: str
    owner: str | None = Field(description="The owner's user name; never shown without a token.")
    version: int = Field(
        description="Send it back with a write: a stale version gets 409. Without a token: "
        "the version a manager approved."
    )
    updated_at: datetime
    last_progress_at: datetime
    source: SourceOut
    web_url: str
    money: list[MoneyOut] = Field(
        description="Per currency; without a token, the sums a manager approved."
    )
    milestones: list[MilestoneOut] = Field(
        description="Without a token, the milestones as a manager approved them."
    )


class UpdateOut(Schema):
    id: int
    pledge_id: int
    created_at: datetime
    version: int | None = Field(description="The pledge's version it made; null without a token.")
    kind: Literal["published", "changed", "evidence"] | None = Field(
        description="Without a token: what the public entry records; null with a token."
    )
    old_status: Status | None = Field(description="Null for a pledge's first public entry.")
    new_status: Status
    old_progress: int | None = Field(description="Null for a pledge's first public entry.")
    new_progress: int
    note: str = Field(description="Empty without a token: notes are internal.")
    public_text: str | None = Field(
        description="Without a token: the approved public reason or evidence line; null with one."
    )
    evidence_url: str
    author: str | None = Field(description="The author's user name; never shown without a token.")


class RoleFiguresOut(Schema):
    total: int
    open: int
    closed: int
    overdue: int
    by_status: dict[str, int] = Field(
        description="Pledges per status; statuses with none left out."
    )
    fulfilment_rate: float | None = Field(description="Fulfilled ÷ closed; null when none closed.")
    score: float | None = Field(description="The average score, −1 to +1; null when none scored.")
    compliance: float | None = Field(description="(score + 1) ÷ 2, from 0 to 1.")
    money: list[MoneyOut] = Field(description="Per currency, never added across currencies.")


class PartyOut(Schema):
    name: str
    slug: str
    kind: str
    code: str = Field(description="ISO 3166 alpha-3 code, for a country; else empty.")
    as_actor: int = Field(description="Pledges this party made.")
    as_counterparty: int = Field(description="Pledges made to this party.")
    made: RoleFiguresOut = Field(description="The pledges it made, as its scorecard shows them.")
    received: RoleFiguresOut
    web_url: str = Field(description="Its scorecard page (the public one without a token).")


class PledgePage(Schema):
    items: list[PledgeOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class UpdatePage(Schema):
    items: list[UpdateOut]
    next_cursor: str | None


class SourcePage(Schema):
    items: list[SourceOut]
    next_cursor: str | None


class PledgeFilters(Schema):
    """The web list's filters, under the same names and values."""

    q: str | None = Field(None, max_length=SEARCH_MAX_LENGTH, description="Title, quote or actor.")
    status: Status | None = None
    state: Literal["open", "closed"] | None = None
    topic: Topic | None = None
    actor: str | None = Field(None, max_length=NAME_MAX, description="The actor, any spelling.")
    owner: str | None = Field(
        None,
        pattern=r"^([1-9][0-9]{0,17}|null)$",
        description="An owner's user id, or `null` for unassigned pledges (tokens only).",
    )
    source: Id | None = None
    overdue: Literal["yes", "no"] | None = None
    stale: Literal["yes", "no"] | None = None
    due_after: date | None = None
    due_before: date | None = None
    closed_in: str | None = Field(
        None, pattern=r"^[0-9]{4}-[0-9]{2}$", description="Closed in this month, YYYY-MM."
    )
    sort: Literal["due", "-due", "status", "-status", "updated", "-updated"] | None = None


class PageParams(Schema):
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=100)


class ProgressIn(Schema):
    version: int = Field(ge=1, le=MAX_ID, description="The pledge's version you last read.")
    status: Status | None = Field(None, description="Left out: unchanged.")
    progress: int | None = Field(None, ge=0, le=100, description="Left out: unchanged.")
    note: str = Field("", max_length=5000, description="Required when closing a pledge.")
    evidence_url: str = Field("", max_length=1000)


class EvidenceIn(Schema):
    evidence_url: str = Field(min_length=1, max_length=1000, description="An http(s) link.")
    note: str = Field(min_length=1, max_length=5000, description="What the evidence shows.")
    version: int | None = Field(
        None, ge=1, le=MAX_ID, description="Give it to be told (409) if someone saved since."
    )


class OwnerIn(Schema):
    owner: str | None = Field(max_length=150, description="A user name; null unassigns.")
    version: int | None = Field(None, ge=1, le=MAX_ID)


class WriteOut(Schema):
    pledge: PledgeOut
    update: UpdateOut | None = Field(description="The timeline entry the write added.")


class ConflictOut(Schema):
    detail: str
    current: PledgeOut = Field(description="The pledge as it is now: check it, then send again.")

"""Every write goes through here: views, admin, commands and tasks alike.

- `pledges`: a pledge's life after import (progress, closing, owner, due date, snooze, edits).
- `imports`: an article and its chosen pledges, stored in one transaction.
- `errors`: conflicts and refusals, with the text people read built once and codes to match.
- `parties`: a signatory's own assessment; merging parties, aliases, assigning a party in bulk.
- `party_links`: a pledge's actor and counterparty texts linked to parties.
- `actors`: who makes a write: a user, or `SYSTEM` for the app itself; never nobody.
- `data_version`: the number cached pages are keyed on.

The common write path: every service opens its transaction with `data_version.writing()`
(`@writing()` on the function, or `with writing():` around a batch), never a bare
`transaction.atomic`. When the transaction commits, the data version moves on, so the
cached board is rebuilt on the next request and never shows data from before a save. A new
service that writes must do the same; one rolled back bumps nothing.
"""

from __future__ import annotations

from commitments.services.actors import SYSTEM, Actor, SystemActor
from commitments.services.errors import (
    CLOSING_NEEDS_NOTE,
    Code,
    CommitmentConflict,
    Refused,
    conflict_message,
    describe_update,
    error_codes,
    refusal_message,
)
from commitments.services.imports import (
    UNKNOWN_ACTOR,
    ImportResult,
    ReviewedPledge,
    review_tally,
    source_import,
    source_import_reviewed,
)
from commitments.services.parties import (
    commitment_link_parties,
    commitment_set_parties,
    commitments_assign_party,
    parties_seed,
    party_add_alias,
    party_assessment_record,
    party_merge,
)
from commitments.services.pledges import (
    EDITABLE_FIELDS,
    MANAGER_ONLY_FIELDS,
    commitment_assign_owner,
    commitment_close,
    commitment_create,
    commitment_edit,
    commitment_set_due_date,
    commitment_snooze,
    commitments_assign_owner,
    commitments_set_status,
    progress_record,
    quote_matches,
)

__all__ = [
    "CLOSING_NEEDS_NOTE",
    "EDITABLE_FIELDS",
    "MANAGER_ONLY_FIELDS",
    "SYSTEM",
    "Actor",
    "Code",
    "CommitmentConflict",
    "ImportResult",
    "Refused",
    "SystemActor",
    "commitment_assign_owner",
    "commitment_close",
    "commitment_create",
    "commitment_edit",
    "commitment_set_due_date",
    "commitment_snooze",
    "commitments_assign_owner",
    "commitments_set_status",
    "conflict_message",
    "describe_update",
    "error_codes",
    "progress_record",
    "quote_matches",
    "refusal_message",
    "source_import",
    "source_import_reviewed",
    "ReviewedPledge",
    "review_tally",
    "UNKNOWN_ACTOR",
    "commitment_link_parties",
    "commitment_set_parties",
    "commitments_assign_party",
    "party_add_alias",
    "party_assessment_record",
    "party_merge",
    "parties_seed",
]

from django.urls import path

from commitments.views import (
    attention,
    board,
    feeds,
    health,
    imports,
    parties,
    pledges,
    sources,
    tokens,
)
from commitments.views import publishing as publishing_views

app_name = "commitments"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", pledges.home, name="home"),
    path("mine/", pledges.work_queue, name="work_queue"),
    path("attention/", attention.attention, name="attention"),
    path("commitments/", pledges.commitment_list, name="list"),
    path("commitments/export.csv", pledges.commitment_export, name="export"),
    path("commitments/<int:pk>/", pledges.commitment_detail, name="detail"),
    path("commitments/<int:pk>/update/", pledges.commitment_update, name="update"),
    path("commitments/<int:pk>/quick-update/", pledges.quick_update, name="quick_update"),
    path("commitments/<int:pk>/owner/", pledges.assign_owner, name="assign_owner"),
    path("commitments/<int:pk>/due-date/", pledges.set_due_date, name="set_due_date"),
    path("commitments/<int:pk>/snooze/", pledges.snooze, name="snooze"),
    path("board/", board.board, name="board"),
    path("parties/", parties.party_list, name="parties"),
    path("parties/<slug:slug>/", parties.party_detail, name="party"),
    path(
        "commitments/<int:pk>/parties/<int:party_pk>/assess/",
        parties.assess_party,
        name="assess_party",
    ),
    path("import/", imports.import_start, name="import_start"),
    path("import/<uuid:job_id>/", imports.import_review, name="import_review"),
    path("sources/<int:pk>/", sources.source_detail, name="source_detail"),
    path("feeds/", feeds.feeds_page, name="feeds"),
    path("feeds/renew/", feeds.feeds_renew, name="feeds_renew"),
    path("feeds/<str:token>/updates.atom", feeds.updates_feed, name="updates_feed"),
    path("feeds/<str:token>/due-dates.ics", feeds.due_dates_calendar, name="due_dates_calendar"),
    path("tokens/", tokens.tokens_page, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("publishing/", publishing_views.publishing_queue, name="publishing"),
    path("publishing/<int:pk>/", publishing_views.publishing_review, name="publishing_review"),
    path("publishing/<int:pk>/publish/", publishing_views.publishing_publish, name="publish"),
    path("publishing/<int:pk>/unpublish/", publishing_views.publishing_unpublish, name="unpublish"),
    path("corrections/", publishing_views.corrections_queue, name="corrections"),
    path(
        "corrections/<int:pk>/evidence/",
        publishing_views.correction_accept_evidence,
        name="correction_evidence",
    ),
    path(
        "corrections/<int:pk>/note/",
        publishing_views.correction_accept_note,
        name="correction_note",
    ),
    path(
        "corrections/<int:pk>/reject/", publishing_views.correction_reject, name="correction_reject"
    ),
]

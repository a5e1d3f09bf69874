"""The public site, mounted at /p/: no sign-in (tracker.middleware lets the prefix through)."""

from django.urls import path

from commitments.views import public, public_parties

app_name = "public"

urlpatterns = [
    path("", public.meter, name="meter"),
    path("pledges/", public.search, name="search"),
    path("pledges/<int:pk>/", public.pledge, name="pledge"),
    path("pledges/<int:pk>/correction/", public.correction, name="correction"),
    path("about/", public.about, name="about"),
    path("embed/pledge/<int:pk>/", public.embed_pledge, name="embed_pledge"),
    path("updates.atom", public.updates_feed, name="feed"),
    path("topics/<str:topic>/updates.atom", public.topic_feed, name="topic_feed"),
    path("due-dates.ics", public.due_dates_calendar, name="calendar"),
    path("parties/", public_parties.party_list, name="parties"),
    path("parties/<slug:slug>/", public_parties.party, name="party"),
    path("parties/<slug:slug>/updates.atom", public_parties.party_feed, name="party_feed"),
    path("parties/<slug:slug>/due-dates.ics", public_parties.party_calendar, name="party_calendar"),
    path("embed/party/<slug:slug>/", public_parties.embed_party, name="embed_party"),
]

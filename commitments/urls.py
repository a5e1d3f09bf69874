from django.urls import path

from commitments.views import health

app_name = "commitments"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", health.home, name="home"),
]

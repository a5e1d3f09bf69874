from django.urls import path

from commitments.views import attention, health

app_name = "commitments"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", health.home, name="home"),
    path("attention/", attention.attention, name="attention"),
]

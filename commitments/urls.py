from django.urls import path

from commitments import views

app_name = "commitments"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", views.home, name="home"),
]

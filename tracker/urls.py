from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", include(("commitments.api.urls", "api"), namespace="api")),
    path("p/", include("commitments.urls_public")),
    path("", include("commitments.urls")),
]

handler400 = "commitments.views.errors.bad_request"
handler403 = "commitments.views.errors.permission_denied"
handler404 = "commitments.views.errors.page_not_found"
handler500 = "commitments.views.errors.server_error"

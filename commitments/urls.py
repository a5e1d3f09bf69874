from django.urls import path

from commitments.views import attention, health

app_name = "commitments"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", health.home, name="home"),
    path("attention/", attention.attention, name="attention"),
]

# --- Importing articles and the source page.
from django.urls import re_path  # noqa: E402

from commitments.views import imports, sources  # noqa: E402

urlpatterns += [
    path("import/", imports.import_start, name="import_start"),
    re_path(r"^import/(?P<sha256>[0-9a-f]{64})/$", imports.import_review, name="import_review"),
    path("sources/<int:pk>/", sources.source_detail, name="source_detail"),
]
if not any(getattr(p, "name", None) == "detail" for p in urlpatterns):
    # Stand-in for the pledge page until it is merged; drop this block then.
    urlpatterns.append(
        path("commitments/<int:pk>/", sources.commitment_detail_placeholder, name="detail")
    )

from __future__ import annotations

from django.http import HttpRequest

from commitments import roles as roles_module


def roles(request: HttpRequest) -> dict:
    # A request refused before authentication (a bad Host header) has no user yet.
    user = getattr(request, "user", None)
    if user is None:
        return {"is_manager": False, "is_analyst": False, "role_label": ""}
    return {
        "is_manager": roles_module.is_manager(user),
        "is_analyst": roles_module.is_analyst(user),
        "role_label": roles_module.role_label(user),
    }

"""Requests too large or malformed get a sentence, not a bare status line."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def oversized(settings) -> dict:
    text = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    return {"text": text, "title": "Too long"}


def test_a_paste_over_the_request_limit_is_explained(client, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client.force_login(owner)
    response = client.post(reverse("commitments:import_start"), oversized(settings))
    assert response.status_code == 413
    assert "Articles can be at most 5 MB" in response.text
    assert "<html" in response.text  # a whole page, with the site's navigation


def test_the_same_over_htmx_replaces_the_main_region(client, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client.force_login(owner)
    response = client.post(
        reverse("commitments:import_start"), oversized(settings), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 413
    assert response["HX-Retarget"] == "#main"
    assert "<html" not in response.text
    assert "upload the file instead of pasting it" in response.text


def test_a_paste_just_over_the_article_limit_reaches_the_form(client, owner, settings):
    settings.IMPORT_MAX_BYTES = 4096
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 4096 + 1024
    client.force_login(owner)
    text = "date 2022-03-31\n\n" + "The UK will fund a programme. " * 200
    response = client.post(reverse("commitments:import_start"), {"text": text})
    assert response.status_code == 422
    assert "The file is larger than 4 KB" in response.text

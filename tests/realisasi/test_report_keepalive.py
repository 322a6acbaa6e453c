"""The report page's keep-alive (realisasi:ping), its draft settings, and the way back to the
page after a login that followed an expired session."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from realisasi.models import MonthlyReport, Realisasi

from .report_helpers import fill, grid, make_lines, url

pytestmark = pytest.mark.django_db


def test_ping_answers_204_to_a_signed_in_user(client, operator, django_assert_max_num_queries):
    client.force_login(operator)
    # Session read, user read: the same two for any user and any amount of data (and the
    # session's save, when its renewal is due: tests/security/test_auth.py).
    with django_assert_max_num_queries(2):
        response = client.get(reverse("realisasi:ping"))
    assert response.status_code == 204
    assert response.content == b""
    assert "no-cache" in response["Cache-Control"]


def test_ping_renews_the_session(client, operator, settings):
    settings.RAKOR_SESSION_RENEW_SECONDS = 0  # renewal due (production: once a minute)
    client.force_login(operator)
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=60)
    )
    client.get(reverse("realisasi:ping"))
    # The session now ends a whole SESSION_COOKIE_AGE from now.
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_ping_sends_an_anonymous_user_to_the_login(client):
    response = client.get(reverse("realisasi:ping"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_ping_refuses_a_post(client, operator):
    client.force_login(operator)
    assert client.post(reverse("realisasi:ping")).status_code == 405


def test_report_page_carries_the_draft_settings(client, operator, opd, year, settings):
    settings.RAKOR_KEEPALIVE_SECONDS = 7
    make_lines(opd, year, 1)
    client.force_login(operator)
    page = client.get(url("report", opd)).content.decode()
    assert f'data-draft-user="{operator.username}"' in page
    assert f'data-ping-url="{reverse("realisasi:ping")}"' in page
    assert 'data-ping-seconds="7"' in page
    assert "Ada isian yang belum tersimpan dari" in page
    assert "data-draft-bound" not in page


def test_a_refused_post_marks_the_page_as_unsaved(client, operator, opd, year):
    lines = make_lines(opd, year, 1)
    client.force_login(operator)
    data = grid(lines, **fill(lines, keu="tidak angka"))
    page = client.post(url("report", opd), data).content.decode()
    assert "data-draft-bound" in page
    assert not Realisasi.objects.exists()


def test_an_expired_session_submit_comes_back_to_the_report_after_login(
    client, operator, opd, year
):
    lines = make_lines(opd, year, 1)
    submit = url("report_submit", opd)
    response = client.post(submit, grid(lines, **fill(lines)))
    login = f"{reverse('login')}?next={submit}"
    assert response.status_code == 302
    assert response["Location"] == login
    assert not MonthlyReport.objects.exists()
    # After the login, the ?next= GET lands on the report page, where the draft is offered.
    client.force_login(operator)
    response = client.get(submit)
    assert response.status_code == 302
    assert response["Location"] == url("report", opd)
    assert not MonthlyReport.objects.exists()

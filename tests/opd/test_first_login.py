"""First login with a one-time password: nothing but the password change until it is done."""

from django.urls import reverse

from opd.choices import Role
from opd.passwords import hash_one_time_password, new_one_time_password
from tests.factories import OpdFactory, UserFactory


def imported_operator():
    password = new_one_time_password()
    user = UserFactory(username="op.dinkes", role=Role.OPERATOR, opd=OpdFactory(kode="1.02"))
    user.password = hash_one_time_password(password)
    user.must_change_password = True
    user.save()
    return user, password


def test_every_page_sends_to_the_password_change_until_it_is_done(client, db):
    user, password = imported_operator()
    assert client.login(username="op.dinkes", password=password)
    for url in ("/", reverse("reports:summary"), reverse("realisasi:report_home")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "kata sandi sekali pakai" in page
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "sawah-hijau-di-wanadadi",
            "new_password2": "sawah-hijau-di-wanadadi",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password("sawah-hijau-di-wanadadi")
    assert client.get("/").status_code == 200


def test_a_refused_new_password_keeps_the_one_time_password(client, db):
    user, password = imported_operator()
    client.login(username="op.dinkes", password=password)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.must_change_password and user.check_password(password)


def test_logging_out_is_allowed(client, db):
    _user, password = imported_operator()
    client.login(username="op.dinkes", password=password)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/")["Location"].startswith(reverse("login"))


def test_one_time_passwords_are_long_random_and_distinct():
    passwords = {new_one_time_password() for _ in range(200)}
    assert len(passwords) == 200
    assert all(len(p) == 23 and p.count("-") == 3 for p in passwords)

"""Password rules beyond Django's four validators, and the throttled password change.

The adversarial run of issue 13 had `aaaaaaaaaaaa`, twelve spaces, `sukamaju2025!` (the Pemda's
name), `rakor-demo-2026` and the same password again accepted, and the old password guessed
without limit on /akun/kata-sandi/. ASVS V2.1.7 (not a known or guessable password) and V2.2.1
(anti-automation) ask for both. The validators are listed in AUTH_PASSWORD_VALIDATORS, so the
password change form, the admin and `createsuperuser` all apply them.
"""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words of a Pemda's name that say nothing about it ("Pemerintah Kabupaten Sukamaju").
GENERIC_NAME_WORDS = {"pemerintah", "kabupaten", "kota", "provinsi", "pemkab", "pemkot", "pemprov"}
APP_WORDS = ("rakor", "monev")
# Guessable Indonesian passwords; Django's CommonPasswordValidator holds the English ones.
COMMON_INDONESIAN = {
    "bismillah",
    "indonesia",
    "merdeka",
    "rahasia",
    "sayang",
    "sayangku",
    "cintaku",
    "katasandi",
    "password",
    "pemerintah",
    "kabupaten",
    "bappeda",
    "sekda",
    "bupati",
    "walikota",
    "operator",
    "verifikator",
    "admin",
    "administrator",
    "qwerty",
    "asdfgh",
    "garuda",
    "pancasila",
    "alhamdulillah",
    "masukaja",
    "gantisandi",
}


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


class DistinctCharactersValidator:
    """At least `min_distinct` different characters: `aaaaaaaaaaaa` and 12 spaces are out."""

    def __init__(self, min_distinct: int = 5):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                _(
                    "Kata sandi ini memuat terlalu sedikit karakter yang berbeda (paling sedikit "
                    "%(n)s)."
                )
                % {"n": self.min_distinct},
                code="password_too_uniform",
            )

    def get_help_text(self):
        return _("Kata sandi memuat paling sedikit %(n)s karakter yang berbeda.") % {
            "n": self.min_distinct
        }


class ContextWordsValidator:
    """Not the Pemda's name (RAKOR_PEMDA_NAME), the app's name or the username inside."""

    def validate(self, password, user=None):
        letters = _letters(password)
        pemda = [
            word
            for word in re.findall(r"[a-z]+", settings.RAKOR_PEMDA_NAME.lower())
            if len(word) >= 4 and word not in GENERIC_NAME_WORDS
        ]
        for word in pemda:
            if word in letters:
                raise ValidationError(
                    _("Kata sandi tidak boleh memuat nama pemda (\u201c%(kata)s\u201d).")
                    % {"kata": word},
                    code="password_has_pemda_name",
                )
        for word in APP_WORDS:
            if word in letters:
                raise ValidationError(
                    _("Kata sandi tidak boleh memuat nama aplikasi (\u201c%(kata)s\u201d).")
                    % {"kata": word},
                    code="password_has_app_name",
                )
        username = _letters(user.get_username()) if user is not None else ""
        if len(username) >= 4 and username in letters:
            raise ValidationError(
                _("Kata sandi tidak boleh memuat nama pengguna."), code="password_has_username"
            )

    def get_help_text(self):
        return _("Kata sandi tidak memuat nama pemda, nama aplikasi atau nama pengguna.")


class IndonesianCommonPasswordValidator:
    """A guessable Indonesian word with digits or signs around it (`bismillah123!`)."""

    def validate(self, password, user=None):
        if _letters(password) in COMMON_INDONESIAN:
            raise ValidationError(_("Kata sandi ini terlalu umum."), code="password_too_common")

    def get_help_text(self):
        return _("Kata sandi bukan kata yang mudah ditebak.")


class NotCurrentPasswordValidator:
    """A new password differs from the current one."""

    def validate(self, password, user=None):
        if user is not None and user.password and check_password(password, user.password):
            raise ValidationError(
                _("Kata sandi baru tidak boleh sama dengan kata sandi sekarang."),
                code="password_unchanged",
            )

    def get_help_text(self):
        return _("Kata sandi baru berbeda dari kata sandi sekarang.")


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old password is checked through authenticate(), so django-axes counts a wrong one
    like a failed login and locks the username + address out the same way (429)."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class ThrottledPasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (it keeps this session and ends the others) with the old
    password throttled; it also ends the one-time password of a first login."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        return response

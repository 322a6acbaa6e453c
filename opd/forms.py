"""The login form, with its refusal said once and plainly in Indonesian."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's catalogue yields "Masukkan nama pengguna nama pengguna dan sandi yang benar"
    # (its %(username)s is the field's verbose name, already "nama pengguna").
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan huruf kecil."
        ),
    }

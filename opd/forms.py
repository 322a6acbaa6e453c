"""The login form, with its refusal said once and plainly in Indonesian."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(AuthenticationForm):
    # Django's catalogue yields "Masukkan nama pengguna nama pengguna dan sandi yang benar"
    # (its %(username)s is the field's verbose name, already "nama pengguna").
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan huruf kecil."
        ),
    }


class NotificationSettingsForm(forms.ModelForm):
    """The user's own channels: the email and WhatsApp number messages go to, and which of
    them to use (the in-app list is always on)."""

    class Meta:
        model = User
        fields = ["email", "telepon", "notif_email", "notif_whatsapp"]
        labels = {"email": _("Alamat email")}
        help_texts = {
            "telepon": _("Dengan kode negara, tanpa spasi, mis. 628123456789."),
        }

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("notif_email") and not data.get("email"):
            self.add_error("email", _("Isi alamat email untuk menerima notifikasi lewat email."))
        if data.get("notif_whatsapp") and not data.get("telepon"):
            self.add_error(
                "telepon", _("Isi nomor WhatsApp untuk menerima notifikasi lewat WhatsApp.")
            )
        return data

"""The user's own API tokens: make one (its key shown once), list them, revoke one.

Each user manages only their own tokens; a token reads and writes exactly what its user may
on the pages (reports/api). The key is never stored, only its hash (rakor.tokens).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from ..tokens import ApiToken


class TokenForm(forms.Form):
    nama = forms.CharField(
        label=_lazy("Nama token"),
        max_length=80,
        help_text=_lazy("Untuk apa token ini, misalnya “Skrip SIMDA Dinkes”."),
    )


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                token, new_key = ApiToken.issue(request.user, form.cleaned_data["nama"].strip())
        except IntegrityError:
            form.add_error("nama", _("Anda sudah punya token aktif dengan nama ini."))
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "tokens": tokens, "new_key": new_key}
    if new_key:
        context["header"] = f"Authorization: Bearer {new_key}"
    return render(request, "rakor/api_tokens.html", context)


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    token.revoke()
    messages.success(request, _("Token “%(nama)s” telah dicabut.") % {"nama": token.nama})
    return redirect("api_tokens")

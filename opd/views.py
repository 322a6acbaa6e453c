from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The landing page: what this user can do, by role."""
    return render(request, "home.html", {})


class PasswordChange(auth_views.PasswordChangeView):
    """Django's password change (it keeps this session and ends the others), which also ends
    the one-time password of a first login."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        return response

"""First login with a one-time password: the user chooses their own before anything else.

An account made by the user import carries `must_change_password`; until its owner has set a
password of their own, every page answers with a redirect to the password change (the change
itself, logging out and static files excepted). The flag is cleared by
rakor.passwords.ThrottledPasswordChangeView.
"""

from django.shortcuts import redirect
from django.urls import reverse


class FirstLoginPasswordMiddleware:
    ALLOWED = ("password_change", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and request.path not in {reverse(name) for name in self.ALLOWED}
            and not request.path.startswith("/static/")
        ):
            return redirect("password_change")
        return self.get_response(request)

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The landing page: what this user can do, by role."""
    return render(request, "home.html", {})

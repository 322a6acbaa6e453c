"""The user's notifications: the list (newest first), opening one (read, then its page) and
the channels the user chooses. Each user sees only their own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import NotificationSettingsForm
from ..models import Notification
from ..notify import mark_all_read, mark_read


@login_required
@require_GET
def notification_list(request):
    notifications = Notification.objects.for_user(request.user)
    page = Paginator(notifications, 50).get_page(request.GET.get("page"))
    return render(request, "opd/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark it read and go to the page it is about (only a path of this site). A POST: reading
    a page never changes anything; emails and WhatsApp messages link to the page itself."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    mark_read(notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("opd:notification_list")
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request):
    mark_all_read(request.user)
    messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("opd:notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pengaturan notifikasi tersimpan."))
        return redirect("opd:notification_list")
    return render(
        request,
        "opd/notification_settings.html",
        {"form": form, "whatsapp_available": bool(settings.RAKOR_WHATSAPP_URL)},
    )

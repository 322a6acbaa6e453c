"""The root URL configuration: the only place that wires every app together, and the URLs of
the Rakor meetings, their follow-ups and briefings (`meeting_patterns`, namespace "rakor")."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from opd.forms import LoginForm
from opd.urls import job_patterns
from rakor.passwords import ThrottledPasswordChangeView
from rakor.views import meetings, tokens
from reports.urls import open_patterns
from reports.views import home, province

meeting_patterns = [
    path("", meetings.meeting_list, name="meeting_list"),
    path("baru/", meetings.meeting_edit, name="meeting_create"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:pk>/ubah/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:rakor_pk>/arahan/baru/", meetings.arahan_edit, name="arahan_create"),
    path("<int:rakor_pk>/arahan/<int:pk>/", meetings.arahan_edit, name="arahan_edit"),
    path("tindak-lanjut/", meetings.followup_list, name="followup_list"),
    path("tindak-lanjut/<int:pk>/", meetings.followup_update, name="followup_update"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's view keeps this session and, through the session hash, ends every other one;
    # a wrong old password counts as a failed login (rakor/passwords.py).
    path(
        "akun/kata-sandi/",
        ThrottledPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/token-api/", tokens.token_list, name="api_tokens"),
    path("akun/token-api/<int:pk>/cabut/", tokens.token_revoke, name="api_token_revoke"),
    path("laporan/", include("realisasi.urls")),
    path("dasbor/", include("reports.urls")),
    path("rakor/", include((meeting_patterns, "rakor"))),
    path("notifikasi/", include("opd.urls")),
    path("tugas/", include((job_patterns, "tugas"))),
    path("api/v1/", include("reports.api.urls")),
    path("data-terbuka/", include((open_patterns, "open"))),
    path("provinsi/", province.province, name="province"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = _("Administrasi Rakor")
admin.site.site_title = _("Administrasi Rakor")
admin.site.index_title = _("Pengelolaan data")

# Error pages in Indonesian that show nothing internal (rakor/errors.py).
handler400 = "rakor.errors.bad_request"
handler403 = "rakor.errors.permission_denied"
handler404 = "rakor.errors.page_not_found"
handler500 = "rakor.errors.server_error"

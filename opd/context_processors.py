from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .access import OPD_ROLES, READ_ALL_ROLES, VERIFIKATOR_ROLES, role_of
from .choices import Role

# (label, url name, roles that see it: the roles the page admits, opd.access). An entry whose
# URL is not (yet) wired is skipped.
NAVIGATION = [
    (_("Beranda"), "home", None),
    (_("Laporan bulanan"), "realisasi:report_home", OPD_ROLES | VERIFIKATOR_ROLES),
    (_("Kinerja"), "realisasi:kinerja_home", None),
    (_("Kepatuhan"), "realisasi:compliance", READ_ALL_ROLES),
    (_("Dasbor"), "reports:summary", None),
    (_("Rekap OPD"), "reports:rekap", None),
    (_("Kendala"), "reports:kendala", None),
    (_("Peringatan dini"), "reports:peringatan", None),
    (_("Rakor"), "rakor:meeting_list", None),
    (_("Persiapan"), "realisasi:setup", VERIFIKATOR_ROLES),
    (_("Impor data"), "realisasi:import_home", VERIFIKATOR_ROLES),
    (_("Jejak audit"), "realisasi:audit", VERIFIKATOR_ROLES),
    (_("Admin"), "admin:index", {Role.ADMIN}),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        role = role_of(user)
        for label, url_name, roles in NAVIGATION:
            if roles is not None and role not in roles:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": request.path == url})
    return {"nav_items": items, "pemda_name": settings.RAKOR_PEMDA_NAME}

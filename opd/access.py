"""Who is who, and who reads which OPD: the one place views, querysets, templates and the
menu ask.

- Operator and pengelola (OPD users) read their own OPD only.
- Verifikator, pimpinan and admin read every OPD.
- Verifikator and admin verify, import, set up the year and run the Rakor.
- A superuser is an admin whatever their role field says: `createsuperuser` gives the admin
  role, and an account made superuser in the admin keeps the role it had (`role_of`).

Which OPDs a user reads is `visible_opd_ids`; `Opd.objects.visible_to(user)` is its
queryset, and every other scoped queryset (budget lines, follow-ups) filters by the same
ids. Views are guarded with `role_required(*roles)` or `RoleRequiredMixin`; anonymous users
are sent to the login, signed-in users without the role get 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views import View

from .choices import Role

OPD_ROLES = frozenset({Role.OPERATOR, Role.PENGELOLA})
VERIFIKATOR_ROLES = frozenset({Role.VERIFIKATOR, Role.ADMIN})
# The roles that read every OPD: the dashboards of the Pemda, compliance, the briefing.
READ_ALL_ROLES = frozenset({Role.VERIFIKATOR, Role.PIMPINAN, Role.ADMIN})


def role_of(user) -> str | None:
    """The role a user acts in: admin for a superuser, none for an anonymous visitor."""
    if user is None or not user.is_authenticated:
        return None
    return Role.ADMIN if user.is_superuser else user.role


def has_role(user, *roles) -> bool:
    return role_of(user) in roles


def is_admin(user) -> bool:
    return role_of(user) == Role.ADMIN


def is_verifikator(user) -> bool:
    """Verifikator or admin: the people who verify, return and reopen reports."""
    return role_of(user) in VERIFIKATOR_ROLES


def is_pimpinan(user) -> bool:
    return role_of(user) == Role.PIMPINAN


def is_opd_user(user) -> bool:
    """Operator or pengelola of one OPD."""
    return role_of(user) in OPD_ROLES


def sees_all_opds(user) -> bool:
    """Verifikator, pimpinan and admin read every OPD; OPD users only their own."""
    return role_of(user) in READ_ALL_ROLES


def visible_opd_ids(user) -> list[int] | None:
    """The ids of the OPDs a user may read: None for every OPD, [] for none (anonymous, or a
    user without an OPD and without a role that reads all)."""
    if sees_all_opds(user):
        return None
    if role_of(user) is None or user.opd_id is None:
        return []
    return [user.opd_id]


def role_required(*roles):
    """Login first; then only users acting in one of `roles` (403 for everyone else)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin(View):
    """`role_required` for class-based views: set `roles`.

    Not built on django.contrib.auth.mixins: that module imports the auth forms, which need
    the user model, and opd.models reads this module."""

    roles: frozenset = frozenset()

    def dispatch(self, request, *args, **kwargs):
        return role_required(*self.roles)(super().dispatch)(request, *args, **kwargs)

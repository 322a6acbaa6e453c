"""`Authorization: Bearer rk_...`: a per-user token (rakor.tokens.ApiToken) acts as its user."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from rakor.tokens import ApiToken

KEYWORDS = (b"bearer", b"token")


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Header Authorization harus berbentuk 'Bearer <token>'.")
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        token = ApiToken.objects.for_key(raw)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Token API tidak sah atau telah dicabut."))
        token.touch()
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "rk_..."}

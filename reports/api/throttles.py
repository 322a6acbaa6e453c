"""One throttle per token: a script with its own token cannot starve its user's other tokens,
nor the user's browser session (throttled on its own key), RAKOR_API_RATE a minute each."""

from rest_framework.throttling import SimpleRateThrottle

from rakor.tokens import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

"""One-time passwords of accounts made in bulk (the user import).

A one-time password is 20 random characters from a 31-letter alphabet without look-alikes
(about 99 bits): it is shown once to the admin, and its owner must replace it at the first
login (opd.middleware). Key stretching protects passwords people choose; a random secret this
long cannot be guessed from its hash either way, so it is hashed with OneTimePasswordHasher,
a PBKDF2 of few iterations, so that 225 accounts are made in a second rather than in a minute.
Django re-hashes with the default hasher at the first login, and the change replaces it.
"""

import secrets

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GROUPS, GROUP_SIZE = 4, 5


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_otp"
    iterations = 1000


def new_one_time_password() -> str:
    """`k7pmx-3qdra-…`: four groups of five, easy to read out and to type."""
    return "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE)) for _ in range(GROUPS)
    )


def hash_one_time_password(password: str) -> str:
    """The hash to store; the fast hasher when the settings list it, else the default one."""
    try:
        get_hasher(OneTimePasswordHasher.algorithm)
    except ValueError:
        return make_password(password)
    return make_password(password, hasher=OneTimePasswordHasher.algorithm)

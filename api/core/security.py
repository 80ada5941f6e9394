"""Passwords and tokens. The only module that imports the JWT library.

Access tokens are short-lived JWTs (HS256 only; `iss`, `aud`, `exp`, `sub`
required; `sid` names the sign-in session of staff and portal tokens). Refresh tokens and other opaque secrets are random strings stored
only as SHA-256 digests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from cryptography.fernet import Fernet
from jose import JWTError, jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from api.core import clock
from api.core.config import Settings

ALGORITHMS = ["HS256"]
PrincipalKind = Literal["staff", "portal", "partner"]

_password_hash = PasswordHash((Argon2Hasher(),))
# Verified against when the account does not exist, so an unknown email costs
# the same time as a wrong password.
_DUMMY_HASH = _password_hash.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _password_hash.verify(password, _DUMMY_HASH)
        return False
    return _password_hash.verify(password, password_hash)


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def constant_time_equals(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


@dataclass(frozen=True)
class AccessClaims:
    subject: str
    kind: PrincipalKind
    organization_id: str
    session_epoch: int
    expires_at: datetime
    # The sign-in session the token belongs to (its refresh-token family); None for
    # partner clients, whose tokens end when the client is revoked.
    session_id: str | None = None


def issue_access_token(
    settings: Settings,
    *,
    subject: str,
    kind: PrincipalKind,
    organization_id: str,
    session_epoch: int = 0,
    session_id: str | None = None,
) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds. `session_id` (claim `sid`) ties
    it to a sign-in session, checked on every request so sign-out ends it at once."""
    now = clock.now()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": subject,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "jti": secrets.token_hex(8),
        "kind": kind,
        "org": organization_id,
        "epoch": session_epoch,
    }
    if session_id is not None:
        claims["sid"] = session_id
    token = jwt.encode(claims, settings.secret_key, algorithm=ALGORITHMS[0])
    return token, int(lifetime.total_seconds())


class InvalidToken(Exception):
    pass


def verify_access_token(settings: Settings, token: str) -> AccessClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") not in ALGORITHMS:
            raise InvalidToken("unsupported algorithm")
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=ALGORITHMS,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            # Time claims are checked below against the app's one clock.
            # (jose's require_exp would force its wall-clock check, so presence is checked here).
            options={
                "require_sub": True,
                "require_aud": True,
                "require_iss": True,
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
            },
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    now = int(clock.now().timestamp())
    try:
        expires, not_before = int(claims["exp"]), int(claims.get("nbf", claims["iat"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidToken("missing or malformed exp/iat") from exc
    if expires <= now:
        raise InvalidToken("expired")
    if not_before > now + 30:  # small allowance for clock skew between API processes
        raise InvalidToken("not yet valid")
    kind = claims.get("kind")
    if kind not in ("staff", "portal", "partner") or not isinstance(claims.get("org"), str):
        raise InvalidToken("malformed claims")
    session_id = claims.get("sid")
    if session_id is not None and not isinstance(session_id, str):
        raise InvalidToken("malformed session id")
    return AccessClaims(
        subject=str(claims["sub"]),
        kind=kind,
        organization_id=claims["org"],
        session_epoch=int(claims.get("epoch", 0)),
        expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=clock.now().tzinfo),
        session_id=session_id,
    )


MfaPurpose = Literal["mfa", "mfa-enroll"]


@dataclass(frozen=True)
class MfaClaims:
    subject: str
    organization_id: str
    session_epoch: int


def issue_mfa_token(
    settings: Settings,
    *,
    subject: str,
    organization_id: str,
    purpose: MfaPurpose,
    session_epoch: int,
    minutes: int,
) -> str:
    """A short-lived token that proves the password step of a sign-in, and nothing else.

    Its audience is `<jwt_audience>:<purpose>`, so it is never accepted as an access
    token, and an enrolment token never passes for a second-factor one."""
    now = clock.now()
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": f"{settings.jwt_audience}:{purpose}",
        "sub": subject,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
        "jti": secrets.token_hex(8),
        "org": organization_id,
        "epoch": session_epoch,
    }
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHMS[0])


def verify_mfa_token(settings: Settings, token: str, purpose: MfaPurpose) -> MfaClaims:
    """Raises InvalidToken when the token is forged, expired or for another purpose."""
    try:
        if jwt.get_unverified_header(token).get("alg") not in ALGORITHMS:
            raise InvalidToken("unsupported algorithm")
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=ALGORITHMS,
            audience=f"{settings.jwt_audience}:{purpose}",
            issuer=settings.jwt_issuer,
            options={"require_sub": True, "require_aud": True, "verify_exp": False},
        )
        expires = int(claims["exp"])
        organization_id = claims["org"]
        epoch = int(claims.get("epoch", 0))
    except (JWTError, KeyError, TypeError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc
    if expires <= int(clock.now().timestamp()) or not isinstance(organization_id, str):
        raise InvalidToken("expired or malformed")
    return MfaClaims(str(claims["sub"]), organization_id, epoch)


def token_principal_key(settings: Settings, token: str) -> str | None:
    """The verified subject of a token, or None; used to scope idempotency keys."""
    try:
        claims = verify_access_token(settings, token)
    except InvalidToken:
        return None
    return f"{claims.kind}:{claims.subject}"


def _sealing_key(settings: Settings) -> Fernet:
    # A key of its own, derived from the app secret, so sealed values and tokens never share one.
    material = hashlib.sha256(b"cairn-seal:" + settings.secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(material))


def seal(settings: Settings, secret: str) -> str:
    """Encrypts a secret that must be read back later (webhook signing secrets)."""
    return _sealing_key(settings).encrypt(secret.encode()).decode()


def unseal(settings: Settings, sealed: str) -> str:
    return _sealing_key(settings).decrypt(sealed.encode()).decode()


def sign_webhook(secret: str, timestamp: int, body: bytes) -> str:
    """`Cairn-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"

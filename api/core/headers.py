"""Browser security headers on every response: the dashboard, the API, problems.

- `Content-Security-Policy`: HTML (the dashboard) gets `DASHBOARD_POLICY`: scripts
  only from our own origin, never inline; styles from our origin plus inline
  `<style>` (Mantine injects its theme variables as style tags; see
  docs/security.md). Everything else (JSON, problems, assets) gets `API_POLICY`,
  which allows nothing at all. A response that set its own policy keeps it (the
  API docs page, `docs_policy()`).
- `frame-ancestors 'none'` and `X-Frame-Options: DENY`: never framed (clickjacking).
- `X-Content-Type-Options: nosniff`; `Referrer-Policy: no-referrer` (case and
  client ids in our URLs never leak to another site).
- `Strict-Transport-Security` in production only (`CAIRN_ENV=production`), where
  the service is reached over HTTPS; on a developer's http://127.0.0.1 it would do
  nothing useful and could pin localhost to HTTPS.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DASHBOARD_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"
# Swagger UI's assets come from this CDN (FastAPI's default page).
DOCS_CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def docs_policy(html: str) -> str:
    """The policy of the API docs page `html`: its CDN scripts and styles, and its one
    inline script allowed by hash only (no 'unsafe-inline' for scripts)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {DOCS_CDN} {hashes}".strip(),
            f"style-src {DOCS_CDN} 'unsafe-inline'",
            "img-src 'self' data: https://fastapi.tiangolo.com",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                html = headers.get("content-type", "").startswith("text/html")
                headers.setdefault(
                    "Content-Security-Policy", DASHBOARD_POLICY if html else API_POLICY
                )
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if self.hsts:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)

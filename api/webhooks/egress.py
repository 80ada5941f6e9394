"""Where a webhook may be sent.

A practice admin chooses webhook URLs, so without a check the worker could be aimed at the
hosting network's own services (server-side request forgery; cloud metadata lives at
169.254.169.254). Unless private addresses are allowed (CAIRN_WEBHOOK_PRIVATE_ADDRESSES,
allowed by default outside production for the demo and the tests on 127.0.0.1):

- a URL whose host is `localhost` or a literal non-public address is refused when it is set
  (422 at the field);
- the worker resolves the host before each attempt and does not send when any address it
  resolves to is not public; the attempt is recorded and retried like a failed one.

The check and the connection resolve the name separately, so a receiver's DNS that changes
between the two (rebinding) is not stopped here; docs/security.md advises an egress proxy.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from api.core.config import Settings
from api.core.problems import FieldError, UnprocessableContent

PRIVATE_HOST = "must be a public internet address (private, loopback and link-local are refused)"


def is_public(address: str) -> bool:
    """Globally routable unicast: not private, loopback, link-local, shared, reserved or
    multicast (IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def check_url(settings: Settings, url: str | None, field: str) -> None:
    """Refuses a webhook URL that names a private host outright (no DNS lookup)."""
    if url is None or settings.webhooks_may_reach_private_addresses:
        return
    host = _host(url)
    if host == "localhost" or host.endswith(".localhost"):
        refused = True
    else:
        try:
            refused = not is_public(host)
        except ValueError:  # a name, resolved by the worker before each attempt
            refused = False
    if refused:
        raise UnprocessableContent(
            "Webhooks may only go to public addresses.",
            errors=[FieldError(loc=["body", field], msg=PRIVATE_HOST, type="private_address")],
        )


def refusal(settings: Settings, url: str) -> str | None:
    """Why the worker will not send to this URL now, or None. A name that does not resolve is
    left to the HTTP client, which reports it as a connection error."""
    if settings.webhooks_may_reach_private_addresses:
        return None
    parts = urlsplit(url)
    host = _host(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError):
        return None
    private = sorted({str(info[4][0]) for info in found if not is_public(str(info[4][0]))})
    if private:
        return f"refused: {host} resolves to a non-public address ({', '.join(private)})"
    return None

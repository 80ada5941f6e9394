"""Where a webhook may be sent.

A practice admin chooses webhook URLs, so without a check the worker could be aimed at the
hosting network's own services (server-side request forgery; cloud metadata lives at
169.254.169.254). Unless private addresses are allowed (CAIRN_WEBHOOK_PRIVATE_ADDRESSES,
allowed by default outside production for the demo and the tests on 127.0.0.1):

- a URL whose host is `localhost` or a literal non-public address is refused when it is set
  (422 at the field);
- before each attempt the worker resolves the host once and refuses (recorded, retried like
  a failed attempt) when it cannot resolve or when any address is not public. Otherwise it
  connects to the address it checked, keeping the name for the Host header and for TLS
  (SNI and certificate check), so a second DNS answer (rebinding) cannot redirect it.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from api.core.config import Settings
from api.core.problems import FieldError, UnprocessableContent

PRIVATE_HOST = "must be a public internet address (private, loopback and link-local are refused)"

# IPv6 ranges that carry or reach an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible,
# SIIT): an address in them could lead back to a private IPv4 network, so none is public here.
_IPV4_CARRYING = tuple(
    ipaddress.IPv6Network(net)
    for net in (
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "2002::/16",
        "2001::/32",
        "::/96",
        "::ffff:0:0:0/96",
    )
)


class Refused(Exception):
    """The worker will not send this delivery now; the message is kept as its last error."""


@dataclass(frozen=True)
class Destination:
    """What the worker connects to for one attempt."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, str] = field(default_factory=dict)


def is_public(address: str) -> bool:
    """Globally routable unicast: not private, loopback, link-local, shared, reserved or
    multicast. IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry; other
    IPv6 forms that embed or translate to IPv4 are not public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif any(ip in net for net in _IPV4_CARRYING):
            return False
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


def destination(settings: Settings, url: str) -> Destination:
    """Where to send this attempt: the URL itself where private addresses are allowed; else
    the URL with its host replaced by one checked public address. Raises Refused."""
    if settings.webhooks_may_reach_private_addresses:
        return Destination(url)
    parts = urlsplit(url)
    host = _host(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as exc:
        raise Refused(f"refused: {host} could not be resolved") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    private = [a for a in addresses if not is_public(a)]
    if private:
        raise Refused(f"refused: {host} resolves to a non-public address ({', '.join(private)})")
    if not addresses:
        raise Refused(f"refused: {host} could not be resolved")
    address = addresses[0]
    pinned = f"[{address}]" if ":" in address else address
    userinfo, _, hostport = parts.netloc.rpartition("@")
    netloc = (f"{userinfo}@" if userinfo else "") + pinned
    if parts.port:
        netloc += f":{parts.port}"
    return Destination(
        urlunsplit(parts._replace(netloc=netloc)),
        # One connection per attempt: a pooled connection made for another name that
        # resolved to the same address must not carry this one.
        headers={"Host": hostport, "Connection": "close"},
        extensions={"sni_hostname": host},
    )

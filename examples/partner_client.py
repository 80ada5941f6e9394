#!/usr/bin/env python3
"""A Cairn partner client: what a treatment center's own system needs, in one file.

It gets a token with the client-credentials grant, polls for referrals addressed to
your center, reads one (with its consent summary and the 42 CFR Part 2 redisclosure
notice), reports status updates, reports bed capacity, and receives signed webhooks.
Copy what you need; it depends only on the standard library and httpx.

    pip install httpx
    export CAIRN_BASE_URL=http://127.0.0.1:8000
    export CAIRN_CLIENT_ID=tc_...  CAIRN_CLIENT_SECRET=...  CAIRN_WEBHOOK_SECRET=...
    python partner_client.py token
    python partner_client.py poll
    python partner_client.py show <referral_id>
    python partner_client.py show <referral_id> --fhir     # the same, as a FHIR R4 Bundle
    python partner_client.py status <referral_id> accepted --note "Bed held for Thursday"
    python partner_client.py status <referral_id> declined --reason "No bed for three weeks"
    python partner_client.py status <referral_id> discharged --reason completed
    python partner_client.py capacity 3
    python partner_client.py listen --port 8787

The guide is docs/partners.md. Exit codes: 0 done, 1 the API or the network refused,
2 wrong usage or configuration, 3 the client's consent is no longer active.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import random
import sys
import tempfile
import textwrap
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

API = "/api/v1"
RENEW_BEFORE_SECONDS = 60  # ask for a new token this long before the old one expires
POLL_OVERLAP = timedelta(minutes=2)  # re-read this far behind the high-water mark
SIGNATURE_TOLERANCE_SECONDS = 300
MAX_ATTEMPTS = 5
MAX_WEBHOOK_BODY = 1024 * 1024
CENTER_STATUSES = ("received", "accepted", "declined", "admitted", "discharged")
DISCHARGE_REASONS = ("completed", "left_against_advice", "administrative", "transferred")


class ApiProblem(Exception):
    """An RFC 9457 problem+json answer (or a network failure, with status 0)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.type = str(body.get("type", ""))
        self.title = str(body.get("title", "Request failed"))
        self.detail = str(body.get("detail", ""))
        self.errors: list[dict[str, Any]] = list(body.get("errors") or [])
        super().__init__(f"{self.title}: {self.detail}")

    @property
    def slug(self) -> str:
        return self.type.rsplit("/", 1)[-1]


class State:
    """A small JSON file: the cached access token and the polling high-water mark.
    It holds a live token, so it is readable by its owner only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
        except ValueError as exc:
            print(f"usage error: {path} is not a state file ({exc}); move it away", file=sys.stderr)
            raise SystemExit(2) from exc

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".cairn-state-")
        with os.fdopen(fd, "w") as file:
            json.dump(self.data, file, indent=2)
        os.replace(temporary, self.path)  # atomic: a crash never leaves half a file


class CairnPartner:
    def __init__(self, base_url: str, client_id: str, client_secret: str, state: State) -> None:
        self.client_id, self.client_secret, self.state = client_id, client_secret, state
        self.http = httpx.Client(
            base_url=base_url.rstrip("/") + API,
            timeout=httpx.Timeout(10.0),
            headers={"User-Agent": "cairn-partner-example/1.0", "Accept": "application/json"},
        )
        self.token_key = f"{base_url.rstrip('/')} {client_id}"

    # --- authentication -----------------------------------------------------------

    def token(self, *, renew: bool = False) -> dict[str, Any]:
        """The cached token while it has more than a minute left, else a new one."""
        cached = self.state.data.get("token")
        if (
            not renew
            and cached
            and cached.get("for") == self.token_key
            and cached["expires_at"] - time.time() > RENEW_BEFORE_SECONDS
        ):
            return dict(cached)
        response = self._send(
            "POST",
            "/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            },
        )
        body = response.json()
        token = {
            "for": self.token_key,
            "access_token": body["access_token"],
            "expires_at": time.time() + int(body["expires_in"]),
        }
        self.state.data["token"] = token
        self.state.save()
        return token

    def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
        accept: str | None = None,
    ) -> Any:
        """One API call with the bearer token; a 401 renews the token once."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        if accept:
            headers["Accept"] = accept
        for renew in (False, True):
            headers["Authorization"] = f"Bearer {self.token(renew=renew)['access_token']}"
            try:
                return self._send(
                    method, path, params=params, json=json_body, headers=headers
                ).json()
            except ApiProblem as problem:
                if problem.status != 401 or renew:
                    raise
        raise AssertionError("unreachable")

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Retries what may succeed later (429, 5xx, network errors, a key in flight) with
        exponential backoff and jitter, honouring Retry-After. A POST is retried only with an
        Idempotency-Key, so a retry can never report a status change twice."""
        retry_safe = method != "POST" or "Idempotency-Key" in kwargs.get("headers", {})
        retry_safe = retry_safe or path == "/auth/token"
        for attempt in range(1, MAX_ATTEMPTS + 1):
            last = attempt == MAX_ATTEMPTS or not retry_safe
            try:
                response = self.http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                if last:
                    raise ApiProblem(0, {"title": "Network error", "detail": str(exc)}) from exc
                _sleep_before_retry(attempt, None)
                continue
            if response.is_success:
                return response
            problem = ApiProblem(response.status_code, _problem_body(response))
            later = response.status_code in (429, 500, 502, 503, 504)
            # The same Idempotency-Key is still being worked on: ask again shortly.
            later = later or problem.slug == "idempotency-in-flight"
            if later and not last:
                _sleep_before_retry(attempt, response.headers.get("Retry-After"))
                continue
            raise problem
        raise AssertionError("unreachable")

    # --- the partner API ------------------------------------------------------------

    def referrals_changed_since(
        self, updated_since: str | None, status: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every referral changed at or after `updated_since`, oldest change first,
        following `next_cursor` page by page."""
        cursor = None
        while True:
            params = {
                "limit": 100,
                "updated_since": updated_since,
                "status": status,
                "cursor": cursor,
            }
            page = self.call(
                "GET",
                "/partner/referrals",
                params={k: v for k, v in params.items() if v is not None},
            )
            yield from page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return

    def referral(self, referral_id: str) -> dict[str, Any]:
        return dict(self.call("GET", f"/partner/referrals/{referral_id}"))

    def referral_fhir(self, referral_id: str) -> dict[str, Any]:
        """The same referral as a FHIR R4 Bundle: ServiceRequest, Task and the minimum
        Patient (same consent gate: 403 consent-not-active once it ended)."""
        return dict(
            self.call("GET", f"/partner/referrals/{referral_id}", accept="application/fhir+json")
        )

    def report_status(
        self, referral_id: str, body: dict[str, Any], idempotency_key: str
    ) -> dict[str, Any]:
        return dict(
            self.call(
                "POST",
                f"/partner/referrals/{referral_id}/status",
                json_body=body,
                idempotency_key=idempotency_key,
            )
        )

    def set_capacity(self, beds: int) -> dict[str, Any]:
        return dict(self.call("PUT", "/partner/capacity", json_body={"beds_available": beds}))


def _sleep_before_retry(attempt: int, retry_after: str | None) -> None:
    wait = min(30.0, 0.5 * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)  # noqa: S311
    if retry_after and retry_after.isdigit():
        wait = max(wait, float(retry_after))
    time.sleep(wait)


def _problem_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return {"title": f"HTTP {response.status_code}", "detail": response.text[:200]}


# --- webhooks ----------------------------------------------------------------------


def verify_signature(
    header: str,
    body: bytes,
    secret: str,
    now: float,
    tolerance: int = SIGNATURE_TOLERANCE_SECONDS,
) -> bool:
    """Checks `Cairn-Signature: t=<unix seconds>,v1=<hex>` where the hex is
    HMAC-SHA256(webhook secret, "<t>.<raw body>"). Use the raw bytes as received (not
    re-serialised JSON), compare in constant time, and refuse old timestamps so a
    captured delivery cannot be replayed later."""
    fields = [part.strip().partition("=") for part in header.split(",")]
    timestamps = [value for key, _, value in fields if key == "t"]
    signatures = [value for key, _, value in fields if key == "v1"]
    if not signatures or len(timestamps) != 1:
        return False
    if not (timestamps[0].isascii() and timestamps[0].isdigit()):
        return False
    timestamp = int(timestamps[0])
    if abs(now - timestamp) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return any(hmac.compare_digest(expected, signature) for signature in signatures)


def serve_webhooks(host: str, port: int, path: str, secret: str) -> None:
    seen_events: set[str] = set()  # in production: a table with a unique key on the event id

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.path != path:
                self._answer(404)
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_WEBHOOK_BODY:
                self._answer(413)
                return
            body = self.rfile.read(length)
            header = self.headers.get("Cairn-Signature", "")
            if not verify_signature(header, body, secret, time.time()):
                print("rejected a delivery: bad or stale signature", flush=True)
                self._answer(401)
                return
            event = json.loads(body)
            # Answer at once; do the real work (fetching the referral) afterwards.
            self._answer(204)
            if event["id"] in seen_events:
                print(f"duplicate event {event['id']} ignored", flush=True)
                return
            seen_events.add(event["id"])
            referral = event.get("data", {}).get("referral_id", "-")
            print(
                f"{event['created_at']}  {event['type']:<20} referral {referral}\n"
                f"    event {event['id']}, delivery {self.headers.get('Cairn-Delivery')}",
                flush=True,
            )

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass  # the lines above say what happened

    server = ThreadingHTTPServer((host, port), Receiver)
    print(f"Listening for Cairn webhooks on http://{host}:{server.server_port}{path}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# --- the commands ------------------------------------------------------------------


def cmd_token(partner: CairnPartner, args: argparse.Namespace) -> int:
    token = partner.token(renew=args.new)
    if args.raw:
        print(token["access_token"])
        return 0
    left = int(token["expires_at"] - time.time())
    until = datetime.fromtimestamp(token["expires_at"]).astimezone().strftime("%H:%M:%S %Z")
    print(f"Token for {partner.client_id} valid until {until} ({left} s left).")
    print(f"Cached in {partner.state.path}; renewed {RENEW_BEFORE_SECONDS} s before it expires.")
    return 0


def cmd_poll(partner: CairnPartner, args: argparse.Namespace) -> int:
    """Reads what changed since the last poll. The API answers `updated_at >= since`,
    oldest change first; we ask from a little before the high-water mark (a change
    committed late may carry a slightly earlier time) and skip what we already handled."""
    key = f"poll:{args.status}" if args.status else "poll"  # a filtered view keeps its own mark
    poll = {} if args.from_start else partner.state.data.get(key, {})
    mark = poll.get("mark")
    handled: dict[str, str] = poll.get("handled", {})
    since = _iso(_parse(mark) - POLL_OVERLAP) if mark else None
    new = 0
    for referral in partner.referrals_changed_since(since, args.status):
        if handled.get(referral["id"]) == referral["updated_at"]:
            continue  # seen in the overlap already
        print(_one_line(referral))
        new += 1
        handled[referral["id"]] = referral["updated_at"]
        if mark is None or _parse(referral["updated_at"]) > _parse(mark):
            mark = referral["updated_at"]
        # Save as we go, so a crash half-way does not make us handle everything again.
        _save_poll(partner.state, key, mark, handled)
    _save_poll(partner.state, key, mark, handled)
    print(f"{new} new or changed referral(s)" + (f"; high-water mark {mark}" if mark else ""))
    return 0


def _save_poll(state: State, key: str, mark: str | None, handled: dict[str, str]) -> None:
    if mark is None:
        return
    horizon = _parse(mark) - POLL_OVERLAP
    recent = {rid: at for rid, at in handled.items() if _parse(at) >= horizon}
    state.data[key] = {"mark": mark, "handled": recent}
    state.save()


def cmd_show(partner: CairnPartner, args: argparse.Namespace) -> int:
    try:
        referral = (
            partner.referral_fhir(args.referral_id)
            if args.fhir
            else partner.referral(args.referral_id)
        )
    except ApiProblem as problem:
        if problem.slug != "consent-not-active":
            raise
        print(
            f"{problem.title}: {problem.detail}\n"
            "Cairn no longer discloses this referral. You can still report its status "
            "(for example the discharge) to close the loop; ask the practice if you need "
            "a new consent.",
            file=sys.stderr,
        )
        return 3
    print(json.dumps(referral, indent=2) if args.fhir else _describe(referral))
    return 0


def cmd_status(partner: CairnPartner, args: argparse.Namespace) -> int:
    body: dict[str, Any] = {"status": args.status}
    if args.status == "declined":
        if not args.reason:
            return _usage("a decline needs --reason (it is shown to the interventionist)")
        body["decline_reason"] = args.reason
    elif args.status == "discharged":
        if args.reason not in DISCHARGE_REASONS:
            return _usage(f"a discharge needs --reason, one of: {', '.join(DISCHARGE_REASONS)}")
        body["discharge_reason"] = args.reason
    elif args.reason:
        return _usage("--reason is only for declined and discharged")
    if args.at:
        if args.status not in ("admitted", "discharged"):
            return _usage("--at is only for admitted and discharged")
        body[f"{args.status}_at"] = args.at
    if args.note:
        body["note"] = args.note
    # One key per update: a retry (ours or yours) can never record the update twice.
    key = args.idempotency_key or str(uuid.uuid4())
    referral = partner.report_status(args.referral_id, body, key)
    last = referral["history"][-1]
    print(
        f"Referral {referral['id']} is now {referral['status']} "
        f"(was {last['from_status']}, recorded {last['at']})."
    )
    return 0


def cmd_capacity(partner: CairnPartner, args: argparse.Namespace) -> int:
    capacity = partner.set_capacity(args.beds)
    print(f"{capacity['beds_available']} bed(s) available, as of {capacity['beds_updated_at']}.")
    return 0


def cmd_listen(_partner: CairnPartner | None, args: argparse.Namespace) -> int:
    if not args.webhook_secret:
        return _usage("set CAIRN_WEBHOOK_SECRET (or --webhook-secret) to verify deliveries")
    serve_webhooks(args.host, args.port, args.path, args.webhook_secret)
    return 0


# --- printing ----------------------------------------------------------------------


def _parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _when(timestamp: str | None) -> str:
    return _parse(timestamp).strftime("%Y-%m-%d %H:%M UTC") if timestamp else "-"


def _one_line(referral: dict[str, Any]) -> str:
    client = referral["client"]
    who = (
        f"{client['first_name']} {client['last_name']}"
        if client
        else f"(withheld: consent {referral['consent']['status']})"
    )
    return (
        f"{_when(referral['updated_at'])}  {referral['status']:<10} "
        f"level {referral['level_of_care']:<4} {who:<32} {referral['id']}"
    )


def _describe(referral: dict[str, Any]) -> str:
    wrap = textwrap.TextWrapper(width=88, initial_indent="  ", subsequent_indent="  ")
    client, consent = referral["client"], referral["consent"]
    lines = [
        f"Referral {referral['id']}",
        f"  status {referral['status']}, level of care {referral['level_of_care']}, "
        f"requested admission {referral['requested_admission_date'] or '-'}",
    ]
    if client:
        born = client["date_of_birth"] or "date of birth not given"
        lines.append(f"  client {client['first_name']} {client['last_name']} ({born})")
    if referral["summary"]:
        lines += ["Summary:", wrap.fill(referral["summary"])]
    ends = (
        f"expires {_when(consent['expires_at'])}"
        if consent["expires_at"]
        else f"ends on: {consent['expiration_event']}"
    )
    lines += [
        f"Consent {consent['status']}, signed {_when(consent['signed_at'])}, {ends}",
        wrap.fill(f"Purpose: {consent['purpose']}"),
        wrap.fill(f"May be disclosed: {consent['information_description']}"),
        "History:",
    ]
    for entry in referral["history"]:
        move = f"{entry['from_status'] or '':>10} -> {entry['to_status']:<10}"
        note = f"  {entry['note']}" if entry["note"] else ""
        who = entry["actor_name"] or entry["actor_type"]
        lines.append(f"  {_when(entry['at'])}  {who[:28]:<29}{move}{note}".rstrip())
    lines += ["Redisclosure notice (42 CFR Part 2):", wrap.fill(referral["redisclosure_notice"])]
    return "\n".join(lines)


def _usage(message: str) -> int:
    print(f"usage error: {message}", file=sys.stderr)
    return 2


def _print_problem(problem: ApiProblem) -> None:
    status = f" ({problem.status})" if problem.status else ""
    print(f"error{status}: {problem.title}", file=sys.stderr)
    if problem.detail:
        print(f"  {problem.detail}", file=sys.stderr)
    for error in problem.errors:
        where = ".".join(str(part) for part in error.get("loc", []))
        print(f"  {where}: {error.get('msg')}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    env = os.environ.get
    parser = argparse.ArgumentParser(
        description="A Cairn partner API client (see docs/partners.md)."
    )
    parser.add_argument("--base-url", default=env("CAIRN_BASE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--client-id", default=env("CAIRN_CLIENT_ID"))
    parser.add_argument(
        "--client-secret",
        default=env("CAIRN_CLIENT_SECRET"),
        help="prefer the CAIRN_CLIENT_SECRET variable: arguments show up in process lists",
    )
    parser.add_argument("--webhook-secret", default=env("CAIRN_WEBHOOK_SECRET"))
    parser.add_argument(
        "--state",
        type=Path,
        default=Path(env("CAIRN_STATE_FILE", ".cairn-partner-state.json")),
        help="where the token and the polling high-water mark are kept",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    token = sub.add_parser("token", help="get (or reuse) an access token")
    token.add_argument("--new", action="store_true", help="ask for a new one now")
    token.add_argument("--raw", action="store_true", help="print only the token")
    token.set_defaults(func=cmd_token)

    poll = sub.add_parser("poll", help="list referrals changed since the last poll")
    poll.add_argument("--status", choices=("sent", "cancelled", *CENTER_STATUSES))
    poll.add_argument("--from-start", action="store_true", help="ignore the saved mark")
    poll.set_defaults(func=cmd_poll)

    show = sub.add_parser("show", help="read one referral")
    show.add_argument("referral_id")
    show.add_argument(
        "--fhir", action="store_true", help="print it as a FHIR R4 Bundle (application/fhir+json)"
    )
    show.set_defaults(func=cmd_show)

    status = sub.add_parser("status", help="report a status update")
    status.add_argument("referral_id")
    status.add_argument("status", choices=CENTER_STATUSES)
    status.add_argument("--note", help="shown in the referral's history")
    status.add_argument("--reason", help="decline reason, or discharge reason")
    status.add_argument("--at", help="when admitted or discharged (RFC 3339; default now)")
    status.add_argument("--idempotency-key", help="default: a new UUID for this update")
    status.set_defaults(func=cmd_status)

    capacity = sub.add_parser("capacity", help="report how many beds are available")
    capacity.add_argument("beds", type=int)
    capacity.set_defaults(func=cmd_capacity)

    listen = sub.add_parser("listen", help="receive and verify webhooks")
    listen.add_argument("--host", default="127.0.0.1")
    listen.add_argument("--port", type=int, default=8787)
    listen.add_argument("--path", default="/cairn/webhooks")
    listen.set_defaults(func=cmd_listen)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "listen":
        return cmd_listen(None, args)
    if not args.client_id or not args.client_secret:
        return _usage(
            "set CAIRN_CLIENT_ID and CAIRN_CLIENT_SECRET (or --client-id/--client-secret)"
        )
    partner = CairnPartner(args.base_url, args.client_id, args.client_secret, State(args.state))
    try:
        return int(args.func(partner, args))
    except ApiProblem as problem:
        _print_problem(problem)
        return 1


if __name__ == "__main__":
    sys.exit(main())

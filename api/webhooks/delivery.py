"""The worker job that delivers the outbox: signed POSTs, exponential backoff with jitter,
for at least 24 hours. Rows are claimed one at a time with FOR UPDATE SKIP LOCKED on
PostgreSQL, so two workers never send the same delivery."""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core.config import Settings
from api.core.security import sign_webhook, unseal
from api.partner.models import PartnerApiClient
from api.webhooks import egress
from api.webhooks.models import DeliveryStatus, OrganizationWebhook, WebhookDelivery

BATCH = 50
GIVE_UP_AFTER = timedelta(hours=24, minutes=30)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
TIMEOUT_SECONDS = 5.0
ROUND_BUDGET_SECONDS = 120.0  # the job lease is 5 minutes


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min … up to an hour, each ±20 % so retries do not arrive in waves."""
    wait: timedelta = min(FIRST_RETRY * (2 ** max(0, attempts - 1)), LONGEST_WAIT)
    jitter = random.uniform(0.8, 1.2)  # noqa: S311  (spreading retries, not security)
    return wait * jitter


def _secret(session: Session, settings: Settings, delivery: WebhookDelivery) -> str | None:
    if delivery.api_client_id is not None:
        client = session.get(PartnerApiClient, delivery.api_client_id)
        if client is None or client.revoked_at is not None:
            return None
        return unseal(settings, client.webhook_secret_sealed)
    endpoint = session.get(OrganizationWebhook, delivery.organization_webhook_id)
    return unseal(settings, endpoint.secret_sealed) if endpoint is not None else None


def _seconds() -> float:
    """The clock a round's budget is measured on."""
    return time.monotonic()


def _claim_next(session: Session, now: datetime) -> WebhookDelivery | None:
    return session.scalars(
        select(WebhookDelivery)
        .where(
            col(WebhookDelivery.status) == DeliveryStatus.pending.value,
            col(WebhookDelivery.next_attempt_at) <= now,
        )
        .order_by(col(WebhookDelivery.next_attempt_at))
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def deliver_due(
    session: Session, now: datetime, settings: Settings, http: httpx.Client | None = None
) -> int:
    """Up to BATCH due deliveries, one at a time: each is claimed (row lock), attempted, and its
    outcome committed before the next, so a worker that dies mid-round re-sends at most the
    one delivery it was attempting."""
    delivered = 0
    # Slow receivers cannot stretch a round past its job lease: after the budget the rest
    # waits for the next round (a minute later).
    stop_claiming_at = _seconds() + ROUND_BUDGET_SECONDS
    with http or httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
        for _ in range(BATCH):
            if _seconds() >= stop_claiming_at:
                break
            delivery = _claim_next(session, now)
            if delivery is None:
                break
            delivered += _attempt(session, settings, client, delivery, now)
            session.commit()
    return delivered


def _attempt(
    session: Session,
    settings: Settings,
    http: httpx.Client,
    delivery: WebhookDelivery,
    now: datetime,
) -> int:
    secret = _secret(session, settings, delivery)
    if secret is None:
        delivery.status, delivery.last_error = (
            DeliveryStatus.failed.value,
            "the receiver was revoked",
        )
        return 0
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "Cairn-Signature": sign_webhook(secret, int(now.timestamp()), body),
        "Cairn-Event": delivery.event_type,
        "Cairn-Delivery": str(delivery.id),
    }
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        target = egress.destination(settings, delivery.url)
        # Only the status counts: the response body is never read, so a receiver cannot
        # hold the worker (or its memory) with a long or endless one.
        with http.stream(
            "POST",
            target.url,
            content=body,
            headers={**headers, **target.headers},
            extensions=target.extensions,
        ) as response:
            delivery.last_status_code, delivery.last_error = response.status_code, None
        ok = 200 <= response.status_code < 300
    except egress.Refused as refused:
        delivery.last_status_code, delivery.last_error = None, str(refused)
        ok = False
    except httpx.HTTPError as exc:
        delivery.last_status_code, delivery.last_error = None, type(exc).__name__
        ok = False
    if ok:
        delivery.status, delivery.delivered_at = DeliveryStatus.delivered.value, now
        return 1
    if now - delivery.created_at >= GIVE_UP_AFTER:
        delivery.status = DeliveryStatus.failed.value
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    return 0

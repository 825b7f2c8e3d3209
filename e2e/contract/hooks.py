"""schemathesis hooks for e2e/contract/run.sh.

Each hook states one rule the server enforces that JSON Schema, as schemathesis generates from
it, cannot: the spec declares the rule in prose (the field's description) and the server refuses
its violation with a 4xx naming the field, and an integration test covers that refusal. Here
schema-valid requests are brought within the rule, as a correct client would; negative cases are
left alone, so their refusal is still checked.

- Idempotency keys: a well-behaved client sends a fresh key with every new request; reusing one
  for a different request is refused (409 idempotency_key_reused), by design. The fuzzer draws
  header values from a small space and would reuse keys across unrelated requests, so a
  schema-valid key it generated is replaced by a fresh UUID. Replays of one key are covered by
  the integration tests and the crash loop.
- A pipeline's stage list holds at least one `open` stage, exactly one `won` and one `lost`, and
  unique keys (a key left out is made from the stage's name). Uniqueness of a property across
  array items has no JSON Schema keyword.
- A commission simulation's invoices and refunds name deals of the same request by index, and
  a plan's bands and residual tiers ascend from their first (0% of quota, the first close).
  References within a body and ordering across array items have no JSON Schema keyword.
- Instants relative to now: a service token's `expires_at` and an activity's `follow_up_at` must
  lie in the future, an activity's `completed_at`, an invoice's `paid_at`, an upsell's `sold_at`
  and a refund's `refunded_at` not more than five minutes ahead of the server's clock, and a
  period closed must have ended. "Now" has no JSON Schema keyword.
- A territory's shape is a valid polygon: closed rings of four positions or more, in range, that
  do not cross themselves (topology has no JSON Schema keyword), so a generated shape becomes a
  small square. Its place in the hierarchy depends on the level of another record: an area or a
  micro-territory needs a parent of the level above, which the fuzzer cannot know, so a created
  territory without a parent is a region (and a region has none), and an edit keeps its parent.
- A territory list's box has its bounds in order: west ≤ east, south ≤ north.
- A partner's credit limit is in the organisation's currency (a setting), and suspending or
  closing an account says why (required by the status chosen, a pairing JSON Schema can state
  only with conditionals the generator does not honour).
- A product's prices are in the organisation's currency (a setting); a cart names each product
  once (uniqueness of a property across array items has no JSON Schema keyword), and names the
  account ordering unless the caller is a partner user (the run's admin is not: an account the
  fuzzer makes up is a 404), and gives its address or names a saved one, not both;
  cancelling an order says why. A partner invoice is not paid
  before it was issued, an instant of another record, so a payment is recorded as of now.
- A shipment's tracking event is not dated before its last one (another record's instant), so
  it happens now; delivering names who signed (a pairing of two fields); a logger's readings
  are not in the future. A video's progress is at most its length (another record's number),
  so a generated one is the first second.
- A marketing asset's or video's address is one schemathesis itself can parse: it splits every
  URL a response holds to find links, and crashes (`ValueError: Invalid IPv6 URL`) on a
  generated `https://[…` that the contract rightly allows and the server stores and echoes.
- A product image's body is an image of the type its `Content-Type` names (the bytes' format
  is what the server checks; JSON Schema's `format: binary` says only "bytes"), so each image
  type has a small real image of that type.
- A support ticket opened by staff names its account (a partner's user opens them for its own;
  the run's admin is staff): one the fuzzer leaves out is made up, and so a 404.
- A refund is of more than nothing, and a dispute's resolution carries an adjustment amount
  exactly when it adjusts (not zero). The amount's schema is the shared `Money`, which
  allows zero; the pairing of two fields has no JSON Schema keyword.
"""

import re
import struct
import uuid
import zlib
from datetime import datetime, timedelta, timezone

import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode

# A lambda's description only names it in reprs. Hypothesis finds it by parsing the source file
# with `ast`, and CPython 3.11's ast module can fail that parse with a spurious SystemError
# ("AST constructor recursion depth mismatch", python/cpython#106905) deep in a run: it failed one
# run in a dozen, on /api/v1/audit, never the same one twice. Such a lambda is described as unknown.
from hypothesis.internal import lambda_sources as _lambda_sources

_describe_lambda = _lambda_sources._lambda_description


def _lambda_description_or_unknown(f):
    try:
        return _describe_lambda(f)
    except SystemError:
        return "lambda: <unknown>"


_lambda_sources._lambda_description = _lambda_description_or_unknown

VALID_KEY = re.compile(r"^[!-~]{1,255}$")
PIPELINE_OPERATIONS = {("POST", "/api/v1/pipelines"), ("PATCH", "/api/v1/pipelines/{id}")}
SIMULATE = ("POST", "/api/v1/commissions/simulate")
CREATE_PLAN = ("POST", "/api/v1/compensation-plans")
UPDATE_PLAN = ("PATCH", "/api/v1/compensation-plans/{id}")
PREVIEW_PLAN = ("POST", "/api/v1/compensation-plans/preview")
MUST_BE_FUTURE = ("expires_at", "follow_up_at")
MUST_NOT_BE_FUTURE = ("completed_at", "paid_at", "sold_at", "refunded_at")
REFUNDS = {("POST", "/api/v1/invoices/{id}/refunds"), ("POST", "/api/v1/clients/{id}/refunds")}
RESOLVE = ("POST", "/api/v1/commissions/{id}/resolve")
CLOSE = ("POST", "/api/v1/commissions/close")
CREATE_TERRITORY = ("POST", "/api/v1/territories")
IMPORT_TERRITORIES = ("POST", "/api/v1/territories/import")
UPDATE_SETTINGS = ("PATCH", "/api/v1/settings")
CREATE_TARGET = ("POST", "/api/v1/targets")
UPDATE_TARGET = ("PUT", "/api/v1/targets/{id}")
UPDATE_TERRITORY = ("PATCH", "/api/v1/territories/{id}")
PARTNER_TERMS = {("POST", "/api/v1/partners/{id}/approve"), ("PATCH", "/api/v1/partners/{id}")}
PARTNER_STATUS = ("POST", "/api/v1/partners/{id}/status")
PRODUCT_PRICES = {("POST", "/api/v1/products"), ("PATCH", "/api/v1/products/{id}")}
CARTS = {("POST", "/api/v1/orders"), ("POST", "/api/v1/orders/quote")}
ORDER_STATUS = ("POST", "/api/v1/orders/{id}/status")
PAY_PARTNER_INVOICE = ("POST", "/api/v1/partner-invoices/{id}/pay")
TRACK_SHIPMENT = ("POST", "/api/v1/shipments/{id}/events")
LOG_TEMPERATURES = ("POST", "/api/v1/shipments/{id}/temperatures")
VIDEO_PROGRESS = ("PUT", "/api/v1/video-guides/{id}/progress")
OPEN_TICKET = ("POST", "/api/v1/support-tickets")
RESOURCE_CREATES = {("POST", "/api/v1/marketing-assets"), ("POST", "/api/v1/video-guides")}
SQUARE = [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]


def _png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# A baseline JPEG's start and frame header (what states its size), then its end.
JPEG = bytes([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0, 4, 0, 6, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9])
# An extended WebP's header with its canvas (5×3).
WEBP = b"RIFF\x16\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x02\x00\x00"
schemathesis.openapi.media_type("image/png", st.sampled_from([_png(2, 2), _png(7, 3)]))
schemathesis.openapi.media_type("image/jpeg", st.just(JPEG))
schemathesis.openapi.media_type("image/webp", st.just(WEBP))
schemathesis.openapi.media_type("application/octet-stream", st.sampled_from([_png(3, 3), JPEG, WEBP]))


@schemathesis.hook
def map_headers(context, headers):
    if headers and isinstance(headers.get("Idempotency-Key"), str) and VALID_KEY.match(headers["Idempotency-Key"]):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    return headers


@schemathesis.hook
def map_query(context, query):
    """A box's bounds in order (west ≤ east, south ≤ north): ordering has no JSON Schema keyword."""
    if isinstance(query, dict):
        for low, high in (("west", "east"), ("south", "north")):
            a, b = query.get(low), query.get(high)
            if _number(a) is not None and _number(b) is not None and _number(a) > _number(b):
                query[low], query[high] = b, a
    return query


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is not None and meta.generation.mode != GenerationMode.POSITIVE:
        return case
    # The coverage phase builds its cases without `map_query`.
    case.query = map_query(context, case.query)
    if not isinstance(case.body, dict):
        return case
    operation = (case.operation.method.upper(), case.operation.path)
    if operation in PIPELINE_OPERATIONS:
        _compose_stages(case.body.get("stages"))
    if operation == SIMULATE:
        _point_at_deals(case.body)
        _order_plan(case.body.get("plan"))
    if operation == CREATE_PLAN:
        _order_plan(case.body.get("rules"))
    if operation == PREVIEW_PLAN:
        _order_plan(case.body.get("rules"))
        _started_period(case.body)
    if operation == UPDATE_PLAN and isinstance(case.body.get("new_version"), dict):
        _order_plan(case.body["new_version"].get("rules"))
    if operation in REFUNDS:
        _more_than_nothing(case.body.get("amount"))
    if operation == RESOLVE:
        _pair_adjustment(case.body)
    if operation == CLOSE:
        _ended_period(case.body)
    if operation in (CREATE_TERRITORY, UPDATE_TERRITORY):
        _valid_shape(case.body)
    if operation == CREATE_TERRITORY and (case.body.get("kind") == "region" or case.body.get("parent_id") is None):
        case.body["kind"] = "region"
        case.body.pop("parent_id", None)
    if operation == UPDATE_TERRITORY:
        case.body.pop("parent_id", None)
    if operation == IMPORT_TERRITORIES:
        _importable(case.body)
    if operation == UPDATE_SETTINGS:
        _ordered_thresholds(case.body.get("production"))
    if operation == CREATE_TARGET:
        _target_shape(case.body)
    if operation in (CREATE_TARGET, UPDATE_TARGET) and "target_value" in case.body:
        # The value's rules depend on the metric (whole counts, a percentage, a 1–5 score):
        # one that fits every metric.
        case.body["target_value"] = "1"
    if operation in PARTNER_TERMS and isinstance(case.body.get("credit_limit"), dict):
        # A credit limit is in the organisation's currency (a setting: USD in the run).
        case.body["credit_limit"] = {"amount": "100.00", "currency": "USD"}
    if operation == PARTNER_STATUS and case.body.get("status") in ("suspended", "closed") and not case.body.get("reason"):
        case.body["reason"] = "schemathesis"
    if operation in PRODUCT_PRICES:
        for price in ("msrp", "wholesale_price", "cost"):
            if isinstance(case.body.get(price), dict):
                case.body[price] = {"amount": "2.50", "currency": "USD"}
    if operation in CARTS:
        _one_line_per_product(case.body)
        if case.body.get("ship_to") is not None:
            # An order gives its address or names a saved one, not both (a pairing).
            case.body.pop("shipping_address_id", None)
    if operation == ORDER_STATUS and case.body.get("status") == "cancelled" and not case.body.get("note"):
        case.body["note"] = "schemathesis"
    if operation == PAY_PARTNER_INVOICE:
        case.body.pop("paid_at", None)
    if operation == TRACK_SHIPMENT:
        case.body.pop("at", None)
        if case.body.get("status") == "delivered" and not case.body.get("signed_by"):
            case.body["signed_by"] = "schemathesis"
    if operation in RESOURCE_CREATES and isinstance(case.body.get("url"), str):
        case.body["url"] = "https://cdn.example.com/resource"
    if operation == OPEN_TICKET and not case.body.get("partner_id"):
        case.body["partner_id"] = str(uuid.uuid4())
    # An integer may come as an integral float (`503.0`), which the server reads as the integer.
    watched = case.body.get("watched_seconds")
    if operation == VIDEO_PROGRESS and isinstance(watched, (int, float)) and not isinstance(watched, bool):
        case.body["watched_seconds"] = min(case.body["watched_seconds"], 1)
    if operation == LOG_TEMPERATURES and isinstance(case.body.get("readings"), list):
        for reading in case.body["readings"]:
            if isinstance(reading, dict):
                _move_instants(reading, ("at",))
    _move_instants(case.body)
    return case


def _one_line_per_product(body):
    if not body.get("partner_id"):
        body["partner_id"] = "00000000-0000-7000-8000-000000000000"
    items = body.get("items")
    if not isinstance(items, list):
        return
    seen, kept = set(), []
    for item in items:
        key = item.get("product_id") if isinstance(item, dict) else None
        if key is None or key not in seen:
            kept.append(item)
            seen.add(key)
    body["items"] = kept


def _target_shape(body):
    """A city target names a city and no assignee; the others an assignee and no city."""
    if body.get("target_type") == "city":
        body.pop("assignee_id", None)
        if not body.get("city"):
            body["city"] = "Lisbon"
    else:
        body.pop("city", None)
        if not body.get("assignee_id"):
            body["assignee_id"] = "00000000-0000-7000-8000-000000000000"
    body["target_value"] = "1"


def _importable(body):
    """Each feature a region of its own (a parent named by a random slug does not exist, and a
    slug may name a territory of another level), with a valid shape."""
    for feature in body.get("features") or []:
        if not isinstance(feature, dict):
            continue
        _valid_shape(feature)
        props = feature.get("properties")
        if isinstance(props, dict):
            props["kind"] = "region"
            props.pop("parent", None)
            props.pop("slug", None)


def _ordered_thresholds(production):
    """Yellow is not above green (the settings refuse it, naming the field)."""
    if isinstance(production, dict):
        green, yellow = production.get("green_per_month"), production.get("yellow_per_month")
        # JSON Schema integers may come as 55.0.
        green, yellow = _number(green), _number(yellow)
        if green is not None and yellow is not None and yellow > green:
            production["yellow_per_month"] = production["green_per_month"]


def _valid_shape(body):
    """A generated Polygon or MultiPolygon becomes a unit square of the same type."""
    shape = body.get("geometry")
    if not isinstance(shape, dict):
        return
    if shape.get("type") == "MultiPolygon":
        shape["coordinates"] = [SQUARE]
    elif shape.get("type") == "Polygon":
        shape["coordinates"] = SQUARE


def _is_zero(text):
    try:
        return float(text) == 0
    except (TypeError, ValueError):
        return False


def _more_than_nothing(money):
    if isinstance(money, dict) and _is_zero(money.get("amount")):
        money["amount"] = "1"


def _pair_adjustment(body):
    """`adjust` carries a non-zero amount, `uphold` none."""
    if body.get("resolution") == "uphold":
        body.pop("adjustment", None)
    elif body.get("resolution") == "adjust":
        money = body.get("adjustment")
        if not isinstance(money, dict):
            body["adjustment"] = {"amount": "1.00", "currency": "USD"}
        else:
            _more_than_nothing(money)


def _period_at_most(body, latest):
    """Keeps `period` (YYYY-MM) no later than `latest`."""
    period = body.get("period")
    if isinstance(period, str) and re.match(r"^[0-9]{4}-[0-9]{2}$", period) and period > latest:
        body["period"] = latest


def _ended_period(body):
    """A month that has ended: last month or earlier."""
    now = datetime.now(timezone.utc)
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    _period_at_most(body, f"{year:04d}-{month:02d}")


def _started_period(body):
    """A month that has started: this month or earlier."""
    now = datetime.now(timezone.utc)
    _period_at_most(body, f"{now.year:04d}-{now.month:02d}")


def _compose_stages(stages):
    """Kinds become open…open, won, lost; keys are made unique where they are not."""
    if not isinstance(stages, list) or len(stages) < 3 or not all(isinstance(s, dict) for s in stages):
        return
    for i, stage in enumerate(stages):
        stage["kind"] = "open" if i < len(stages) - 2 else ("won" if i == len(stages) - 2 else "lost")
    keys = [_key_of(stage, i) for i, stage in enumerate(stages)]
    if len(set(keys)) != len(keys):
        for i, stage in enumerate(stages):
            stage["key"] = f"s{i}"


def _index(value):
    """A JSON number that is a whole index (`3` or `3.0`), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        return None
    return int(value)


def _point_at_deals(body):
    """Invoices and refunds name one of the request's deals (or, for invoices, none)."""
    deals = body.get("deals")
    count = len(deals) if isinstance(deals, list) else 0
    for invoice in body.get("invoices") or []:
        if isinstance(invoice, dict) and _index(invoice.get("deal")) is not None:
            invoice["deal"] = _index(invoice["deal"]) % count if count else None
    refunds = body.get("refunds")
    if isinstance(refunds, list):
        kept = [r for r in refunds if isinstance(r, dict) and _index(r.get("deal")) is not None and count]
        for r in kept:
            r["deal"] = _index(r["deal"]) % count
        body["refunds"] = kept


def _order_plan(plan):
    """Bands from 0% of quota up, ten points apart; residual tiers from the first close up."""
    if not isinstance(plan, dict):
        return
    rule = plan.get("new_business")
    if isinstance(rule, dict) and isinstance(rule.get("bands"), list):
        for i, band in enumerate(rule["bands"]):
            if isinstance(band, dict):
                band["from_percent"] = str(i * 10)
    tiers = plan.get("residual_tiers")
    if isinstance(tiers, list):
        for i, tier in enumerate(tiers):
            if isinstance(tier, dict):
                tier["closes"] = i + 1


def _key_of(stage, position):
    """The server's `stage_key_of`: the key, or one made from the name."""
    if isinstance(stage.get("key"), str):
        return stage["key"]
    name = stage.get("name") if isinstance(stage.get("name"), str) else ""
    made = "_".join(p for p in re.sub(r"[^A-Za-z0-9]", "_", name.strip()).lower().split("_") if p)
    return made or f"stage_{position + 1}"


def _move_instants(body, not_future=MUST_NOT_BE_FUTURE):
    now = datetime.now(timezone.utc)
    for field in MUST_BE_FUTURE + not_future:
        value = body.get(field)
        if not isinstance(value, str):
            continue
        try:
            instant = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if instant.tzinfo is None:
            continue
        if field in MUST_BE_FUTURE and instant <= now + timedelta(minutes=1):
            body[field] = (now + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
        elif field in not_future and instant > now:
            body[field] = (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

"""schemathesis hooks for e2e/contract/run.sh.

A well-behaved client sends a fresh Idempotency-Key with every new request; reusing one for a
different request is refused (422 idempotency_key_reused), by design. The fuzzer draws header
values from a small space and would reuse keys across unrelated requests, so a schema-valid key
it generated is replaced by a fresh UUID. Invalid keys (negative cases) are left alone, so the
server's refusal of those is still checked. Replays of one key are covered by the integration
tests and the crash loop.
"""

import re
import uuid

import schemathesis

VALID_KEY = re.compile(r"^[!-~]{1,255}$")


@schemathesis.hook
def map_headers(context, headers):
    if headers and isinstance(headers.get("Idempotency-Key"), str) and VALID_KEY.match(headers["Idempotency-Key"]):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    return headers

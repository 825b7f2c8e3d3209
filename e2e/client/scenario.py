"""Smoke scenario with a client generated from openapi/openapi.json by openapi-python-client:
sign in, read `me`, create a user, page through users, create and read a lead whose enum fields
(source type and channel, outcome, sales stage, referral ask) must decode as the server sends
them. Proves the contract is usable as is."""

import sys

from closebook_client import AuthenticatedClient, Client
from closebook_client.api.auth import get_me, login
from closebook_client.api.leads import create_lead, get_lead
from closebook_client.api.users import create_user, list_users
from closebook_client.models import CreateUserRequest, LoginRequest, PageUser, Problem, Role, TokenResponse, User

base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]

tokens = login.sync(client=Client(base_url=base), body=LoginRequest(email=email, password=password))
assert isinstance(tokens, TokenResponse), tokens
api = AuthenticatedClient(base_url=base, token=tokens.access_token)

me = get_me.sync(client=api)
assert isinstance(me, User) and me.email == email and me.role == Role.ADMIN, me

for i in range(3):
    created = create_user.sync(
        client=api,
        body=CreateUserRequest(email=f"client{i}@example.com", name=f"Client User {i}", role=Role.SALES_REP,
                               password="generated-client-1"),
    )
    assert isinstance(created, User) and created.role == Role.SALES_REP, created

# A refused request decodes into the Problem model with the field named.
refused = create_user.sync(
    client=api,
    body=CreateUserRequest(email="not-an-email", name="X", role=Role.SALES_REP, password="generated-client-1"),
)
assert isinstance(refused, Problem) and refused.errors[0].field == "email", refused

seen, cursor = [], None
while True:
    page = list_users.sync(client=api, limit=2, **({"cursor": cursor} if cursor else {}))
    assert isinstance(page, PageUser), page
    seen.extend(u.email for u in page.items)
    cursor = page.next_cursor
    if not cursor:
        break
assert sorted(seen) == sorted([email] + [f"client{i}@example.com" for i in range(3)]), seen
# Enum fields both ways: sent as the client's enums, read back as them (a documented value
# that differs from the wire value breaks this decoding).
from closebook_client.models import (CreateLeadRequest, Lead, Outcome, ReferralAskStatus, SalesStage, SourceChannel,
                                     SourceType)

lead = create_lead.sync(
    client=api,
    body=CreateLeadRequest(company="Generated Client Foods", source_type=SourceType.INBOUND,
                           source_channel=SourceChannel.TRADE_SHOW),
)
assert isinstance(lead, Lead), lead
read = get_lead.sync(client=api, id=lead.id)
assert isinstance(read, Lead), read
assert read.source_type == SourceType.INBOUND and read.source_channel == SourceChannel.TRADE_SHOW, read
assert read.outcome == Outcome.OPEN, read.outcome
assert isinstance(read.display_sales_stage, SalesStage), read.display_sales_stage
assert read.referral_ask_status == ReferralAskStatus.NOT_ASKED, read.referral_ask_status
print(f"signed in, read me, created 3 users, paged {len(seen)} users two at a time, "
      f"created and read a lead ({read.outcome.value}, {read.display_sales_stage.value})")
print("generated-client: 1 passed, 0 failed")

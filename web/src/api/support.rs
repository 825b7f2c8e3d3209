//! Support tickets and an account's contacts.

use closebook_shared::Page;
use closebook_shared::support::{
    CreateTicketRequest, PartnerContact, ResolveTicketRequest, SupportTicket, TicketListQuery,
};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: TicketListQuery) -> ApiResult<Page<SupportTicket>> {
    get(&format!("/support-tickets{}", query_string(&q))).await
}

pub async fn open(req: &CreateTicketRequest) -> ApiResult<SupportTicket> {
    post("/support-tickets", req).await
}

pub async fn resolve(id: Uuid, req: &ResolveTicketRequest) -> ApiResult<SupportTicket> {
    post(&format!("/support-tickets/{id}/resolve"), req).await
}

pub async fn contacts(partner: Uuid) -> ApiResult<Vec<PartnerContact>> {
    get(&format!("/partners/{partner}/contacts")).await
}

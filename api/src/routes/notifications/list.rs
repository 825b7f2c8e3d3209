use actix_web::get;
use closebook_shared::Page;
use closebook_shared::notifications::{Notification, NotificationListQuery};

use crate::authz::SignedInCtx;
use crate::db::notifications;
use crate::extract::Query;
use crate::openapi::TAG_NOTIFICATIONS;
use crate::reply::Answer;

/// List my notifications
///
/// Newest first; `unread=true` for the unread only.
#[utoipa::path(tag = TAG_NOTIFICATIONS, operation_id = "list_notifications", params(NotificationListQuery), responses(
    (status = 200, description = "A page of notifications", body = Page<Notification>),
))]
#[get("/notifications")]
pub async fn list_notifications(
    ctx: SignedInCtx,
    q: Query<NotificationListQuery>,
) -> Answer<Page<Notification>> {
    ctx.list(q.0, move |c, caller, q, page| {
        notifications::list(c, &caller.scope, q.unread.unwrap_or(false), page)
    })
    .await
}

use actix_web::get;
use closebook_shared::notifications::UnreadCount;

use crate::authz::SignedInCtx;
use crate::db::notifications;
use crate::openapi::TAG_NOTIFICATIONS;
use crate::reply::Answer;

/// Count my unread notifications
#[utoipa::path(tag = TAG_NOTIFICATIONS, operation_id = "count_unread_notifications", responses(
    (status = 200, description = "How many are unread", body = UnreadCount),
))]
#[get("/notifications/unread-count")]
pub async fn count_unread_notifications(ctx: SignedInCtx) -> Answer<UnreadCount> {
    ctx.show(|c, caller| {
        Ok(UnreadCount {
            unread: notifications::unread_count(c, &caller.scope)?,
        })
    })
    .await
}

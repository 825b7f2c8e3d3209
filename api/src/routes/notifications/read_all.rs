use actix_web::post;
use closebook_shared::notifications::UnreadCount;

use crate::authz::SignedInCtx;
use crate::db::notifications;
use crate::openapi::TAG_NOTIFICATIONS;
use crate::reply::{Answer, Reply};
use crate::time;

/// Mark all my notifications read
#[utoipa::path(tag = TAG_NOTIFICATIONS, operation_id = "read_all_notifications", responses(
    (status = 200, description = "What is left unread (none)", body = UnreadCount),
))]
#[post("/notifications/read-all")]
pub async fn read_all_notifications(ctx: SignedInCtx) -> Answer<UnreadCount> {
    ctx.commit(|c, caller| {
        notifications::mark_read(c, &caller.scope, None, time::now())?;
        Ok(Reply::ok(UnreadCount {
            unread: notifications::unread_count(c, &caller.scope)?,
        }))
    })
    .await
}

use actix_web::post;
use closebook_shared::notifications::Notification;

use crate::authz::SignedInCtx;
use crate::db::notifications;
use crate::error::ApiError;
use crate::openapi::TAG_NOTIFICATIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};
use crate::time;

/// Mark a notification read
///
/// Reading one already read changes nothing.
#[utoipa::path(tag = TAG_NOTIFICATIONS, operation_id = "read_notification", params(Id<Notification>), responses(
    (status = 200, description = "The notification", body = Notification),
))]
#[post("/notifications/{id}/read")]
pub async fn read_notification(ctx: SignedInCtx, id: Id<Notification>) -> Answer<Notification> {
    ctx.commit(move |c, caller| {
        let me = &caller.scope;
        notifications::mark_read(c, me, Some(id.uuid()), time::now())?;
        let row = notifications::find_own(c, me, id.uuid())?
            .ok_or_else(|| ApiError::not_found("notification"))?;
        Ok(Reply::ok(row.to_dto()))
    })
    .await
}

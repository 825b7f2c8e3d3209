//! The signed-in user's notifications.

use closebook_shared::Page;
use closebook_shared::notifications::{Notification, NotificationListQuery, UnreadCount};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn unread() -> ApiResult<UnreadCount> {
    get("/notifications/unread-count").await
}

pub async fn list(q: NotificationListQuery) -> ApiResult<Page<Notification>> {
    get(&format!("/notifications{}", query_string(&q))).await
}

pub async fn read(id: Uuid) -> ApiResult<Notification> {
    post(&format!("/notifications/{id}/read"), &serde_json::json!({})).await
}

pub async fn read_all() -> ApiResult<UnreadCount> {
    post("/notifications/read-all", &serde_json::json!({})).await
}

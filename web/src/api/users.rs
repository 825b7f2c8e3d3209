//! The user resource: the directory, creating and editing people, and an admin's password reset.

use closebook_shared::Page;
use closebook_shared::auth::SetPasswordRequest;
use closebook_shared::users::{CreateUserRequest, UpdateUserRequest, User, UserListQuery};
use uuid::Uuid;

use super::{ApiResult, Method, call_empty, get, patch, post, query_string, to_json};

pub async fn list(q: UserListQuery) -> ApiResult<Page<User>> {
    get(&format!("/users{}", query_string(&q))).await
}

pub async fn create(req: &CreateUserRequest) -> ApiResult<User> {
    post("/users", req).await
}

pub async fn update(id: Uuid, req: &UpdateUserRequest) -> ApiResult<User> {
    patch(&format!("/users/{id}"), req).await
}

pub async fn set_password(id: Uuid, req: &SetPasswordRequest) -> ApiResult<()> {
    call_empty(Method::Post, &format!("/users/{id}/password"), to_json(req)).await
}

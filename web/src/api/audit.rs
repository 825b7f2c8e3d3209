//! The audit log (admins).

use closebook_shared::Page;
use closebook_shared::audit::{AuditEntry, AuditQuery};

use super::{ApiResult, get, query_string};

pub async fn list(q: AuditQuery) -> ApiResult<Page<AuditEntry>> {
    get(&format!("/audit{}", query_string(&q))).await
}

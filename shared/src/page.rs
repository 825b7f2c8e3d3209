//! Cursor pagination (DESIGN.md §4): `limit` ≤ 200, default 50, opaque `next_cursor`.

use serde::{Deserialize, Serialize};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page; `null` means the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque cursor for the next page, absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// The page of a list the caller may see nothing of.
    pub fn empty() -> Self {
        Page {
            items: Vec::new(),
            next_cursor: None,
        }
    }
}

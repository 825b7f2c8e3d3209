//! Keyset (cursor) pagination: stable under concurrent inserts, cheap at any depth.
//! A cursor is the sort key of the last row served, base64url-encoded JSON, opaque to clients.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use closebook_shared::Page;
use closebook_shared::page::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: i64,
    /// Sort key of the last row of the previous page.
    pub after: Option<Vec<String>>,
}

/// A list query: its `limit` and `cursor` make the [`PageRequest`].
pub trait Paging {
    fn page_request(&self) -> Result<PageRequest, ApiError>;
}

macro_rules! paging {
    ($($t:ty),*) => {$(
        impl Paging for $t {
            fn page_request(&self) -> Result<PageRequest, ApiError> {
                PageRequest::parse(self.limit, self.cursor.as_deref())
            }
        }
    )*};
}

paging!(
    closebook_shared::targets::TargetListQuery,
    closebook_shared::territories::TerritoryListQuery,
    closebook_shared::allocation::AllocationListQuery,
    closebook_shared::notifications::NotificationListQuery,
    closebook_shared::territories::PlacementRunQuery,
    closebook_shared::commission_lines::CommissionListQuery,
    closebook_shared::activities::LeadActivityQuery,
    closebook_shared::activities::ListQuery,
    closebook_shared::activities::ScheduleQuery,
    closebook_shared::audit::AuditQuery,
    closebook_shared::clients::ClientListQuery,
    closebook_shared::leads::LeadListQuery,
    closebook_shared::partners::PartnerListQuery,
    closebook_shared::catalogue::ProductListQuery,
    closebook_shared::orders::OrderListQuery,
    closebook_shared::partner_invoices::PartnerInvoiceListQuery,
    closebook_shared::shipments::ShipmentListQuery,
    closebook_shared::support::TicketListQuery,
    closebook_shared::resources::MarketingAssetListQuery,
    closebook_shared::scripts::ScriptListQuery,
    closebook_shared::service_tokens::ServiceTokenListQuery,
    closebook_shared::teams::TeamListQuery,
    closebook_shared::users::UserListQuery
);

impl PageRequest {
    pub fn parse(limit: Option<u32>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::bad_param(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let after = cursor.filter(|c| !c.is_empty()).map(decode).transpose()?;
        Ok(Self {
            limit: i64::from(limit),
            after,
        })
    }

    /// Rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// The cursor's `i`-th key part.
    pub fn after_part(&self, i: usize) -> Option<&str> {
        self.after
            .as_ref()
            .and_then(|a| a.get(i))
            .map(String::as_str)
    }

    /// Cuts the fetched rows to the page and derives `next_cursor` from the last row kept.
    pub fn finish<R, T>(
        &self,
        mut rows: Vec<R>,
        key: impl Fn(&R) -> Vec<String>,
        to_dto: impl Fn(R) -> T,
    ) -> Page<T> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = if more {
            rows.last().map(|r| encode(&key(r)))
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(to_dto).collect(),
            next_cursor,
        }
    }
}

/// Orders a boxed diesel query by a sort key then the id (both ascending or both descending)
/// and continues after the cursor's `[key, id]`: the one way a keyset page is declared.
/// `$parse` turns the cursor's key text back into the column's value (`text_key`,
/// `parse_ts_key`, `number_key`); a cursor it cannot read is a 400. With only an id column,
/// the cursor is `[id]`.
macro_rules! keyset {
    ($query:expr, $page:expr, $key:expr, $parse:expr, $id:expr, desc) => {
        $crate::pagination::keyset!(@key $query, $page, $key, $parse, $id, lt, desc)
    };
    ($query:expr, $page:expr, $key:expr, $parse:expr, $id:expr, asc) => {
        $crate::pagination::keyset!(@key $query, $page, $key, $parse, $id, gt, asc)
    };
    ($query:expr, $page:expr, $id:expr, desc) => {
        $crate::pagination::keyset!(@id $query, $page, $id, lt, desc)
    };
    ($query:expr, $page:expr, $id:expr, asc) => {
        $crate::pagination::keyset!(@id $query, $page, $id, gt, asc)
    };
    // `$after` is `lt` for a descending order, `gt` for an ascending one.
    (@key $query:expr, $page:expr, $key:expr, $parse:expr, $id:expr, $after:ident, $dir:ident) => {{
        let mut query = $query;
        if let (Some(k), Some(id)) = ($page.after_part(0), $page.after_part(1)) {
            let k = $parse(k)?;
            let id = id.to_owned();
            query = query.filter($key.$after(k.clone()).or($key.eq(k).and($id.$after(id))));
        }
        query.order(($key.$dir(), $id.$dir()))
    }};
    (@id $query:expr, $page:expr, $id:expr, $after:ident, $dir:ident) => {{
        let mut query = $query;
        if let Some(id) = $page.after_part(0) {
            query = query.filter($id.$after(id.to_owned()));
        }
        query.order($id.$dir())
    }};
}
pub(crate) use keyset;

/// A text sort key, as the cursor holds it.
pub fn text_key(s: &str) -> Result<String, ApiError> {
    Ok(s.to_owned())
}

/// A numeric sort key; anything else is a cursor that does not fit the sort.
pub fn number_key<T: std::str::FromStr>(s: &str) -> Result<T, ApiError> {
    s.parse()
        .map_err(|_| ApiError::bad_param("cursor", "does not fit this sort"))
}

/// A timestamp as a cursor key part (microsecond precision, sorts as text).
pub fn ts_key(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

/// The timestamp a `ts_key` wrote; anything else is a cursor this API did not issue.
pub fn parse_ts_key(s: &str) -> Result<chrono::NaiveDateTime, ApiError> {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .map_err(|_| ApiError::bad_param("cursor", "is not a cursor this API issued"))
}

pub fn encode(parts: &[String]) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(parts).unwrap_or_default())
}

fn decode(cursor: &str) -> Result<Vec<String>, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
        .ok_or_else(|| ApiError::bad_param("cursor", "is not a cursor this API issued"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked() {
        let table = [
            (None, Some(50)),
            (Some(1), Some(1)),
            (Some(200), Some(200)),
            (Some(0), None),
            (Some(201), None),
        ];
        for (limit, want) in table {
            assert_eq!(
                PageRequest::parse(limit, None).ok().map(|p| p.limit),
                want,
                "{limit:?}"
            );
        }
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        let c = encode(&["Ada".into(), "id-1".into()]);
        let p = PageRequest::parse(None, Some(&c)).unwrap();
        assert_eq!(p.after_part(0), Some("Ada"));
        assert_eq!(p.after_part(1), Some("id-1"));
        assert!(PageRequest::parse(None, Some("%%%")).is_err());
        assert!(PageRequest::parse(None, Some("bm90IGpzb24")).is_err());
    }

    #[test]
    fn finish_cuts_and_points_at_last_row() {
        let p = PageRequest::parse(Some(2), None).unwrap();
        let page = p.finish(vec![1, 2, 3], |r| vec![r.to_string()], |r| r * 10);
        assert_eq!(page.items, vec![10, 20]);
        assert_eq!(page.next_cursor, Some(encode(&["2".into()])));
        let last = p.finish(vec![1, 2], |r| vec![r.to_string()], |r| r);
        assert_eq!(last.next_cursor, None);
    }
}

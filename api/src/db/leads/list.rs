//! The lead list: its row shape, the owner filter and the filtered, sorted, paged query.

use chrono::{NaiveDate, NaiveDateTime};
use closebook_shared::Page;
use closebook_shared::leads::{LeadListQuery, LeadSort, LeadSummary, Outcome, SalesStage};
use diesel::prelude::*;
use uuid::Uuid;

use crate::authz::{LeadScope, within_scope};
use crate::db::DbConn;
use crate::db::columns::{
    StoredId, StoredOptCurrency, StoredOptId, like_pattern, lower, money_of, uuid_of as uuid,
};
use crate::db::schema::{leads, pipeline_stages, users};
use crate::db::timestamp::Ts;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, number_key, parse_ts_key, ts_key};

/// The columns a list shows (timestamps as [`Ts`]: 150 of them per page).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = leads)]
pub struct LeadSummaryRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub company: String,
    pub contact_name: Option<String>,
    pub contact_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub owner_id: Option<String>,
    #[diesel(deserialize_as = StoredId)]
    pub pipeline_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub stage_id: String,
    pub outcome: Outcome,
    pub deal_value_minor: Option<i64>,
    #[diesel(deserialize_as = StoredOptCurrency)]
    pub deal_currency: Option<String>,
    pub probability: i32,
    pub expected_close_date: Option<NaiveDate>,
    pub next_action: Option<String>,
    pub next_contact_at: Option<Ts>,
    pub last_contact_at: Option<Ts>,
    pub display_sales_stage: SalesStage,
    pub incomplete: bool,
    pub score: i32,
    pub version: i64,
    pub updated_at: Ts,
}

impl LeadSummaryRow {
    pub fn to_dto(&self, stage_name: String, owner_name: Option<String>) -> LeadSummary {
        LeadSummary {
            id: uuid(&self.id),
            company: self.company.clone(),
            contact_name: self.contact_name.clone(),
            contact_title: self.contact_title.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            owner_id: self.owner_id.as_deref().map(uuid),
            owner_name,
            pipeline_id: uuid(&self.pipeline_id),
            stage_id: uuid(&self.stage_id),
            stage_name,
            outcome: self.outcome,
            deal_value: money_of(self.deal_value_minor, self.deal_currency.as_deref()),
            probability: self.probability,
            expected_close_date: self.expected_close_date,
            next_action: self.next_action.clone(),
            next_contact_at: self.next_contact_at.map(Ts::utc),
            last_contact_at: self.last_contact_at.map(Ts::utc),
            display_sales_stage: self.display_sales_stage,
            incomplete: self.incomplete,
            score: self.score,
            hot: self.score >= closebook_shared::leads::HOT_SCORE,
            version: self.version,
            updated_at: self.updated_at.utc(),
        }
    }
}

/// What `owner` accepts: `me`, `none` (leads nobody holds) or a user id (hyphenated).
pub const OWNER_PATTERN: &str =
    "^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

/// `owner` query value: `me`, `none` or a user id; `None` for `none`.
pub fn parse_owner(raw: &str, me: Option<Uuid>) -> Result<Option<String>, ApiError> {
    if raw == "none" {
        return Ok(None);
    }
    parse_user_param("owner", raw, me).map(Some)
}

/// A query parameter naming a user: `me` or a user id (e.g. `owner`, `rep`).
pub fn parse_user_param(param: &str, raw: &str, me: Option<Uuid>) -> Result<String, ApiError> {
    if raw == "me" {
        return me
            .map(|u| u.to_string())
            .ok_or_else(|| ApiError::bad_param(param, "`me` needs a signed-in user"));
    }
    // Only the hyphenated form, as the OpenAPI pattern (OWNER_PATTERN) declares.
    Uuid::try_parse(raw)
        .ok()
        .filter(|_| raw.len() == 36)
        .map(|u| u.to_string())
        .ok_or_else(|| ApiError::bad_param(param, "must be a user id or `me`"))
}

/// The filtered, sorted, paged lead list inside the caller's scope.
pub fn list(
    conn: &mut DbConn,
    scope: &LeadScope,
    me: Option<Uuid>,
    q: &LeadListQuery,
    page: &PageRequest,
    now: NaiveDateTime,
) -> Result<Page<LeadSummary>, ApiError> {
    if scope.is_nothing() {
        return Ok(Page::empty());
    }
    let owner = q.owner.as_deref().map(|o| parse_owner(o, me)).transpose()?;
    let territories = q
        .territory
        .map(|t| crate::db::territories::with_descendants(conn, &t.to_string()))
        .transpose()?;
    let sort = q.sort.unwrap_or(LeadSort::Updated);
    let after_id = page.after_part(1).map(str::to_owned);
    let after_key = page.after_part(0).map(str::to_owned);
    // Built inside `native!` so each backend runs its own boxed query: the statement is cached
    // by its SQL text instead of being re-rendered through the `MultiConnection` wrapper, and
    // the stage and owner names come from the same statement instead of two lookups.
    let rows: Vec<(LeadSummaryRow, String, Option<String>)> = crate::db::native!(conn, |c| {
        let mut query = leads::table
            .inner_join(pipeline_stages::table.on(pipeline_stages::id.eq(leads::stage_id)))
            .left_join(users::table.on(leads::owner_id.eq(users::id.nullable())))
            .select((
                LeadSummaryRow::as_select(),
                pipeline_stages::name,
                users::name.nullable(),
            ))
            .into_boxed();
        query = if scope.pool.is_empty() {
            within_scope!(query, scope, leads::owner_id)
        } else {
            // The caller's owners' leads, and the leads nobody holds in its territories.
            let pool = leads::owner_id
                .is_null()
                .and(leads::territory_id.eq_any(scope.pool.clone()));
            match scope.owners() {
                None => query,
                Some(ids) => query.filter(leads::owner_id.eq_any(ids.to_vec()).or(pool)),
            }
        };
        match &owner {
            Some(Some(owner)) => query = query.filter(leads::owner_id.eq(owner.clone())),
            Some(None) => query = query.filter(leads::owner_id.is_null()),
            None => {}
        }
        if let Some(team) = q.team {
            query = query.filter(users::team_id.eq(team.to_string()));
        }
        if let Some(p) = q.pipeline {
            query = query.filter(leads::pipeline_id.eq(p.to_string()));
        }
        if let Some(s) = q.stage {
            query = query.filter(leads::stage_id.eq(s.to_string()));
        }
        if let Some(ids) = &territories {
            query = query.filter(leads::territory_id.eq_any(ids.clone()));
        }
        if let Some(o) = q.outcome {
            query = query.filter(leads::outcome.eq(o));
        }
        if let Some(s) = q.sales_stage {
            query = query.filter(leads::display_sales_stage.eq(s.as_str()));
        }
        if let Some(s) = q.source {
            query = query.filter(leads::source_channel.eq(s.as_str()));
        }
        if let Some(min) = q.score_min {
            query = query.filter(leads::score.ge(min));
        }
        if let Some(max) = q.score_max {
            query = query.filter(leads::score.le(max));
        }
        if q.hot == Some(true) {
            query = query.filter(leads::score.ge(closebook_shared::leads::HOT_SCORE));
        }
        if q.closing_soon == Some(true) {
            let until =
                now.date() + chrono::Duration::days(closebook_shared::leads::CLOSING_SOON_DAYS);
            query = query
                .filter(leads::outcome.eq(Outcome::Open))
                .filter(leads::expected_close_date.le(until));
        }
        if q.follow_up_due == Some(true) {
            query = query
                .filter(leads::outcome.eq(Outcome::Open))
                .filter(leads::next_contact_at.le(now));
        }
        if q.no_next_date == Some(true) {
            query = query
                .filter(leads::outcome.eq(Outcome::Open))
                .filter(leads::next_contact_at.is_null());
        }
        if let Some(flag) = q.incomplete {
            query = query.filter(leads::incomplete.eq(flag));
        }
        if let Some(t) = q.created_from {
            query = query.filter(leads::created_at.ge(t.naive_utc()));
        }
        if let Some(t) = q.created_to {
            query = query.filter(leads::created_at.lt(t.naive_utc()));
        }
        if let Some(t) = q.updated_from {
            query = query.filter(leads::updated_at.ge(t.naive_utc()));
        }
        if let Some(t) = q.updated_to {
            query = query.filter(leads::updated_at.lt(t.naive_utc()));
        }
        if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let pattern = like_pattern(text);
            query = query.filter(
                leads::company_key
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(leads::contact_name.assume_not_null())
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(leads::email_key.like(pattern).escape('\\')),
            );
        }
        query = match sort {
            LeadSort::Updated => keyset!(
                query,
                page,
                leads::updated_at,
                parse_ts_key,
                leads::id,
                desc
            ),
            LeadSort::Score => keyset!(
                query,
                page,
                leads::score,
                number_key::<i32>,
                leads::id,
                desc
            ),
            LeadSort::Value => {
                // Leads without a value come last; the cursor's key is empty for them.
                if let (Some(k), Some(id)) = (after_key, after_id) {
                    if k.is_empty() {
                        query =
                            query.filter(leads::deal_value_minor.is_null().and(leads::id.lt(id)));
                    } else {
                        let v: i64 = number_key(&k)?;
                        query = query.filter(
                            leads::deal_value_minor
                                .lt(v)
                                .or(leads::deal_value_minor.eq(v).and(leads::id.lt(id)))
                                .or(leads::deal_value_minor.is_null()),
                        );
                    }
                }
                query.order((
                    leads::deal_value_minor.is_null().asc(),
                    leads::deal_value_minor.desc(),
                    leads::id.desc(),
                ))
            }
            LeadSort::NextContact => {
                if let (Some(k), Some(id)) = (after_key, after_id) {
                    if k.is_empty() {
                        query =
                            query.filter(leads::next_contact_at.is_null().and(leads::id.gt(id)));
                    } else {
                        let t = parse_ts_key(&k)?;
                        query = query.filter(
                            leads::next_contact_at
                                .gt(t)
                                .or(leads::next_contact_at.eq(t).and(leads::id.gt(id)))
                                .or(leads::next_contact_at.is_null()),
                        );
                    }
                }
                query.order((
                    leads::next_contact_at.is_null().asc(),
                    leads::next_contact_at.asc(),
                    leads::id.asc(),
                ))
            }
        };
        query.limit(page.fetch()).load(c)?
    });
    let key = |(r, _, _): &(LeadSummaryRow, String, Option<String>)| -> Vec<String> {
        let k = match sort {
            LeadSort::Updated => ts_key(r.updated_at.0),
            LeadSort::Score => r.score.to_string(),
            LeadSort::Value => r
                .deal_value_minor
                .map(|v| v.to_string())
                .unwrap_or_default(),
            LeadSort::NextContact => r.next_contact_at.map(|t| ts_key(t.0)).unwrap_or_default(),
        };
        vec![k, r.id.clone()]
    };
    Ok(page.finish(rows, key, |(r, stage, owner)| r.to_dto(stage, owner)))
}

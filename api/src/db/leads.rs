//! Lead rows, their conversion to the API shape, and the lead list query.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use closebook_shared::leads::{
    Lead, LeadListQuery, LeadSort, LeadSummary, Outcome, ReferralAskStatus, SalesStage,
    SourceChannel, SourceType,
};
use closebook_shared::scoring::{Authority, Budget, Need, ScoreFactors, Timeline};
use closebook_shared::{Money, Page};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{
    StoredId, StoredOptCurrency, StoredOptId, json_list, like_pattern, lower, money_of,
    uuid_of as uuid,
};
use super::pipelines::{self, StageSet};
use super::schema::{leads, pipeline_stages, users};
use super::timestamp::Ts;
use super::users::name_of;
use crate::authz::{OwnerScope, within_scope};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, number_key, parse_ts_key, ts_key};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = leads, treat_none_as_null = true)]
pub struct LeadRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub company: String,
    pub company_key: String,
    pub contact_name: Option<String>,
    pub contact_title: Option<String>,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub phone: Option<String>,
    pub phone_key: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub dedupe_key: Option<String>,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub source_type: Option<SourceType>,
    pub source_channel: Option<SourceChannel>,
    pub introduced_by: Option<String>,
    #[diesel(deserialize_as = StoredId)]
    pub owner_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub pipeline_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub stage_id: String,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = StoredOptId)]
    pub client_id: Option<String>,
    pub deal_value_minor: Option<i64>,
    #[diesel(deserialize_as = StoredOptCurrency)]
    pub deal_currency: Option<String>,
    pub estimated_units: Option<i64>,
    pub probability: i32,
    pub expected_close_date: Option<NaiveDate>,
    pub budget: Option<Budget>,
    pub authority: Option<Authority>,
    pub need: Option<Need>,
    pub timeline: Option<Timeline>,
    pub competitors: String,
    pub next_action: Option<String>,
    pub next_contact_at: Option<NaiveDateTime>,
    pub last_contact_at: Option<NaiveDateTime>,
    pub follow_up_count: i32,
    pub follow_up_cadence_days: Option<i32>,
    pub permission_to_follow_up: Option<bool>,
    pub personal_details: Option<String>,
    pub referral_ask_status: ReferralAskStatus,
    pub referral_ask_at: Option<NaiveDateTime>,
    pub referral_count: i32,
    pub referral_names: String,
    pub sales_stage: Option<SalesStage>,
    pub display_sales_stage: SalesStage,
    pub incomplete: bool,
    pub score: i32,
    pub score_factors: String,
    pub tags: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub created_by: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Degrees ↔ integer micro-degrees (about 11 cm; exact in the database).
pub fn to_e6(deg: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let v = (deg * 1_000_000.0).round() as i64;
    v
}

pub fn from_e6(v: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let d = v as f64 / 1_000_000.0;
    d
}

fn utc(t: Option<NaiveDateTime>) -> Option<DateTime<Utc>> {
    t.map(|t| t.and_utc())
}

impl LeadRow {
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    pub fn referral_status(&self) -> ReferralAskStatus {
        self.referral_ask_status
    }

    pub fn deal_value(&self) -> Option<Money> {
        money_of(self.deal_value_minor, self.deal_currency.as_deref())
    }

    pub fn to_dto(&self, stages: &StageSet, owner_name: &str) -> Lead {
        let stage = stages.get(&self.stage_id);
        Lead {
            id: uuid(&self.id),
            company: self.company.clone(),
            contact_name: self.contact_name.clone(),
            contact_title: self.contact_title.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            website: self.website.clone(),
            address: self.address.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            zip: self.zip.clone(),
            latitude: self.latitude_e6.map(from_e6),
            longitude: self.longitude_e6.map(from_e6),
            source_type: self.source_type,
            source_channel: self.source_channel,
            introduced_by: self.introduced_by.clone(),
            owner_id: uuid(&self.owner_id),
            owner_name: owner_name.to_owned(),
            pipeline_id: uuid(&self.pipeline_id),
            stage_id: uuid(&self.stage_id),
            stage_key: stage.map(|s| s.stage_key.clone()).unwrap_or_default(),
            stage_name: stage.map(|s| s.name.clone()).unwrap_or_default(),
            outcome: self.outcome(),
            lost_reason: self.lost_reason.clone(),
            closed_at: utc(self.closed_at),
            client_id: self.client_id.as_deref().map(uuid),
            deal_value: self.deal_value(),
            estimated_units: self.estimated_units,
            probability: self.probability,
            expected_close_date: self.expected_close_date,
            budget: self.budget,
            authority: self.authority,
            need: self.need,
            timeline: self.timeline,
            competitors: json_list(&self.competitors),
            next_action: self.next_action.clone(),
            next_contact_at: utc(self.next_contact_at),
            last_contact_at: utc(self.last_contact_at),
            follow_up_count: self.follow_up_count,
            follow_up_cadence_days: self.follow_up_cadence_days,
            permission_to_follow_up: self.permission_to_follow_up,
            personal_details: self.personal_details.clone(),
            referral_ask_status: self.referral_status(),
            referral_ask_at: utc(self.referral_ask_at),
            referral_count: self.referral_count,
            referral_names: json_list(&self.referral_names),
            sales_stage: self.sales_stage,
            display_sales_stage: self.display_sales_stage,
            incomplete: self.incomplete,
            score: self.score,
            score_factors: serde_json::from_str::<ScoreFactors>(&self.score_factors)
                .unwrap_or_default(),
            hot: self.score >= closebook_shared::leads::HOT_SCORE,
            tags: json_list(&self.tags),
            created_by: self.created_by.as_deref().map(uuid),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<LeadRow>, ApiError> {
    Ok(super::native!(conn, |c| leads::table
        .find(id)
        .select(LeadRow::as_select())
        .first(c)
        .optional())?)
}

pub fn insert(conn: &mut DbConn, row: &LeadRow) -> Result<(), ApiError> {
    diesel::insert_into(leads::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

super::versioned::versioned_row!(LeadRow, leads);

/// One lead as the API returns it.
pub fn to_dto(conn: &mut DbConn, row: &LeadRow) -> Result<Lead, ApiError> {
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    to_dto_with(conn, &set, row)
}

/// One lead, when the caller has already loaded its pipeline's stages.
pub fn to_dto_with(conn: &mut DbConn, set: &StageSet, row: &LeadRow) -> Result<Lead, ApiError> {
    Ok(row.to_dto(set, &name_of(conn, &row.owner_id)?))
}

/// The same lead before and after a change. A lead never changes pipeline, so one stage set
/// serves both; the owner's name is looked up again only when the owner changed.
pub fn to_dtos_pair(
    conn: &mut DbConn,
    set: &StageSet,
    before: &LeadRow,
    after: &LeadRow,
) -> Result<(Lead, Lead), ApiError> {
    let old_owner = name_of(conn, &before.owner_id)?;
    let new_owner = if after.owner_id == before.owner_id {
        old_owner.clone()
    } else {
        name_of(conn, &after.owner_id)?
    };
    Ok((
        before.to_dto(set, &old_owner),
        after.to_dto(set, &new_owner),
    ))
}

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
    #[diesel(deserialize_as = StoredId)]
    pub owner_id: String,
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
    pub fn to_dto(&self, stage_name: String, owner_name: String) -> LeadSummary {
        LeadSummary {
            id: uuid(&self.id),
            company: self.company.clone(),
            contact_name: self.contact_name.clone(),
            contact_title: self.contact_title.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            owner_id: uuid(&self.owner_id),
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

/// An open lead with the same email, phone, or company + address.
pub fn find_duplicate(
    conn: &mut DbConn,
    email_key: Option<&str>,
    phone_key: Option<&str>,
    dedupe_key: Option<&str>,
    except: Option<&str>,
) -> Result<Option<(String, &'static str)>, ApiError> {
    let checks: [(&'static str, Option<&str>); 3] = [
        ("email", email_key),
        ("phone", phone_key),
        ("company_address", dedupe_key),
    ];
    for (what, key) in checks {
        let Some(key) = key.filter(|k| !k.is_empty()) else {
            continue;
        };
        let found: Option<String> = super::native!(conn, |c| {
            let mut q = leads::table
                .filter(leads::outcome.eq(Outcome::Open))
                .select(leads::id)
                .into_boxed();
            q = match what {
                "email" => q.filter(leads::email_key.eq(key)),
                "phone" => q.filter(leads::phone_key.eq(key)),
                _ => q.filter(leads::dedupe_key.eq(key)),
            };
            if let Some(id) = except {
                q = q.filter(leads::id.ne(id));
            }
            q.first::<String>(c).optional()?
        });
        if let Some(id) = found {
            return Ok(Some((id, what)));
        }
    }
    Ok(None)
}

/// What `owner` accepts: `me` or a user id (hyphenated).
pub const OWNER_PATTERN: &str =
    "^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

/// `owner` query value: `me` or a user id.
pub fn parse_owner(raw: &str, me: Option<Uuid>) -> Result<String, ApiError> {
    if raw == "me" {
        return me
            .map(|u| u.to_string())
            .ok_or_else(|| ApiError::bad_param("owner", "`me` needs a signed-in user"));
    }
    // Only the hyphenated form, as the OpenAPI pattern (OWNER_PATTERN) declares.
    Uuid::try_parse(raw)
        .ok()
        .filter(|_| raw.len() == 36)
        .map(|u| u.to_string())
        .ok_or_else(|| ApiError::bad_param("owner", "must be a user id or `me`"))
}

/// The filtered, sorted, paged lead list inside the caller's scope.
pub fn list(
    conn: &mut DbConn,
    scope: &OwnerScope,
    me: Option<Uuid>,
    q: &LeadListQuery,
    page: &PageRequest,
    now: NaiveDateTime,
) -> Result<Page<LeadSummary>, ApiError> {
    if scope.is_nothing() {
        return Ok(Page::empty());
    }
    let owner = q.owner.as_deref().map(|o| parse_owner(o, me)).transpose()?;
    let sort = q.sort.unwrap_or(LeadSort::Updated);
    let after_id = page.after_part(1).map(str::to_owned);
    let after_key = page.after_part(0).map(str::to_owned);
    // Built inside `native!` so each backend runs its own boxed query: the statement is cached
    // by its SQL text instead of being re-rendered through the `MultiConnection` wrapper, and
    // the stage and owner names come from the same statement instead of two lookups.
    let rows: Vec<(LeadSummaryRow, String, String)> = super::native!(conn, |c| {
        let mut query = leads::table
            .inner_join(pipeline_stages::table.on(pipeline_stages::id.eq(leads::stage_id)))
            .inner_join(users::table.on(users::id.eq(leads::owner_id)))
            .select((
                LeadSummaryRow::as_select(),
                pipeline_stages::name,
                users::name,
            ))
            .into_boxed();
        query = within_scope!(query, scope, leads::owner_id);
        if let Some(owner) = &owner {
            query = query.filter(leads::owner_id.eq(owner.clone()));
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
    let key = |(r, _, _): &(LeadSummaryRow, String, String)| -> Vec<String> {
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

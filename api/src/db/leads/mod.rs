//! Lead rows and their conversion to the API shape; the list and the duplicate check beside.

mod duplicates;
mod list;

pub use duplicates::find_duplicate;
pub use list::{LeadSummaryRow, OWNER_PATTERN, list, parse_owner, parse_user_param};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use closebook_shared::Money;
use closebook_shared::leads::{
    Lead, Outcome, ReferralAskStatus, SalesStage, SourceChannel, SourceType,
};
use closebook_shared::scoring::{Authority, Budget, Need, ScoreFactors, Timeline};
use closebook_shared::territories::Whereabouts;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{
    StoredId, StoredOptCurrency, StoredOptId, from_e6, json_list, money_of, uuid_of as uuid,
};
use crate::db::pipelines::{self, StageSet};
use crate::db::schema::leads;
use crate::db::users::name_of;
use crate::error::ApiError;

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
    /// `None`: nobody holds the lead (overflow, or waiting to be claimed).
    #[diesel(deserialize_as = StoredOptId)]
    pub owner_id: Option<String>,
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
    #[diesel(deserialize_as = StoredOptId)]
    pub territory_id: Option<String>,
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

    pub fn to_dto(&self, stages: &StageSet, owner_name: Option<&str>) -> Lead {
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
            owner_id: self.owner_id.as_deref().map(uuid),
            owner_name: owner_name.map(str::to_owned),
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
            territory_id: self.territory_id.as_deref().map(uuid),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<LeadRow>, ApiError> {
    Ok(crate::db::native!(conn, |c| leads::table
        .find(id)
        .select(LeadRow::as_select())
        .first(c)
        .optional())?)
}

crate::db::insert_fn!(insert, LeadRow, leads);

super::versioned::versioned_row!(LeadRow, leads);

/// One lead as the API returns it.
pub fn to_dto(conn: &mut DbConn, row: &LeadRow) -> Result<Lead, ApiError> {
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    to_dto_with(conn, &set, row)
}

/// One lead, when the caller has already loaded its pipeline's stages.
pub fn to_dto_with(conn: &mut DbConn, set: &StageSet, row: &LeadRow) -> Result<Lead, ApiError> {
    let owner = owner_name(conn, row.owner_id.as_deref())?;
    Ok(row.to_dto(set, owner.as_deref()))
}

/// The same lead before and after a change. A lead never changes pipeline, so one stage set
/// serves both; the owner's name is looked up again only when the owner changed.
pub fn to_dtos_pair(
    conn: &mut DbConn,
    set: &StageSet,
    before: &LeadRow,
    after: &LeadRow,
) -> Result<(Lead, Lead), ApiError> {
    let old_owner = owner_name(conn, before.owner_id.as_deref())?;
    let new_owner = if after.owner_id == before.owner_id {
        old_owner.clone()
    } else {
        owner_name(conn, after.owner_id.as_deref())?
    };
    Ok((
        before.to_dto(set, old_owner.as_deref()),
        after.to_dto(set, new_owner.as_deref()),
    ))
}

/// The name of a lead's owner; `None` when nobody holds it.
fn owner_name(conn: &mut DbConn, owner: Option<&str>) -> Result<Option<String>, ApiError> {
    owner.map(|o| name_of(conn, o)).transpose()
}

/// A lead's address, for placing it in a territory.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = leads)]
pub struct LeadPlace {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub zip: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub territory_id: Option<String>,
}

impl LeadPlace {
    pub fn whereabouts(&self) -> Whereabouts<'_> {
        whereabouts(
            self.latitude_e6,
            self.longitude_e6,
            &self.zip,
            &self.city,
            &self.state,
        )
    }
}

impl LeadRow {
    pub fn whereabouts(&self) -> Whereabouts<'_> {
        whereabouts(
            self.latitude_e6,
            self.longitude_e6,
            &self.zip,
            &self.city,
            &self.state,
        )
    }
}

/// Where a lead is: its position (stored in micro-degrees) and its address.
fn whereabouts<'a>(
    latitude_e6: Option<i64>,
    longitude_e6: Option<i64>,
    zip: &'a Option<String>,
    city: &'a Option<String>,
    state: &'a Option<String>,
) -> Whereabouts<'a> {
    Whereabouts {
        point: longitude_e6
            .zip(latitude_e6)
            .map(|(lon, lat)| (from_e6(lon), from_e6(lat))),
        zip: zip.as_deref(),
        city: city.as_deref(),
        state: state.as_deref(),
    }
}

/// Up to `limit` leads' addresses after the id `after`, by id.
pub fn places_after(
    conn: &mut DbConn,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<LeadPlace>, ApiError> {
    let mut q = leads::table.select(LeadPlace::as_select()).into_boxed();
    if let Some(after) = after {
        q = q.filter(leads::id.gt(after.to_owned()));
    }
    Ok(q.order(leads::id.asc()).limit(limit).load(conn)?)
}

/// The lead's territory, set by placing (a derived field: the lead's version stays).
pub fn set_territory(conn: &mut DbConn, id: &str, territory: Option<&str>) -> Result<(), ApiError> {
    diesel::update(leads::table.find(id))
        .set(leads::territory_id.eq(territory))
        .execute(conn)?;
    Ok(())
}

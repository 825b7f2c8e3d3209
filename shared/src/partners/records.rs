//! Partner accounts as the API shows them, and the requests that apply, approve, change and
//! list them.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{BusinessType, PartnerStatus, PartnerTier, PaymentTerms};
use crate::Money;
use crate::validate::{self, NAME_MAX};

/// A phone number as [`validate::phone`] reads it.
fn valid_phone<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    validate::phone(value.as_ref())
}

fn patch_phone(value: &Option<String>, _ctx: &()) -> garde::Result {
    validate::opt_phone(value, &())
}

fn credit(value: &Money, _ctx: &()) -> garde::Result {
    validate::money(value)
}

/// A postal address (the business's, or where to ship).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub line1: String,
    #[serde(default)]
    #[garde(inner(length(chars, max = NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub line2: Option<String>,
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub city: String,
    /// State, province or region.
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub region: String,
    #[garde(length(chars, min = 1, max = 20), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 20, pattern = r"\S")
    )]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 code, e.g. `US`.
    #[garde(pattern(r"^[A-Z]{2}$"))]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Z]{2}$"))]
    pub country: String,
}

/// One partner account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    pub id: Uuid,
    pub business_name: String,
    pub business_type: BusinessType,
    /// Tax id (EIN); shown to the partner's own users, its rep and the back office.
    pub tax_id: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub address: PostalAddress,
    pub tier: PartnerTier,
    /// The tier's discount off MSRP today, in whole percent (settings).
    pub discount_percent: u32,
    pub credit_limit: Money,
    pub payment_terms: PaymentTerms,
    pub status: PartnerStatus,
    /// Why it was suspended or closed.
    pub status_reason: Option<String>,
    /// The rep who looks after the account (and is paid on its orders).
    pub rep_id: Option<Uuid>,
    pub rep_name: Option<String>,
    /// The back-office user who manages the account.
    pub account_manager_id: Option<Uuid>,
    /// The won lead the account came from.
    pub lead_id: Option<Uuid>,
    pub applied_by: Option<Uuid>,
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTime<Utc>>,
    /// Its orders in sum, and the credit they leave.
    pub stats: PartnerStats,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An account's orders in sum (cancelled ones left out), computed from the orders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerStats {
    pub orders: u64,
    /// What its orders came to: its lifetime value.
    pub lifetime_value: Money,
    /// The lifetime value over the orders (zero before the first).
    pub average_order: Money,
    /// Unpaid orders.
    pub open_balance: Money,
    /// The credit limit less the open balance, never below zero.
    pub available_credit: Money,
    pub last_order_at: Option<DateTime<Utc>>,
}

/// An application for a partner account: the business, its contact and its address. It waits,
/// pending, for an admin's approval.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePartnerRequest {
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub business_name: String,
    #[garde(skip)]
    pub business_type: BusinessType,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 64), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = r"\S")
    )]
    pub tax_id: Option<String>,
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub contact_name: String,
    #[garde(email, length(chars, max = 254))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: String,
    #[garde(custom(valid_phone))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\+?[ ().-]*([0-9][ ().-]*){5,20}$")
    )]
    pub phone: String,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 500), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub website: Option<String>,
    #[garde(dive)]
    pub address: PostalAddress,
    /// The rep who looks after it. A rep applying for a business is its rep; a manager or an
    /// admin names one (or none yet); an account from a lead is its owner's by default.
    #[serde(default)]
    #[garde(skip)]
    pub rep_id: Option<Uuid>,
    /// The won lead the account comes from (a B2B deal closed by a rep): each lead converts
    /// once.
    #[serde(default)]
    #[garde(skip)]
    pub lead_id: Option<Uuid>,
}

/// An admin's approval: the tier, the credit and the terms the account starts with.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApprovePartnerRequest {
    #[garde(skip)]
    pub tier: PartnerTier,
    /// In the organisation's currency.
    #[garde(custom(credit))]
    pub credit_limit: Money,
    #[garde(skip)]
    pub payment_terms: PaymentTerms,
    /// Default: the admin approving.
    #[serde(default)]
    #[garde(skip)]
    pub account_manager_id: Option<Uuid>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// A status change after approval: suspend, reactivate, close (or decline an application).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerStatusRequest {
    #[garde(skip)]
    pub status: PartnerStatus,
    /// Required to suspend or close.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub reason: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// Changes to an account: the business's details (its users and the back office), and the
/// commercial terms (admins only: tier, credit, terms, rep, account manager).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePartnerRequest {
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub business_name: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub business_type: Option<BusinessType>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 64), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = r"\S")
    )]
    pub tax_id: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub contact_name: Option<String>,
    #[serde(default)]
    #[garde(inner(email, length(chars, max = 254)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: Option<String>,
    #[serde(default)]
    #[garde(custom(patch_phone))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\+?[ ().-]*([0-9][ ().-]*){5,20}$")
    )]
    pub phone: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 500), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub website: Option<String>,
    #[serde(default)]
    #[garde(dive)]
    pub address: Option<PostalAddress>,
    /// Admins only, after approval.
    #[serde(default)]
    #[garde(skip)]
    pub tier: Option<PartnerTier>,
    /// Admins only, after approval.
    #[serde(default)]
    #[garde(inner(custom(credit)))]
    pub credit_limit: Option<Money>,
    /// Admins only, after approval.
    #[serde(default)]
    #[garde(skip)]
    pub payment_terms: Option<PaymentTerms>,
    /// Admins only.
    #[serde(default)]
    #[garde(skip)]
    pub rep_id: Option<Uuid>,
    /// Admins only.
    #[serde(default)]
    #[garde(skip)]
    pub account_manager_id: Option<Uuid>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

impl UpdatePartnerRequest {
    /// Whether it changes the commercial terms (an admin's part).
    pub fn changes_terms(&self) -> bool {
        self.tier.is_some()
            || self.credit_limit.is_some()
            || self.payment_terms.is_some()
            || self.rep_id.is_some()
            || self.account_manager_id.is_some()
    }
}

/// A user of a partner account, made by an admin.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePartnerUserRequest {
    #[garde(email, length(chars, max = 254))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: String,
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    /// Initial password, at least 12 characters; changed at first sign-in.
    #[garde(custom(validate::password))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 256))]
    pub password: String,
}

/// Which partner accounts to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PartnerListQuery {
    pub status: Option<PartnerStatus>,
    pub tier: Option<PartnerTier>,
    /// The rep looking after them.
    pub rep_id: Option<Uuid>,
    /// Case-insensitive search over the business name.
    pub q: Option<String>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

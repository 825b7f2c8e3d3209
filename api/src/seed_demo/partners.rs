//! The demo's partner accounts: wholesale customers the reps brought in, in every tier and
//! status — active on each tier, one suspended for an overdue invoice, one application
//! declined, one waiting for approval — and the demo's partner user on Becker Fine Foods.

use closebook_shared::partners::{
    ApprovePartnerRequest, BusinessType, CreatePartnerRequest, PartnerStatus, PartnerStatusRequest,
    PartnerTier, PaymentTerms, PostalAddress,
};
use closebook_shared::{Money, Role};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::caller;
use crate::authz::{Administration, PartnerAccounts};
use crate::db::DbConn;
use crate::db::partners::attach_user;
use crate::domain::partners;
use crate::error::ApiError;

struct Account {
    name: &'static str,
    kind: BusinessType,
    street: &'static str,
    city: &'static str,
    region: &'static str,
    zip: &'static str,
    /// Index into the reps: the first five are Great Lakes (Chicago), the next Front Range.
    rep: usize,
    /// Approved with (tier, credit in dollars, terms), then put in this status.
    approved: Option<(PartnerTier, i64, PaymentTerms)>,
    then: Option<(PartnerStatus, &'static str)>,
}

const ACCOUNTS: [Account; 6] = [
    Account {
        name: "Becker Fine Foods",
        kind: BusinessType::Grocery,
        street: "100 W Lake St",
        city: "Chicago",
        region: "IL",
        zip: "60601",
        rep: 0,
        approved: Some((PartnerTier::Enterprise, 50_000, PaymentTerms::Net60)),
        then: None,
    },
    Account {
        name: "Lakeview Juice Bar",
        kind: BusinessType::Cafe,
        street: "3012 N Broadway",
        city: "Chicago",
        region: "IL",
        zip: "60657",
        rep: 1,
        approved: Some((PartnerTier::Growth, 15_000, PaymentTerms::Net30)),
        then: None,
    },
    Account {
        name: "Iron Temple Gym",
        kind: BusinessType::Gym,
        street: "1603 Sherman Ave",
        city: "Evanston",
        region: "IL",
        zip: "60201",
        rep: 2,
        approved: Some((PartnerTier::Starter, 2_000, PaymentTerms::Prepaid)),
        then: None,
    },
    Account {
        name: "Mile High Market",
        kind: BusinessType::Grocery,
        street: "1550 Blake St",
        city: "Denver",
        region: "CO",
        zip: "80202",
        rep: 5,
        approved: Some((PartnerTier::Growth, 10_000, PaymentTerms::Net30)),
        then: Some((PartnerStatus::Suspended, "invoice 45 days overdue")),
    },
    Account {
        name: "Boulder Bowls",
        kind: BusinessType::Restaurant,
        street: "1247 Pearl St",
        city: "Boulder",
        region: "CO",
        zip: "80302",
        rep: 6,
        approved: None,
        then: None,
    },
    Account {
        name: "Quick Stop 24",
        kind: BusinessType::Convenience,
        street: "15400 E Colfax Ave",
        city: "Aurora",
        region: "CO",
        zip: "80011",
        rep: 7,
        approved: None,
        then: Some((PartnerStatus::Closed, "outside the delivery area")),
    },
];

/// How many accounts it made. The approvals are the first admin's; without one (a demo seeded
/// before any admin exists) every account stays pending.
pub fn partners(conn: &mut DbConn, reps: &[Uuid], partner_user: Uuid) -> Result<usize, ApiError> {
    let admin = match super::first_admin(conn)? {
        Some(a) => Some(caller::<Administration>(conn, a, Role::Admin)?),
        None => None,
    };
    for a in &ACCOUNTS {
        let rep = reps[a.rep % reps.len()];
        let by = caller::<PartnerAccounts>(conn, rep, Role::SalesRep)?;
        let email = format!(
            "orders@{}.example",
            a.name.to_lowercase().replace([' ', '\''], "")
        );
        let made = partners::apply(
            conn,
            &by,
            CreatePartnerRequest {
                business_name: a.name.into(),
                business_type: a.kind,
                tax_id: Some(format!("36-{:07}", 4_200_000 + a.rep * 1_111)),
                contact_name: "Purchasing".into(),
                email,
                phone: format!("+1 312 555 02{:02}", a.rep),
                website: None,
                address: PostalAddress {
                    line1: a.street.into(),
                    line2: None,
                    city: a.city.into(),
                    region: a.region.into(),
                    postal_code: a.zip.into(),
                    country: "US".into(),
                },
                rep_id: None,
                lead_id: None,
            },
        )?;
        let Some(admin) = &admin else { continue };
        if let Some((tier, dollars, terms)) = a.approved {
            partners::approve(
                conn,
                admin,
                made.id,
                ApprovePartnerRequest {
                    tier,
                    credit_limit: Money::new(Decimal::from(dollars), "USD"),
                    payment_terms: terms,
                    account_manager_id: None,
                    version: None,
                },
                None,
            )?;
        }
        if let Some((status, reason)) = a.then {
            let req = PartnerStatusRequest {
                status,
                reason: Some(reason.into()),
                version: None,
            };
            partners::change_status(conn, admin, made.id, req, None)?;
        }
        if a.name == "Becker Fine Foods" {
            attach_user(conn, &partner_user.to_string(), &made.id.to_string())?;
        }
    }
    Ok(ACCOUNTS.len())
}

//! An account's saved shipping addresses (issue 13 §1, seed 004 `ShippingAddress`): kept by
//! whoever sees the account and orders for it; the first saved, or the one chosen, is the
//! default, where an order goes when it names none. Every change audited.

use closebook_shared::orders::ShipTo;
use closebook_shared::partners::{SaveAddressRequest, ShippingAddress};
use uuid::Uuid;

use super::load;
use crate::audit;
use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::addresses::{self as rows, AddressRow};
use crate::db::columns::uuid_of;
use crate::db::partners::PartnerRow;
use crate::error::ApiError;
use crate::time;

fn to_dto(row: &AddressRow) -> ShippingAddress {
    ShippingAddress {
        id: uuid_of(&row.id),
        partner_id: uuid_of(&row.partner_id),
        label: row.label.clone(),
        ship_to: row.ship_to(),
        is_default: row.is_default,
        created_at: row.created_at.and_utc(),
    }
}

pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    partner: Uuid,
) -> Result<Vec<ShippingAddress>, ApiError> {
    let account = load(conn, caller, partner)?;
    Ok(rows::of_partner(conn, &account.id)?
        .iter()
        .map(to_dto)
        .collect())
}

/// The address `id`, when the caller sees its account (404 otherwise).
fn found(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<AddressRow, ApiError> {
    let row = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("shipping address"))?;
    // Not found either when its account is out of sight.
    load(conn, caller, uuid_of(&row.partner_id))
        .map_err(|_| ApiError::not_found("shipping address"))?;
    Ok(row)
}

pub fn get(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<ShippingAddress, ApiError> {
    Ok(to_dto(&found(conn, caller, id)?))
}

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|t| t.trim().to_owned())
}

pub fn save(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    partner: Uuid,
    req: SaveAddressRequest,
) -> Result<ShippingAddress, ApiError> {
    let account = load(conn, caller, partner)?;
    caller.keeps_addresses()?;
    let label = req.label.trim().to_owned();
    let label_key = label.to_lowercase();
    if rows::label_taken(conn, &account.id, &label_key)? {
        return Err(
            ApiError::conflict("the account has an address with this label")
                .on_field("label", "is already one of the account's addresses"),
        );
    }
    let first = rows::default_of(conn, &account.id)?.is_none();
    let t = req.ship_to;
    let row = AddressRow {
        id: Uuid::now_v7().to_string(),
        partner_id: account.id.clone(),
        label,
        label_key,
        recipient_name: t.recipient_name.trim().to_owned(),
        line1: t.address.line1.trim().to_owned(),
        line2: trimmed(t.address.line2),
        city: t.address.city.trim().to_owned(),
        region: t.address.region.trim().to_owned(),
        postal_code: t.address.postal_code.trim().to_owned(),
        country: t.address.country.trim().to_owned(),
        dock_instructions: trimmed(t.dock_instructions),
        dock_hours: trimmed(t.dock_hours),
        requires_appointment: t.requires_appointment,
        is_default: false,
        created_at: time::now(),
    };
    rows::insert(conn, &row)?;
    if first || req.make_default {
        rows::make_default(conn, &account.id, &row.id)?;
    }
    let dto = get(conn, caller, uuid_of(&row.id))?;
    audit::record_after(
        conn,
        &caller.actor,
        "partner.address.add",
        "partner",
        &account.id,
        &dto,
    )?;
    Ok(dto)
}

pub fn set_default(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<ShippingAddress, ApiError> {
    let row = found(conn, caller, id)?;
    caller.keeps_addresses()?;
    rows::make_default(conn, &row.partner_id, &row.id)?;
    let dto = get(conn, caller, id)?;
    audit::record_after(
        conn,
        &caller.actor,
        "partner.address.default",
        "partner",
        &row.partner_id,
        &dto,
    )?;
    Ok(dto)
}

/// Deletes the address; when it was the default, the next by label becomes the default.
pub fn delete(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<(), ApiError> {
    let row = found(conn, caller, id)?;
    caller.keeps_addresses()?;
    rows::delete(conn, &row.id)?;
    if row.is_default
        && let Some(next) = rows::of_partner(conn, &row.partner_id)?.first()
    {
        rows::make_default(conn, &row.partner_id, &next.id)?;
    }
    audit::record(
        conn,
        &caller.actor,
        "partner.address.delete",
        "partner",
        Some(&row.partner_id),
        Some(&to_dto(&row)),
        None::<&()>,
    )
}

/// Where an order goes: as given, or the saved address named (the account's own: 404
/// otherwise), or the account's default saved address, or its business address to its contact.
pub fn ship_to(
    conn: &mut DbConn,
    account: &PartnerRow,
    given: Option<ShipTo>,
    saved: Option<Uuid>,
) -> Result<ShipTo, ApiError> {
    match (given, saved) {
        (Some(_), Some(_)) => Err(ApiError::field(
            "shipping_address_id",
            "give a saved address or `ship_to`, not both",
        )),
        (Some(t), None) => Ok(t),
        (None, Some(id)) => rows::find(conn, id)?
            .filter(|a| a.partner_id == account.id)
            .map(|a| a.ship_to())
            .ok_or_else(|| ApiError::not_found("shipping address")),
        (None, None) => Ok(match rows::default_of(conn, &account.id)? {
            Some(a) => a.ship_to(),
            None => ShipTo {
                recipient_name: account.contact_name.clone(),
                address: account.address(),
                dock_instructions: None,
                dock_hours: None,
                requires_appointment: false,
            },
        }),
    }
}

//! The demo's saved addresses: Becker Fine Foods' store (the default) and its warehouse, with
//! their docks' needs, saved by Tom Becker.

use closebook_shared::Role;
use closebook_shared::orders::ShipTo;
use closebook_shared::partners::{PostalAddress, SaveAddressRequest};

use super::caller;
use crate::authz::PartnerAccounts;
use crate::db::DbConn;
use crate::domain::partners::addresses;
use crate::error::ApiError;

/// The addresses saved (0 without Tom Becker's account).
pub fn addresses(conn: &mut DbConn) -> Result<usize, ApiError> {
    let Some((tom, account)) = super::tom_and_account(conn)? else {
        return Ok(0);
    };
    let by_tom = caller::<PartnerAccounts>(conn, tom, Role::Partner)?;
    let places = [
        (
            "Store",
            "Tom Becker",
            "2140 N Lincoln Ave",
            "60614",
            Some("Back door on the alley; no trucks over 26 ft"),
            Some("Mon–Sat 7am–11am"),
            false,
        ),
        (
            "Warehouse",
            "Receiving",
            "4550 S Packers Ave",
            "60609",
            Some("Freezer dock 2; keep the reefer running"),
            Some("Mon–Fri 5am–1pm"),
            true,
        ),
    ];
    for (label, recipient, line1, postal, dock, hours, appointment) in places {
        addresses::save(
            conn,
            &by_tom,
            account,
            SaveAddressRequest {
                label: label.into(),
                ship_to: ShipTo {
                    recipient_name: recipient.into(),
                    address: PostalAddress {
                        line1: line1.into(),
                        line2: None,
                        city: "Chicago".into(),
                        region: "IL".into(),
                        postal_code: postal.into(),
                        country: "US".into(),
                    },
                    dock_instructions: dock.map(Into::into),
                    dock_hours: hours.map(Into::into),
                    requires_appointment: appointment,
                },
                make_default: false,
            },
        )?;
    }
    Ok(places.len())
}

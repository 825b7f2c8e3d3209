//! The matrix's rows for allocations, reps' intake, claims, territory import, "My Territory"
//! and notifications.

use serde_json::json;

use super::rows::{Row, row};
use super::{Fixture, Who};

/// The fixture's allocations: `[0]` the rep accepts then rejects; `[1]` and `[2]` the admin
/// and the manager reassign; `[3]` and `[4]` they reassign in bulk.
pub(crate) fn rows(fx: &Fixture) -> Vec<Row> {
    let a = fx.allocations.clone();
    let pick = |admin: &str, manager: &str| {
        let (admin, manager) = (admin.to_owned(), manager.to_owned());
        move |who: Who| {
            if matches!(who, Who::Manager) {
                manager.clone()
            } else {
                admin.clone()
            }
        }
    };
    let id_of = |path: &str| path.rsplit('/').next().unwrap_or_default().to_owned();
    let unallocated = pick(&fx.unallocated_leads[0], &fx.unallocated_leads[1]);
    let bulk = pick(&id_of(&a[3]), &id_of(&a[4]));
    let reassign = pick(&a[1], &a[2]);
    let intake = format!("/api/v1/users/{}/intake", fx.rep_id);
    vec![
        row("GET", "/api/v1/allocations", "/api/v1/allocations", [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/allocations", "/api/v1/allocations", [201, 201, 403, 403, 403, 401])
            .body(move |who, _| json!({ "lead_id": unallocated(who) })),
        row("GET", "/api/v1/allocations/workload", "/api/v1/allocations/workload", [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/allocations/bulk-reassign", "/api/v1/allocations/bulk-reassign", [200, 200, 403, 403, 403, 401])
            .body(move |who, _| json!({ "allocation_ids": [bulk(who)], "reason": "matrix" })),
        row("GET", "/api/v1/allocations/rm/{id}/queue", &format!("/api/v1/allocations/rm/{}/queue", fx.rep_id), [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/allocations/{id}", &a[0], [200, 200, 200, 403, 403, 401]),
        // Only the allocation's rep answers it.
        row("PATCH", "/api/v1/allocations/{id}/accept", &format!("{}/accept", a[0]), [403, 403, 200, 403, 403, 401]),
        row("PATCH", "/api/v1/allocations/{id}/reject", &format!("{}/reject", a[0]), [403, 403, 200, 403, 403, 401])
            .body(|_, _| json!({ "reason": "matrix" })),
        row("POST", "/api/v1/allocations/{id}/reassign", "", [201, 201, 403, 403, 403, 401])
            .body(|_, _| json!({ "reason": "matrix" }))
            .path_per_caller(move |who| format!("{}/reassign", reassign(who))),
        row("GET", "/api/v1/users/{id}/intake", &intake, [200, 200, 200, 403, 403, 401]),
        row("PATCH", "/api/v1/users/{id}/intake", &intake, [200, 200, 200, 403, 403, 401])
            .body(|_, _| json!({ "intake_paused": false })),
        // Only a rep claims, and only a lead nobody holds in its territory.
        row("POST", "/api/v1/leads/{id}/claim", &format!("/api/v1/leads/{}/claim", fx.claimable_lead), [403, 403, 200, 403, 403, 401]),
        row("POST", "/api/v1/territories/import", "/api/v1/territories/import", [200, 200, 403, 403, 403, 401])
            .body(|_, u| json!({ "type": "FeatureCollection", "features": [
                { "type": "Feature", "geometry": null, "properties": { "name": format!("Imported {u}"), "kind": "region" } }
            ] })),
        row("GET", "/api/v1/territory-placements", "/api/v1/territory-placements", [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/territory-placements/{id}", &fx.placement_run, [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/territories/mine", "/api/v1/territories/mine", [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/notifications", "/api/v1/notifications", [200, 200, 200, 200, 200, 401]),
        row("GET", "/api/v1/notifications/unread-count", "/api/v1/notifications/unread-count", [200, 200, 200, 200, 200, 401]),
        // A notification is its user's alone.
        row("POST", "/api/v1/notifications/{id}/read", &format!("{}/read", fx.notification), [404, 404, 200, 404, 404, 401]),
        row("POST", "/api/v1/notifications/read-all", "/api/v1/notifications/read-all", [200, 200, 200, 200, 200, 401]),
    ]
}

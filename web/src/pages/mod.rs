//! The pages, one folder or file per resource. A resource with several pages exports its
//! routes (`LeadRoutes`, `AdminRoutes`) for the signed-in shell in `app.rs` to mount.

pub mod activity;
pub mod admin;
pub mod allocations;
pub mod commissions;
pub mod finance;
pub mod home;
pub mod insight;
pub mod leads;
pub mod login;
pub mod notifications;
pub mod partner;
pub mod profile;
pub mod territories;
pub mod wholesale;

use leptos::task::spawn_local;

use crate::api::{self, Session};

/// Revokes this sign-in on the server (best effort), then forgets it here.
pub fn sign_out() {
    spawn_local(async move {
        // Best effort: the session ends here whatever the server says.
        let _ = api::me::sign_out().await;
        Session::clear();
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href("/login");
        }
    });
}

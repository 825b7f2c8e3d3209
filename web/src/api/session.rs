//! The signed-in session: tokens in localStorage (so a reload keeps you signed in), the current
//! user in a reactive signal shared through context.

use closebook_shared::auth::{RefreshRequest, TokenResponse};
use closebook_shared::users::User;
use gloo_storage::{LocalStorage, SessionStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const KEY: &str = "closebook.session";
const FLASH: &str = "closebook.flash";

#[derive(Clone, Serialize, Deserialize)]
struct Tokens {
    access_token: String,
    refresh_token: String,
}

/// The current user, `None` when signed out.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: RwSignal<Option<User>>,
}

impl Session {
    pub fn provide() -> Self {
        let s = Session {
            user: RwSignal::new(None),
        };
        provide_context(s);
        s
    }

    pub fn get() -> Self {
        expect_context::<Session>()
    }

    /// The signed-in user's time zone, which every time on screen is shown in (UTC before
    /// the user is known).
    pub fn time_zone() -> String {
        Self::get()
            .user
            .with(|u| u.as_ref().map(|u| u.time_zone.clone()))
            .unwrap_or_else(|| "UTC".into())
    }

    pub fn access_token() -> Option<String> {
        LocalStorage::get::<Tokens>(KEY)
            .ok()
            .map(|t| t.access_token)
    }

    pub fn has_tokens() -> bool {
        LocalStorage::get::<Tokens>(KEY).is_ok()
    }

    pub fn store(t: &TokenResponse) {
        let _ = LocalStorage::set(
            KEY,
            Tokens {
                access_token: t.access_token.clone(),
                refresh_token: t.refresh_token.clone(),
            },
        );
    }

    pub fn clear() {
        LocalStorage::delete(KEY);
    }

    /// Ends the session with a message for the sign-in page, and goes there.
    pub fn expire(message: &str) {
        Self::clear();
        let _ = SessionStorage::set(FLASH, message);
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href("/login");
        }
    }

    /// A message left for the sign-in page (shown once).
    pub fn take_flash() -> Option<String> {
        let m = SessionStorage::get::<String>(FLASH).ok();
        SessionStorage::delete(FLASH);
        m
    }
}

/// Spends the refresh token for a new pair; false when the session cannot be renewed.
pub async fn refresh() -> bool {
    let Ok(tokens) = LocalStorage::get::<Tokens>(KEY) else {
        return false;
    };
    let body = RefreshRequest {
        refresh_token: tokens.refresh_token,
    };
    match super::post_public::<_, TokenResponse>("/auth/refresh", &body).await {
        Ok(t) => {
            Session::store(&t);
            true
        }
        Err(_) => false,
    }
}

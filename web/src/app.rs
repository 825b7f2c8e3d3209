//! What both portals share: which portal a path belongs to, the session bootstrap, the gate in
//! front of signed-in pages and the not-found page.

use closebook_shared::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, Redirect, Router};

use crate::api::{self, Session};
use crate::components::layout::Shell;
use crate::components::ui::{Skeleton, ToastHost, Toasts};
use crate::pages::profile;

pub use closebook_shared::portal::Portal;

/// The portal this bundle is.
pub fn here() -> Portal {
    use_context::<Portal>().unwrap_or(Portal::Field)
}

/// Whether a link to `href` leaves this bundle (and so must load the page).
pub fn leaves(href: &str) -> bool {
    Portal::of_path(href) != here()
}

/// Where a signed-in user starts: finance at its approval queue, a partner user at its portal,
/// everyone else at the dashboard.
pub fn landing(role: Role) -> &'static str {
    match role {
        Role::Finance => "/finance/commissions",
        Role::Partner => "/partner",
        _ => "/",
    }
}

/// Sends the browser to `href` with a page load (another portal's page).
pub fn load(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(href);
    }
}

/// The session, toasts and router around a portal's routes; the routes appear once the
/// signed-in user (if any) is known.
#[component]
pub fn Boot(portal: Portal, children: ChildrenFn) -> impl IntoView {
    provide_context(portal);
    let session = Session::provide();
    Toasts::provide();
    let loaded = RwSignal::new(!Session::has_tokens());
    if Session::has_tokens() {
        spawn_local(async move {
            if let Ok(u) = api::me::get_me().await {
                session.user.set(Some(u));
            }
            loaded.set(true);
        });
    }
    view! {
        <Router>
            <Show when=move || loaded.get() fallback=|| view! { <div class="boot"><Skeleton rows=3/></div> }>
                {children()}
            </Show>
            <ToastHost/>
        </Router>
    }
}

/// Where a visitor stands: signed out, signed in but made to change their password, or in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    SignedOut,
    MustChangePassword,
    SignedIn,
}

/// The shell around signed-in pages; signed-out visitors go to sign-in (in the field portal).
/// A memo, so a change to the user (a profile edit) does not remount the page underneath.
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let gate = Memo::new(move |_| {
        session.user.with(|u| match u {
            None => Gate::SignedOut,
            Some(u) if u.must_change_password => Gate::MustChangePassword,
            Some(_) => Gate::SignedIn,
        })
    });
    move || {
        let children = children.clone();
        match gate.get() {
            Gate::SignedOut if here() == Portal::Field => {
                view! { <Redirect path="/login"/> }.into_any()
            }
            Gate::SignedOut => {
                load("/login");
                view! { <div class="boot"><Skeleton rows=3/></div> }.into_any()
            }
            Gate::MustChangePassword => view! { <profile::ForcedPasswordChange/> }.into_any(),
            Gate::SignedIn => view! { <Shell>{children()}</Shell> }.into_any(),
        }
    }
}

/// A section for some roles (the admin pages, the finance pages): its page for them, and for
/// everyone else who reaches it, whom it is for. A memo, so a change to the user that keeps the
/// role does not remount the page.
#[component]
pub fn RolesOnly(roles: &'static [Role], who: &'static str) -> impl IntoView {
    let session = Session::get();
    let allowed = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| roles.contains(&u.role)))
    });
    move || {
        if allowed.get() {
            view! { <Outlet/> }.into_any()
        } else {
            view! {
                <section class="page">
                    <div class="empty refused" role="alert">
                        <p class="empty-title">"You don't have access to this page"</p>
                        <p class="muted">{format!("It is for {who}. If you need it, ask an admin.")}</p>
                        <a class="button" href="/" rel="external">"Back to the dashboard"</a>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <div class="empty">
                <p class="empty-title">"Page not found"</p>
                <a class="button" href="/" rel="external">"Back to the dashboard"</a>
            </div>
        </section>
    }
}

//! The home page, per role.

use closebook_shared::Role;
use closebook_shared::teams::TeamListQuery;
use closebook_shared::users::UserListQuery;
use leptos::prelude::*;

use crate::api::{self, Session};
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};
use crate::pages::commissions::EarningsCard;
use crate::pages::insight::SalesLeakCard;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = Session::get();
    let user = move || session.user.get();
    view! {
        <section class="page">
            <h1 class="page-title">{move || user().map(|u| format!("Welcome, {}", u.name.split_whitespace().next().unwrap_or("").to_owned()))}</h1>
            <p class="muted">{move || user().map(|u| u.role.label())}</p>
            {move || match user().map(|u| u.role) {
                Some(Role::Admin) => view! { <AdminHome/> }.into_any(),
                Some(Role::SalesManager) => view! { <SalesLeakCard/><NumbersLink/><div class="stat-grid"><EarningsCard/></div><TeamsOverview/> }.into_any(),
                Some(Role::Finance) => view! { <TeamsOverview/> }.into_any(),
                Some(Role::SalesRep) => view! { <SalesLeakCard/><NumbersLink/><div class="stat-grid"><EarningsCard/></div><MyCard/> }.into_any(),
                _ => view! { <MyCard/> }.into_any(),
            }}
        </section>
    }
}

/// The dashboard with its charts lives in the insight portal (its own bundle).
#[component]
fn NumbersLink() -> impl IntoView {
    view! { <p><a class="button" rel="external" href="/dashboard" data-testid="numbers-link">"Your numbers: quota, forecast, next actions"</a></p> }
}

#[component]
fn AdminHome() -> impl IntoView {
    let counts = LocalResource::new(|| async {
        let users = api::users::list(UserListQuery {
            limit: Some(200),
            ..Default::default()
        })
        .await?;
        let teams = api::teams::list(TeamListQuery {
            limit: Some(200),
            ..Default::default()
        })
        .await?;
        let count = |n: usize, more: bool| if more { format!("{n}+") } else { n.to_string() };
        Ok::<_, closebook_shared::Problem>((
            count(users.items.len(), users.next_cursor.is_some()),
            count(teams.items.len(), teams.next_cursor.is_some()),
        ))
    });
    view! {
        <Suspense fallback=|| view! { <Skeleton rows=2/> }>
            {answered(counts, |(users, teams)| view! {
                <div class="stat-grid">
                    <a class="card stat" rel="external" href="/admin/users"><span class="stat-value">{users}</span><span class="stat-label">"Users"</span></a>
                    <a class="card stat" rel="external" href="/admin/teams"><span class="stat-value">{teams}</span><span class="stat-label">"Teams"</span></a>
                    <a class="card stat" rel="external" href="/admin/audit"><span class="stat-value">"☰"</span><span class="stat-label">"Audit log"</span></a>
                </div>
            })}
        </Suspense>
    }
}

#[component]
fn TeamsOverview() -> impl IntoView {
    let teams = LocalResource::new(|| {
        api::teams::list(TeamListQuery {
            limit: Some(200),
            ..Default::default()
        })
    });
    view! {
        <h2 class="section-title">"Teams"</h2>
        <Suspense fallback=|| view! { <Skeleton rows=3/> }>
            {answered(teams, move |v| match v {
                page if page.items.is_empty() => view! { <EmptyState title="No teams yet" hint="An admin creates teams and assigns managers."/> }.into_any(),
                page => view! {
                    <div class="card-list">
                        {page.items.into_iter().map(|t| view! {
                            <div class="card">
                                <strong>{t.name}</strong>
                                <span class="muted">{t.city.unwrap_or_default()}</span>
                                <span class="badge">{format!("{} members", t.member_count)}</span>
                            </div>
                        }).collect_view()}
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MyCard() -> impl IntoView {
    let session = Session::get();
    view! {
        {move || session.user.get().map(|u| view! {
            <div class="card profile-card">
                <strong>{u.name.clone()}</strong>
                <span class="muted">{u.title.clone().unwrap_or_else(|| u.role.label().to_owned())}</span>
                <dl class="facts">
                    <dt>"Email"</dt><dd>{u.email.clone()}</dd>
                    <dt>"Phone"</dt><dd>{u.phone.clone().unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Time zone"</dt><dd>{u.time_zone.clone()}</dd>
                    <dt>"Hired"</dt><dd>{u.hire_date.map(|d| format::date(&d)).unwrap_or_else(|| "—".into())}</dd>
                </dl>
            </div>
        })}
    }
}

//! The partner's resources (seed 004): the Marketing Hub (assets its tier reaches, downloaded
//! through the API so they are counted), the How-To library (progress and ratings), Financing
//! (its terms explained with its own numbers) and Integrations (what it has connected).

use closebook_shared::partner_invoices::{LATE_FEE_PERCENT, REMIND_DAYS_BEFORE};
use closebook_shared::partners::{Partner, PartnerListQuery, PaymentTerms};
use closebook_shared::resources::{
    AssetCategory, MarketingAssetListQuery, VideoGuide, VideoProgressRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, Toasts, answered};

#[component]
pub fn MarketingPage() -> impl IntoView {
    let category = RwSignal::new(None::<AssetCategory>);
    let reload = RwSignal::new(0u32);
    let assets = LocalResource::new(move || {
        reload.track();
        api::resources::assets(MarketingAssetListQuery {
            category: category.get(),
            limit: Some(100),
            ..Default::default()
        })
    });
    let chip = move |c: Option<AssetCategory>, label: &'static str| {
        view! { <button class="chip" class:active=move || category.get() == c on:click=move |_| category.set(c)>{label}</button> }
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Marketing hub"</h1></div>
            <div class="chips" role="group" aria-label="Category">
                {chip(None, "All")}
                {AssetCategory::ALL.iter().map(|c| chip(Some(*c), c.label())).collect_view()}
            </div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(assets, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="No assets here yet" hint="Posters, social posts and shelf talkers appear as the brand team adds them."/> }.into_any();
                    }
                    view! {
                        <div class="card-list" data-testid="assets">
                            {page.items.into_iter().map(|a| {
                                let id = a.id;
                                view! {
                                    <article class="card" data-testid="asset">
                                        <div class="team-head">
                                            <strong>{a.title.clone()}</strong>
                                            <span class="badge">{a.category.label()}</span>
                                            {a.min_tier.map(|t| view! { <span class="muted small">{format!("{} and above", t.label())}</span> })}
                                        </div>
                                        {a.description.clone().map(|d| view! { <p class="small">{d}</p> })}
                                        <p class="muted small">{format!("Downloaded {} times", a.downloads)}</p>
                                        <button class="button" on:click=move |_| spawn_local(async move {
                                            match api::resources::download(id).await {
                                                Ok(d) => {
                                                    if let Some(w) = web_sys::window() {
                                                        let _ = w.open_with_url_and_target(&d.url, "_blank");
                                                    }
                                                    reload.update(|n| *n += 1);
                                                }
                                                Err(p) => Toasts::error(p.detail),
                                            }
                                        })>"Download"</button>
                                    </article>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

fn minutes(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[component]
pub fn HowToPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let videos = LocalResource::new(move || {
        reload.track();
        api::resources::videos()
    });
    let send = move |id: uuid::Uuid, req: VideoProgressRequest| {
        spawn_local(async move {
            match api::resources::progress(id, &req).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(p) => Toasts::error(p.detail),
            }
        })
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"How-to guides"</h1></div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(videos, move |list: Vec<VideoGuide>| {
                    if list.is_empty() {
                        return view! { <EmptyState title="No videos yet" hint="Training videos on ordering, storage and merchandising appear here."/> }.into_any();
                    }
                    view! {
                        <div class="card-list" data-testid="videos">
                            {list.into_iter().map(|v| {
                                let id = v.id;
                                let duration = v.duration_seconds;
                                view! {
                                    <article class="card" data-testid="video">
                                        <div class="team-head">
                                            <strong>{v.title.clone()}</strong>
                                            <span class="badge">{v.category.label()}</span>
                                            <span class="muted small">{minutes(v.duration_seconds)}</span>
                                            {v.completed.then(|| view! { <span class="badge badge-ok">"Watched"</span> })}
                                        </div>
                                        {v.description.clone().map(|d| view! { <p class="small">{d}</p> })}
                                        <progress max=duration value=v.watched_seconds aria-label="Watched"></progress>
                                        <p class="muted small">{match v.average_rating {
                                            Some(avg) => format!("Rated {avg} by {} viewer(s)", v.ratings),
                                            None => "Not rated yet".to_owned(),
                                        }}</p>
                                        <div class="form-actions">
                                            <a class="button" href=v.url.clone() target="_blank" rel="noopener external">"Watch"</a>
                                            <button class="button button-ghost" on:click=move |_| send(id, VideoProgressRequest { watched_seconds: duration, rating: None })>"Mark as watched"</button>
                                            <span class="stars" role="group" aria-label="Rate">
                                                {(1..=5u8).map(|r| {
                                                    let on = v.my_rating.is_some_and(|m| m >= r);
                                                    let watched = v.watched_seconds;
                                                    view! { <button class="icon-button" class:active=on aria-label=format!("{r} stars")
                                                        on:click=move |_| send(id, VideoProgressRequest { watched_seconds: watched, rating: Some(r) })>{if on { "★" } else { "☆" }}</button> }
                                                }).collect_view()}
                                            </span>
                                        </div>
                                    </article>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

/// The caller's one account.
pub(super) fn own_account() -> LocalResource<api::ApiResult<closebook_shared::Page<Partner>>> {
    LocalResource::new(|| {
        api::partners::list(PartnerListQuery {
            limit: Some(1),
            ..Default::default()
        })
    })
}

#[component]
pub fn FinancingPage() -> impl IntoView {
    let account = own_account();
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Financing"</h1></div>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(account, |page| match page.items.into_iter().next() {
                    None => view! { <EmptyState title="Your sign-in is not linked to an account" hint="Ask your account manager to add you to your business's account."/> }.into_any(),
                    Some(a) => view! {
                        <div class="stat-grid" data-testid="financing">
                            <div class="card stat"><span class="stat-label">"Your terms"</span>
                                <strong class="stat-value">{a.payment_terms.label()}</strong></div>
                            <div class="card stat"><span class="stat-label">"Credit limit"</span>
                                <strong class="stat-value">{format::money(&a.credit_limit)}</strong></div>
                            <div class="card stat"><span class="stat-label">"Available now"</span>
                                <strong class="stat-value">{format::money(&a.stats.available_credit)}</strong>
                                <span class="muted">{format!("{} open on unpaid orders", format::money(&a.stats.open_balance))}</span></div>
                        </div>
                        <div class="card">
                            <h2>"How your terms work"</h2>
                            <p>{match a.payment_terms {
                                PaymentTerms::Prepaid => "Each order is invoiced when you place it and is confirmed once its invoice is paid: nothing is reserved or shipped before.".to_owned(),
                                terms => format!("Each order is invoiced when you place it and is due {} days later. Orders count against your credit limit until their invoice is paid.", terms.days()),
                            }}</p>
                            <p>{format!("You are reminded {REMIND_DAYS_BEFORE} days before an invoice falls due. An invoice still unpaid on its due date is overdue: a late fee of {LATE_FEE_PERCENT}% of its subtotal is added once.")}</p>
                            <p class="muted">"Need longer terms or a higher limit? Your account manager reviews them with your order history."</p>
                        </div>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let account = own_account();
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Integrations"</h1></div>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(account, |page| match page.items.into_iter().next() {
                    None => view! { <EmptyState title="Your sign-in is not linked to an account" hint="Ask your account manager to add you to your business's account."/> }.into_any(),
                    Some(a) => view! { <Connections partner=a.id/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Connections(partner: uuid::Uuid) -> impl IntoView {
    let list = LocalResource::new(move || api::resources::integrations(partner));
    view! {
        <Transition fallback=|| view! { <Skeleton rows=3/> }>
            {answered(list, |items| view! {
                <div class="table-wrap"><table class="table" data-testid="integrations">
                    <thead><tr><th>"System"</th><th>"Kind"</th><th>"Status"</th><th>"Last sync"</th></tr></thead>
                    <tbody>
                        {items.into_iter().map(|i| view! {
                            <tr>
                                <td>{i.provider.label()}</td>
                                <td>{i.kind.clone()}</td>
                                <td><span class="badge">{i.status.label()}</span></td>
                                <td>{i.last_sync_at.map(|t| format::when(&t)).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
                <p class="muted small">"Connecting a system yourself comes next; until then your account manager sets it up with you."</p>
            })}
        </Transition>
    }
}

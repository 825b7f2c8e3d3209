//! Notifications (seed 004's header bell): what happened for the signed-in user — a lead
//! allocated, an order moved, an invoice due or overdue — newest first, each linking to its
//! page; reading one marks it read. Mounted by the field bundle at `/notifications` and the
//! partner-account bundle at `/partner/notifications`.

use closebook_shared::notifications::NotificationListQuery;
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, Toasts, answered};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        let _ = reload.get();
        api::notifications::list(NotificationListQuery {
            limit: Some(100),
            ..Default::default()
        })
    });
    let read_all = move |_| {
        leptos::task::spawn_local(async move {
            match api::notifications::read_all().await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(p) => Toasts::error(p.detail),
            }
        });
    };
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Notifications"</h1>
                <button class="button button-ghost" on:click=read_all>"Mark all read"</button>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(list, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="Nothing new" hint="What happens to your orders, invoices and leads shows up here."/> }.into_any();
                    }
                    view! {
                        <ul class="card-list" data-testid="notifications">
                            {page.items.into_iter().map(|n| {
                                let id = n.id;
                                let unread = n.read_at.is_none();
                                let mark = move |_| {
                                    leptos::task::spawn_local(async move {
                                        if api::notifications::read(id).await.is_ok() {
                                            reload.update(|r| *r += 1);
                                        }
                                    });
                                };
                                view! {
                                    <li class="card" class:unread=unread data-testid="notification">
                                        <div class="team-head">
                                            <strong>{n.title.clone()}</strong>
                                            <span class="muted small">{format::when(&n.created_at)}</span>
                                        </div>
                                        <p>{n.body.clone()}</p>
                                        <div class="actions">
                                            {n.link.clone().map(|l| view! { <a href=l rel="external" on:click=mark>"Open"</a> })}
                                            {unread.then(|| view! { <button class="button button-ghost" on:click=mark>"Mark read"</button> })}
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

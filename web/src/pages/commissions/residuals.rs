//! `/commissions/residuals`: the rep's residual book — each client, its locked monthly amount,
//! months active, earned to date and status — sortable, with totals.

use closebook_shared::commission_lines::{
    ResidualBook, ResidualBookQuery, ResidualBookSort, SortOrder,
};
use leptos::prelude::*;

use super::SubNav;
use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

const PAGE: u32 = 100;

#[component]
pub fn ResidualsPage() -> impl IntoView {
    let sort = RwSignal::new(ResidualBookSort::Earned);
    let order = RwSignal::new(SortOrder::Desc);
    let offset = RwSignal::new(0u32);
    let book = LocalResource::new(move || {
        api::commissions::residual_book(ResidualBookQuery {
            rep: Some("me".into()),
            sort: Some(sort.get()),
            order: Some(order.get()),
            limit: Some(PAGE),
            offset: Some(offset.get()),
        })
    });
    // A click on the sorted column flips the order; on another column sorts by it, largest first.
    let sort_by = move |by: ResidualBookSort| {
        if sort.get_untracked() == by {
            order.update(|o| {
                *o = if *o == SortOrder::Desc {
                    SortOrder::Asc
                } else {
                    SortOrder::Desc
                }
            });
        } else {
            sort.set(by);
            order.set(if by == ResidualBookSort::Client {
                SortOrder::Asc
            } else {
                SortOrder::Desc
            });
        }
        offset.set(0);
    };
    let header = move |by: ResidualBookSort, label: &'static str, numeric: bool| {
        let mark = move || match (sort.get() == by, order.get()) {
            (false, _) => "",
            (true, SortOrder::Asc) => " ▲",
            (true, SortOrder::Desc) => " ▼",
        };
        view! {
            <th class:num=numeric aria-sort=move || match (sort.get() == by, order.get()) {
                (false, _) => "none", (true, SortOrder::Asc) => "ascending", (true, SortOrder::Desc) => "descending",
            }>
                <button class="link-button" on:click=move |_| sort_by(by)>{label}{mark}</button>
            </th>
        }
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Commission"</h1></div>
            <SubNav/>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(book, move |b: ResidualBook| if b.total_clients == 0 {
                    view! { <EmptyState title="No clients in your residual book yet" hint="A won deal opens a client; each paid month earns its locked residual."/> }.into_any()
                } else {
                    let more = offset.get_untracked() + PAGE < b.total_clients;
                    view! {
                        <div class="stat-grid totals">
                            <div class="card stat"><p class="stat-label">"Clients"</p><p class="stat-value">{format!("{} ({} active)", b.total_clients, b.active_clients)}</p></div>
                            <div class="card stat"><p class="stat-label">"Locked per month"</p><p class="stat-value">{b.locked_monthly.iter().map(format::money).collect::<Vec<_>>().join(" + ")}</p></div>
                            <div class="card stat"><p class="stat-label">"Earned to date"</p><p class="stat-value">{b.earned_to_date.iter().map(format::money).collect::<Vec<_>>().join(" + ")}</p></div>
                        </div>
                        <div class="table-wrap">
                            <table class="table residual-book">
                                <thead><tr>
                                    {header(ResidualBookSort::Client, "Client", false)}
                                    {header(ResidualBookSort::Locked, "Locked", true)}
                                    {header(ResidualBookSort::Months, "Months", true)}
                                    {header(ResidualBookSort::Earned, "Earned", true)}
                                    <th>"Status"</th>
                                </tr></thead>
                                <tbody>
                                    {b.entries.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{e.client_name.clone()}</td>
                                            <td class="num">{e.locked.as_ref().map(format::money).unwrap_or_else(|| "plan fallback".into())}</td>
                                            <td class="num">{e.months_active}</td>
                                            <td class="num">{format::money(&e.earned_to_date)}</td>
                                            <td><span class=format!("badge client-{}", e.status.as_str())>{e.status.label()}</span></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <div class="pager">
                            <button class="button button-ghost" disabled=move || offset.get() == 0 on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))>"Previous"</button>
                            <button class="button button-ghost" disabled=!more on:click=move |_| offset.update(|o| *o += PAGE)>"Next"</button>
                        </div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

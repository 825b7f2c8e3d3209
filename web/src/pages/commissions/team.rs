//! `/commissions/team`: a manager's team month — each member's lines by status, the manager's
//! override on them, and the team's totals.

use closebook_shared::Problem;
use closebook_shared::commission_lines::{TeamEarnings, TeamEarningsQuery};
use closebook_shared::teams::TeamListQuery;
use leptos::prelude::*;
use uuid::Uuid;

use super::SubNav;
use crate::api;
use crate::components::format;
use crate::components::month::{MonthPicker, this_month};
use crate::components::ui::{EmptyState, SelectField, Skeleton, answered};

#[component]
pub fn TeamPage() -> impl IntoView {
    let period = RwSignal::new(this_month());
    let team = RwSignal::new(String::new());
    let no_problem = RwSignal::new(None::<Problem>);
    let teams = LocalResource::new(|| {
        api::teams::list(TeamListQuery {
            limit: Some(200),
            ..Default::default()
        })
    });
    let team_options = Signal::derive(move || {
        let mut options = vec![(String::new(), "All my teams".to_owned())];
        if let Some(Ok(page)) = teams.get() {
            options.extend(page.items.into_iter().map(|t| (t.id.to_string(), t.name)));
        }
        options
    });
    let earnings = LocalResource::new(move || {
        api::commissions::team_earnings(TeamEarningsQuery {
            period: Some(period.get()),
            team_id: team.get().parse::<Uuid>().ok(),
        })
    });
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Commission"</h1></div>
            <SubNav/>
            <div class="filters">
                <SelectField label="Team" name="team_id" value=team problem=no_problem options=team_options/>
                <MonthPicker label="Month" period=period/>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(earnings, |t: TeamEarnings| if t.members.is_empty() {
                    view! { <EmptyState title="No team members to show" hint="An admin assigns reps to your teams."/> }.into_any()
                } else {
                    view! {
                        <div class="stat-grid totals">
                            <div class="card stat"><p class="stat-label">"Team net"</p><p class="stat-value">{format::money(&t.totals.net)}</p></div>
                            <div class="card stat"><p class="stat-label">"Waiting"</p><p class="stat-value">{format::money(&t.totals.pending)}</p></div>
                            <div class="card stat"><p class="stat-label">"Paid"</p><p class="stat-value">{format::money(&t.totals.paid)}</p></div>
                        </div>
                        <div class="table-wrap">
                            <table class="table team-earnings">
                                <thead><tr><th>"Member"</th><th class="num">"Pending"</th><th class="num">"Earned"</th><th class="num">"Approved"</th><th class="num">"Paid"</th><th class="num">"Net"</th><th class="num">"Of which override"</th></tr></thead>
                                <tbody>
                                    {t.members.into_iter().map(|m| view! {
                                        <tr>
                                            <td>{m.rep_name.clone()}<span class="muted small">" · "{m.role.label()}</span></td>
                                            <td class="num">{format::money(&m.totals.pending)}</td>
                                            <td class="num">{format::money(&m.totals.earned)}</td>
                                            <td class="num">{format::money(&m.totals.approved)}</td>
                                            <td class="num">{format::money(&m.totals.paid)}</td>
                                            <td class="num"><strong>{format::money(&m.totals.net)}</strong></td>
                                            <td class="num">{format::money(&m.overrides)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

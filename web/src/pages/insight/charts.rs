//! Charts drawn as inline SVG (no chart library): bars against a goal, the funnel, a trend
//! line, a weekday heat row. Each takes plain numbers; the pages turn the API's values into
//! them.

use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub fn num(d: Option<Decimal>) -> f64 {
    d.and_then(|v| v.to_f64()).unwrap_or(0.0)
}

/// Horizontal bars: (label, value, goal). A goal draws a tick; the bar turns green at the goal.
#[component]
pub fn Bars(
    items: Vec<(String, f64, Option<f64>)>,
    #[prop(optional)] unit: &'static str,
) -> impl IntoView {
    let max = items
        .iter()
        .map(|(_, v, g)| v.max(g.unwrap_or(0.0)))
        .fold(1.0_f64, f64::max);
    let row_h = 26.0;
    let height = row_h * items.len() as f64 + 4.0;
    view! {
        <svg class="chart chart-bars" viewBox=format!("0 0 400 {height}") role="img" aria-label="Bar chart">
            {items.into_iter().enumerate().map(|(i, (label, value, goal))| {
                let y = i as f64 * row_h + 2.0;
                let w = 240.0 * value / max;
                let met = goal.is_some_and(|g| value >= g);
                view! {
                    <g>
                        <text x="0" y=y + 16.0 class="chart-label">{label}</text>
                        <rect x="110" y=y + 4.0 width=w.max(1.0) height="16" rx="3" class=if met { "bar bar-met" } else { "bar" }/>
                        {goal.map(|g| view! { <line x1=110.0 + 240.0 * g / max x2=110.0 + 240.0 * g / max y1=y y2=y + 24.0 class="goal"/> })}
                        <text x=116.0 + w y=y + 16.0 class="chart-value">{format!("{}{unit}", trim(value))}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

fn trim(v: f64) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The funnel: one centred bar per stage, width by how many reached it, with the conversion
/// to the next stage.
#[component]
pub fn Funnel(stages: Vec<(String, u32, Option<Decimal>)>) -> impl IntoView {
    let max = stages.iter().map(|s| s.1).max().unwrap_or(1).max(1) as f64;
    let row_h = 30.0;
    let height = row_h * stages.len() as f64;
    view! {
        <svg class="chart chart-funnel" viewBox=format!("0 0 400 {height}") role="img" aria-label="Pipeline funnel" data-testid="funnel">
            {stages.into_iter().enumerate().map(|(i, (name, reached, next))| {
                let w = 220.0 * reached as f64 / max;
                let y = i as f64 * row_h;
                view! {
                    <g>
                        <rect x=180.0 - w / 2.0 + 40.0 y=y + 3.0 width=w.max(2.0) height="22" rx="3" class="bar"/>
                        <text x="0" y=y + 18.0 class="chart-label">{name}</text>
                        <text x="300" y=y + 18.0 class="chart-value">{format!("{reached}")}{next.map(|n| format!(" → {n}%"))}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// A trend line over labelled points (oldest first).
#[component]
pub fn Trend(points: Vec<(String, f64)>, label: &'static str) -> impl IntoView {
    let max = points.iter().map(|p| p.1).fold(1.0_f64, f64::max);
    let n = points.len().max(2) as f64 - 1.0;
    let xy = |i: usize, v: f64| (20.0 + 360.0 * i as f64 / n, 100.0 - 80.0 * v / max);
    let path = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = xy(i, p.1);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <svg class="chart chart-trend" viewBox="0 0 400 130" role="img" aria-label=label>
            <polyline points=path class="trend"/>
            {points.into_iter().enumerate().map(|(i, (name, v))| {
                let (x, y) = xy(i, v);
                view! {
                    <g>
                        <circle cx=x cy=y r="3" class="dot"/>
                        <text x=x y="124" class="chart-label" text-anchor="middle">{name}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// Seven cells, Monday first, shaded by their share of the busiest day.
#[component]
pub fn WeekdayHeat(counts: Vec<u32>) -> impl IntoView {
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    view! {
        <svg class="chart chart-heat" viewBox="0 0 400 60" role="img" aria-label="Activity by weekday" data-testid="heatmap">
            {counts.into_iter().zip(days).enumerate().map(|(i, (n, day))| {
                let x = i as f64 * 56.0 + 4.0;
                view! {
                    <g>
                        <rect x=x y="4" width="50" height="32" rx="4" class="heat" fill-opacity=format!("{:.2}", 0.12 + 0.88 * n as f64 / max)/>
                        <text x=x + 25.0 y="25" text-anchor="middle" class="chart-value">{n}</text>
                        <text x=x + 25.0 y="54" text-anchor="middle" class="chart-label">{day}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

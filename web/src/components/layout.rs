//! The app shell: a 240 px collapsible sidebar and a header with the user menu on desktop, a
//! 72 px bottom tab bar on phones. Only capabilities that exist are shown.

use closebook_shared::Role;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::Session;
use crate::app;
use crate::pages::sign_out;

const COLLAPSED_KEY: &str = "closebook.sidebar.collapsed";

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub icon: &'static str,
}

/// The phone's tab bar holds five; the kanban board is a desktop view (the lead list is the
/// phone's pipeline), so it stays in the sidebar only, as do the territory pages (the
/// dashboard links a rep's queue and territory on a phone).
const DESKTOP_ONLY: [&str; 7] = [
    "/dashboard",
    "/leaderboard",
    "/pipeline",
    "/allocations/queue",
    "/territories/mine",
    "/territories",
    "/allocations/workload",
];

/// Navigation for a role. Tabs for capabilities not built yet are absent, not stubbed.
pub fn nav_for(role: Role) -> Vec<NavItem> {
    if role == Role::Partner {
        return partner_nav();
    }
    let mut items = vec![NavItem {
        href: "/",
        label: "Dashboard",
        icon: "◆",
    }];
    if matches!(role, Role::Admin | Role::SalesManager | Role::SalesRep) {
        items.extend([
            NavItem {
                href: "/leads",
                label: "Leads",
                icon: "◎",
            },
            NavItem {
                href: "/activity",
                label: "Activity",
                icon: "◷",
            },
            NavItem {
                href: "/pipeline",
                label: "Pipeline",
                icon: "▥",
            },
        ]);
    }
    if matches!(
        role,
        Role::SalesManager | Role::SalesRep | Role::Finance | Role::Admin
    ) {
        items.extend([
            NavItem {
                href: "/dashboard",
                label: "Numbers",
                icon: "▲",
            },
            NavItem {
                href: "/leaderboard",
                label: "Leaderboard",
                icon: "★",
            },
        ]);
    }
    if matches!(role, Role::SalesManager | Role::SalesRep) {
        items.push(NavItem {
            href: "/commissions",
            label: "Commission",
            icon: "$",
        });
        items.extend([
            NavItem {
                href: "/allocations/queue",
                label: "Queue",
                icon: "⇥",
            },
            NavItem {
                href: "/territories/mine",
                label: "My territory",
                icon: "◉",
            },
        ]);
    }
    if matches!(role, Role::SalesManager | Role::Admin) {
        items.extend([
            NavItem {
                href: "/territories",
                label: "Territories",
                icon: "▦",
            },
            NavItem {
                href: "/allocations/workload",
                label: "Workload",
                icon: "≡",
            },
        ]);
    }
    if matches!(role, Role::Finance | Role::Admin) {
        items.extend([
            NavItem {
                href: "/finance/commissions",
                label: "Approvals",
                icon: "✓",
            },
            NavItem {
                href: "/finance/payouts",
                label: "Close & pay",
                icon: "¤",
            },
            NavItem {
                href: "/finance/plans",
                label: "Plans",
                icon: "%",
            },
            NavItem {
                href: "/wholesale/invoices",
                label: "Partner invoices",
                icon: "§",
            },
        ]);
    }
    if role == Role::Admin {
        items.extend([
            NavItem {
                href: "/admin/users",
                label: "Users",
                icon: "☺",
            },
            NavItem {
                href: "/admin/teams",
                label: "Teams",
                icon: "⚑",
            },
            NavItem {
                href: "/admin/partners",
                label: "Partners",
                icon: "⌂",
            },
            NavItem {
                href: "/wholesale/catalogue",
                label: "Catalogue",
                icon: "▤",
            },
            NavItem {
                href: "/wholesale/orders",
                label: "Orders",
                icon: "⇆",
            },
            NavItem {
                href: "/wholesale/shipments",
                label: "Shipments",
                icon: "→",
            },
            NavItem {
                href: "/wholesale/support",
                label: "Support tickets",
                icon: "?",
            },
            NavItem {
                href: "/admin/audit",
                label: "Audit log",
                icon: "☰",
            },
            NavItem {
                href: "/admin/service-tokens",
                label: "Service tokens",
                icon: "⚿",
            },
        ]);
    }
    items.push(NavItem {
        href: "/profile",
        label: "Profile",
        icon: "●",
    });
    items
}

/// The partner portal's sidebar (seed 004): the tabs built so far, in the seed's order.
fn partner_nav() -> Vec<NavItem> {
    vec![
        NavItem {
            href: "/partner",
            label: "Dashboard",
            icon: "◆",
        },
        NavItem {
            href: "/partner/orders",
            label: "Orders",
            icon: "⇆",
        },
        NavItem {
            href: "/partner/invoices",
            label: "Invoices",
            icon: "§",
        },
        NavItem {
            href: "/partner/pricing",
            label: "Pricing",
            icon: "$",
        },
        NavItem {
            href: "/partner/analytics",
            label: "Analytics",
            icon: "▤",
        },
        NavItem {
            href: "/partner/marketing",
            label: "Marketing hub",
            icon: "✦",
        },
        NavItem {
            href: "/partner/financing",
            label: "Financing",
            icon: "%",
        },
        NavItem {
            href: "/partner/how-to",
            label: "How-to",
            icon: "▶",
        },
        NavItem {
            href: "/partner/integrations",
            label: "Integrations",
            icon: "⚙",
        },
        NavItem {
            href: "/partner/tracking",
            label: "Track orders",
            icon: "→",
        },
        NavItem {
            href: "/partner/account",
            label: "Account",
            icon: "●",
        },
        NavItem {
            href: "/partner/support",
            label: "Support",
            icon: "?",
        },
    ]
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = Session::get();
    let collapsed = RwSignal::new(LocalStorage::get::<bool>(COLLAPSED_KEY).unwrap_or(false));
    let toggle = move |_| {
        collapsed.update(|c| *c = !*c);
        let _ = LocalStorage::set(COLLAPSED_KEY, collapsed.get_untracked());
    };
    let menu_open = RwSignal::new(false);
    let location = use_location();
    let role = move || session.user.get().map(|u| u.role).unwrap_or(Role::SalesRep);
    // The item whose path holds the page's, the most specific one (`/territories/mine` over
    // `/territories`).
    let is_active = move |href: &'static str| {
        let path = location.pathname.get();
        let holds = |h: &str| match h {
            "/" => path == "/",
            h => path == h || path.starts_with(&format!("{h}/")),
        };
        holds(href)
            && !nav_for(role())
                .iter()
                .any(|i| i.href.len() > href.len() && holds(i.href))
    };
    view! {
        <div class="shell" class:collapsed=move || collapsed.get()>
            <aside class="sidebar" aria-label="Main navigation">
                <div class="sidebar-brand">
                    <span class="logo">"CB"</span>
                    <span class="brand-name">"Closebook"</span>
                </div>
                <nav>
                    {move || nav_for(role()).into_iter().map(|item| view! {
                        <NavLink href=item.href class=move || if is_active(item.href) { "nav-link active" } else { "nav-link" }>
                            <span class="nav-icon" aria-hidden="true">{item.icon}</span>
                            <span class="nav-label">{item.label}</span>
                        </NavLink>
                    }).collect_view()}
                </nav>
                <button class="collapse-button" on:click=toggle aria-label="Collapse sidebar">
                    {move || if collapsed.get() { "»" } else { "«" }}
                </button>
            </aside>
            <div class="main-column">
                <header class="topbar">
                    <span class="topbar-title">"Closebook"</span>
                    {move || {
                        // A partner user's page is in its portal; everyone else's in the field app.
                        let href = if role() == Role::Partner { "/partner/notifications" } else { "/notifications" };
                        view! { <Bell href=href/> }
                    }}
                    <div class="user-menu">
                        <button class="user-button" aria-haspopup="menu" on:click=move |_| menu_open.update(|o| *o = !*o)>
                            <span class="avatar">{move || session.user.get().map(|u| initials(&u.name)).unwrap_or_default()}</span>
                            <span class="user-name">{move || session.user.get().map(|u| u.name).unwrap_or_default()}</span>
                        </button>
                        <Show when=move || menu_open.get()>
                            <div class="menu" role="menu" on:click=move |_| menu_open.set(false)>
                                <NavLink href="/profile" class=|| "menu-item"><span>"Profile"</span></NavLink>
                                <button class="menu-item" on:click=move |_| sign_out()>"Sign out"</button>
                            </div>
                        </Show>
                    </div>
                </header>
                <main class="content">{children()}</main>
            </div>
            <nav class="tabbar" aria-label="Tabs">
                {move || nav_for(role()).into_iter().filter(|i| !DESKTOP_ONLY.contains(&i.href)).take(5).map(|item| view! {
                    <NavLink href=item.href class=move || if is_active(item.href) { "tab active" } else { "tab" }>
                        <span class="tab-icon" aria-hidden="true">{item.icon}</span>
                        <span class="tab-label">{item.label}</span>
                    </NavLink>
                }).collect_view()}
            </nav>
        </div>
    }
}

/// The notifications bell: how many are unread (read when the page loads), linking to the
/// notifications page.
#[component]
fn Bell(href: &'static str) -> impl IntoView {
    let unread = LocalResource::new(crate::api::notifications::unread);
    let count = move || unread.get().and_then(Result::ok).map_or(0, |u| u.unread);
    view! {
        <NavLink href=href class=|| "bell">
            <span aria-hidden="true">"🔔"</span>
            <span class="sr-only">"Notifications"</span>
            <Show when=move || { count() > 0 }>
                <span class="badge bell-count" data-testid="unread">{count}</span>
            </Show>
        </NavLink>
    }
}

/// A link that stays in this bundle (the router's, no reload), or loads the other portal's page.
#[component]
fn NavLink(
    href: &'static str,
    class: impl Fn() -> &'static str + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    if app::leaves(href) {
        view! { <a href=href class=class rel="external">{children()}</a> }.into_any()
    } else {
        view! { <A href=href attr:class=class>{children()}</A> }.into_any()
    }
}

pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

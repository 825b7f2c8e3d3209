//! The web app's bundles (portals) and which pages each serves. Each is its own wasm bundle
//! within the size budget; the server picks a page's shell by its path and the browser decides
//! whether a link stays in its bundle. One table for both.

/// A bundle of the web app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portal {
    /// Sign-in, the dashboard, leads, pipeline, activity, the profile: every other page.
    Field,
    /// The commission tab: a rep's money, the residual book, the what-if, a team's earnings.
    Commission,
    /// Admin and finance pages.
    Office,
    /// Territories and allocation: the designer map, "My Territory", the rep's queue, the
    /// team's workload (the only bundle that loads the map library).
    Territory,
    /// Sales numbers: the rep's and the manager's dashboards with their charts, the
    /// leaderboard, targets and the reports.
    Insight,
    /// The wholesale partner's portal (its dashboard, orders and the catalogue at its price,
    /// invoices, tracking), and the back office's wholesale desk (the catalogue, the order
    /// pipeline, invoices, shipments, support tickets).
    Partner,
    /// The partner's own account and resources: analytics, the marketing hub, financing, the
    /// how-to library, integrations, support and the account's details and addresses.
    PartnerAccount,
}

impl Portal {
    /// In the order paths are matched: a portal under another's prefix comes first.
    pub const ALL: [Portal; 7] = [
        Portal::Field,
        Portal::Commission,
        Portal::Office,
        Portal::Territory,
        Portal::Insight,
        Portal::PartnerAccount,
        Portal::Partner,
    ];

    /// The page path prefixes it serves (whole segments); the field portal serves the rest.
    pub const fn prefixes(self) -> &'static [&'static str] {
        match self {
            Portal::Field => &[],
            Portal::Commission => &["/commissions"],
            Portal::Office => &["/admin", "/finance"],
            Portal::Territory => &["/territories", "/allocations"],
            Portal::Insight => &["/dashboard", "/leaderboard", "/targets", "/reports"],
            Portal::Partner => &["/partner", "/wholesale"],
            Portal::PartnerAccount => &[
                "/partner/analytics",
                "/partner/marketing",
                "/partner/financing",
                "/partner/how-to",
                "/partner/integrations",
                "/partner/support",
                "/partner/account",
                "/partner/notifications",
            ],
        }
    }

    /// Its build directory under the web directory, which is also its assets' URL path
    /// (`/office/…`); the field portal's is the root.
    pub const fn dir(self) -> &'static str {
        match self {
            Portal::Field => "",
            Portal::Commission => "commission",
            Portal::Office => "office",
            Portal::Territory => "territory",
            Portal::Insight => "insight",
            Portal::Partner => "partner",
            Portal::PartnerAccount => "partner-account",
        }
    }

    /// The portal whose page `path` is.
    pub fn of_path(path: &str) -> Portal {
        Self::ALL
            .into_iter()
            .find(|p| {
                p.prefixes().iter().any(|prefix| {
                    path.strip_prefix(prefix)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
            })
            .unwrap_or(Portal::Field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_belong_to_their_portal() {
        for (path, portal) in [
            ("/", Portal::Field),
            ("/leads/1", Portal::Field),
            ("/login", Portal::Field),
            ("/dashboard", Portal::Insight),
            ("/reports/conversion", Portal::Insight),
            ("/dashboards", Portal::Field),
            ("/commissions", Portal::Commission),
            ("/commissions/what-if", Portal::Commission),
            ("/commission", Portal::Field),
            ("/admin", Portal::Office),
            ("/admin/users", Portal::Office),
            ("/finance/commissions", Portal::Office),
            ("/administration", Portal::Field),
            ("/financed", Portal::Field),
            ("/territories", Portal::Territory),
            ("/territories/mine", Portal::Territory),
            ("/allocations/queue", Portal::Territory),
            ("/territory", Portal::Field),
            ("/partner", Portal::Partner),
            ("/partner/orders/1", Portal::Partner),
            ("/partners", Portal::Field),
            ("/wholesale/orders", Portal::Partner),
            ("/wholesale/support", Portal::Partner),
            ("/partner/invoices", Portal::Partner),
            ("/partner/analytics", Portal::PartnerAccount),
            ("/partner/support", Portal::PartnerAccount),
            ("/partner/account", Portal::PartnerAccount),
            ("/partner/notifications", Portal::PartnerAccount),
            ("/notifications", Portal::Field),
            ("/partner/how-to", Portal::PartnerAccount),
            ("/partner/accounts", Portal::Partner),
        ] {
            assert_eq!(Portal::of_path(path), portal, "{path}");
        }
    }
}

//! The five roles (DESIGN.md: who uses Closebook).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "db",
    derive(::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "db", diesel(sql_type = ::diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the deployment: users, teams, settings, audit.
    Admin,
    /// Runs teams and territories; sees its teams' members and their work.
    SalesManager,
    /// Field rep or relationship manager; sees its own work.
    SalesRep,
    /// Approves and pays commissions.
    Finance,
    /// A user of a wholesale partner account.
    Partner,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::SalesManager,
        Role::SalesRep,
        Role::Finance,
        Role::Partner,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::SalesManager => "sales_manager",
            Role::SalesRep => "sales_rep",
            Role::Finance => "finance",
            Role::Partner => "partner",
        }
    }

    /// Human label for the UI.
    pub const fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::SalesManager => "Sales manager",
            Role::SalesRep => "Sales rep",
            Role::Finance => "Finance",
            Role::Partner => "Partner",
        }
    }
}

crate::text_column!(Role);

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role `{s}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        assert!("root".parse::<Role>().is_err());
    }
}

//! A compensation plan's rules. The defaults are the seeds' numbers (5% new business, residual
//! tiers 200 / 250 / 300, 10% upsell, 30 days to earn, 45 to claw back, 7 to dispute, cap at
//! 3 × base salary); team bonus and manager override default to 0, which is off.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::FieldError;

/// One band of a tiered plan: from `from_percent` of quota upwards, deals pay `rate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Percent of the monthly quota where the band starts, e.g. `"100"`; the first band starts at `"0"`.
    #[serde(with = "crate::commissions::text::percent")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,5}(\\.[0-9]{1,2})?$", example = "0"))]
    pub from_percent: Decimal,
    /// Rate as a decimal fraction, e.g. `"0.10"` for 10%.
    #[serde(with = "crate::commissions::text::rate")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$", example = "0.10"))]
    pub rate: Decimal,
}

crate::wire_enum! {
    /// How a tiered plan pays deals that cross band edges.
    pub enum BandMode {
        /// Each part of a deal at the rate of the band it falls in.
        Marginal = "marginal" => "Marginal",
        /// Lines at the marginal rate as deals close; the monthly close trues the month up to the
        /// whole month's revenue × the rate of the band reached.
        Retroactive = "retroactive" => "Retroactive",
    }
}

/// What a won deal earns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum NewBusinessRule {
    /// Deal value × rate.
    Percentage {
        #[serde(with = "crate::commissions::text::rate")]
        #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$", example = "0.05"))]
        rate: Decimal,
    },
    /// The same amount per close.
    Fixed {
        #[serde(with = "crate::commissions::text::amount")]
        #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "150.00"))]
        amount: Decimal,
    },
    /// By the month's quota attainment.
    Tiered {
        mode: BandMode,
        #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
        bands: Vec<Band>,
    },
}

impl NewBusinessRule {
    /// Seed 004's "5% base + 5% bonus for quota": 5% from the first dollar, 10% from 100% of
    /// quota (the demo's, the scale data's and the benchmark's plan).
    pub fn five_then_ten(mode: BandMode) -> Self {
        Self::Tiered {
            mode,
            bands: vec![
                Band {
                    from_percent: Decimal::ZERO,
                    rate: Decimal::new(5, 2),
                },
                Band {
                    from_percent: Decimal::ONE_HUNDRED,
                    rate: Decimal::new(10, 2),
                },
            ],
        }
    }
}

/// A residual tier: the rep's `closes`-th close of a month (or later ones) locks `amount` per
/// paid invoice on the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResidualTier {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000))]
    pub closes: u32,
    #[serde(with = "crate::commissions::text::amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "250.00"))]
    pub amount: Decimal,
}

/// The rules of one plan version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanRules {
    pub new_business: NewBusinessRule,
    /// Ascending by `closes`, the first at 1.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub residual_tiers: Vec<ResidualTier>,
    /// Per paid invoice of a client with no locked amount (opened before commissions, imported).
    #[serde(with = "crate::commissions::text::amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "200.00"))]
    pub residual_fallback: Decimal,
    /// Share of an upsell's price, e.g. `"0.10"`.
    #[serde(with = "crate::commissions::text::rate")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$", example = "0.10"))]
    pub upsell_rate: Decimal,
    /// Share of a paid partner order's subtotal for the partner's rep, e.g. `"0.05"`.
    #[serde(
        default = "PlanRules::default_partner_order_rate",
        with = "crate::commissions::text::rate"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$", example = "0.05"))]
    pub partner_order_rate: Decimal,
    /// Paid once when a won B2B lead becomes an active partner; 0 is off.
    #[serde(
        default = "PlanRules::default_new_partner_bonus",
        with = "crate::commissions::text::amount"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "500.00"))]
    pub new_partner_bonus: Decimal,
    /// Days after the source event before a new-business or upsell line is earned.
    #[cfg_attr(feature = "openapi", schema(maximum = 3650))]
    pub eligibility_days: u32,
    /// Days after the source event within which a refund claws back.
    #[cfg_attr(feature = "openapi", schema(maximum = 3650))]
    pub clawback_days: u32,
    /// Days after a line is written within which its rep may dispute it.
    #[cfg_attr(feature = "openapi", schema(maximum = 3650))]
    pub dispute_days: u32,
    /// Paid to each member when the team reaches its monthly quota; 0 is off.
    #[serde(with = "crate::commissions::text::amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "0"))]
    pub team_bonus: Decimal,
    /// A team manager's share of its members' lines; 0 is off.
    #[serde(with = "crate::commissions::text::rate")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$", example = "0"))]
    pub override_rate: Decimal,
    /// A month's net is capped at this × the rep's monthly base salary.
    #[serde(with = "crate::commissions::text::multiple")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,3}(\\.[0-9]{1,2})?$", example = "3"))]
    pub cap_multiple: Decimal,
}

impl Default for PlanRules {
    fn default() -> Self {
        Self {
            new_business: NewBusinessRule::Percentage {
                rate: Decimal::new(5, 2),
            },
            residual_tiers: vec![
                ResidualTier {
                    closes: 1,
                    amount: Decimal::new(200, 0),
                },
                ResidualTier {
                    closes: 2,
                    amount: Decimal::new(250, 0),
                },
                ResidualTier {
                    closes: 3,
                    amount: Decimal::new(300, 0),
                },
            ],
            residual_fallback: Decimal::new(200, 0),
            upsell_rate: Decimal::new(10, 2),
            partner_order_rate: Self::default_partner_order_rate(),
            new_partner_bonus: Self::default_new_partner_bonus(),
            eligibility_days: 30,
            clawback_days: 45,
            dispute_days: 7,
            team_bonus: Decimal::ZERO,
            override_rate: Decimal::ZERO,
            cap_multiple: Decimal::new(3, 0),
        }
    }
}

/// Largest number of days any window may be (ten years).
pub const MAX_DAYS: u32 = 3650;

impl PlanRules {
    /// Seed 004's sales rep `commissionRate` default, 5%; plans stored before partner orders
    /// existed read it too.
    pub fn default_partner_order_rate() -> Decimal {
        Decimal::new(5, 2)
    }

    /// 500.00 per new partner; plans stored before partner accounts existed read it too.
    pub fn default_new_partner_bonus() -> Decimal {
        Decimal::new(50000, 2)
    }

    /// Every rule a plan must keep, each failure naming its field.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field: String, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_owned(),
            })
        };
        let is_rate = |r: Decimal| r >= Decimal::ZERO && r <= Decimal::ONE;
        match &self.new_business {
            NewBusinessRule::Percentage { rate } if !is_rate(*rate) => {
                err("new_business.rate".into(), "must be between 0 and 1")
            }
            NewBusinessRule::Fixed { amount } if amount.is_sign_negative() => {
                err("new_business.amount".into(), "must not be negative")
            }
            NewBusinessRule::Tiered { bands, .. } => {
                if bands.is_empty() || bands.len() > 20 {
                    err("new_business.bands".into(), "must hold 1 to 20 bands");
                }
                if bands.first().is_some_and(|b| !b.from_percent.is_zero()) {
                    err(
                        "new_business.bands[0].from_percent".into(),
                        "the first band starts at 0",
                    );
                }
                for (i, b) in bands.iter().enumerate() {
                    if !is_rate(b.rate) {
                        err(
                            format!("new_business.bands[{i}].rate"),
                            "must be between 0 and 1",
                        );
                    }
                    if b.from_percent > Decimal::new(10_000, 0) {
                        err(
                            format!("new_business.bands[{i}].from_percent"),
                            "must be at most 10000",
                        );
                    }
                    if i > 0 && b.from_percent <= bands[i - 1].from_percent {
                        err(
                            format!("new_business.bands[{i}].from_percent"),
                            "must be above the band before",
                        );
                    }
                }
            }
            _ => {}
        }
        if self.residual_tiers.is_empty() || self.residual_tiers.len() > 20 {
            err("residual_tiers".into(), "must hold 1 to 20 tiers");
        }
        if self.residual_tiers.first().is_some_and(|t| t.closes != 1) {
            err(
                "residual_tiers[0].closes".into(),
                "the first tier is the first close (1)",
            );
        }
        for (i, t) in self.residual_tiers.iter().enumerate() {
            if !(1..=1000).contains(&t.closes) {
                err(
                    format!("residual_tiers[{i}].closes"),
                    "must be from 1 to 1000",
                );
            }
            if t.amount.is_sign_negative() {
                err(
                    format!("residual_tiers[{i}].amount"),
                    "must not be negative",
                );
            }
            if i > 0 && t.closes <= self.residual_tiers[i - 1].closes {
                err(
                    format!("residual_tiers[{i}].closes"),
                    "must be above the tier before",
                );
            }
        }
        for (field, v) in [
            ("residual_fallback", self.residual_fallback),
            ("team_bonus", self.team_bonus),
            ("new_partner_bonus", self.new_partner_bonus),
            ("cap_multiple", self.cap_multiple),
        ] {
            if v.is_sign_negative() {
                err(field.into(), "must not be negative");
            }
        }
        for (field, v) in [
            ("upsell_rate", self.upsell_rate),
            ("partner_order_rate", self.partner_order_rate),
            ("override_rate", self.override_rate),
        ] {
            if !is_rate(v) {
                err(field.into(), "must be between 0 and 1");
            }
        }
        for (field, v) in [
            ("eligibility_days", self.eligibility_days),
            ("clawback_days", self.clawback_days),
            ("dispute_days", self.dispute_days),
        ] {
            if v > MAX_DAYS {
                err(field.into(), "must be at most 3650");
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The amount a client's residual locks at, for the rep's `closes`-th close of the month.
    pub fn residual_tier(&self, closes: u32) -> Option<&ResidualTier> {
        self.residual_tiers
            .iter()
            .rev()
            .find(|t| t.closes <= closes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_defaults_are_the_seeds_numbers_and_valid() {
        let p = PlanRules::default();
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(
            p.new_business,
            NewBusinessRule::Percentage { rate: d("0.05") }
        );
        assert_eq!(p.upsell_rate, d("0.10"));
        assert_eq!(
            (p.eligibility_days, p.clawback_days, p.dispute_days),
            (30, 45, 7)
        );
        assert_eq!(p.cap_multiple, d("3"));
    }

    #[test]
    fn invalid_plans_name_the_field() {
        let bands = |v: &[(&str, &str)]| NewBusinessRule::Tiered {
            mode: BandMode::Marginal,
            bands: v
                .iter()
                .map(|(f, r)| Band {
                    from_percent: d(f),
                    rate: d(r),
                })
                .collect(),
        };
        let table: Vec<(PlanRules, &str)> = vec![
            (
                PlanRules {
                    new_business: NewBusinessRule::Percentage { rate: d("1.5") },
                    ..Default::default()
                },
                "new_business.rate",
            ),
            (
                PlanRules {
                    new_business: NewBusinessRule::Fixed { amount: d("-1") },
                    ..Default::default()
                },
                "new_business.amount",
            ),
            (
                PlanRules {
                    new_business: bands(&[("10", "0.05")]),
                    ..Default::default()
                },
                "new_business.bands[0].from_percent",
            ),
            (
                PlanRules {
                    new_business: bands(&[("0", "0.05"), ("0", "0.10")]),
                    ..Default::default()
                },
                "new_business.bands[1].from_percent",
            ),
            (
                PlanRules {
                    new_business: bands(&[]),
                    ..Default::default()
                },
                "new_business.bands",
            ),
            (
                PlanRules {
                    residual_tiers: vec![ResidualTier {
                        closes: 2,
                        amount: d("1"),
                    }],
                    ..Default::default()
                },
                "residual_tiers[0].closes",
            ),
            (
                PlanRules {
                    upsell_rate: d("-0.1"),
                    ..Default::default()
                },
                "upsell_rate",
            ),
            (
                PlanRules {
                    partner_order_rate: d("1.5"),
                    ..Default::default()
                },
                "partner_order_rate",
            ),
            (
                PlanRules {
                    new_partner_bonus: d("-1"),
                    ..Default::default()
                },
                "new_partner_bonus",
            ),
            (
                PlanRules {
                    clawback_days: 4000,
                    ..Default::default()
                },
                "clawback_days",
            ),
        ];
        for (plan, field) in table {
            let errors = plan.validate().unwrap_err();
            assert!(
                errors.iter().any(|e| e.field == field),
                "{field}: {errors:?}"
            );
        }
    }

    #[test]
    fn residual_tier_by_close_count() {
        let p = PlanRules::default();
        let table = [(1, "200"), (2, "250"), (3, "300"), (4, "300"), (40, "300")];
        for (closes, amount) in table {
            assert_eq!(
                p.residual_tier(closes).unwrap().amount,
                d(amount),
                "{closes}"
            );
        }
        assert!(p.residual_tier(0).is_none());
    }
}

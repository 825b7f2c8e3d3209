//! A partner's own analytics (issue 13 §7, seed 004 "Analytics — sales trends, product
//! performance, profitability"): what it bought month by month, which products, and what it
//! stands to make selling them at MSRP. Cancelled orders count for nothing. The sums are here,
//! pure, so the page and the server agree; the server only gathers the orders.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
use crate::commissions::Period;
use crate::money::MoneyError;

/// The longest window asked for, in months.
pub const MAX_MONTHS: u32 = 24;
/// The default window: a year.
pub const DEFAULT_MONTHS: u32 = 12;

/// Which window: the last `months` calendar months (this one included), in the organisation's
/// time zone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AnalyticsQuery {
    /// 1–24 (default 12).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 24))]
    pub months: Option<u32>,
}

/// What a set of orders came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub orders: u64,
    pub units: u64,
    /// What the partner paid (order subtotals, before late fees).
    pub spend: Money,
    /// What the units sell for at MSRP.
    pub retail_value: Money,
    /// Retail value less spend: the partner's gross profit selling everything at MSRP.
    pub margin: Money,
    /// Margin over retail value, in percent to one decimal (0 with no sales).
    pub margin_percent: Decimal,
}

/// One calendar month of the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: Period,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One product over the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductFigures {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    /// Orders with a line of it.
    #[serde(flatten)]
    pub figures: Figures,
    /// Its share of the window's spend, in percent to one decimal.
    pub share_percent: Decimal,
}

/// A partner account's analytics over a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerAnalytics {
    pub partner_id: Uuid,
    pub from: Period,
    pub to: Period,
    pub totals: Figures,
    /// What an order came to on average over the window (zero with none).
    pub average_order: Money,
    /// Every month of the window, oldest first, months without orders included.
    pub months: Vec<MonthFigures>,
    /// Products by spend, highest first (ties by SKU).
    pub products: Vec<ProductFigures>,
}

/// An order, as the sums need it.
#[derive(Debug, Clone)]
pub struct OrderFacts {
    pub month: Period,
    pub units: i64,
    pub retail_minor: i64,
    pub spend_minor: i64,
}

/// An order line, as the sums need it.
#[derive(Debug, Clone)]
pub struct LineFacts {
    pub order: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub units: i64,
    pub retail_minor: i64,
    pub spend_minor: i64,
}

/// Running sums in minor units.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    orders: u64,
    units: i64,
    retail: i64,
    spend: i64,
}

impl Sums {
    fn add(&mut self, units: i64, retail: i64, spend: i64) {
        self.units = self.units.saturating_add(units);
        self.retail = self.retail.saturating_add(retail);
        self.spend = self.spend.saturating_add(spend);
    }

    fn figures(self, currency: &str) -> Result<Figures, MoneyError> {
        let margin = self.retail.saturating_sub(self.spend);
        Ok(Figures {
            orders: self.orders,
            units: u64::try_from(self.units.max(0)).unwrap_or(0),
            spend: Money::from_minor(self.spend, currency)?,
            retail_value: Money::from_minor(self.retail, currency)?,
            margin: Money::from_minor(margin, currency)?,
            margin_percent: percent(margin, self.retail),
        })
    }
}

/// `part` over `whole` in percent, to one decimal (always written with it: `35.0`), half away
/// from zero; 0.0 when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> Decimal {
    let mut p = if whole == 0 {
        Decimal::ZERO
    } else {
        (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
    };
    p.rescale(1);
    p
}

/// The `months` calendar months ending with `last`, oldest first.
pub fn window(last: Period, months: u32) -> Vec<Period> {
    let mut out = vec![last];
    for _ in 1..months.clamp(1, MAX_MONTHS) {
        let earliest = out[0].previous();
        out.insert(0, earliest);
    }
    out
}

/// The analytics over the `months` calendar months ending with `last` of `orders` and their
/// `lines`: the caller gathers the account's orders placed in that window, cancelled ones left
/// out; an order of another month is ignored.
pub fn summarise(
    partner_id: Uuid,
    currency: &str,
    last: Period,
    months: u32,
    orders: &[OrderFacts],
    lines: &[LineFacts],
) -> Result<PartnerAnalytics, MoneyError> {
    let months = window(last, months);
    let mut by_month: BTreeMap<Period, Sums> =
        months.iter().map(|m| (*m, Sums::default())).collect();
    let mut totals = Sums::default();
    for o in orders {
        let Some(month) = by_month.get_mut(&o.month) else {
            continue;
        };
        month.orders += 1;
        month.add(o.units, o.retail_minor, o.spend_minor);
        totals.orders += 1;
        totals.add(o.units, o.retail_minor, o.spend_minor);
    }
    // Per product: sums, and the distinct orders it was on.
    let mut by_product: BTreeMap<Uuid, (String, String, Sums, Vec<Uuid>)> = BTreeMap::new();
    for l in lines {
        let entry = by_product
            .entry(l.product_id)
            .or_insert_with(|| (l.sku.clone(), l.name.clone(), Sums::default(), Vec::new()));
        entry.2.add(l.units, l.retail_minor, l.spend_minor);
        if !entry.3.contains(&l.order) {
            entry.3.push(l.order);
        }
    }
    let mut products = by_product
        .into_iter()
        .map(|(product_id, (sku, name, mut sums, orders))| {
            sums.orders = orders.len() as u64;
            Ok(ProductFigures {
                product_id,
                sku,
                name,
                share_percent: percent(sums.spend, totals.spend),
                figures: sums.figures(currency)?,
            })
        })
        .collect::<Result<Vec<_>, MoneyError>>()?;
    products.sort_by(|a, b| {
        b.figures
            .spend
            .amount
            .cmp(&a.figures.spend.amount)
            .then_with(|| a.sku.cmp(&b.sku))
    });
    let average = if totals.orders == 0 {
        Decimal::ZERO
    } else {
        (Decimal::from(totals.spend) / Decimal::from(totals.orders))
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
    };
    let average = i64::try_from(average).unwrap_or(i64::MAX);
    Ok(PartnerAnalytics {
        partner_id,
        from: months[0],
        to: last,
        totals: totals.figures(currency)?,
        average_order: Money::from_minor(average, currency)?,
        months: by_month
            .into_iter()
            .map(|(month, sums)| {
                Ok(MonthFigures {
                    month,
                    figures: sums.figures(currency)?,
                })
            })
            .collect::<Result<_, MoneyError>>()?,
        products,
    })
}

//! Money and dates in the user's locale (the browser's `Intl`) and time zone.

use closebook_shared::Money;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

/// A percentage the API computed ("66.7%"), or "—" when there was nothing to measure.
pub fn percent(p: Option<rust_decimal::Decimal>) -> String {
    p.map_or_else(|| "—".to_owned(), |v| format!("{v}%"))
}

/// `$5,200.50` in en-US, `5.200,50 $` in de-DE: the browser's locale decides.
pub fn money(m: &Money) -> String {
    // Display only: the exact decimal string stays the value; a double renders it faithfully
    // for any realistic amount.
    let amount: f64 = m.amount.to_string().parse().unwrap_or(0.0);
    let fmt = js_sys::Intl::NumberFormat::new(
        &Array::new(),
        &options(&[("style", "currency"), ("currency", &m.currency)]),
    );
    fmt.format()
        .call1(&JsValue::NULL, &JsValue::from_f64(amount))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{} {}", m.amount, m.currency))
}

/// A UTC timestamp shown in the given IANA time zone, in the browser's locale.
pub fn datetime(t: &chrono::DateTime<chrono::Utc>, time_zone: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&t.to_rfc3339()));
    let opts = options(&[
        ("dateStyle", "medium"),
        ("timeStyle", "short"),
        ("timeZone", time_zone),
    ]);
    date.to_locale_string("default", &opts)
        .as_string()
        .unwrap_or_else(|| t.to_rfc3339())
}

/// A UTC timestamp in the signed-in user's time zone.
pub fn when(t: &chrono::DateTime<chrono::Utc>) -> String {
    datetime(t, &crate::api::Session::time_zone())
}

pub fn date(d: &chrono::NaiveDate) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{d}T12:00:00Z")));
    date.to_locale_date_string(
        "default",
        &options(&[("dateStyle", "medium"), ("timeZone", "UTC")]),
    )
    .as_string()
    .unwrap_or_else(|| d.to_string())
}

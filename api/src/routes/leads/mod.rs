mod add_note;
mod change_stage;
mod claim;
mod create;
mod get;
mod history;
mod list;
mod list_activities;
mod list_notes;
mod list_touches;
mod log_activity;
mod log_touch;
mod reassign;
mod referral_ask;
mod set_outcome;
mod update;
mod update_deal;

use closebook_shared::activities::ActivityKind;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_leads)
        .service(create::create_lead)
        .service(get::get_lead)
        .service(update::update_lead)
        .service(change_stage::change_lead_stage)
        .service(set_outcome::set_lead_outcome)
        .service(reassign::reassign_lead)
        .service(claim::claim_lead)
        .service(update_deal::update_lead_deal)
        .service(referral_ask::record_referral_ask)
        .service(history::list_lead_history)
        .service(list_activities::list_lead_activities)
        .service(log_activity::create_lead_activity)
        .service(list_notes::list_lead_notes)
        .service(add_note::create_lead_note)
        .service(list_touches::list_lead_touches)
        .service(log_touch::create_lead_touch);
}

/// `kind=call,email` → the kinds, each checked.
/// `call,email`: kinds separated by commas, nothing else (the OpenAPI pattern,
/// [`kinds_pattern`], says exactly this).
pub fn parse_kinds(raw: &str) -> Result<Vec<String>, ApiError> {
    raw.split(',')
        .map(|k| {
            k.parse::<ActivityKind>()
                .map(|k| k.as_str().to_owned())
                .map_err(|e| ApiError::bad_param("kind", e))
        })
        .collect()
}

/// The `kind` filter's pattern: one or more activity kinds separated by commas.
pub fn kinds_pattern() -> String {
    let one = closebook_shared::activities::ActivityKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join("|");
    format!("^({one})(,({one}))*$")
}

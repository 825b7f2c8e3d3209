mod get;
mod quick_log;
mod schedule;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(schedule::list_activities)
        .service(quick_log::create_activity)
        .service(get::get_activity);
}

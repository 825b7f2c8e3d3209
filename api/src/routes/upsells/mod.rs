mod get;
mod mark_sold;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get::get_upsell)
        .service(mark_sold::mark_upsell_sold);
}

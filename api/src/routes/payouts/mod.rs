mod create;
mod get;
mod list;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_payouts)
        .service(create::create_payout)
        .service(get::get_payout);
}

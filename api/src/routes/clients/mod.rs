mod add_upsell;
mod get;
mod list;
mod list_upsells;
mod refund;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_clients)
        .service(get::get_client)
        .service(add_upsell::create_client_upsell)
        .service(list_upsells::list_client_upsells)
        .service(refund::refund_client_deal);
}

mod get;
mod list;
mod place;
mod quote;
mod set_status;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_orders)
        .service(quote::quote_order)
        .service(place::place_order)
        .service(get::get_order)
        .service(set_status::set_order_status);
}

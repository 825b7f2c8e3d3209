mod delete;
mod get;
mod make_default;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get::get_shipping_address)
        .service(delete::delete_shipping_address)
        .service(make_default::make_default_shipping_address);
}

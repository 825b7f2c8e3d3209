mod create;
mod get;
mod pay;
mod refund;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create::create_invoice)
        .service(get::get_invoice)
        .service(pay::pay_invoice)
        .service(refund::refund_invoice);
}

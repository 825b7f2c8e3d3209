mod get;
mod list;
mod pay;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_partner_invoices)
        .service(get::get_partner_invoice)
        .service(pay::pay_partner_invoice);
}

mod create;
mod get;
mod list;
mod resolve;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_support_tickets)
        .service(create::create_support_ticket)
        .service(get::get_support_ticket)
        .service(resolve::resolve_support_ticket);
}

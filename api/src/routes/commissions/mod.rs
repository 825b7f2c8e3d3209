mod get;
mod list;
mod simulate;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // `simulate` before `{id}`, so the literal path is matched first.
    cfg.service(list::list_commissions)
        .service(simulate::simulate_commissions)
        .service(get::get_commission);
}

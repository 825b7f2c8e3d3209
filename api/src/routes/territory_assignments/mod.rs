mod end;
mod get;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get::get_territory_assignment)
        .service(end::end_territory_assignment);
}

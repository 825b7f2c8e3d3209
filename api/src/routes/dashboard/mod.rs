mod manager;
mod rep;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(rep::get_rep_dashboard)
        .service(manager::get_manager_dashboard);
}

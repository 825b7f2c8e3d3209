mod create;
mod get;
mod list;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_teams)
        .service(create::create_team)
        .service(get::get_team)
        .service(update::update_team);
}

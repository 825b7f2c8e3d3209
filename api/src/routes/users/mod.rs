mod create;
mod get;
mod get_intake;
mod list;
mod set_password;
mod update;
mod update_intake;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_users)
        .service(create::create_user)
        .service(get::get_user)
        .service(update::update_user)
        .service(set_password::set_user_password)
        .service(get_intake::get_rep_intake)
        .service(update_intake::update_rep_intake);
}

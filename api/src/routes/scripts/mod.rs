mod create;
mod list;
mod render;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_scripts)
        .service(create::create_script)
        .service(update::update_script)
        .service(render::render_script);
}

mod create;
mod get;
mod list;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_pipelines)
        .service(create::create_pipeline)
        .service(get::get_pipeline)
        .service(update::update_pipeline);
}

mod create;
mod list;
mod progress;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_video_guides)
        .service(create::create_video_guide)
        .service(list::get_video_guide)
        .service(progress::record_video_progress);
}

mod list;
mod read;
mod read_all;
mod unread;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The literal paths before `{id}`, so they are matched first.
    cfg.service(unread::count_unread_notifications)
        .service(read_all::read_all_notifications)
        .service(list::list_notifications)
        .service(read::read_notification);
}

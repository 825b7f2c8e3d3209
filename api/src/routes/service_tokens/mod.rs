mod create;
mod list;
mod revoke;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_service_tokens)
        .service(create::create_service_token)
        .service(revoke::revoke_service_token);
}

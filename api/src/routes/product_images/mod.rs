mod delete;
mod get;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get::get_product_image)
        .service(delete::delete_product_image);
}

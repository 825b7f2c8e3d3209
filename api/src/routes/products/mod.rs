mod adjust_stock;
mod create;
mod get;
mod list;
mod update;
mod upload_image;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_products)
        .service(create::create_product)
        .service(get::get_product)
        .service(update::update_product)
        .service(adjust_stock::adjust_product_stock)
        .service(upload_image::upload_product_image);
}

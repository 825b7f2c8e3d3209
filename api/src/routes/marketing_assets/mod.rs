mod create;
mod download;
mod get;
mod list;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_marketing_assets)
        .service(create::create_marketing_asset)
        .service(get::get_marketing_asset)
        .service(download::download_marketing_asset);
}

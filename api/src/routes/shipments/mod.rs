mod create;
mod get;
mod list;
mod temperatures;
mod track;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_shipments)
        .service(create::create_shipment)
        .service(get::get_shipment)
        .service(track::track_shipment)
        .service(temperatures::log_shipment_temperatures);
}

mod assign;
mod assignments;
mod create;
mod delete;
mod export;
mod geojson;
mod get;
mod import;
mod list;
mod mine;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The literal paths before `{id}`, so they are matched first.
    cfg.service(export::export_territories)
        .service(import::import_territories)
        .service(mine::get_my_territory)
        .service(list::list_territories)
        .service(create::create_territory)
        .service(get::get_territory)
        .service(update::update_territory)
        .service(delete::delete_territory)
        .service(geojson::get_territory_geojson)
        .service(assignments::list_territory_assignments)
        .service(assign::create_territory_assignment);
}

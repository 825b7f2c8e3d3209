mod assign;
mod create;
mod get;
mod list;
mod list_assignments;
mod preview;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The literal path before `{id}`, so it is matched first.
    cfg.service(list::list_compensation_plans)
        .service(create::create_compensation_plan)
        .service(preview::preview_compensation_plan)
        .service(get::get_compensation_plan)
        .service(update::update_compensation_plan)
        .service(list_assignments::list_plan_assignments)
        .service(assign::assign_plan);
}

mod accept;
mod bulk_reassign;
mod create;
mod get;
mod list;
mod queue;
mod reassign;
mod reject;
mod workload;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The literal paths before `{id}`, so they are matched first.
    cfg.service(workload::get_allocation_workload)
        .service(bulk_reassign::bulk_reassign_allocations)
        .service(queue::get_rep_queue)
        .service(list::list_allocations)
        .service(create::create_allocation)
        .service(get::get_allocation)
        .service(accept::accept_allocation)
        .service(reject::reject_allocation)
        .service(reassign::reassign_allocation);
}

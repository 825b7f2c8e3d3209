mod approve;
mod batch_approve;
mod close;
mod dispute;
mod get;
mod list;
mod my_plan;
mod payout_report;
mod replay;
mod resolve;
mod simulate;
mod statement;
mod summary;
mod team_earnings;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The literal paths before `{id}`, so they are matched first.
    cfg.service(list::list_commissions)
        .service(simulate::simulate_commissions)
        .service(my_plan::get_my_plan)
        .service(payout_report::get_payout_report)
        .service(summary::get_commission_summary)
        .service(team_earnings::get_team_earnings)
        .service(statement::get_commission_statement)
        .service(replay::replay_commission_statements)
        .service(batch_approve::batch_approve_commissions)
        .service(close::close_commission_period)
        .service(approve::approve_commission)
        .service(dispute::dispute_commission)
        .service(resolve::resolve_commission_dispute)
        .service(get::get_commission);
}

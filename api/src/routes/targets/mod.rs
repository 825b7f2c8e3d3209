mod create;
mod get;
mod leaderboard;
mod list;
mod list_rm;
mod list_team;
mod record_satisfaction;
mod satisfaction;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The fixed paths before `/targets/{id}`, which would take "leaderboard" for an id.
    cfg.service(leaderboard::get_leaderboard)
        .service(list::list_targets)
        .service(create::create_target)
        .service(list_rm::list_rm_targets)
        .service(list_team::list_team_targets)
        .service(get::get_target)
        .service(update::update_target)
        .service(record_satisfaction::record_satisfaction)
        .service(satisfaction::get_satisfaction_score);
}

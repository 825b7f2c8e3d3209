mod sales_leak;
mod scorecard;
mod scorecard_history;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(sales_leak::get_sales_leak)
        .service(scorecard_history::get_scorecard_history)
        .service(scorecard::get_scorecard);
}

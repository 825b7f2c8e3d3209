mod profitability;
mod residual_book;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(residual_book::get_residual_book)
        .service(profitability::get_profitability);
}

mod add_address;
mod add_user;
mod analytics;
mod approve;
mod contacts;
mod create;
mod get;
mod integrations;
mod list;
mod list_addresses;
mod set_status;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_partners)
        .service(create::create_partner)
        .service(get::get_partner)
        .service(update::update_partner)
        .service(approve::approve_partner)
        .service(set_status::set_partner_status)
        .service(add_user::add_partner_user)
        .service(integrations::list_partner_integrations)
        .service(analytics::get_partner_analytics)
        .service(contacts::list_partner_contacts)
        .service(list_addresses::list_shipping_addresses)
        .service(add_address::add_shipping_address);
}

//! Partner resources (issue 13 §6): the marketing hub (`assets`), the how-to library
//! (`videos`) and the accounts' integrations (`integrations`). Partner users see the assets
//! their account's tier reaches; the back office adds assets and videos.

mod assets;
mod integrations;
mod videos;

pub use assets::{create_asset, download, get_asset, list_assets};
pub use integrations::integrations;
pub use videos::{create_video, get_video, list_videos, record_progress};

use crate::authz::PartnerCaller;
use crate::error::ApiError;

/// Only the back office adds to the library.
fn back_office(caller: &PartnerCaller, what: &str) -> Result<(), ApiError> {
    caller.back_office_only(&format!("adds {what}"))
}

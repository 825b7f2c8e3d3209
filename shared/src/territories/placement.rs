//! Background runs that place every lead again after territories changed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    pub enum PlacementStatus {
        /// Waiting for a worker (several changes in a row share one run).
        Queued = "queued" => "Queued",
        Running = "running" => "Running",
        Done = "done" => "Done",
    }
}

/// One run over the leads, with its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacementRun {
    pub id: uuid::Uuid,
    pub status: PlacementStatus,
    /// What changed (`territory.update Boulder`, `territory.import`).
    pub reason: String,
    /// Leads when the run started (0 while queued).
    pub total: u64,
    pub processed: u64,
    /// Leads whose territory changed.
    pub moved: u64,
    /// processed / total, whole percent (100 when done).
    pub percent: u32,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Whole percent of `processed` over `total`, rounded down; 100 when done.
pub fn percent_done(status: PlacementStatus, processed: u64, total: u64) -> u32 {
    match (status, total) {
        (PlacementStatus::Done, _) => 100,
        (_, 0) => 0,
        _ => (processed.min(total) * 100 / total) as u32,
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PlacementRunQuery {
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_in_whole_percent() {
        use PlacementStatus::*;
        let table = [
            (Queued, 0, 0, 0),
            (Running, 0, 250_000, 0),
            (Running, 2_499, 250_000, 0),
            (Running, 2_500, 250_000, 1),
            (Running, 249_999, 250_000, 99),
            (Running, 300, 200, 100),
            (Done, 0, 0, 100),
        ];
        for (status, processed, total, want) in table {
            assert_eq!(
                percent_done(status, processed, total),
                want,
                "{processed}/{total}"
            );
        }
    }
}

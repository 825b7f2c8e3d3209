//! Each statement's SQL and duration as a `debug` event of target `closebook::sql`, for finding
//! where a slow request spends its time (`CLOSEBOOK_LOG=warn,closebook::sql=debug`). Installed
//! only when that target is enabled, so a normal run pays nothing for it.

use std::time::Instant;

use diesel::connection::{Instrumentation, InstrumentationEvent};

/// Whether connections should carry the statement log.
pub fn wanted() -> bool {
    tracing::enabled!(target: "closebook::sql", tracing::Level::DEBUG)
}

/// Times each statement from its start to its finish.
#[derive(Default)]
pub struct SqlLog {
    started: Option<Instant>,
}

impl Instrumentation for SqlLog {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { .. } => self.started = Some(Instant::now()),
            InstrumentationEvent::FinishQuery { query, error, .. } => {
                let micros = self.started.take().map_or(0, |s| s.elapsed().as_micros());
                tracing::debug!(target: "closebook::sql", micros, failed = error.is_some(), "{query}");
            }
            _ => {}
        }
    }
}

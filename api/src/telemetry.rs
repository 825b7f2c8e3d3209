//! Structured logs via tracing. Writes go through a background thread so a slow terminal or
//! pipe never stalls request handling.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

pub fn init(filter: &str, format: &str) -> Result<WorkerGuard, String> {
    let filter = EnvFilter::try_new(filter)
        .map_err(|e| format!("CLOSEBOOK_LOG `{filter}` is not a valid filter: {e}"))?;
    // The writer thread drains every queued line into this buffer and flushes when the queue is
    // empty: one write(2) per burst instead of one per line (a line per request under load).
    let stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout());
    let (writer, guard) = tracing_appender::non_blocking(stdout);
    // Colours only for a person at a terminal; a log file or collector gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_target(false)
        .with_ansi(ansi);
    let result = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    result.map_err(|e| format!("cannot start logging: {e}"))?;
    Ok(guard)
}

use std::process::ExitCode;

use clap::Parser;

// glibc malloc took a quarter of the CPU under load (many small short-lived allocations per
// request across worker threads); mimalloc's thread-local free lists cut that down.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = closebook_api::config::Cli::parse();
    match closebook_api::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("closebook: {e}");
            ExitCode::FAILURE
        }
    }
}

use std::process::ExitCode;

use clap::Parser;

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

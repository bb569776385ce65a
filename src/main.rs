//! The `wecoss-report` binary: parses the command line and dispatches.

use std::process::ExitCode;

use clap::Parser;
use wecoss_report::args::{Cli, Command};
use wecoss_report::commands::{self, build, check, deck};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => build::run(args).map(|paths| commands::report_written(&paths)).map(|_| true),
        Command::Deck(args) => deck::run(args).map(|paths| commands::report_written(&paths)).map(|_| true),
        Command::Check(args) => check::run(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}

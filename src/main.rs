//! The `wecoss-report` binary: parses the command line and dispatches to
//! the commands in [`cli`], thin adapters over the library's pipeline.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::args::{Cli, Command};
use cli::{build, check, deck, init, meetings, report, watch};
use wecoss_report::pipeline::Error;
use wecoss_report::progress::{self, Verbosity};

/// mimalloc for small blocks, the system allocator for large ones (see
/// [`wecoss_report::alloc`]).
#[global_allocator]
static ALLOCATOR: wecoss_report::alloc::Allocator = wecoss_report::alloc::Allocator;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    progress::set(match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    });
    // Settings chosen once, from `wecoss.toml` in the working folder; flags win.
    let settings = if cli::reads_settings(&cli.command) {
        wecoss_report::settings::Settings::load(std::path::Path::new(".")).map_err(Error::from)
    } else {
        Ok(Default::default())
    };
    let result = settings.map(|s| cli::apply_settings(&s, &mut cli.command)).and_then(|()| match &cli.command {
        Command::Build(args) => build::run(args).map(|paths| cli::report_written(&paths)).map(|_| true),
        Command::Deck(args) => deck::run(args).map(|paths| cli::report_written(&paths)).map(|_| true),
        Command::Report(args) => report::run(args).map(|paths| cli::report_written(&paths)).map(|_| true),
        Command::Check(args) => check::run(args),
        Command::Watch(args) => watch::run(args).map(|_| true),
        Command::Meetings(args) => meetings::run(args),
        Command::Init(args) => init::run(args).map(|_| true),
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            cli::print_error(&err, cli::json_wanted(&cli.command));
            ExitCode::from(err.exit_code())
        }
    }
}

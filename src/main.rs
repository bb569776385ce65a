//! The `wecoss-report` binary: parses the command line and dispatches.

use std::process::ExitCode;

use clap::Parser;
use wecoss_report::args::{Cli, Command};
use wecoss_report::commands::{self, build, check, deck, init, meetings, report, watch};
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
    let settings = if wecoss_report::settings::read_by(&cli.command) {
        wecoss_report::settings::Settings::load(std::path::Path::new(".")).map_err(commands::Error::from)
    } else {
        Ok(Default::default())
    };
    let result = settings.map(|s| s.apply(&mut cli.command)).and_then(|()| match &cli.command {
        Command::Build(args) => build::run(args).map(|paths| commands::report_written(&paths)).map(|_| true),
        Command::Deck(args) => deck::run(args).map(|paths| commands::report_written(&paths)).map(|_| true),
        Command::Report(args) => report::run(args).map(|paths| commands::report_written(&paths)).map(|_| true),
        Command::Check(args) => check::run(args),
        Command::Watch(args) => watch::run(args).map(|_| true),
        Command::Meetings(args) => meetings::run(args),
        Command::Init(args) => init::run(args).map(|_| true),
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            if json_wanted(&cli.command) && !matches!(err, commands::Error::Data { .. }) {
                // Data errors were already printed as JSON by `load`.
                let _ = commands::print_json(&err.to_json());
            }
            eprintln!("error: {}", wecoss_report::diag::shown_lines(&err.to_string()));
            ExitCode::from(err.exit_code())
        }
    }
}

/// Whether the command was asked for `--json` diagnostics.
fn json_wanted(command: &Command) -> bool {
    match command {
        Command::Build(args) => args.input.json,
        Command::Deck(args) => args.input.json,
        Command::Report(args) => args.input.json,
        Command::Check(args) => args.input.json,
        Command::Watch(args) => args.build.input.json,
        Command::Meetings(args) => args.input.json,
        _ => false,
    }
}

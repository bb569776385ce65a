//! The `wecoss-report` binary: parses the command line and dispatches to
//! the commands in [`cli`], thin adapters over the library's pipeline.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::args::{Cli, Command};
use cli::printer::{Printer, Verbosity};
use cli::{build, check, deck, init, meetings, preview, report, start, watch};
use wecoss_report::pipeline::Error;

/// mimalloc for small blocks, the system allocator for large ones (see
/// [`wecoss_report::alloc`]).
#[global_allocator]
static ALLOCATOR: wecoss_report::alloc::Allocator = wecoss_report::alloc::Allocator;

fn main() -> ExitCode {
    // No arguments, double-clicked: work in the program's folder, set it
    // up if need be, then preview (see `cli::start`).
    let double_click = std::env::args_os().len() == 1 && start::double_clicked();
    let mut cli = if double_click {
        if let Err(err) = start::prepare() {
            Printer::new(Verbosity::Normal, false).error(&err);
            start::pause();
            return ExitCode::from(err.exit_code());
        }
        Cli::parse_from(["wecoss-report", "preview"])
    } else {
        Cli::parse()
    };
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    // Everything the commands and the library tell is printed by this one.
    let printer = Printer::new(verbosity, cli::json_wanted(&cli.command));
    // Settings chosen once, from `wecoss.toml` in the working folder; flags win.
    let settings = if cli::reads_settings(&cli.command) {
        wecoss_report::settings::Settings::load(std::path::Path::new(".")).map_err(Error::from)
    } else {
        Ok(Default::default())
    };
    // `watch` re-reads the settings when the file changes: it keeps the
    // command line as typed, to apply the new settings under it.
    let typed = match &cli.command {
        Command::Watch(args) => Some(args.clone()),
        Command::Preview(args) => Some(args.watch.clone()),
        _ => None,
    };
    let result = settings.map(|s| cli::apply_settings(&s, &mut cli.command)).and_then(|()| match &cli.command {
        Command::Build(args) => build::run(args, &printer).and_then(|paths| printer.written(&paths)).map(|_| true),
        Command::Deck(args) => deck::run(args, &printer).and_then(|paths| printer.written(&paths)).map(|_| true),
        Command::Report(args) => report::run(args, &printer).and_then(|paths| printer.written(&paths)).map(|_| true),
        Command::Check(args) => check::run(args, &printer),
        Command::Watch(args) => watch::run(args, typed.as_ref().unwrap_or(args), &printer).map(|_| true),
        Command::Preview(args) => preview::run(args, typed.as_ref().unwrap_or(&args.watch), &printer).map(|_| true),
        Command::Meetings(args) => meetings::run(args, &printer),
        Command::Init(args) => init::run(args).map(|_| true),
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            printer.error(&err);
            if double_click {
                start::pause();
            }
            ExitCode::from(err.exit_code())
        }
    }
}

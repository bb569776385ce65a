//! `watch`: build, then rebuild whenever a file in the inputs or the
//! templates is added, changed or removed.
//!
//! File events come from `notify`, debounced. A file still being copied in is
//! waited for: its size and modification time must stay the same over the
//! debounce window, a workbook (a zip: `.xlsx`, `.xlsm`, `.xlsb`, `.ods`)
//! must open as a zip, and a CSV must end with a line ending. Watching never
//! goes deaf: when the inputs folder (or the templates folder) is replaced,
//! or a folder in it is created, moved or removed, the watch is set up again,
//! and every second what is in the inputs is compared with what the last
//! build read, so a change that no event told of is built too. Each rebuild
//! prints one line: what was written and how long it took. A failed rebuild
//! prints its located errors and watching goes on; since documents are written
//! whole or not at all, the last good PDF stays. Typst's worlds and caches are
//! kept between rebuilds (see [`wecoss_report::compile::compile_kept`]), and so are
//! the records of every input file that did not change (see
//! [`wecoss_report::tables::ReadCache`]), so a rebuild is much faster than the first build. Ctrl-C
//! stops cleanly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode};

use wecoss_report::diag::{Diagnostic, Kind, Location, Severity, shown, shown_path};
use wecoss_report::ingest;
use wecoss_report::pipeline::{self, DocKind, Error, Session};
use wecoss_report::templates::DEFAULT_DIR;

use super::args::WatchArgs;
use super::build;
use super::printer::Printer;

/// Which documents a change affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Documents {
    /// The meeting decks.
    decks: bool,
    /// The annual report.
    report: bool,
}

impl Documents {
    /// Every document.
    const ALL: Documents = Documents { decks: true, report: true };
}

/// How long file events are gathered before acting on them.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// How often a file being copied in is polled.
const POLL: Duration = Duration::from_millis(250);
/// How long a file's size and time must stay the same before it is read.
const SETTLE: Duration = Duration::from_millis(500);
/// How long a workbook whose size no longer changes may stay unreadable as a
/// zip before it is treated as broken (and reported by the build).
const ZIP_GRACE: Duration = Duration::from_secs(3);
/// How long a CSV whose size no longer changes may lack its final line
/// ending before it is taken as complete (some tools write none).
const CSV_GRACE: Duration = Duration::from_secs(5);
/// The longest wait for a file to finish copying.
const COPY_LIMIT: Duration = Duration::from_secs(60);
/// How often the inputs are compared with what the last build read.
const RESCAN: Duration = Duration::from_secs(1);

/// What the watch loop hears about.
enum Message {
    /// File events, debounced.
    Files(notify_debouncer_full::DebounceEventResult),
    /// Ctrl-C (or SIGTERM).
    Stop,
}

/// Why waiting ended early.
struct Stopped;

/// Runs `watch` until Ctrl-C. `args` are the arguments with the settings
/// of `wecoss.toml` applied, `typed` as typed: when the settings file
/// changes, it is read again and applied under `typed` (a flag still wins).
pub fn run(args: &WatchArgs, typed: &WatchArgs, printer: &Printer) -> Result<(), Error> {
    run_then(args, typed, printer, &|| {})
}

/// [`run`], calling `after_first` once the first build is done (the
/// double-click start opens `out/` then).
pub fn run_then(args: &WatchArgs, typed: &WatchArgs, printer: &Printer, after_first: &dyn Fn()) -> Result<(), Error> {
    run_following(args, typed, printer, after_first, &|_| {})
}

/// A step of each build of a watch session, told to its follower (the
/// preview page).
pub enum Step<'a> {
    /// A build starts, and why (`first build`, `events.xlsx changed`).
    Building(&'a str),
    /// A build ran: everything it found and made, and the error that
    /// stopped it if one did.
    Built(&'a pipeline::Build),
    /// A build could not start (the meeting asked for is not in the inputs,
    /// the inputs folder is gone).
    Failed(&'a Error),
}

/// [`run_then`], telling `follow` of each build's steps as well.
pub fn run_following(
    args: &WatchArgs,
    typed: &WatchArgs,
    printer: &Printer,
    after_first: &dyn Fn(),
    follow: &dyn Fn(Step<'_>),
) -> Result<(), Error> {
    let mut args = args.clone();
    let args_now = &mut args;
    let build = typed.build.clone();
    let inputs = &build.input.inputs;
    if !inputs.is_dir() {
        return Err(Error::NoInputs { dir: inputs.clone() });
    }
    let templates_dir = build.output.templates.clone().or_else(|| {
        let local = PathBuf::from(DEFAULT_DIR);
        local.is_dir().then_some(local)
    });
    let roots = Roots::new(inputs, templates_dir.as_deref(), &build.output.out);

    let (tx, rx) = mpsc::channel::<Message>();
    let stop_tx = tx.clone();
    static PRESSES: AtomicUsize = AtomicUsize::new(0);
    ctrlc::set_handler(move || {
        if PRESSES.fetch_add(1, Ordering::SeqCst) > 0 {
            // A second Ctrl-C while a build is still running: stop now.
            std::process::exit(130);
        }
        let _ = stop_tx.send(Message::Stop);
    })
    .map_err(|e| Error::Watch { path: "Ctrl-C".into(), detail: e.to_string() })?;

    let mut debouncer = notify_debouncer_full::new_debouncer(DEBOUNCE, None, move |result| {
        let _ = tx.send(Message::Files(result));
    })
    .map_err(|e| watch_error(inputs, e))?;
    debouncer.watch(&roots.inputs, RecursiveMode::Recursive).map_err(|e| watch_error(inputs, e))?;
    if let (Some(dir), Some(abs)) = (&templates_dir, &roots.templates) {
        debouncer.watch(abs, RecursiveMode::Recursive).map_err(|e| watch_error(dir, e))?;
    }
    // Which folder each watch is on, to tell when one was replaced.
    let mut armed: Vec<(PathBuf, Option<FolderId>)> = roots.watched().map(|dir| (dir.to_path_buf(), folder_id(dir))).collect();

    let watched = match &templates_dir {
        Some(dir) => format!("`{}` and `{}`", shown_path(inputs), shown_path(dir)),
        None => format!("`{}` (templates: built in)", shown_path(inputs)),
    };
    printer.say(format_args!("watching {watched}; press Ctrl-C to stop"));
    // Each warning is said once in a session, not on every rebuild.
    printer.warn_once();
    // Input files read, kept so that a rebuild reads only what changed, and
    // Typst's worlds, kept so that a recompile is fast.
    let mut session = Session::keeping();
    // The spreadsheets in the inputs as the last build read them.
    let mut read = snapshot(&roots.inputs);
    rebuild(args_now, "first build", Documents::ALL, &mut session, printer, follow);
    after_first();
    // The settings file as last read, to tell when it changes.
    let settings_file = Path::new(wecoss_report::settings::FILE);
    let mut settings_state = file_state(settings_file);

    // The state of each file as of the last build, so that late events for a
    // file that has not changed since (the tail of a copy) do not rebuild.
    let mut built: BTreeMap<PathBuf, Option<FileState>> = BTreeMap::new();
    let mut gone_told = false;
    loop {
        let mut changed = BTreeMap::new();
        let mut folders_changed = match rx.recv_timeout(RESCAN) {
            Ok(Message::Files(first)) => roots.collect(first, &mut changed, printer),
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => false,
        };
        // A watched folder replaced (or a folder in it created, moved or
        // removed): watch it afresh.
        for (dir, id) in &mut armed {
            let now = folder_id(dir);
            if now.is_some() && (folders_changed || now != *id) {
                let _ = debouncer.unwatch(dir.as_path());
                if debouncer.watch(dir.as_path(), RecursiveMode::Recursive).is_ok() {
                    *id = now;
                }
            } else if now.is_none() {
                *id = None;
            }
        }
        // `wecoss.toml` edited: read again, said, and everything rebuilt.
        let state = file_state(settings_file);
        if state != settings_state {
            settings_state = state;
            if reload_settings(typed, args_now, printer) {
                rebuild(args_now, &format!("{} changed", wecoss_report::settings::FILE), Documents::ALL, &mut session, printer, follow);
            }
        }
        if !roots.inputs.is_dir() {
            // Moved away or being replaced: wait for it to come back.
            if !gone_told {
                printer.say(format_args!("`{}` is gone; waiting for it to come back", shown_path(inputs)));
            }
            gone_told = true;
            continue;
        }
        gone_told = false;
        // What is in the inputs now, against what the last build read: a
        // change no event told of is built too.
        let now = snapshot(&roots.inputs);
        for path in read.keys().chain(now.keys()) {
            if read.get(path) != now.get(path) {
                changed.entry(path.clone()).or_insert_with(Instant::now);
            }
        }
        // Only what changed since the last build: a spreadsheet in the
        // inputs against what that build read, anything else (a template
        // file, a removed folder) against its state then.
        changed.retain(|path, _| {
            let state = file_state(path);
            if path.starts_with(&roots.inputs) && ingest::is_spreadsheet(path) {
                read.get(path) != state.as_ref()
            } else {
                built.get(path).is_none_or(|built| *built != state)
            }
        });
        if changed.is_empty() {
            continue;
        }
        if wait_until_complete(&roots, &rx, &mut changed, &mut folders_changed, printer).is_err() {
            break;
        }
        if folders_changed {
            // Folders changed while waiting: watched afresh before building.
            for (dir, id) in &mut armed {
                *id = folder_id(dir);
                let _ = debouncer.unwatch(dir.as_path());
                let _ = debouncer.watch(dir.as_path(), RecursiveMode::Recursive);
            }
        }
        for path in changed.keys() {
            built.insert(path.clone(), file_state(path));
        }
        read = snapshot(&roots.inputs);
        rebuild(args_now, &describe(&changed), roots.affected(changed.keys()), &mut session, printer, follow);
        // Keep Typst's cache from growing without bound over a long session.
        typst::comemo::evict(10);
    }
    drop(debouncer);
    printer.say("stopped watching");
    Ok(())
}

/// Reads `wecoss.toml` again and applies it under the arguments as
/// `typed` into `args`, saying so; on a mistake in it, prints the mistake
/// and keeps the settings in use. Returns whether the settings were
/// reloaded.
fn reload_settings(typed: &WatchArgs, args: &mut WatchArgs, printer: &Printer) -> bool {
    let file = wecoss_report::settings::FILE;
    match wecoss_report::settings::Settings::load(Path::new(".")) {
        Ok(settings) => {
            let mut command = super::args::Command::Watch(typed.clone());
            super::apply_settings(&settings, &mut command);
            if let super::args::Command::Watch(reloaded) = command {
                *args = reloaded;
            }
            printer.say(format_args!("{file} changed: settings reloaded; rebuilding everything"));
            true
        }
        Err(err) => {
            printer.error(&Error::from(err));
            println!("{file} has a mistake; the settings read before are kept; still watching");
            false
        }
    }
}

fn watch_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Watch { path: shown_path(path), detail: err.to_string() }
}

/// Builds once and prints one line: the files written and the time taken, or
/// that the build failed and the previous documents are kept. `follow` is
/// told of the build's steps.
fn rebuild(args: &WatchArgs, reason: &str, which: Documents, session: &mut Session, printer: &Printer, follow: &dyn Fn(Step<'_>)) {
    let started = Instant::now();
    follow(Step::Building(reason));
    let mut told = false;
    let result = build::selection(&args.build).and_then(|selection| {
        let selection = pipeline::Selection { decks: which.decks, report: which.report, ..selection };
        super::build_documents_then(&args.build.input, &args.build.output, &selection, session, printer, &mut |build| {
            told = true;
            follow(Step::Built(build));
        })
    });
    if let (false, Err(err)) = (told, &result) {
        follow(Step::Failed(err));
    }
    let secs = started.elapsed().as_secs_f64();
    match result {
        Ok(paths) if paths.is_empty() => println!("built nothing in {secs:.1} s ({reason})"),
        Ok(paths) => {
            let list: Vec<String> = paths.iter().map(|p| shown_path(p)).collect();
            let verb = if reason == "first build" { "built" } else { "rebuilt" };
            println!("{verb} {} in {secs:.1} s ({reason})", list.join(", "));
        }
        Err(err) => {
            printer.error(&err);
            if let Error::MissingTables { kinds, .. } = &err {
                // The confirmation: the flag, once; the next build records the table as gone.
                let names: Vec<&str> = kinds.iter().map(|g| g.kind.name()).collect();
                eprintln!(
                    "to publish without {}: run `wecoss-report build --allow-missing \"{}\"` once in another window (watching then goes on as usual), or restart watch with that option",
                    names.join(" and "),
                    names.join(",")
                );
            }
            println!("build failed in {secs:.1} s ({reason}); the previous documents are kept; still watching");
        }
    }
    // With `--json`, a rebuild's warnings went with its error, or are
    // dropped with its success (as its paths are printed in words).
    printer.clear();
    let repeats = printer.take_hidden_warnings();
    if repeats > 0 {
        let s = wecoss_report::words::s(repeats as u64);
        eprintln!("({repeats} warning{s} shown before still appl{}; not repeated)", if repeats == 1 { "ies" } else { "y" });
    }
}

/// The folders watched, as absolute paths, to tell events apart.
struct Roots {
    inputs: PathBuf,
    templates: Option<PathBuf>,
    out: PathBuf,
}

impl Roots {
    fn new(inputs: &Path, templates: Option<&Path>, out: &Path) -> Self {
        Self { inputs: absolute(inputs), templates: templates.map(absolute), out: absolute(out) }
    }

    /// Adds the paths of relevant events to `changed`: spreadsheets in the
    /// inputs, any file in the templates; never hidden, lock, temporary or
    /// backup files, nor anything in the output folder.
    ///
    /// Returns whether a watched folder, or a folder in one, may have been
    /// created, moved or removed (then the watches are set up again), or
    /// the events could not all be told (then too).
    fn collect(
        &self,
        result: notify_debouncer_full::DebounceEventResult,
        changed: &mut BTreeMap<PathBuf, Instant>,
        printer: &Printer,
    ) -> bool {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    let warning = Diagnostic::warning(Kind::Watch, Location::default(), format!("watching: {}", shown(&e.to_string())));
                    printer.print_diagnostics(&vec![warning].into(), Severity::Warning);
                }
                return true;
            }
        };
        let mut folders = false;
        for event in events {
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            if event.need_rescan() {
                folders = true;
            }
            for path in &event.paths {
                let structural = matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
                );
                if structural && !ingest::is_spreadsheet(path) && (path.is_dir() || path.extension().is_none() || self.is_root(path)) {
                    folders = true;
                }
                if self.relevant(path, matches!(event.kind, EventKind::Remove(_))) {
                    changed.entry(path.clone()).or_insert_with(Instant::now);
                }
            }
        }
        folders
    }

    /// The folders watched.
    fn watched(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.inputs.as_path()).chain(self.templates.as_deref())
    }

    /// Whether `path` is one of the watched folders.
    fn is_root(&self, path: &Path) -> bool {
        self.watched().any(|dir| dir == path)
    }

    /// The documents a set of changed files affects: a file in one
    /// document's template folder affects that document only; inputs and
    /// shared template files (the theme) affect every document.
    fn affected<'a>(&self, paths: impl IntoIterator<Item = &'a PathBuf>) -> Documents {
        let mut which = Documents { decks: false, report: false };
        for path in paths {
            let under = |folder: &str| self.templates.as_ref().is_some_and(|t| path.starts_with(t.join(folder)));
            match DocKind::ALL.into_iter().find(|kind| under(kind.folder())) {
                Some(DocKind::Deck) => which.decks = true,
                Some(DocKind::Report) => which.report = true,
                None => return Documents::ALL,
            }
        }
        which
    }

    fn relevant(&self, path: &Path, removed: bool) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || name.starts_with("~$") || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
            return false;
        }
        if let Some(t) = &self.templates
            && path.starts_with(t)
        {
            return true;
        }
        // In the inputs: spreadsheets, and a removed folder of them.
        path.starts_with(&self.inputs) && (ingest::is_spreadsheet(path) || (removed && path.extension().is_none()))
    }
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// A file's size and modification time and, on Unix, its inode and
/// status-change time (a file moved out and back, or a folder replaced by
/// a copy, is not the file that was read, even with the same size and
/// time).
type FileState = (u64, Option<SystemTime>, (u64, i64, i64));

/// The state of a file, or `None` if it is gone.
fn file_state(path: &Path) -> Option<FileState> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let identity = {
        use std::os::unix::fs::MetadataExt;
        (meta.ino(), meta.ctime(), meta.ctime_nsec())
    };
    #[cfg(not(unix))]
    let identity = (0, 0, 0);
    Some((meta.len(), meta.modified().ok(), identity))
}

/// The spreadsheets under `dir` and their states (none if it cannot be read).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, FileState> {
    let files = ingest::find_files(dir).unwrap_or_default();
    files.into_iter().filter_map(|path| file_state(&path).map(|state| (path, state))).collect()
}

/// Which folder is at a path (device and inode on Unix), to tell when a
/// watched folder was replaced by another of the same name.
type FolderId = (u64, u64);

fn folder_id(dir: &Path) -> Option<FolderId> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// Waits until every changed file is complete: its size and modification
/// time the same for [`SETTLE`], no other program holding it open for
/// writing ([`wecoss_report::ingest::settle`]), a workbook readable
/// as a zip (a workbook that stays unreadable is left for the build to
/// report), and a CSV ending with a line ending (one that still has none
/// after [`CSV_GRACE`] is taken as it is). Events arriving meanwhile join the
/// wait; `folders_changed` is set if they tell of folders created, moved
/// or removed. Ctrl-C ends it.
fn wait_until_complete(
    roots: &Roots,
    rx: &Receiver<Message>,
    changed: &mut BTreeMap<PathBuf, Instant>,
    folders_changed: &mut bool,
    printer: &Printer,
) -> Result<(), Stopped> {
    let started = Instant::now();
    let mut last: BTreeMap<PathBuf, FileState> = BTreeMap::new();
    let mut stable_since: BTreeMap<PathBuf, Instant> = BTreeMap::new();
    loop {
        let mut pending = Vec::new();
        for path in changed.keys() {
            if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                continue; // removed, or not a file: nothing to wait for
            }
            let Some(now) = file_state(path) else { continue };
            let same = last.insert(path.clone(), now) == Some(now);
            if !same {
                stable_since.remove(path);
                pending.push(path.clone());
                continue;
            }
            let since = *stable_since.entry(path.clone()).or_insert_with(Instant::now);
            // Settled, and no other program still holds it open for writing
            // (a pause in a write is not its end).
            if since.elapsed() < SETTLE || wecoss_report::ingest::settle::being_written(path) {
                pending.push(path.clone());
                continue;
            }
            if is_zip_format(path) && !zip_opens(path) && since.elapsed() < ZIP_GRACE {
                pending.push(path.clone());
            }
            if is_csv(path) && !ends_a_line(path) && since.elapsed() < CSV_GRACE {
                pending.push(path.clone());
            }
        }
        if pending.is_empty() || started.elapsed() > COPY_LIMIT {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(1) && printer.verbose() {
            eprintln!("waiting for {} to finish copying", pending.iter().map(|p| shown_path(p)).collect::<Vec<_>>().join(", "));
        }
        match rx.recv_timeout(POLL) {
            Ok(Message::Files(result)) => *folders_changed |= roots.collect(result, changed, printer),
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return Err(Stopped),
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Whether the file is a CSV file.
fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Whether the file ends with a line ending (a CSV cut off mid-copy most
/// often ends inside a line).
fn ends_a_line(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else { return true };
    let mut last = [0u8];
    file.seek(SeekFrom::End(-1)).and_then(|_| file.read_exact(&mut last)).is_ok_and(|_| matches!(last[0], b'\n' | b'\r'))
}

/// Whether the file is a zip-based workbook.
fn is_zip_format(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm" | "xlsb" | "ods"))
}

/// Whether the file opens as a zip archive (its central directory is there,
/// so the copy has finished).
fn zip_opens(path: &Path) -> bool {
    std::fs::File::open(path).ok().is_some_and(|f| zip::ZipArchive::new(f).is_ok())
}

/// `events-2025.xlsx changed`, `theme.typ and content.toml changed`,
/// `old.csv removed`, `a.xlsx, b.xlsx and 3 more changed`.
fn describe(changed: &BTreeMap<PathBuf, Instant>) -> String {
    let mut parts = Vec::new();
    for (verb, exists) in [("changed", true), ("removed", false)] {
        let names: Vec<String> = changed
            .keys()
            .filter(|p| p.exists() == exists)
            .map(|p| {
                shown(&p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())).into_owned()
            })
            .collect();
        if names.is_empty() {
            continue;
        }
        let list = match names.len() {
            1 => names[0].clone(),
            2 | 3 => format!("{} and {}", names[..names.len() - 1].join(", "), names[names.len() - 1]),
            n => format!("{} and {} more", names[..2].join(", "), n - 2),
        };
        parts.push(format!("{list} {verb}"));
    }
    parts.join("; ")
}

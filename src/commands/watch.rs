//! `watch`: build, then rebuild whenever a file in the inputs or the
//! templates is added, changed or removed.
//!
//! File events come from `notify`, debounced. A file still being copied in is
//! waited for: its size must stay the same over two polls, and a workbook
//! (a zip: `.xlsx`, `.xlsm`, `.xlsb`, `.ods`) must open as a zip. Each rebuild
//! prints one line: what was written and how long it took. A failed rebuild
//! prints its located errors and watching goes on; since documents are written
//! whole or not at all, the last good PDF stays. Typst's worlds and caches are
//! kept between rebuilds (see [`crate::compile::compile_kept`]), and so are
//! the records of every input file that did not change (see
//! [`ReadCache`]), so a rebuild is much faster than the first build. Ctrl-C
//! stops cleanly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode};

use super::{Error, build};
use crate::args::WatchArgs;
use crate::ingest;
use crate::progress;
use crate::tables::ReadCache;
use crate::templates::DEFAULT_DIR;

/// How long file events are gathered before acting on them.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// How often a file being copied in is polled.
const POLL: Duration = Duration::from_millis(250);
/// How long a workbook whose size no longer changes may stay unreadable as a
/// zip before it is treated as broken (and reported by the build).
const ZIP_GRACE: Duration = Duration::from_secs(3);
/// The longest wait for a file to finish copying.
const COPY_LIMIT: Duration = Duration::from_secs(60);

/// What the watch loop hears about.
enum Message {
    /// File events, debounced.
    Files(notify_debouncer_full::DebounceEventResult),
    /// Ctrl-C (or SIGTERM).
    Stop,
}

/// Why waiting ended early.
struct Stopped;

/// Runs `watch` until Ctrl-C.
pub fn run(args: &WatchArgs) -> Result<(), Error> {
    let build = &args.build;
    let inputs = &build.input.inputs;
    if !inputs.exists() {
        std::fs::create_dir_all(inputs).map_err(|e| watch_error(inputs, e))?;
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

    let watched = match &templates_dir {
        Some(dir) => format!("`{}` and `{}`", inputs.display(), dir.display()),
        None => format!("`{}` (templates: built in)", inputs.display()),
    };
    if !progress::quiet() {
        eprintln!("watching {watched}; press Ctrl-C to stop");
    }
    // Each warning is said once in a session, not on every rebuild.
    progress::warn_once();
    // Input files read, kept so that a rebuild reads only what changed.
    let mut cache = ReadCache::new();
    rebuild(args, "first build", build::Documents::ALL, &mut cache);

    // The state of each file as of the last build, so that late events for a
    // file that has not changed since (the tail of a copy) do not rebuild.
    let mut built: BTreeMap<PathBuf, Option<FileState>> = BTreeMap::new();
    while let Ok(Message::Files(first)) = rx.recv() {
        let mut changed = BTreeMap::new();
        roots.collect(first, &mut changed);
        changed.retain(|path, _| built.get(path).is_none_or(|state| *state != file_state(path)));
        if changed.is_empty() {
            continue;
        }
        if wait_until_complete(&roots, &rx, &mut changed).is_err() {
            break;
        }
        for path in changed.keys() {
            built.insert(path.clone(), file_state(path));
        }
        rebuild(args, &describe(&changed), roots.affected(changed.keys()), &mut cache);
        // Keep Typst's cache from growing without bound over a long session.
        typst::comemo::evict(10);
    }
    drop(debouncer);
    if !progress::quiet() {
        eprintln!("stopped watching");
    }
    Ok(())
}

fn watch_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Watch { path: path.display().to_string(), detail: err.to_string() }
}

/// Builds once and prints one line: the files written and the time taken, or
/// that the build failed and the previous documents are kept.
fn rebuild(args: &WatchArgs, reason: &str, which: build::Documents, cache: &mut ReadCache) {
    let started = Instant::now();
    let result = build::run_documents(&args.build, which, Some(cache));
    let secs = started.elapsed().as_secs_f64();
    match result {
        Ok(paths) if paths.is_empty() => println!("built nothing in {secs:.1} s ({reason})"),
        Ok(paths) => {
            let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let verb = if reason == "first build" { "built" } else { "rebuilt" };
            println!("{verb} {} in {secs:.1} s ({reason})", list.join(", "));
        }
        Err(err) => {
            if args.build.input.json && !matches!(err, Error::Data { .. }) {
                let _ = super::print_json(&err.to_json());
            }
            eprintln!("error: {err}");
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
    let repeats = progress::take_hidden_warnings();
    if repeats > 0 {
        let s = if repeats == 1 { "" } else { "s" };
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
    fn collect(&self, result: notify_debouncer_full::DebounceEventResult, changed: &mut BTreeMap<PathBuf, Instant>) {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    let line = format!("warning: watching: {e}");
                    if progress::show_warning(&line) {
                        eprintln!("{line}");
                    }
                }
                return;
            }
        };
        for event in events {
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if self.relevant(path, matches!(event.kind, EventKind::Remove(_))) {
                    changed.entry(path.clone()).or_insert_with(Instant::now);
                }
            }
        }
    }

    /// The documents a set of changed files affects: a file in one
    /// document's template folder affects that document only; inputs and
    /// shared template files (the theme) affect every document.
    fn affected<'a>(&self, paths: impl IntoIterator<Item = &'a PathBuf>) -> build::Documents {
        let mut which = build::Documents { decks: false, report: false };
        for path in paths {
            let under = |folder: &str| self.templates.as_ref().is_some_and(|t| path.starts_with(t.join(folder)));
            if under(super::deck::TEMPLATE) {
                which.decks = true;
            } else if under(super::report::TEMPLATE) {
                which.report = true;
            } else {
                return build::Documents::ALL;
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

/// A file's size and modification time.
type FileState = (u64, Option<SystemTime>);

/// The state of a file, or `None` if it is gone.
fn file_state(path: &Path) -> Option<FileState> {
    std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

/// Waits until every changed file is complete: its size and modification
/// time the same over two polls, and a workbook readable as a zip (a
/// workbook that stays unreadable is left for the build to report). Events
/// arriving meanwhile join the wait. Ctrl-C ends it.
fn wait_until_complete(roots: &Roots, rx: &Receiver<Message>, changed: &mut BTreeMap<PathBuf, Instant>) -> Result<(), Stopped> {
    let started = Instant::now();
    let mut last: BTreeMap<PathBuf, FileState> = BTreeMap::new();
    let mut stable_since: BTreeMap<PathBuf, Instant> = BTreeMap::new();
    loop {
        let mut pending = Vec::new();
        for path in changed.keys() {
            let Ok(meta) = std::fs::metadata(path) else {
                continue; // removed: nothing to wait for
            };
            if !meta.is_file() {
                continue;
            }
            let now = (meta.len(), meta.modified().ok());
            let same = last.insert(path.clone(), now) == Some(now);
            if !same {
                stable_since.remove(path);
                pending.push(path.clone());
                continue;
            }
            let since = *stable_since.entry(path.clone()).or_insert_with(Instant::now);
            if is_zip_format(path) && !zip_opens(path) && since.elapsed() < ZIP_GRACE {
                pending.push(path.clone());
            }
        }
        if pending.is_empty() || started.elapsed() > COPY_LIMIT {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(1) && progress::verbose() {
            eprintln!("waiting for {} to finish copying", pending.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        }
        match rx.recv_timeout(POLL) {
            Ok(Message::Files(result)) => roots.collect(result, changed),
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return Err(Stopped),
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Whether the file is a zip-based workbook.
fn is_zip_format(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm" | "xlsb" | "ods"))
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
            .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string()))
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

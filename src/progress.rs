//! Progress and noise: spinners on stderr only when stderr is a terminal,
//! and the global `--quiet` / `--verbose` level.

use std::collections::HashSet;
use std::fmt::Display;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How much to print besides results and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Results and errors only: no progress, no warnings.
    Quiet,
    /// Warnings too, and progress when stderr is a terminal.
    Normal,
    /// Notes and timings too.
    Verbose,
}

static LEVEL: AtomicU8 = AtomicU8::new(1);

/// Sets the level for the whole process.
pub fn set(level: Verbosity) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

/// The current level.
pub fn level() -> Verbosity {
    match LEVEL.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    level() == Verbosity::Quiet
}

/// Whether `--verbose` was given.
pub fn verbose() -> bool {
    level() == Verbosity::Verbose
}

/// Prints a line on stderr with `--verbose` only.
pub fn detail(message: impl Display) {
    if verbose() {
        eprintln!("{message}");
    }
}

/// Warnings already shown, when each is to be said once (see [`warn_once`]).
static SEEN: Mutex<Option<SeenWarnings>> = Mutex::new(None);

/// The warnings shown so far in a `watch` session, and how many repeats of
/// them were held back since last asked.
#[derive(Debug, Default)]
struct SeenWarnings {
    shown: HashSet<String>,
    hidden: usize,
}

/// The most distinct warnings remembered; past it, the set starts afresh.
const SEEN_LIMIT: usize = 10_000;

/// From now on, each warning (or note) is printed once for the whole process:
/// `watch` rebuilds again and again, and a warning that still applies is not
/// repeated on every rebuild.
pub fn warn_once() {
    if let Ok(mut seen) = SEEN.lock() {
        seen.get_or_insert_with(SeenWarnings::default);
    }
}

/// Prints `warning: MESSAGE` on stderr unless [`show_warning`] says not to
/// (`--quiet`, or in `watch` already said).
pub fn warn(message: impl std::fmt::Display) {
    let line = format!("warning: {message}");
    if show_warning(&line) {
        eprintln!("{line}");
    }
}

/// Whether a warning or note, as printed (`line`), is to be printed now: never
/// with `--quiet`; once only after [`warn_once`].
pub fn show_warning(line: &str) -> bool {
    if quiet() {
        return false;
    }
    let Ok(mut guard) = SEEN.lock() else { return true };
    let Some(seen) = guard.as_mut() else { return true };
    if seen.shown.len() >= SEEN_LIMIT {
        seen.shown.clear();
    }
    if seen.shown.insert(line.to_string()) {
        true
    } else {
        seen.hidden += 1;
        false
    }
}

/// How many repeated warnings were held back since the last call.
pub fn take_hidden_warnings() -> usize {
    SEEN.lock().ok().and_then(|mut s| s.as_mut().map(|s| std::mem::take(&mut s.hidden))).unwrap_or(0)
}

/// A spinner or progress bar on stderr, drawn only when stderr is a terminal
/// and not `--quiet`; otherwise it does nothing. It disappears when dropped.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    fn shown() -> bool {
        !quiet() && std::io::stderr().is_terminal()
    }

    /// A spinner with a message, e.g. `compiling meeting-deck-2025-10-07`.
    pub fn spinner(message: impl Into<String>) -> Self {
        if !Self::shown() {
            return Self(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        Self(Some(bar))
    }

    /// A bar counting `len` steps, e.g. files read.
    pub fn bar(len: u64, message: impl Into<String>) -> Self {
        if !Self::shown() {
            return Self(None);
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:24}] {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message.into());
        Self(Some(bar))
    }

    /// Changes the message.
    pub fn set_message(&self, message: impl Into<String>) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.into());
        }
    }

    /// Sets the length and position of a bar.
    pub fn set(&self, pos: u64, len: u64) {
        if let Some(bar) = &self.0 {
            bar.set_length(len);
            bar.set_position(pos);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

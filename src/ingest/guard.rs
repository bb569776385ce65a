//! Guards around the parsers: a panic inside calamine on a damaged file
//! becomes an error of that file, while a panic of the sink's own (a bug of
//! ours) goes on unwinding.

use std::panic::{self, AssertUnwindSafe};

use super::*;

thread_local! {
    /// Whether a panic on this thread is caught by [`quietly`] and so not
    /// printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A panic hook as the standard library keeps it.
type Hook = std::sync::Arc<dyn Fn(&panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// How many [`quietly`] calls are running, on any thread, and the hook that
/// was installed before the first of them.
static SCOPE: std::sync::Mutex<(usize, Option<Hook>)> = std::sync::Mutex::new((0, None));

/// While alive, the process's panic hook stays quiet on a thread inside
/// [`quietly`]; the last one dropped puts the previous hook back, so the
/// library leaves no hook of its own installed.
struct QuietHook;

impl QuietHook {
    fn enter() -> Self {
        let mut scope = SCOPE.lock().unwrap_or_else(|e| e.into_inner());
        if scope.0 == 0 {
            let previous: Hook = std::sync::Arc::from(panic::take_hook());
            let chained = previous.clone();
            panic::set_hook(Box::new(move |info| {
                if !QUIET.with(|q| q.get()) {
                    chained(info);
                }
            }));
            scope.1 = Some(previous);
        }
        scope.0 += 1;
        QuietHook
    }
}

impl Drop for QuietHook {
    fn drop(&mut self) {
        let mut scope = SCOPE.lock().unwrap_or_else(|e| e.into_inner());
        scope.0 -= 1;
        if scope.0 == 0
            && !std::thread::panicking()
            && let Some(previous) = scope.1.take()
        {
            drop(panic::take_hook());
            panic::set_hook(Box::new(move |info| previous(info)));
        }
    }
}

/// Runs `f`, catching a panic without printing it. Files may be read on
/// several threads at once: the panic hook is wrapped while any of them
/// runs (see [`QuietHook`]), and stays quiet only on a thread inside
/// `quietly`.
pub(super) fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let _hook = QuietHook::enter();
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result
}

/// A sink whose panics are told apart from the parser's.
pub(super) struct Guarded<'a> {
    pub(super) sink: &'a mut dyn SheetSink,
    pub(super) panicked: bool,
}

impl Guarded<'_> {
    fn call(&mut self, f: impl FnOnce(&mut dyn SheetSink)) {
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| f(&mut *self.sink))) {
            self.panicked = true;
            panic::resume_unwind(payload);
        }
    }
}

impl SheetSink for Guarded<'_> {
    fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32) {
        self.call(|s| s.start_sheet(file, sheet, first_col));
    }

    fn row(&mut self, row: RawRow) {
        self.call(|s| s.row(row));
    }

    fn end_sheet(&mut self) {
        self.call(|s| s.end_sheet());
    }

    fn read_hidden(&self) -> bool {
        self.sink.read_hidden()
    }

    fn hidden_sheet(&mut self, file: &str, sheet: &str, very: bool) {
        self.call(|s| s.hidden_sheet(file, sheet, very));
    }

    fn skipped_sheet(&mut self, file: &str, sheet: &str, why: &str) {
        self.call(|s| s.skipped_sheet(file, sheet, why));
    }
}

pub(super) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal parser failure".to_string())
}

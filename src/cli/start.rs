//! Double-click start: run with no arguments from Explorer (or a file
//! manager), the tool works in the folder it sits in. It sets that folder
//! up as `init` does when it has no `inputs/`, then runs `preview`: it
//! opens the live preview page in the web browser, builds and watches; its
//! window stays open with plain messages, and closing the window stops it.
//!
//! Run with no arguments from a terminal, it prints its help as before.
//! The two are told apart by how the program was started, never by its
//! arguments alone:
//!
//! - Windows: Explorer gives a console program a console window of its
//!   own. `GetConsoleProcessList` lists the processes attached to the
//!   console: only this one when it was double-clicked; also the shell
//!   (`cmd.exe`, PowerShell) when it was typed in a terminal.
//! - Linux and other Unix systems: a file manager's "Run in Terminal" (or a
//!   desktop launcher with `Terminal=true`) opens a terminal that runs this
//!   program directly, so it leads its own session on that terminal; typed
//!   in a shell, the shell leads the session. So: stdin is a terminal and
//!   this process is its session's leader. Without a terminal at all
//!   (piped, in CI, started in the background) it is never a double-click.
//!
//! `WECOSS_STARTED_BY` (`double-click` or `terminal`) overrides the
//! detection, and `WECOSS_OPENER` names the program that opens the
//! preview page (empty: open nothing), for tests.

use std::path::{Path, PathBuf};

use wecoss_report::output::WriteError;
use wecoss_report::pipeline::Error;

/// Whether this run, with no arguments, was started by a double-click
/// rather than typed in a terminal (see the module's documentation).
pub fn double_clicked() -> bool {
    match std::env::var("WECOSS_STARTED_BY").as_deref() {
        Ok("double-click") => true,
        Ok("terminal") => false,
        _ => owns_its_window(),
    }
}

/// Whether this process has a console or terminal to itself.
#[cfg(windows)]
fn owns_its_window() -> bool {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut ids = [0u32; 4];
    // SAFETY: `ids` is valid for writing 4 process ids; the call writes at
    // most that many and returns how many processes share the console (0
    // when there is none).
    let count = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    count == 1
}

/// Whether this process has a console or terminal to itself.
#[cfg(unix)]
fn owns_its_window() -> bool {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return false;
    }
    // SAFETY: getsid(0) and getpid() only read this process's ids.
    let (session, me) = unsafe { (libc::getsid(0), libc::getpid()) };
    session == me
}

/// Whether this process has a console or terminal to itself.
#[cfg(not(any(windows, unix)))]
fn owns_its_window() -> bool {
    false
}

/// The folder the program sits in: where a double-click start works.
pub fn home() -> Result<PathBuf, Error> {
    let exe = std::env::current_exe().map_err(|source| Error::Write(WriteError::Write { path: "wecoss-report".into(), source }))?;
    Ok(exe.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".")))
}

/// Moves into the program's folder and sets it up (as `init` does) when it
/// has no `inputs/` yet, saying so in plain words.
pub fn prepare() -> Result<(), Error> {
    let home = home()?;
    std::env::set_current_dir(&home).map_err(|source| Error::Write(WriteError::Write { path: home.clone(), source }))?;
    println!("WECOSS reports, in {}", home.display());
    if !Path::new("inputs").is_dir() {
        let created = super::init::create(Path::new("."))?;
        println!(
            "This folder was set up: {} files, with sample spreadsheets in the inputs folder (replace them with yours) and README.txt.",
            created.len()
        );
    }
    println!(
        "Put your spreadsheets in the inputs folder. The documents appear in your web browser and in the out folder, and are made again whenever a spreadsheet changes."
    );
    println!("Keep this window open while you work; close it to stop.");
    println!();
    Ok(())
}

/// Opens the preview page (`url`) in the web browser, through the
/// system's opener (Explorer on Windows, `open` on macOS, `xdg-open`
/// elsewhere), or with `WECOSS_OPENER` when set (empty: nothing is
/// opened). Never waits for it; a failure is said, not an error.
pub fn open_page(url: &str) {
    let opener = match std::env::var_os("WECOSS_OPENER") {
        Some(o) if o.is_empty() => return,
        Some(o) => o,
        None if cfg!(windows) => "explorer.exe".into(),
        None if cfg!(target_os = "macos") => "open".into(),
        None => "xdg-open".into(),
    };
    match std::process::Command::new(&opener).arg(url).spawn() {
        Ok(_) => println!("Opened the preview in your web browser."),
        Err(_) => println!("Open this address in your web browser to see the preview: {url}"),
    }
}

/// Keeps the window open after the tool stopped on an error, until Enter
/// (a double-clicked window would otherwise close before it can be read).
pub fn pause() {
    println!();
    println!("Press Enter to close this window.");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

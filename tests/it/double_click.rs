//! Double-click start (see `src/cli/start.rs`): run with no arguments in a
//! terminal window of its own (as a file manager's "Run in Terminal" starts
//! it, where it leads its session), the tool sets up the folder it sits
//! in, opens the live preview page in the web browser, builds and
//! watches; typed in a shell with no
//! arguments, it prints its help. `script` gives each run a real terminal.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// A folder holding a link to the binary, as staff's folder holds the
/// program (a hard link: the program finds its folder from its own path).
fn folder_with_program() -> (tempfile::TempDir, PathBuf) {
    let tmp = root().join("target/tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let dir = tempfile::tempdir_in(&tmp).unwrap();
    let exe = dir.path().join("wecoss-report");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_wecoss-report"), &exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_wecoss-report"), &exe).unwrap();
    }
    (dir, exe)
}

/// `script` running `command` on a terminal of its own, from `/`.
fn on_a_terminal(command: &str, opener: &Path) -> Command {
    let mut script = Command::new("script");
    script
        .args(["-qec", command, "/dev/null"])
        .current_dir("/")
        .env("SHELL", "/bin/sh")
        .env("WECOSS_OPENER", opener)
        .env("WECOSS_TODAY", "2025-10-01")
        .env_remove("WECOSS_STARTED_BY")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    script
}

/// A stand-in for Explorer that writes down what it was asked to open.
pub(crate) fn recording_opener(dir: &Path) -> (PathBuf, PathBuf) {
    let record = dir.join("opened.txt");
    let opener = dir.join("opener.sh");
    std::fs::write(&opener, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", record.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (opener, record)
}

#[test]
fn typed_in_a_shell_with_no_arguments_it_prints_help() {
    let (dir, exe) = folder_with_program();
    let side = tempfile::tempdir().unwrap();
    let (opener, record) = recording_opener(side.path());
    // The shell leads the terminal's session, as when staff type the name.
    let out = on_a_terminal(&format!("'{}'; true", exe.display()), &opener).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Usage:") && text.contains("Create a working folder"), "{text}");
    assert!(!dir.path().join("inputs").exists(), "nothing is set up");
    assert!(!record.exists());

    // Without a terminal (a pipe, CI) it is never a double-click either.
    let piped = Command::new(&exe).env_remove("WECOSS_STARTED_BY").stdin(Stdio::null()).output().unwrap();
    assert!(String::from_utf8_lossy(&piped.stderr).contains("Usage: wecoss-report"), "{piped:?}");
    assert!(!dir.path().join("inputs").exists());
}

#[test]
fn double_clicked_it_sets_up_its_folder_opens_the_preview_builds_and_watches() {
    let (dir, exe) = folder_with_program();
    let side = tempfile::tempdir().unwrap();
    let (opener, record) = recording_opener(side.path());
    // The program itself leads the terminal's session, as when a file
    // manager opens a terminal to run it.
    let mut child = on_a_terminal(&format!("exec '{}'", exe.display()), &opener).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    // What the window shows so far, as the terminal relays it.
    let shown = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let reader = {
        let shown = shown.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut chunk) {
                shown.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
            String::from_utf8_lossy(&shown.lock().unwrap()).into_owned()
        })
    };
    // Wait (generously: the machine may be busy) until it opened the
    // preview and the window says so (the terminal relays its output a
    // little later).
    let deck = dir.path().join("out/meeting-deck-2025-10-07.pdf");
    let limit = Instant::now() + Duration::from_secs(300);
    // The deck can be on disk before the window says `built` (it is
    // written first): wait for both.
    let said = || {
        let text = String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
        text.contains("Opened the preview in your web browser.")
            && text.split_once("watching").is_some_and(|(_, after)| after.contains("built"))
    };
    while !(record.exists() && deck.exists() && said()) && Instant::now() < limit && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(200));
    }
    let still_running = child.try_wait().unwrap().is_none();
    // Closing the window (the terminal hangs up) stops it.
    let _ = child.kill();
    let _ = child.wait();
    let text = reader.join().unwrap();
    assert!(still_running, "it keeps watching after the first build:\n{text}");
    assert!(dir.path().join("inputs/events-2025.xlsx").is_file(), "set up as `init` does:\n{text}");
    assert!(dir.path().join("README.txt").is_file());
    assert!(deck.is_file(), "built:\n{text}");
    // The page it opened is the one it printed: on this computer only,
    // behind its token.
    let opened = std::fs::read_to_string(&record).unwrap();
    let page = regex::Regex::new(r"^http://127\.0\.0\.1:[0-9]+/[0-9a-f]{32}/$").unwrap();
    assert!(page.is_match(&opened), "{opened}");
    assert!(text.contains(&format!("preview: {opened}")), "{text}");
    assert_in_order(
        &text,
        &[
            "This folder was set up",
            "Keep this window open while you work; close it to stop.",
            "preview: http://127.0.0.1:",
            "Opened the preview in your web browser.",
            "watching",
            "built",
        ],
    );
}

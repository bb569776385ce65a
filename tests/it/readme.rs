//! The README is true: every command in its fenced shell blocks runs on the
//! samples, in order, as one terminal session (`cd` carries over), with the
//! exit code 0 and the files its comment names; and every date given as an
//! example of `--meeting` (or of a date on the command line) is a meeting
//! of the samples, as the tool reads it.
//!
//! `cargo run --release --` runs the test binary instead (the suite has
//! already built it, in debug). Skipped, each for its reason (see
//! [`SKIPPED`]): the test command itself, and the benchmark's commands
//! (minutes of release builds and a 500,000-row folder; their figures in
//! the README name the command and the day they were measured).

use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;

use crate::support::{root, samples};

/// Commands of the README not run here, and why.
const SKIPPED: &[(&str, &str)] = &[
    ("bash .ci/test", "the test suite itself"),
    ("cargo bench --bench pipeline", "the benchmark: release builds and the large folder, minutes"),
    ("cargo bench --bench pipeline -- DIR --runs 5", "the benchmark, on any folder"),
    ("cargo bench --bench pipeline -- --targets", "the benchmark's targets beside the peer, minutes"),
    (
        "python3 -m venv target/peer-venv && target/peer-venv/bin/pip install pandas openpyxl python-calamine jinja2 typst",
        "installs the benchmark's peer from PyPI (the network)",
    ),
    ("cargo run --release --example make-large -- 500000 [DIR]", "writes the benchmark's 500,000-row folder"),
];

/// "Today" for the README's commands: after the samples' last meeting, so
/// the deck `build` makes is the most recent one (2025-10-07), as the
/// README's examples say.
const TODAY: &str = "2026-01-15";

/// The README's text.
fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The commands of the README's fenced `sh` blocks, in order, each with
/// its comment (after ` # `).
fn shell_commands(text: &str) -> Vec<(String, String)> {
    let mut commands = Vec::new();
    let mut in_sh = None;
    for line in text.lines() {
        if let Some(info) = line.strip_prefix("```") {
            in_sh = match in_sh {
                None => Some(info.trim() == "sh"),
                Some(_) => None,
            };
            continue;
        }
        if in_sh != Some(true) || line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (command, comment) = line.split_once(" # ").unwrap_or((line, ""));
        commands.push((command.trim().to_string(), comment.trim().to_string()));
    }
    commands
}

/// Runs one README command (`wecoss-report …`, or `cargo run --release --
/// …`) in `dir`, as the README's reader would.
fn run_tool(dir: &Path, words: &[String]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(words)
        .current_dir(dir)
        .env("WECOSS_TODAY", TODAY)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

/// The words of a command line, as the shell splits them (the README's
/// commands use only spaces and double quotes).
fn split(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

#[test]
fn every_readme_command_runs_on_the_samples() {
    let commands = shell_commands(&readme());
    assert!(commands.len() >= 5, "{commands:?}");
    // The README's first screen builds the samples, then runs the tests.
    assert_eq!(commands[0].0, "cargo run --release -- build --inputs samples/wecoss-2025");
    assert_eq!(commands[1].0, "bash .ci/test");

    // A clean folder with the samples where the README has them.
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root().join("samples"), dir.path().join("samples")).unwrap();
    let mut cwd: PathBuf = dir.path().to_path_buf();
    let mut skipped = Vec::new();
    let mut ran = 0;
    let named = Regex::new(r"out/[\w.-]+\.(pdf|pptx|html)").unwrap();
    let named_pdf = Regex::new(r"out/[\w.-]+\.pdf").unwrap();
    for (line, comment) in &commands {
        if let Some((_, why)) = SKIPPED.iter().find(|(c, _)| c == line) {
            skipped.push((line.as_str(), *why));
            continue;
        }
        for part in line.split(" && ") {
            let words = split(part);
            let args: Vec<String> = match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                ["cd", to] => {
                    cwd = cwd.join(to);
                    assert!(cwd.is_dir(), "`{line}`: no folder {}", cwd.display());
                    continue;
                }
                ["cargo", "run", "--release", "--", ..] => words[4..].to_vec(),
                ["wecoss-report", ..] => words[1..].to_vec(),
                _ => panic!("the README runs `{part}`, which this test does not know: run it here, or list it in SKIPPED"),
            };
            let out = run_tool(&cwd, &args);
            assert_eq!(
                out.status.code(),
                Some(0),
                "`{part}` failed in {}:\n{}{}",
                cwd.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
        // The files its comment names were written.
        for name in named.find_iter(comment) {
            let path = cwd.join(name.as_str());
            assert!(path.is_file(), "`{line}` says it writes {}, which is not there", name.as_str());
        }
        if comment.contains(" and .pptx") {
            let pdf = named_pdf.find(comment).unwrap();
            assert!(cwd.join(pdf.as_str()).with_extension("pptx").is_file(), "`{line}`: no .pptx");
        }
    }
    assert!(ran >= 5, "ran {ran}");
    // Only the listed commands were skipped, and each is still in the README.
    assert_eq!(skipped.len(), SKIPPED.len(), "{skipped:?}");
    // The first screen's build wrote the sample documents.
    assert!(dir.path().join("out/meeting-deck-2025-10-07.pdf").is_file());
    assert!(dir.path().join("out/annual-report-2025.pdf").is_file());
}

/// The dates the README gives as examples of a meeting: each `--meeting
/// DATE` in code, and each date in code in a paragraph about dates on the
/// command line or `--meeting`.
fn example_dates(text: &str) -> Vec<String> {
    let span = Regex::new(r"`([^`]+)`").unwrap();
    let meeting = Regex::new(r#"--meeting ("[^"]+"|\S+)"#).unwrap();
    let date = Regex::new(r#"^"?(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})"?$"#).unwrap();
    let mut dates = Vec::new();
    for paragraph in text.split("\n\n") {
        let about_meetings = paragraph.contains("--meeting") || paragraph.contains("Dates on the command line");
        let joined = paragraph.replace('\n', " ");
        for code in span.captures_iter(&joined) {
            let code = &code[1];
            // `--meeting DATE` in a command's synopsis is a placeholder.
            for m in meeting.captures_iter(code).filter(|m| !m[1].starts_with("DATE")) {
                dates.push(m[1].trim_matches('"').to_string());
            }
            if about_meetings && date.is_match(code) {
                dates.push(code.trim_matches('"').to_string());
            }
        }
        // Fenced shell commands too.
        if paragraph.contains("```sh") {
            for m in meeting.captures_iter(&joined) {
                dates.push(m[1].trim_matches('"').to_string());
            }
        }
    }
    dates.sort();
    dates.dedup();
    dates
}

#[test]
fn every_example_date_is_a_meeting_of_the_samples() {
    let dates = example_dates(&readme());
    // The three ways of writing a date on the command line are among them.
    assert!(dates.iter().any(|d| d.contains('/')), "{dates:?}");
    assert!(dates.iter().any(|d| d.contains(", ")), "{dates:?}");
    assert!(dates.len() >= 3, "{dates:?}");
    let inputs = samples().display().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["meetings", "--json", "--inputs", &inputs])
        .env("WECOSS_TODAY", TODAY)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let meetings: Vec<&str> = v["meetings"].as_array().unwrap().iter().map(|m| m["date"].as_str().unwrap()).collect();
    for date in &dates {
        let dir = tempfile::tempdir().unwrap();
        let out = run_tool(dir.path(), &["deck", "--meeting", date, "--inputs", &inputs, "--format", "json"].map(str::to_string));
        assert_eq!(out.status.code(), Some(0), "`--meeting {date}`: {}", String::from_utf8_lossy(&out.stderr));
        let deck = crate::support::json_figures(&out.stdout);
        let read = deck["meeting"]["date"].as_str().unwrap();
        assert!(meetings.contains(&read), "`{date}` reads as {read}, not a meeting of the samples: {meetings:?}");
    }
}

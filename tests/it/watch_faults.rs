//! `watch` under staff's everyday file handling: a CSV copied in chunks is
//! built once, whole; the inputs folder replaced, sub-folders copied in,
//! moved, removed, renamed away and back, files moved out and in: each is
//! followed by an edit, and the documents always end up built from what is
//! there. Names with control characters are printed escaped. The documents
//! are written as Typst source (`--format typ`), which is quick to make.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::*;

/// The events the deck counts, from its Typst source (`Attended
/// #bold[N] community events`), or `None` when it has none or is not
/// written yet.
fn deck_events(out: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(out.join("meeting-deck-2025-10-07.typ")).ok()?;
    let at = text.find("Attended #bold[")? + "Attended #bold[".len();
    text[at..].split(']').next()?.replace(',', "").parse().ok()
}

/// Waits until the deck counts `n` events; `step` names the operation.
fn wait_for_events(watch: &Watch, out: &Path, n: usize, step: &str) {
    let deadline = Instant::now() + LIMIT;
    loop {
        if deck_events(out) == Some(n) {
            return;
        }
        assert!(Instant::now() < deadline, "after {step}: the deck counts {:?} events, not {n}:\n{}", deck_events(out), watch.text());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// An events CSV of `n` events in July 2025 named after `tag`.
fn events_csv(n: usize, tag: &str) -> String {
    let mut text = String::from("Date,Event,Residents Reached\r\n");
    for i in 0..n {
        text.push_str(&format!("2025-07-{:02},{tag} outreach {i},{}\r\n", 2 + i % 27, 10 + i));
    }
    text
}

fn sh(dir: &Path, script: &str) {
    let status = Command::new("sh").arg("-c").arg(script).current_dir(dir).status().expect("sh runs");
    assert!(status.success(), "`{script}` failed");
}

fn start(dir: &Path) -> (Watch, PathBuf) {
    let mut watch = Watch::start(dir, &["--inputs", "inputs", "--out", "out", "--format", "typ"]);
    watch.wait_for(0, "the first build", |l| l.starts_with("out: built ") || l.starts_with("out: build failed"));
    (watch, dir.join("out"))
}

#[test]
fn a_csv_copied_in_chunks_is_built_once_whole() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let (watch, out) = start(dir.path());
    wait_for_events(&watch, &out, 2, "the first build");
    let seen = watch.lines().len();

    // Written in six pieces, each ending inside a line, with pauses longer
    // than the debounce window between them, as a slow copy does.
    let text = events_csv(60, "Chunked");
    let mut file = std::fs::File::create(inputs.join("events-chunked.csv")).unwrap();
    let line_starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
    let mut cuts: Vec<usize> = (1..6).map(|k| line_starts[k * 10] + 12).collect();
    cuts.push(text.len());
    let mut from = 0;
    for to in cuts {
        let chunk = &text.as_bytes()[from..to];
        from = to;
        assert!(to == text.len() || !chunk.ends_with(b"\n"), "each piece but the last ends inside a line");
        file.write_all(chunk).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(600));
    }
    drop(file);
    wait_for_events(&watch, &out, 62, "the chunked copy");
    // Give any late rebuild time to show.
    std::thread::sleep(Duration::from_secs(2));
    let after: Vec<String> = watch.lines()[seen..].to_vec();
    let builds: Vec<&String> = after.iter().filter(|l| l.starts_with("out: rebuilt") || l.starts_with("out: build failed")).collect();
    assert_eq!(builds.len(), 1, "one build, of the whole file:\n{}", after.join("\n"));
    assert!(builds[0].contains("events-chunked.csv changed"), "{}", builds[0]);
    assert!(!after.iter().any(|l| l.starts_with("err: error")), "no false errors:\n{}", after.join("\n"));
}

#[test]
fn watch_keeps_hearing_after_folders_are_replaced_moved_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inputs = minimal_inputs(root, "Enforcement and Justice Working Group", &["Plan the consultation"]);
    std::fs::create_dir_all(inputs.join("extra")).unwrap();
    std::fs::write(inputs.join("extra/events-extra.csv"), events_csv(1, "Extra")).unwrap();
    // A copy of the folder, with one more extra event, to replace it with.
    sh(root, "cp -r inputs copy");
    std::fs::write(root.join("copy/extra/events-extra.csv"), events_csv(4, "Extra")).unwrap();
    // A folder of more events, to copy in.
    std::fs::create_dir_all(root.join("more")).unwrap();
    std::fs::write(root.join("more/events-more.csv"), events_csv(10, "More")).unwrap();

    let (watch, out) = start(root);
    wait_for_events(&watch, &out, 3, "the first build");

    // The inputs folder replaced by a copy, then an edit in it.
    sh(root, "rm -rf inputs && cp -r copy inputs");
    wait_for_events(&watch, &out, 6, "replacing the inputs folder");
    std::fs::write(inputs.join("extra/events-extra.csv"), events_csv(5, "Extra")).unwrap();
    wait_for_events(&watch, &out, 7, "an edit in the replaced folder");

    // A sub-folder copied in, then an edit in it.
    sh(root, "cp -r more inputs/more");
    wait_for_events(&watch, &out, 17, "copying a sub-folder in");
    std::fs::write(inputs.join("more/events-more.csv"), events_csv(11, "More")).unwrap();
    wait_for_events(&watch, &out, 18, "an edit in the copied sub-folder");

    // A sub-folder moved, then an edit in it.
    sh(root, "mv inputs/more inputs/moved");
    std::fs::write(inputs.join("moved/events-more.csv"), events_csv(12, "More")).unwrap();
    wait_for_events(&watch, &out, 19, "an edit in the moved sub-folder");

    // A sub-folder removed, then an edit elsewhere.
    sh(root, "rm -rf inputs/moved");
    wait_for_events(&watch, &out, 7, "removing a sub-folder");
    std::fs::write(inputs.join("extra/events-extra.csv"), events_csv(6, "Extra")).unwrap();
    wait_for_events(&watch, &out, 8, "an edit after removing a sub-folder");

    // A folder renamed away and back at once: a build of what is there.
    sh(root, "mv inputs/extra away && mv away inputs/extra");
    std::fs::write(inputs.join("extra/events-extra.csv"), events_csv(7, "Extra")).unwrap();
    wait_for_events(&watch, &out, 9, "a folder renamed away and back, then an edit");

    // A file moved out and in again, then an edit.
    sh(root, "mv inputs/events.csv events.csv && sleep 1.5 && mv events.csv inputs/events.csv");
    wait_for_events(&watch, &out, 9, "a file moved out and in");
    std::fs::write(inputs.join("extra/events-extra.csv"), events_csv(8, "Extra")).unwrap();
    wait_for_events(&watch, &out, 10, "an edit after a file moved out and in");

    // The whole inputs folder moved away and back.
    sh(root, "mv inputs gone && sleep 1.5 && mv gone inputs");
    std::fs::write(inputs.join("extra/events-extra.csv"), events_csv(9, "Extra")).unwrap();
    wait_for_events(&watch, &out, 11, "the inputs folder moved away and back, then an edit");
}

#[test]
fn watch_prints_file_names_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let (mut watch, _out) = start(dir.path());
    let seen = watch.lines().len();
    write_csv(&inputs.join("\u{1b}]0;PWNED\u{7}\u{1b}[31mred.csv"), &[&["Date", "Event"], &["not a date", "BBQ"]]);
    watch.wait_for(seen, "the failed build", |l| l.starts_with("out: build failed"));
    watch.wait_for(seen, "the located error", |l| l.starts_with("err: error: inputs/"));
    let text = watch.text();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("(\\033]0;PWNED\\a\\033[31mred.csv changed)"), "{text}");
    assert!(text.contains("inputs/\\033]0;PWNED\\a\\033[31mred.csv"), "{text}");
}

//! Staff mistakes and faults: files that are not files, cells and rows far
//! too big, names that would drive the terminal, builds killed, run twice at
//! once or failing part-way, and OS errors, each in plain words. The
//! resource cases run under a memory limit (`ulimit -v` in `sh -c`).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// The address space a check of a hostile folder may use: a small part of
/// what the unbounded reads took (4 to 24 GB), with room for the binary,
/// its threads and allocator.
const MEMORY_LIMIT_KB: u64 = 1024 * 1024;

/// Runs `wecoss-report` with `args` in `dir` under [`MEMORY_LIMIT_KB`] of
/// address space, killed if it runs longer than `limit`.
fn run_limited(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut script = format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let deadline = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("`wecoss-report {}` still running after {limit:?}:\n{}\n{}", args.join(" "), stdout(&out), stderr(&out));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// The one line of `check` output about `file`.
fn line_about<'a>(text: &'a str, file: &str) -> &'a str {
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(file)).collect();
    assert_eq!(lines.len(), 1, "exactly one line about {file}:\n{text}");
    lines[0]
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_hanging_or_eating_memory() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let status = Command::new("mkfifo").arg(inputs.join("pipe-events.csv")).status().expect("mkfifo runs");
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", inputs.join("zero.csv")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", inputs.join("x.xlsx")).unwrap();

    let out = run_limited(dir.path(), &["check", "--inputs", "inputs"], Duration::from_secs(60));
    let text = check_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(line_about(&text, "pipe-events.csv").contains("`pipe-events.csv` is a named pipe, not a file"), "{text}");
    assert!(line_about(&text, "zero.csv").contains("`zero.csv` is a device, not a file"), "{text}");
    assert!(line_about(&text, "x.xlsx").contains("`x.xlsx` is a device, not a file"), "{text}");
    assert!(text.contains("3 errors"), "{text}");
    assert!(text.contains("events.csv: events (2 rows used)"), "the other files are read:\n{text}");
}

/// A CSV holding one row of `cells` short answers after a timestamp, under
/// a header of as many questions.
fn wide_survey(path: &Path, questions: usize) {
    let mut text = String::from("Timestamp");
    for q in 0..questions {
        text.push_str(&format!(",Q{q}"));
    }
    text.push_str("\n2025-06-19 10:00");
    for _ in 0..questions {
        text.push_str(",Agree");
    }
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_huge_cell_and_a_very_wide_survey_stay_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    // A 96 MB cell in B3.
    let mut file = std::fs::File::create(inputs.join("huge-cell.csv")).unwrap();
    file.write_all(b"Date,Event\n2025-07-01,Summer BBQ\n2025-07-02,\"").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..96 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\"\n").unwrap();
    drop(file);
    // A million question columns.
    wide_survey(&inputs.join("survey-million.csv"), 1_000_000);

    let out = run_limited(dir.path(), &["check", "--inputs", "inputs"], Duration::from_secs(120));
    let text = check_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    let huge = line_about(&text, "huge-cell.csv");
    assert!(huge.contains("huge-cell.csv › B3: this cell holds more than 32,768 bytes of text"), "{huge}");
    let wide = line_about(&text, "survey-million.csv");
    assert!(wide.contains("survey-million.csv › row 1: this row has more than 16,384 columns"), "{wide}");
    assert!(text.contains("2 errors"), "{text}");
    assert!(text.contains("events.csv: events (2 rows used)"), "{text}");
}

#[test]
fn a_survey_with_more_than_a_thousand_questions_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    wide_survey(&inputs.join("survey-wide.csv"), 1_200);
    wide_survey(&inputs.join("survey-ok.csv"), 1_000);
    let out = run_limited(dir.path(), &["check", "--inputs", "inputs"], Duration::from_secs(60));
    let text = check_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    let wide = line_about(&text, "survey-wide.csv ›");
    assert!(
        wide.contains("survey-wide.csv › row 1: this survey table has 1,200 columns besides its own, more than the limit of 1,000"),
        "{wide}"
    );
    assert!(text.contains("survey-ok.csv: survey (1 row used"), "{text}");
    assert!(text.contains("1 error"), "{text}");
}

#[test]
fn a_cell_over_32_kib_is_located_in_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    // Shared strings (Excel) and inline strings (constant-memory writers).
    for (name, constant) in [("shared.xlsx", false), ("inline.xlsx", true)] {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = if constant { book.add_worksheet_with_constant_memory().unwrap() } else { book.add_worksheet() };
        sheet.set_name("Events").unwrap();
        sheet.write_string(0, 0, "Date").unwrap();
        sheet.write_string(0, 1, "Event").unwrap();
        sheet.write_string(0, 2, "Notes").unwrap();
        sheet.write_string(1, 0, "2025-07-01").unwrap();
        sheet.write_string(1, 1, "Summer BBQ").unwrap();
        sheet.write_string(1, 2, "LONG-TEXT").unwrap();
        // Longer than Excel allows, as another tool may write it.
        let plain = dir.path().join(name);
        book.save(&plain).unwrap();
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
        let mut writer = zip::ZipWriter::new(std::fs::File::create(inputs.join(name)).unwrap());
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let entry = file.name().unwrap().to_string();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut data).unwrap();
            let text = String::from_utf8(data).unwrap().replace("LONG-TEXT", &"y".repeat(40 * 1024));
            writer.start_file(entry, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
    }
    let out = run_in(dir.path(), &["check", "--inputs", "inputs"]);
    let text = check_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for name in ["shared.xlsx", "inline.xlsx"] {
        assert!(line_about(&text, name).contains(&format!("{name} › Events › C2: this cell holds more than 32,768 bytes")), "{text}");
    }
}

#[test]
fn file_names_with_control_characters_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    // Each has an error, so its name is printed.
    write_csv(&inputs.join("\u{1b}]0;PWNED\u{7}\u{1b}[31mred.csv"), &[&["Date", "Event"], &["not a date", "BBQ"]]);
    write_csv(&inputs.join("two\nlines.csv"), &[&["Date", "Event"], &["2025-13-45", "BBQ"]]);
    std::fs::write(inputs.join("\u{1b}[2Jcut.xlsx"), b"").unwrap();

    for args in [&["check", "--inputs", "inputs"][..], &["build", "--inputs", "inputs", "--out", "out"][..]] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "no control character reaches the terminal:\n{text:?}");
        assert!(text.contains("inputs/\\033]0;PWNED\\a\\033[31mred.csv"), "{text}");
        assert!(text.contains("`\\033[2Jcut.xlsx` is not a complete Excel file (empty or cut off)"), "{text}");
        let two: Vec<&str> = text.lines().filter(|l| l.contains("two\\nlines.csv")).collect();
        assert!(!two.is_empty(), "a newline in a name does not split the line:\n{text}");
        assert!(!text.lines().any(|l| l.starts_with("lines.csv")), "{text}");
    }
}

#[test]
fn an_empty_workbook_is_not_complete() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    std::fs::write(inputs.join("x.xlsx"), b"").unwrap();
    let events = std::fs::read(samples().join("events-2025.xlsx")).unwrap();
    std::fs::write(inputs.join("cut.xlsx"), &events[..events.len() * 2 / 3]).unwrap();
    let out = run_in(dir.path(), &["check", "--inputs", "inputs"]);
    let text = check_text(&out);
    assert!(
        line_about(&text, "x.xlsx").ends_with(
            "`x.xlsx` is not a complete Excel file (empty or cut off); if it is still being copied, wait for the copy to finish, else open it in Excel (or LibreOffice Calc) and save it again"
        ),
        "{text}"
    );
    assert!(line_about(&text, "cut.xlsx").contains("`cut.xlsx` is not a complete Excel file (empty or cut off)"), "{text}");
    assert!(!text.contains("EOCD"), "{text}");
}

/// The files in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn stale_temporary_files_are_removed_by_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    // As a build killed with `kill -9` while writing leaves them.
    for name in [".wecoss-4fX9aB.tmp", ".wecoss-Zq81kd.tmp"] {
        std::fs::write(out_dir.join(name), b"%PDF-1.7 half written").unwrap();
    }
    std::fs::write(out_dir.join("minutes.tmp"), b"not ours").unwrap();
    let out = run_in(dir.path(), &["build", "--inputs", "inputs", "--out", "out", "--format", "typ"]);
    assert_ok(&out);
    assert_eq!(names_in(&out_dir), [".wecoss-last-build.json", "annual-report-2025.typ", "meeting-deck-2025-10-07.typ", "minutes.tmp"]);
}

#[test]
fn a_second_build_into_the_same_folder_waits_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    // Another build is writing: it holds the folder's lock.
    let held = std::fs::File::open(&out_dir).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["build", "--inputs", "inputs", "--out", "out", "--format", "typ"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the second build says it waits");
        if line == "waiting for another build that is writing to `out/` to finish" {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "it waits");
    assert!(names_in(&out_dir).is_empty(), "nothing is written while the other build writes");
    held.unlock().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    assert_eq!(names_in(&out_dir), [".wecoss-last-build.json", "annual-report-2025.typ", "meeting-deck-2025-10-07.typ"]);
}

#[test]
fn a_document_that_cannot_be_written_replaces_none_and_every_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("meeting-deck-2025-10-07.typ"), b"the previous deck").unwrap();
    // The report cannot be put in place: a folder has its name.
    std::fs::create_dir_all(out_dir.join("annual-report-2025.typ")).unwrap();
    let out = run_in(dir.path(), &["build", "--inputs", "inputs", "--out", "out", "--format", "typ"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("not written: `out/meeting-deck-2025-10-07.typ`, `out/annual-report-2025.typ` (the previous versions are kept)"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(std::fs::read(out_dir.join("meeting-deck-2025-10-07.typ")).unwrap(), b"the previous deck", "the deck is not replaced alone");
    assert_eq!(names_in(&out_dir), ["annual-report-2025.typ", "meeting-deck-2025-10-07.typ"], "no temporary file is left");
}

#[test]
fn an_output_folder_that_is_a_file_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    std::fs::write(dir.path().join("out"), b"").unwrap();
    let out = run_in(dir.path(), &["build", "--inputs", "inputs", "--out", "out", "--format", "typ"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: `out` is a file, not a folder"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

/// Whether this process runs as root (who may write anywhere).
fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[cfg(unix)]
#[test]
fn an_output_folder_without_write_permission_is_said_in_words() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        // Root writes anyway; the message is checked in `output`'s unit tests.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::set_permissions(&out_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = run_in(dir.path(), &["build", "--inputs", "inputs", "--out", "out", "--format", "typ"]);
    std::fs::set_permissions(&out_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert!(err.contains("error: cannot write to `out/`: permission denied"), "{err}");
    assert!(!err.contains(".tmp") && !err.contains("os error"), "{err}");
}

#[test]
fn watch_without_an_inputs_folder_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_limited(dir.path(), &["watch"], Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("there is no inputs folder `inputs` here; run `wecoss-report init` to make one"), "{err}");
    assert!(!dir.path().join("inputs").exists(), "no empty inputs folder is made");
}

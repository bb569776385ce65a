//! `watch`, driven as a child process in a temp folder: a dropped workbook
//! builds the deck, a corrupt one is reported while watching goes on and the
//! last good PDF stays, fixing it rebuilds, a template content edit changes
//! the PDF text, and Ctrl-C exits cleanly. A rebuild reads only the files
//! that changed. Every wait is bounded, and the
//! child is always killed at the end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::*;

/// Waits until `path` holds a PDF whose text satisfies `pred`; returns it.
fn wait_for_pdf(path: &Path, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + LIMIT;
    loop {
        if path.exists() {
            let text = pdf_text(path);
            if pred(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what} in {}:\n{text}", path.display());
        } else {
            assert!(Instant::now() < deadline, "timed out waiting for {} ({what})", path.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Writes `bytes` to `path` in two halves with a pause between, as a slow
/// copy would.
fn copy_slowly(bytes: &[u8], path: &Path, pause: Duration) {
    let mut file = std::fs::File::create(path).unwrap();
    let half = bytes.len() / 2;
    file.write_all(&bytes[..half]).unwrap();
    file.flush().unwrap();
    std::thread::sleep(pause);
    file.write_all(&bytes[half..]).unwrap();
    file.sync_all().unwrap();
}

/// An events workbook with one more event, on 2025-09-30.
fn late_event_workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Late Events").unwrap();
    sheet.write_string(0, 0, "Event Date").unwrap();
    sheet.write_string(0, 1, "Event Name").unwrap();
    sheet.write_string(1, 0, "2025-09-30").unwrap();
    sheet.write_string(1, 1, "Harvest Fair").unwrap();
    book.save(path).unwrap();
}

fn is_rebuild_of(line: &str, file: &str) -> bool {
    line.starts_with("out: rebuilt ") && line.contains("meeting-deck-2025-10-07.pdf") && line.contains(file)
}

#[test]
fn watch_rebuilds_on_drop_fix_and_template_edit() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let templates = dir.path().join("templates");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::create_dir_all(templates.join("meeting-deck")).unwrap();
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "events-2025.xlsx" {
            std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
        }
    }
    let content = templates.join("meeting-deck/content.toml");
    std::fs::copy(root().join("report-templates/meeting-deck/content.toml"), &content).unwrap();
    let pdf: PathBuf = out.join("meeting-deck-2025-10-07.pdf");

    let mut watch = Watch::start(
        dir.path(),
        &["--verbose", "--inputs", "inputs", "--templates", "templates", "--out", "out", "--meeting", "2025-10-07"],
    );

    // The first build: no events table yet.
    let mut seen = watch.wait_for(0, "the first build", |l| l.starts_with("out: built ") || l.starts_with("out: build failed"));
    assert!(watch.text().contains("out: built "), "the first build succeeds:\n{}", watch.text());
    wait_for_pdf(&pdf, "the first deck", |t| t.contains("No community events were recorded"));

    // Drop a workbook, copied slowly: it is waited for, then the PDF has its figures.
    let events = std::fs::read(samples().join("events-2025.xlsx")).unwrap();
    copy_slowly(&events, &inputs.join("events-2025.xlsx"), Duration::from_millis(700));
    let after_drop = watch.wait_for(seen, "the rebuild after the drop", |l| is_rebuild_of(l, "events-2025.xlsx"));
    assert!(
        !watch.lines()[seen..after_drop].iter().any(|l| l.contains("build failed")),
        "a half-copied workbook was built:\n{}",
        watch.text()
    );
    // Only the dropped workbook was read; the other eight were kept. (Stderr
    // lines are read on their own thread, so they are waited for too.)
    watch.wait_for(seen, "the unchanged files kept", |l| {
        l.starts_with("err: read 9 files from `inputs`") && l.ends_with("(8 unchanged since the last build)")
    });
    seen = after_drop;
    let text = wait_for_pdf(&pdf, "the events", |t| t.contains("Attended 14 community events"));
    assert!(text.contains("257 safety plans distributed, in addition to the 1,420 distributed prior to June 19, 2025."), "{text}");
    let good = std::fs::read(&pdf).unwrap();

    // Drop a corrupt workbook: reported with its name, watching goes on, the PDF stays.
    std::fs::write(inputs.join("late-events.xlsx"), b"PK\x03\x04 this is not really a workbook").unwrap();
    let before_corrupt = seen;
    seen = watch.wait_for(seen, "the failed build", |l| l.starts_with("out: build failed") && l.contains("late-events.xlsx"));
    watch.wait_for(before_corrupt, "the corrupt file named in an error", |l| {
        l.starts_with("err: error: ") && l.contains("late-events.xlsx")
    });
    assert!(watch.child.try_wait().unwrap().is_none(), "watch keeps running");
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF stays");

    // Fix it: the PDF updates.
    late_event_workbook(&inputs.join("late-events.xlsx"));
    seen = watch.wait_for(seen, "the rebuild after the fix", |l| is_rebuild_of(l, "late-events.xlsx"));
    wait_for_pdf(&pdf, "the fixed file's event", |t| t.contains("Attended 15 community events from June 19 to September 30, 2025"));

    // Edit a content file in the templates override: the PDF text changes.
    let toml = std::fs::read_to_string(&content).unwrap();
    assert!(toml.contains("title = \"Thank You!\""));
    std::fs::write(&content, toml.replace("title = \"Thank You!\"", "title = \"Thank You, Partners!\"")).unwrap();
    seen = watch.wait_for(seen, "the rebuild after the template edit", |l| is_rebuild_of(l, "content.toml"));
    let line = watch.lines()[seen - 1].clone();
    assert!(!line.contains("annual-report"), "a deck template edit rebuilds only the deck: {line}");
    let text = wait_for_pdf(&pdf, "the new title", |t| t.contains("Thank You, Partners!"));
    assert!(text.contains("Attended 15 community events"), "{text}");

    // A broken template: located error, watching goes on, the PDF stays.
    let good = std::fs::read(&pdf).unwrap();
    std::fs::write(&content, "title = [unclosed").unwrap();
    seen = watch.wait_for(seen, "the failed template build", |l| l.starts_with("out: build failed") && l.contains("content.toml"));
    assert!(watch.text().contains("content.toml"), "{}", watch.text());
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF stays");

    // Ctrl-C: a clean exit.
    let status = Command::new("kill").arg("-INT").arg(watch.child.id().to_string()).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + LIMIT;
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "watch did not stop on Ctrl-C:\n{}", watch.text());
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", watch.text());
    let deadline = Instant::now() + LIMIT;
    while !watch.lines()[seen..].iter().any(|l| l == "err: stopped watching") {
        assert!(Instant::now() < deadline, "no goodbye:\n{}", watch.text());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Editing `wecoss.toml` while watching: the settings are read again, the
/// watch says so and rebuilds everything with them; a mistake in the file
/// is shown, in plain words, and the settings read before are kept.
#[test]
fn watch_reloads_the_settings_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&run_in(dir.path(), &["init", "site"]));
    let site = dir.path().join("site");
    let mut watch = Watch::start(&site, &["--meeting", "2025-10-07", "--year", "2025"]);
    let seen = watch.wait_for(0, "the first build", |l| l.starts_with("out: built "));
    assert!(!site.join("out/presentation-reunion-2025-10-07.pdf").exists());

    std::fs::write(site.join("wecoss.toml"), "lang = \"en,fr\"\n").unwrap();
    let seen = watch.wait_for(seen, "the settings reloaded", |l| l.contains("wecoss.toml changed: settings reloaded"));
    let seen = watch.wait_for(seen, "the rebuild", |l| l.starts_with("out: rebuilt ") && l.contains("(wecoss.toml changed)"));
    assert!(watch.lines()[seen - 1].contains("presentation-reunion-2025-10-07.pdf"), "{}", watch.text());

    std::fs::write(site.join("wecoss.toml"), "lang = \"en,fr\"\nmin_cell = forty-five\n").unwrap();
    let before = seen;
    watch.wait_for(seen, "the mistake", |l| l.contains("wecoss.toml: line 2: `min_cell = forty-five` cannot be read"));
    // On stdout, so it may be read before the mistake (on stderr).
    watch.wait_for(before, "the settings kept", |l| l.contains("the settings read before are kept; still watching"));
    assert!(!watch.text().contains("invalid boolean"), "{}", watch.text());
}

//! The output folder stays tidy and staff's work in it is safe: documents a
//! build no longer makes move to `out/previous/` with their date, a
//! document staff changed is kept there rather than overwritten, and files
//! the tool never wrote are left alone.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::*;

/// `build` of the samples into `out`, as on `today`.
fn build_on(today: &str, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["build", "--inputs"])
        .arg(samples())
        .arg("--out")
        .arg(out)
        .args(["--format", "pdf,pptx"])
        .env("WECOSS_TODAY", today)
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    names.sort();
    names
}

#[test]
fn only_current_documents_stay_in_out_and_staff_work_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();

    // September: the deck of the 2025-09-10 meeting.
    assert_ok(&build_on("2025-09-05", &out));
    assert_eq!(
        names(&out),
        [".wecoss-last-build.json", "annual-report-2025.pdf", "meeting-deck-2025-09-10.pdf", "meeting-deck-2025-09-10.pptx"]
    );
    std::fs::write(out.join("notes for the chair.txt"), "staff's own file").unwrap();
    // A staff member polishes the report PDF by hand (e.g. adds a note).
    let mut polished = std::fs::read(out.join("annual-report-2025.pdf")).unwrap();
    polished.extend_from_slice(b"\n% a note added by hand\n");
    std::fs::write(out.join("annual-report-2025.pdf"), &polished).unwrap();

    // October: the next meeting's deck supersedes September's.
    let october = build_on("2025-10-01", &out);
    assert_ok(&october);
    assert_eq!(
        names(&out),
        [
            ".wecoss-last-build.json",
            "annual-report-2025.pdf",
            "meeting-deck-2025-10-07.pdf",
            "meeting-deck-2025-10-07.pptx",
            "notes for the chair.txt",
            "previous",
        ],
        "only the current documents, and staff's own file"
    );
    assert_eq!(
        names(&out.join("previous")),
        [
            format!("annual-report-2025 (edited {today}).pdf"),
            format!("meeting-deck-2025-09-10 (written {today}).pdf"),
            format!("meeting-deck-2025-09-10 (written {today}).pptx"),
        ]
    );
    assert_eq!(std::fs::read(out.join("previous").join(format!("annual-report-2025 (edited {today}).pdf"))).unwrap(), polished);
    let said = stderr(&october);
    assert!(
        said.contains(&format!(
            "annual-report-2025.pdf was changed after this tool wrote it; that version is kept as previous/annual-report-2025 (edited {today}).pdf"
        )),
        "{said}"
    );
    assert_ne!(std::fs::read(out.join("annual-report-2025.pdf")).unwrap(), polished, "the new report is in place");

    // An older meeting's deck asked for by date is made beside the current
    // one; the current one is not tidied away by it.
    let older = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["deck", "--meeting", "2025-09-17", "--inputs"])
        .arg(samples())
        .arg("--out")
        .arg(&out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_ok(&older);
    assert!(out.join("meeting-deck-2025-09-17.pdf").is_file());
    assert!(out.join("meeting-deck-2025-10-07.pdf").is_file());
    assert!(out.join("meeting-deck-2025-10-07.pptx").is_file());

    // The next `build` stands for the latest again: the older one goes.
    let again = build_on("2025-10-01", &out);
    assert_ok(&again);
    assert!(!out.join("meeting-deck-2025-09-17.pdf").exists());
    assert!(out.join("previous").join(format!("meeting-deck-2025-09-17 (written {today}).pdf")).is_file());
    assert!(out.join("notes for the chair.txt").is_file());
    assert!(!stderr(&again).contains("was changed after"), "nothing staff changed: {}", stderr(&again));
}

#[test]
fn the_last_build_record_keeps_each_written_files_hash() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_ok(&build_on("2025-10-01", &out));
    let record: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join(".wecoss-last-build.json")).unwrap()).unwrap();
    let folders = record["folders"].as_object().unwrap();
    let documents = folders.values().next().unwrap()["documents"].as_object().unwrap();
    let deck = &documents["meeting-deck-2025-10-07.pptx"];
    assert_eq!(deck["slot"], "meeting-deck/en/pptx");
    let bytes = std::fs::read(out.join("meeting-deck-2025-10-07.pptx")).unwrap();
    assert_eq!(deck["sha256"], wecoss_report::output::sha256(&bytes));
    assert_eq!(documents.len(), 3);
}

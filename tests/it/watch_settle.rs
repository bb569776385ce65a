//! `watch` publishes only complete files (issue 26): a survey export that a
//! program holds open while it writes, pausing for 2 s after half its rows
//! (each on a full line), publishes nothing until the program lets it go;
//! then the report counts every response, never the half.

use std::io::Write;
use std::time::Duration;

use crate::support::*;

/// A Google Forms export of `n` responses: its header, then one line each.
fn survey_lines(n: usize) -> (String, Vec<String>) {
    let header = "Timestamp,Municipality,The plan helps me feel prepared\n".to_string();
    let answers = ["Agree", "Strongly agree", "Neutral", "Agree", "Disagree"];
    let lines = (0..n)
        .map(|i| format!("2025/0{}/{:02} 10:{:02}:00 AM EST,Windsor,{}\n", 7 + i / 28, 1 + i % 28, i % 60, answers[i % answers.len()]))
        .collect();
    (header, lines)
}

#[test]
fn a_survey_held_open_half_written_publishes_nothing_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Draft the plan"]);
    let report = dir.path().join("out/annual-report-2025.pdf");
    let mut watch = Watch::start(dir.path(), &["--inputs", "inputs", "--out", "out", "--year", "2025"]);
    let mut seen = watch.wait_for(0, "the first build", |l| l.starts_with("out: built "));
    assert!(pdf_text(&report).contains("No survey responses were recorded in 2025."), "the first report has no survey");

    // A program writes the export: half its rows, each on a full line, then
    // it holds the file open for 2 s before writing the rest.
    let (header, lines) = survey_lines(60);
    let path = inputs.join("survey.csv");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(header.as_bytes()).unwrap();
    for line in &lines[..30] {
        file.write_all(line.as_bytes()).unwrap();
    }
    file.flush().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let during = watch.lines().len();
    let before = std::fs::read(&report).unwrap();
    for line in &lines[30..] {
        file.write_all(line.as_bytes()).unwrap();
    }
    file.sync_all().unwrap();
    drop(file);

    // Nothing was published while it was held open.
    assert!(
        !watch.lines()[seen..during].iter().any(|l| l.starts_with("out: rebuilt") || l.starts_with("out: build failed")),
        "a rebuild while the file was held open:\n{}",
        watch.text()
    );
    assert!(pdf_text(&dir.path().join("out/annual-report-2025.pdf")).contains("No survey responses"), "{}", watch.text());
    assert_eq!(before, std::fs::read(&report).unwrap(), "the report was replaced while the survey was being written");

    // Once let go, the report counts every response.
    seen = watch.wait_for(seen, "the rebuild after the export", |l| l.starts_with("out: rebuilt") && l.contains("survey.csv"));
    let text = pdf_text(&report);
    assert!(text.contains("The survey received 60 responses in 2025."), "{text}");
    assert!(!text.contains("30 responses"), "{text}");
    let _ = seen;
}

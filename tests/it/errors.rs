//! Bad cells are reported with their `file › sheet › cell`, all in one run,
//! and block the build.

use crate::support::*;
use rust_xlsxwriter::Workbook;

#[test]
fn bad_date_and_negative_count_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Log").unwrap();
    for (c, h) in ["Date Distributed", "Qty", "Safety Plan"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "2025-07-02").unwrap();
    sheet.write_number(1, 1, 12).unwrap();
    sheet.write_string(2, 0, "June 31, 2025").unwrap(); // no such day
    sheet.write_number(2, 1, 3).unwrap();
    sheet.write_string(3, 0, "2025-07-09").unwrap();
    sheet.write_number(3, 1, -5).unwrap(); // negative count
    book.save(inputs.join("extra-distribution.xlsx")).unwrap();

    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    let file = inputs.join("extra-distribution.xlsx");
    let file = file.display();
    assert!(err.contains(&format!("{file} › Log › A3: found `June 31, 2025`, expected a date")), "{err}");
    assert!(err.contains(&format!("{file} › Log › B4: found -5, expected a whole number of 0 or more")), "{err}");
    assert!(err.contains("2 errors in the inputs; nothing was built"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn check_lists_sheets_and_exits_zero_on_the_samples() {
    let result = run(&["check", "--inputs", samples().to_str().unwrap()]);
    assert_ok(&result);
    let text = check_text(&result);
    assert!(text.contains("Events: events (19 rows used"), "{text}");
    assert!(text.contains("totals row skipped"), "{text}");
    assert!(text.contains("0 errors"), "{text}");
}

#[test]
fn event_plans_disagreeing_with_the_distribution_log_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(
        &inputs.join("events.csv"),
        &[&["Date", "Event", "Plans Distributed"], &["2025-07-01", "Summer BBQ", "10"], &["2025-07-02", "Fair", "4"]],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[
            &["Date", "Quantity", "Event Name"],
            &["2025-07-01", "6", "summer bbq"],
            &["2025-07-01", "3", "Summer BBQ"],
            &["2025-07-02", "4", "Fair"],
        ],
    );
    let result = run(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_ok(&result);
    let text = check_text(&result);
    let events = inputs.join("events.csv").display().to_string();
    assert!(
        text.contains(&format!(
            "{events} › row 2: event `Summer BBQ` on 2025-07-01 says 10 plans distributed, but the distribution rows for it add up to 9"
        )),
        "{text}"
    );
    assert!(!text.contains("event `Fair`"), "matching events are not flagged:\n{text}");
}

/// The temporary files a killed build left in `out/` are removed by the
/// next build before it reads anything, also when that build then fails.
#[test]
fn a_failing_build_still_clears_a_killed_builds_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = crate::support::fixtures::bad(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let stale = [out.join(".wecoss-a1B2c3.tmp"), out.join(".wecoss-Zz9Yy8.tmp")];
    for path in &stale {
        std::fs::write(path, b"half a PDF").unwrap();
    }
    std::fs::write(out.join("deck.pdf"), b"the last deck").unwrap();
    let result = run(&["build", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    for path in &stale {
        assert!(!path.exists(), "{} left behind", path.display());
    }
    assert_eq!(std::fs::read(out.join("deck.pdf")).unwrap(), b"the last deck", "a failed build replaces nothing");
}

//! Trust under staff mistakes: the tool gets it right, or stops with a
//! clear, located error and keeps the previous documents; it never
//! publishes a wrong number quietly (issue 14, part A).
//!
//! Each test builds its own invented fixture folder (CSV, or xlsx written
//! with rust_xlsxwriter) and runs the binary on it, with `WECOSS_TODAY`
//! fixing "today" where the default meeting depends on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::*;
use rust_xlsxwriter::Workbook;

/// Runs the binary in `dir` with today fixed to 2025-09-01.
fn run_at(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("WECOSS_TODAY", "2025-09-01")
        .output()
        .expect("the binary runs")
}

/// A cell of a test workbook.
enum C {
    S(&'static str),
    N(f64),
}

/// Writes an xlsx workbook: sheets of rows; `hidden` is 0 visible, 1
/// hidden, 2 very hidden.
fn workbook(path: &Path, sheets: &[(&str, u8, &[&[C]])]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut book = Workbook::new();
    for (name, hidden, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                match cell {
                    C::S(s) => drop(ws.write_string(r as u32, c as u16, *s).unwrap()),
                    C::N(n) => drop(ws.write_number(r as u32, c as u16, *n).unwrap()),
                }
            }
        }
        match hidden {
            1 => drop(ws.set_hidden(true)),
            2 => drop(ws.set_very_hidden(true)),
            _ => {}
        }
    }
    // A hidden sheet cannot be the active one: the first sheet stays active.
    book.save(path).unwrap();
}

/// The figures `build --format json` gives for `dir/inputs`: the deck then
/// the report, as one JSON value each.
fn figures(dir: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["build", "--quiet", "--format", "json", "--inputs", "inputs"];
    args.extend_from_slice(extra);
    let out = run_at(dir, &args);
    assert_ok(&out);
    crate::support::json_documents(&out.stdout)
}

/// The report's events attended and residents reached.
fn report_events(dir: &Path, extra: &[&str]) -> (u64, u64) {
    let all = figures(dir, extra);
    let report = all.iter().find(|v| v.get("year").is_some()).expect("the report's figures");
    let kpis = &report["kpis"];
    (kpis["events"].as_u64().unwrap(), kpis["residents_reached"].as_u64().unwrap())
}

fn events_csv(path: &Path, rows: &[&[&str]]) {
    let mut all: Vec<&[&str]> = vec![&["Date", "Event", "Residents Reached", "Plans Distributed"]];
    all.extend_from_slice(rows);
    write_csv(path, &all);
}

/// The PDFs in `dir/out`, name and bytes.
fn documents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut docs: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    docs.sort();
    docs
}

// 1. A header typo must not give "0 events".

#[test]
fn a_header_typo_in_a_sheet_named_events_is_an_error_naming_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    std::fs::remove_file(inputs.join("events.csv")).unwrap();
    workbook(
        &inputs.join("tracking.xlsx"),
        &[(
            "Events 2025",
            0,
            &[
                &[C::S("Date of Evnet"), C::S("Event Name"), C::S("Residents Reached")],
                &[C::S("2025-07-01"), C::S("Summer BBQ"), C::N(40.0)],
            ],
        )],
    );
    let out = run_at(dir.path(), &["build", "--inputs", "inputs", "--out", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: inputs/tracking.xlsx › Events 2025: not read: this sheet is meant as `events` (its sheet name says so) but has no column `date`"),
        "{err}"
    );
    assert!(err.contains("the header `Date of Evnet` is close: did you mean `date of event`?"), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn a_header_typo_in_a_sheet_whose_columns_say_events_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(
        &dir.path().join("inputs/log.csv"),
        &[
            &["When", "Event Name", "Municipality", "Location", "Residents Reached", "Plans Distributed"],
            &["2025-07-01", "Summer BBQ", "Windsor", "Park", "40", "10"],
        ],
    );
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_eq!(out.status.code(), Some(1), "{}", check_text(&out));
    let text = check_text(&out);
    assert!(
        text.contains(
            "inputs/log.csv: not read: this sheet is meant as `events` (5 of its 6 headers are `events` columns) but has no column `date`"
        ),
        "{text}"
    );
    // A sheet that only brushes a kind is still skipped with a warning.
    let dir = tempfile::tempdir().unwrap();
    write_csv(&dir.path().join("inputs/budget.csv"), &[&["Date", "Category", "Amount"], &["2025-07-01", "Print", "40"]]);
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_ok(&out);
    assert!(check_text(&out).contains("inputs/budget.csv: skipped: it looks like `events`"), "{}", check_text(&out));
}

#[test]
fn a_sheet_read_as_a_table_in_the_last_build_and_skipped_now_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    // No name or majority of columns says `events` here: only the last build does.
    std::fs::rename(inputs.join("events.csv"), inputs.join("summer.csv")).unwrap();
    assert_ok(&run_at(dir.path(), &["build", "--quiet", "--inputs", "inputs", "--out", "out"]));
    assert!(dir.path().join("out/.wecoss-last-build.json").exists());
    write_csv(
        &inputs.join("summer.csv"),
        &[&["Date", "Evnt", "Plans Distributed"], &["2025-07-01", "Summer BBQ", "10"], &["2025-08-01", "Resource Fair", "5"]],
    );
    for args in [&["check", "--inputs", "inputs"][..], &["build", "--inputs", "inputs", "--out", "out"][..]] {
        let out = run_at(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            text.contains("inputs/summer.csv: not read: this sheet was read as `events` in the last build of this folder, but now it has no column `event`"),
            "{args:?}: {text}"
        );
        assert!(!text.contains("skipped: it looks like"), "one message for the sheet: {text}");
    }
}

#[test]
fn a_table_gone_since_the_last_build_keeps_the_documents_until_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    // A broken record of a last build never blocks a build.
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/.wecoss-last-build.json"), "{ half written").unwrap();
    assert_ok(&run_at(dir.path(), &["build", "--quiet", "--inputs", "inputs", "--out", "out"]));
    let before = documents(dir.path());
    assert_eq!(before.len(), 2);

    // The events file moved away: the build refuses to print zeros.
    std::fs::rename(inputs.join("events.csv"), dir.path().join("events.csv")).unwrap();
    let out = run_at(dir.path(), &["build", "--inputs", "inputs", "--out", "out"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("the last build of `inputs` counted rows of `events` (2 rows) and now it has none"), "{err}");
    assert!(err.contains("--allow-missing events"), "{err}");
    assert_eq!(documents(dir.path()), before, "the documents are untouched");

    // Another inputs folder into the same `out` is another history.
    let other = dir.path().join("other");
    minimal_inputs(&other, "Safety Working Group", &["Plan the fair"]);
    std::fs::remove_file(other.join("inputs/events.csv")).unwrap();
    assert_ok(&run_at(dir.path(), &["build", "--quiet", "--inputs", "other/inputs", "--out", "out", "--format", "typ"]));

    // Allowed once: the documents are replaced, and the next build has no events to miss.
    assert_ok(&run_at(dir.path(), &["build", "--quiet", "--inputs", "inputs", "--out", "out", "--allow-missing", "events"]));
    assert_ne!(documents(dir.path()), before);
    assert_ok(&run_at(dir.path(), &["build", "--quiet", "--inputs", "inputs", "--out", "out"]));

    // A mistyped kind is a usage error with a suggestion.
    let out = run_at(dir.path(), &["build", "--inputs", "inputs", "--allow-missing", "evnets"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `events`?"), "{}", stderr(&out));
}

// 2. Double counting.

#[test]
fn a_byte_identical_copy_of_a_file_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    events_csv(&inputs.join("events.csv"), &[&["2025-07-01", "Summer BBQ", "40", "10"], &["2025-08-01", "Resource Fair", "25", "5"]]);
    assert_eq!(report_events(dir.path(), &[]), (2, 65));
    std::fs::copy(inputs.join("events.csv"), inputs.join("events - Copy.csv")).unwrap();
    assert_eq!(report_events(dir.path(), &[]), (2, 65), "the copy is not counted");
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_ok(&out);
    let text = check_text(&out);
    assert!(
        text.contains("inputs/events - Copy.csv: this file is a byte-for-byte copy of `inputs/events.csv`; its rows are counted once"),
        "{text}"
    );
    assert!(text.contains("inputs/events - Copy.csv: skipped, a copy of `inputs/events.csv`"), "{text}");
}

#[test]
fn an_identical_sheet_is_counted_once_and_hidden_sheets_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    std::fs::remove_file(inputs.join("events.csv")).unwrap();
    let header: &[C] = &[C::S("Date"), C::S("Event"), C::S("Residents Reached")];
    let rows: &[&[C]] =
        &[header, &[C::S("2025-07-01"), C::S("Summer BBQ"), C::N(40.0)], &[C::S("2025-08-01"), C::S("Resource Fair"), C::N(25.0)]];
    let old: &[&[C]] = &[header, &[C::S("2024-07-01"), C::S("Old BBQ"), C::N(7.0)]];
    let older: &[&[C]] = &[header, &[C::S("2024-06-01"), C::S("Older Fair"), C::N(3.0)]];
    workbook(
        &inputs.join("events.xlsx"),
        &[("Events", 0, rows), ("Events (2)", 0, rows), ("Events (old copy)", 1, old), ("Archive", 2, older)],
    );

    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_ok(&out);
    let text = check_text(&out);
    for line in [
        "inputs/events.xlsx › Events: events (2 rows used)",
        "inputs/events.xlsx › Events (2): skipped, a copy of `inputs/events.xlsx › Events`",
        "inputs/events.xlsx › Events (old copy): hidden, skipped (`--include-hidden` reads it)",
        "inputs/events.xlsx › Archive: very hidden, skipped (`--include-hidden` reads it)",
        "inputs/events.xlsx › Events (2): this sheet has the same 2 rows as `inputs/events.xlsx › Events`; they are counted once",
    ] {
        assert!(text.contains(line), "`{line}` in:\n{text}");
    }
    let json = run_at(dir.path(), &["check", "--json", "--inputs", "inputs"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let hidden: Vec<&str> = v["sheets"].as_array().unwrap().iter().filter_map(|s| s["skipped"]["reason"].as_str()).collect();
    assert_eq!(hidden, ["copy", "hidden", "very-hidden"]);

    let report = |dir: &Path, extra: &[&str]| {
        let all = figures(dir, &["--year", "2025"].iter().chain(extra).copied().collect::<Vec<_>>());
        all.into_iter().find(|v| v.get("year").is_some()).unwrap()
    };
    assert_eq!(report(dir.path(), &[])["kpis"]["residents_reached"], 65);
    // `--include-hidden` reads them (their events are from 2024, outside this report's year).
    let out = run_at(dir.path(), &["check", "--include-hidden", "--inputs", "inputs"]);
    let text = check_text(&out);
    assert!(text.contains("inputs/events.xlsx › Events (old copy): events (1 row used)"), "{text}");
    assert!(text.contains("inputs/events.xlsx › Archive: events (1 row used)"), "{text}");
}

#[test]
fn a_row_repeated_in_another_file_is_counted_once_with_a_warning_naming_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    events_csv(&inputs.join("events.csv"), &[&["2025-07-01", "Summer BBQ", "40", "10"], &["2025-08-01", "Resource Fair", "25", "5"]]);
    events_csv(&inputs.join("more/july.csv"), &[&["2025-07-01", "summer bbq", "40", "10"], &["2025-07-15", "Pop-up", "12", "3"]]);
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_ok(&out);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        text.contains("inputs/more/july.csv › row 2: row 2 repeats `inputs/events.csv` row 2 exactly, so it is counted once"),
        "{text}"
    );
    assert!(text.contains("row 2 repeats `inputs/events.csv` row 2 (counted once, there), row 3 counted (1)"), "{text}");
    assert_eq!(report_events(dir.path(), &[]).0, 3, "the repeated event is counted once");

    // A block of repeats is one warning, naming both blocks; a file's own
    // repeated row is counted once too.
    let rows: Vec<Vec<String>> = (1..=7).map(|d| vec![format!("2025-05-{d:02}"), "12".to_string(), "Windsor".to_string()]).collect();
    let mut all: Vec<Vec<String>> = vec![vec!["Date".into(), "Quantity".into(), "Municipality".into()]];
    all.extend(rows.iter().cloned());
    all.push(rows[0].clone());
    let refs: Vec<Vec<&str>> = all.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("partner.csv"), &slices);
    let mut export: Vec<Vec<String>> = all[..8].to_vec();
    export.push(vec!["2025-05-20".into(), "30".into(), "Essex".into()]);
    let refs: Vec<Vec<&str>> = export.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("zz-partner-export.csv"), &slices);
    let out = run_at(dir.path(), &["build", "--format", "json", "--inputs", "inputs"]);
    assert_ok(&out);
    let text = stderr(&out);
    assert!(text.contains("partner.csv › row 9: row 9 repeats row 2 exactly, so it is counted once"), "{text}");
    assert!(
        text.contains("zz-partner-export.csv › row 2: rows 2–8 repeat `inputs/partner.csv` rows 2–8 exactly, so they are counted once"),
        "{text}"
    );
    assert_eq!(text.lines().filter(|l| l.contains("partner") && l.contains("repeat")).count(), 2, "{text}");
}

// 4. The deck's default meeting.

#[test]
fn the_default_meeting_is_the_next_one_and_meeting_dates_read_like_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group", "Start", "End", "Room"],
            &["2025-06-18", "Safety Working Group", "10:00", "12:00", "Room 2"],
            &["2025-10-16", "Safety Working Group", "10:00 AM", "12:00 PM", "Hall B"],
            &["2026-02-10", "Safety Working Group", "", "", ""],
        ],
    );
    let deck_date = |today: &str, extra: &[&str]| {
        let mut args = vec!["build", "--quiet", "--format", "json", "--inputs", "inputs"];
        args.extend_from_slice(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
            .args(&args)
            .current_dir(dir.path())
            .env("WECOSS_TODAY", today)
            .output()
            .unwrap();
        assert_ok(&out);
        let first = crate::support::json_documents(&out.stdout).remove(0);
        first["meeting"]["date"].as_str().unwrap().to_string()
    };
    assert_eq!(deck_date("2025-09-01", &[]), "2025-10-16", "the next meeting, not the last on record");
    assert_eq!(deck_date("2025-10-16", &[]), "2025-10-16", "on the day");
    assert_eq!(deck_date("2026-05-01", &[]), "2026-02-10", "none to come: the most recent");
    for given in ["16/10/2025", "October 16, 2025", "2025-10-16", "16 Oct 2025"] {
        assert_eq!(deck_date("2026-05-01", &["--meeting", given]), "2025-10-16", "--meeting {given}");
    }
    // A date that reads either way needs the order.
    let out = run_at(dir.path(), &["deck", "--inputs", "inputs", "--meeting", "06/10/2026"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("write it as `2026-MM-DD`"), "{}", stderr(&out));
    let out = run_at(dir.path(), &["deck", "--inputs", "inputs", "--meeting", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`soon` is not a date"), "{}", stderr(&out));

    let out = run_at(dir.path(), &["meetings", "--inputs", "inputs"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_in_order(
        &text,
        &[
            "date",
            "group",
            "time",
            "location",
            "2025-06-18  Safety Working Group  10:00–12:00  Room 2",
            "2025-10-16  Safety Working Group  10:00–12:00  Hall B  ← the deck `build` makes",
            "2026-02-10  Safety Working Group",
        ],
    );
    let out = run_at(dir.path(), &["meetings", "--json", "--inputs", "inputs"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["meetings"][1]["location"], "Hall B");
    assert_eq!(v["meetings"][1]["default"], true);
}

// 5. One error per cell.

#[test]
fn a_date_in_the_other_order_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(
        &dir.path().join("inputs/distribution.csv"),
        &[&["Date", "Quantity"], &["14/08/2025", "10"], &["08/14/2025", "5"], &["03/09/2025", "2"]],
    );
    let out = run_at(dir.path(), &["check", "--json", "--inputs", "inputs"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let at_a3: Vec<&serde_json::Value> = v["diagnostics"].as_array().unwrap().iter().filter(|d| d["location"]["cell"] == "A3").collect();
    assert_eq!(at_a3.len(), 1, "{at_a3:#?}");
    assert!(at_a3[0]["message"].as_str().unwrap().contains("the same day/month order as row 2"), "{at_a3:#?}");
    assert_eq!(v["errors"], 1);
}

// 6. Unrecognised columns.

#[test]
fn a_misspelt_column_is_an_error_and_an_unrelated_one_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(
        &dir.path().join("inputs/events.csv"),
        &[&["Date", "Event", "Plans Given Out", "Budget ($)"], &["2025-07-01", "Summer BBQ", "10", "200"]],
    );
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_eq!(out.status.code(), Some(1));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        text.contains("inputs/events.csv › C1: the header `Plans Given Out` is not a column name of `events`, so its figures would not be counted; did you mean `plans distributed`?"),
        "{text}"
    );
    assert!(
        text.contains(
            "inputs/events.csv: events (1 row used; ignored `Plans Given Out` (nearest accepted name: `plans handed out`), `Budget ($)`)"
        ),
        "{text}"
    );
    let out = run_at(dir.path(), &["check", "--json", "--inputs", "inputs"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["sheets"][0]["columns_unrecognised"],
        serde_json::json!([{ "header": "Plans Given Out", "cell": "C1", "nearest": "plans handed out" }, { "header": "Budget ($)", "cell": "D1" }])
    );
}

// 7. Settings.

#[test]
fn settings_chosen_once_in_wecoss_toml_and_flags_override_them() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(&dir.path().join("inputs/distribution.csv"), &[&["Date", "Quantity"], &["03/04/2025", "10"], &["05/06/2025", "5"]]);
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_eq!(out.status.code(), Some(1), "ambiguous without a setting");

    // `init` writes the settings file, every setting commented out.
    assert_ok(&run_at(dir.path(), &["init", "--quiet", "work"]));
    let template = std::fs::read_to_string(dir.path().join("work/wecoss.toml")).unwrap();
    assert!(template.contains("# date_order = \"dmy\""), "{template}");
    std::fs::write(dir.path().join("wecoss.toml"), template.replace("# date_order = \"dmy\"", "date_order = \"dmy\"")).unwrap();
    let dates = |extra: &[&str]| {
        let mut args = vec!["check", "--json", "--inputs", "inputs"];
        args.extend_from_slice(extra);
        let out = run_at(dir.path(), &args);
        assert_ok(&out);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["sheets"].as_array().unwrap().iter().any(|s| s["file"] == "inputs/distribution.csv" && s["rows_used"] == 2)
    };
    assert!(dates(&[]), "the setting is read");
    assert!(dates(&["--date-order", "mdy"]), "and a flag wins");
    let out = run_at(dir.path(), &["build", "--quiet", "--format", "json", "--inputs", "inputs", "--year", "2025"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("\"plans_since\": \"2025-04-03\""), "day first from the setting");
    let out = run_at(dir.path(), &["build", "--quiet", "--format", "json", "--inputs", "inputs", "--year", "2025", "--date-order", "mdy"]);
    assert!(stdout(&out).contains("\"plans_since\": \"2025-03-04\""), "month first from the flag");

    // A typo in the file is an error naming it, with a suggestion.
    std::fs::write(dir.path().join("wecoss.toml"), "date_ordr = \"dmy\"\nmin_cel = 3\n").unwrap();
    let out = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("wecoss.toml: `date_ordr` is not a setting; did you mean `date_order`?"), "{err}");
    assert!(err.contains("wecoss.toml: `min_cel` is not a setting; did you mean `min_cell`?"), "{err}");
}

#[test]
fn min_cell_comes_from_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    let min_cell = |extra: &[&str]| {
        let mut args = vec!["report", "--quiet", "--format", "json", "--inputs", "inputs"];
        args.extend_from_slice(extra);
        let out = run_at(dir.path(), &args);
        assert_ok(&out);
        crate::support::json_figures(&out.stdout)["min_cell"].as_u64().unwrap()
    };
    assert_eq!(min_cell(&[]), 5);
    std::fs::write(dir.path().join("wecoss.toml"), "min_cell = 10\n").unwrap();
    assert_eq!(min_cell(&[]), 10);
    assert_eq!(min_cell(&["--min-cell", "7"]), 7);
}

/// `watch` refuses the same way, and says how to go on.
#[test]
fn watch_keeps_the_documents_when_a_table_goes_and_says_how_to_confirm() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["watch", "--inputs", "inputs", "--out", "out"])
        .current_dir(dir.path())
        .env("WECOSS_TODAY", "2025-09-01")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>, Box::new(child.stderr.take().unwrap())] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let mut seen = Vec::new();
    // Stdout and stderr arrive on their own threads, in either order: a
    // line already seen counts.
    let mut wait_for = |what: &str| {
        if seen.iter().any(|l: &String| l.contains(what)) {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
                let found = line.contains(what);
                seen.push(line);
                if found {
                    return;
                }
            }
        }
        panic!("no `{what}` from watch:\n{}", seen.join("\n"));
    };
    wait_for("built out/");
    let before = documents(dir.path());
    std::fs::rename(inputs.join("events.csv"), dir.path().join("events.csv")).unwrap();
    wait_for("now it has none, so the documents in `out` were not replaced");
    wait_for("to publish without events: run `wecoss-report build --allow-missing \"events\"` once");
    wait_for("build failed");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(documents(dir.path()), before);
}

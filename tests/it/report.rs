//! The annual report, end to end: every KPI against an independent count of
//! the sample rows, the contents, privacy, fiscal years and hostile text.

use crate::support::*;
use calamine::{Data, Reader, open_workbook_auto};
use chrono::{Datelike, NaiveDate};

fn build_report(inputs: &std::path::Path, out: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["report", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_ok(&result);
    let path = stdout(&result).lines().next().expect("a path is printed").to_string();
    pdf_text(std::path::Path::new(&path))
}

/// A date cell as calamine reads it: a real date or `July 24, 2025` text.
fn date_of(cell: &Data) -> Option<NaiveDate> {
    match cell {
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date()),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").ok(),
        Data::String(s) => NaiveDate::parse_from_str(s, "%B %d, %Y").ok(),
        _ => None,
    }
}

fn number(cell: &Data) -> u64 {
    match cell {
        Data::Float(f) => *f as u64,
        Data::Int(i) => *i as u64,
        _ => 0,
    }
}

/// Rows of a sheet (as calamine gives them) whose column `date_col` holds a
/// date, with that date.
fn dated_rows(file: &str, sheet: &str, date_col: usize) -> Vec<(NaiveDate, Vec<Data>)> {
    let mut book = open_workbook_auto(samples().join(file)).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().filter_map(|r| Some((date_of(r.get(date_col)?)?, r.to_vec()))).collect()
}

#[test]
fn kpis_equal_an_independent_count_of_the_sample_rows() {
    let out = tempfile::tempdir().unwrap();
    let text = build_report(&samples(), out.path(), &["--year", "2025"]);
    let in_2025 = |d: &NaiveDate| d.year() == 2025;

    let events: Vec<_> = dated_rows("events-2025.xlsx", "Events", 0).into_iter().filter(|(d, _)| in_2025(d)).collect();
    let residents: u64 = events.iter().map(|(_, r)| number(&r[6])).sum();
    let reviews: u64 = events.iter().map(|(_, r)| number(&r[8])).sum();
    let confident: u64 = events.iter().map(|(_, r)| number(&r[9])).sum();

    let mut plans_year = 0;
    let mut plans_total = 0;
    for (file, sheet, qty) in
        [("distribution-log.xlsx", "2024", 2), ("distribution-log.xlsx", "2025", 2), ("partner-distribution.ods", "Partner Log", 2)]
    {
        for (d, row) in dated_rows(file, sheet, 0) {
            if d.year() <= 2025 {
                plans_total += number(&row[qty]);
            }
            if in_2025(&d) {
                plans_year += number(&row[qty]);
            }
        }
    }
    let google = std::fs::read_to_string(samples().join("survey-google-forms.csv")).unwrap();
    let google_rows = csv::Reader::from_reader(google.trim_start_matches('\u{feff}').as_bytes()).records().count() as u64;
    let mut monkey = open_workbook_auto(samples().join("survey-monkey.xlsx")).unwrap();
    let monkey_rows =
        monkey.worksheet_range("Sheet").unwrap().rows().skip(2).filter(|r| r.iter().any(|c| *c != Data::Empty)).count() as u64;
    let focus = dated_rows("focus-groups.xlsx", "Focus Groups", 0).into_iter().filter(|(d, _)| in_2025(d)).count() as u64;
    let mut stakeholders = open_workbook_auto(samples().join("stakeholders.xlsx")).unwrap();
    let engaged = stakeholders
        .worksheet_range("Stakeholders")
        .unwrap()
        .rows()
        .skip(1)
        .filter(|r| matches!(&r[4], Data::String(s) if s.eq_ignore_ascii_case("yes")))
        .count() as u64;

    let percent = (confident * 200 + reviews) / (reviews * 2);
    for (value, label) in [
        (commas(events.len() as u64), "community events attended".to_string()),
        (commas(residents), "residents reached at events".to_string()),
        (commas(plans_year), "safety plans distributed in 2025".to_string()),
        (commas(plans_total), "safety plans distributed since".to_string()),
        (format!("{percent}%"), "of residents who reviewed a plan felt more confident".to_string()),
        (commas(google_rows + monkey_rows), "survey responses".to_string()),
        (commas(focus), "focus groups held".to_string()),
        (commas(engaged), "stakeholder organizations engaged".to_string()),
    ] {
        let tile = format!("{value} {label}");
        assert!(text.contains(&tile), "KPI tile `{tile}` not in the report:\n{text}");
    }
}

#[test]
fn contents_lists_every_section() {
    let out = tempfile::tempdir().unwrap();
    let text = build_report(&samples(), out.path(), &[]);
    // The contents page runs from its title to the first words of the message.
    let start = text.find("Contents").expect("a contents page");
    let end = text.find("On behalf of").expect("the message follows");
    let contents = &text[start..end];
    for section in [
        "Message from the Co-Chairs",
        "About WECOSS",
        "Year at a glance",
        "Enforcement and Justice",
        "Strengthening Community Safety and Wellbeing",
        "Strategy-wide",
        "WECOSS Action Plan Consultation",
        "Workplan progress",
        "Looking ahead",
        "About the data",
    ] {
        assert!(contents.contains(section), "contents lacks `{section}`:\n{contents}");
    }
}

#[test]
fn small_counts_are_suppressed_and_nothing_identifying_prints() {
    let out = tempfile::tempdir().unwrap();
    let text = build_report(&samples(), out.path(), &["--year", "2025"]);
    // Kingsville has 3 Google Forms respondents: printed as <5, never as 3.
    assert!(text.contains("Kingsville <5"), "{text}");
    assert!(!text.contains("Kingsville 3"), "{text}");
    // The Essex Residents focus group had 3 participants.
    assert!(text.contains("Essex Residents Essex <5"), "{text}");

    let google = std::fs::read_to_string(samples().join("survey-google-forms.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(google.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let email = headers.iter().position(|h| h.starts_with("Email")).unwrap();
    let comment = headers.iter().position(|h| h.starts_with("Anything else")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        if !row[email].is_empty() {
            assert!(!text.contains(&row[email]), "email `{}` leaked", &row[email]);
        }
        if row[comment].len() > 12 {
            assert!(!text.contains(&collapse(&row[comment])), "comment `{}` leaked", &row[comment]);
        }
    }
    assert!(!text.contains("@example.com"));
}

#[test]
fn fiscal_year_counts_april_to_march_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(
        &inputs.join("distribution.csv"),
        &[&["Date", "Quantity"], &["2025-03-31", "1"], &["2025-04-01", "10"], &["2026-03-31", "100"], &["2026-04-01", "1000"]],
    );
    let result = run(&["report", "--fiscal", "2025", "--inputs", inputs.to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    let v = crate::support::json_figures(stdout(&result));
    assert_eq!(v["year"]["label"], "2025–26");
    assert_eq!(v["kpis"]["plans_year"], 110);
    assert_eq!(v["kpis"]["plans_total"], 111);

    let out = dir.path().join("out");
    let text = build_report(&inputs, &out, &["--fiscal", "2025"]);
    assert!(out.join("annual-report-2025-26.pdf").exists());
    assert!(text.contains("Annual Report 2025–26"), "{text}");
    assert!(text.contains("No survey responses were recorded in 2025–26."), "{text}");
    assert!(!text.contains("NaN"));
}

#[test]
fn hostile_text_prints_literally_in_tables() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let hostile = ["#read(\"/etc/passwd\")", "$x$", "*b*", "<b>", "{{ 7*7 }}"];
    let mut events: Vec<Vec<String>> = vec![vec!["Date".into(), "Event".into(), "Municipality".into(), "Plans Distributed".into()]];
    let mut dist: Vec<Vec<String>> = vec![vec!["Date".into(), "Quantity".into(), "Plan".into(), "Municipality".into()]];
    for (i, h) in hostile.iter().enumerate() {
        events.push(vec![format!("2025-07-{:02}", i + 1), format!("Event {h}"), format!("Town {h}"), "3".into()]);
        dist.push(vec![format!("2025-07-{:02}", i + 1), "3".into(), format!("Plan {h}"), format!("Town {h}")]);
    }
    for (name, rows) in [("events.csv", &events), ("distribution.csv", &dist)] {
        let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        write_csv(&inputs.join(name), &slices);
    }
    let out = dir.path().join("out");
    let text = build_report(&inputs, &out, &["--year", "2025"]);
    for h in hostile {
        for prefix in ["Event", "Town", "Plan"] {
            assert!(text.contains(&format!("{prefix} {h}")), "`{prefix} {h}` printed literally:\n{text}");
        }
    }
    assert!(!text.contains("Event 49"));
}

/// An inputs folder with `n` events in 2025.
fn many_events(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let inputs = dir.join("inputs");
    let mut rows: Vec<Vec<String>> = vec![vec!["Date".into(), "Event".into(), "Municipality".into(), "Plans Distributed".into()]];
    for i in 0..n {
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new((i % 365) as u64);
        rows.push(vec![day.to_string(), format!("Pop-up table {i}"), "Windsor".into(), "2".into()]);
    }
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("events.csv"), &slices);
    inputs
}

#[test]
fn hundreds_of_events_print_in_a_table_that_breaks_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = many_events(dir.path(), 300);
    let text = build_report(&inputs, &dir.path().join("out"), &["--year", "2025"]);
    assert!(text.contains("300 community events attended"), "{text}");
    assert!(text.contains("Pop-up table 0 ") && text.contains("Pop-up table 299 "), "every event is listed");
    // The header row repeats on each page the table spans.
    let headers = text.matches("Date Event Municipality Plans").count();
    assert!(headers >= 3, "table header repeated on each page ({headers} times)");
}

/// Adds `n` focus-group sessions in 2025 to `inputs`, spread over the months, each with
/// enough participants to print.
fn many_focus_groups(inputs: &std::path::Path, n: usize) {
    let mut rows: Vec<Vec<String>> = vec![vec!["Session Date".into(), "Focus Group".into(), "Municipality".into(), "Participants".into()]];
    for i in 0..n {
        let day = NaiveDate::from_ymd_opt(2025, (i % 12) as u32 + 1, (i % 27) as u32 + 1).unwrap();
        rows.push(vec![day.to_string(), format!("Listening circle {i}"), "Kingsville".into(), "9".into()]);
    }
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("focus-groups.csv"), &slices);
}

#[test]
fn focus_groups_above_the_threshold_are_summarised_by_month() {
    let n = wecoss_report::figures::report::MAX_FOCUS_GROUP_ROWS + 31;
    let dir = tempfile::tempdir().unwrap();
    let inputs = many_events(dir.path(), 12);
    many_focus_groups(&inputs, n);
    let text = build_report(&inputs, &dir.path().join("out"), &["--year", "2025"]);
    assert!(text.contains(&format!("The year had {n} focus groups, too many to list; here they are by month.")), "{text}");
    assert!(!text.contains("Listening circle"), "the row-per-session table is not printed: {text}");
    // The months' bars add up to every session, and each month is named.
    let json = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--format", "json"]);
    assert_ok(&json);
    let v = crate::support::json_figures(stdout(&json));
    let c = &v["consultation"];
    assert_eq!(c["focus_group_count"], n);
    assert!(c["focus_groups"].as_array().unwrap().is_empty());
    let bars = c["focus_groups_by_month"]["bars"].as_array().unwrap();
    assert_eq!(bars.len(), 12);
    let total: u64 = bars.iter().map(|b| b["value"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, n);
    for b in bars {
        assert!(collapse(&text).contains(b["label"].as_str().unwrap()), "month `{}` is in the chart", b["label"]);
    }

    // At the threshold, every session is listed.
    let dir = tempfile::tempdir().unwrap();
    let inputs = many_events(dir.path(), 12);
    many_focus_groups(&inputs, n - 31);
    let text = build_report(&inputs, &dir.path().join("out"), &["--year", "2025"]);
    assert!(!text.contains("too many to list"), "{text}");
    // Their labels are in no known list (issue 27): they print as their kind.
    assert!(!text.contains("Listening circle"), "an unlisted label is printed: {text}");
    assert!(text.contains("community session"), "{text}");
    let json = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--format", "json"]);
    assert_ok(&json);
    let v = crate::support::json_figures(stdout(&json));
    assert_eq!(v["consultation"]["focus_groups"].as_array().unwrap().len(), n - 31, "every session is listed");
}

#[test]
fn thousands_of_events_are_summarised_by_month() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = many_events(dir.path(), 2000);
    let text = build_report(&inputs, &dir.path().join("out"), &["--year", "2025"]);
    assert!(text.contains("2,000 community events attended"), "{text}");
    assert!(text.contains("The year had 2,000 events, too many to list"), "{text}");
    assert!(!text.contains("Pop-up table 1999"), "the table is not printed");
}

//! The annual report's designed parts (issue 15): pull quotes from the
//! content file, placed where it says and checked like its other keys, and
//! last year beside this year in every chart of the safety-planning section
//! (plans by month, by municipality and by plan; events by month).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::*;

/// An invented workplan: Treatment and Recovery has no activity.
const ACTIVITIES: &[&[&str]] = &[
    &["Project", "Pillar", "Activity", "Status"],
    &["Youth Voices", "Prevention and Education", "Host a youth panel at the library", "Completed"],
    &["Drop-in Hours", "Harm Reduction", "Open a second evening drop-in", "In progress"],
    &["Street Safety", "Enforcement and Justice", "Walk the east end with residents", "Completed"],
    &["Plan Refresh", "Strategy-wide", "Ask partners what to change", "Planned"],
];

/// Events: (date, municipality), over two years.
const EVENTS: &[(&str, &str)] = &[
    ("2024-03-02", "Kingsville"),
    ("2024-03-23", "Kingsville"),
    ("2024-06-15", "Tecumseh"),
    ("2024-11-09", "Amherstburg"),
    ("2025-01-18", "Tecumseh"),
    ("2025-03-15", "Kingsville"),
    ("2025-06-07", "Tecumseh"),
    ("2025-06-28", "Tecumseh"),
    ("2025-06-30", "Kingsville"),
    ("2025-09-13", "Tecumseh"),
];

/// Distribution: (date, quantity, municipality, plan), over two years.
/// Amherstburg and the "Harbour Walk Plan" appear only in 2024.
const DISTRIBUTION: &[(&str, u64, &str, &str)] = &[
    ("2024-03-02", 44, "Kingsville", "Orchard Lane Plan"),
    ("2024-06-15", 61, "Tecumseh", "Orchard Lane Plan"),
    ("2024-11-09", 23, "Amherstburg", "Harbour Walk Plan"),
    ("2025-01-18", 17, "Tecumseh", "Orchard Lane Plan"),
    ("2025-03-15", 90, "Kingsville", "Maple Court Plan"),
    ("2025-06-07", 38, "Tecumseh", "Maple Court Plan"),
    ("2025-09-13", 12, "Tecumseh", "Orchard Lane Plan"),
];

/// Writes the inputs, with or without the 2024 rows; returns the folder.
fn inputs(dir: &Path, with_2024: bool) -> PathBuf {
    let inputs = dir.join("inputs");
    let keep = |date: &str| with_2024 || !date.starts_with("2024");
    write_csv(&inputs.join("activities.csv"), ACTIVITIES);
    let mut events = vec![vec!["Date".to_string(), "Event".into(), "Municipality".into()]];
    for (i, (date, town)) in EVENTS.iter().enumerate().filter(|(_, e)| keep(e.0)) {
        events.push(vec![date.to_string(), format!("Porch chat {i}"), town.to_string()]);
    }
    write_owned(&inputs.join("events.csv"), &events);
    let mut dist = vec![vec!["Date".to_string(), "Quantity".into(), "Municipality".into(), "Plan".into()]];
    for (date, qty, town, plan) in DISTRIBUTION.iter().filter(|d| keep(d.0)) {
        dist.push(vec![date.to_string(), qty.to_string(), town.to_string(), plan.to_string()]);
    }
    write_owned(&inputs.join("distribution.csv"), &dist);
    inputs
}

fn write_owned(path: &Path, rows: &[Vec<String>]) {
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(path, &slices);
}

fn report_json(inputs: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_ok(&result);
    crate::support::json_figures(stdout(&result))
}

fn report_text(inputs: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_ok(&result);
    pdf_text(Path::new(stdout(&result).lines().next().expect("a path is printed")))
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The bars of a chart as (label, value, length).
fn bars(chart: &serde_json::Value) -> Vec<(String, u64, f64)> {
    chart["bars"]
        .as_array()
        .unwrap_or_else(|| panic!("a chart: {chart}"))
        .iter()
        .map(|b| (b["label"].as_str().unwrap().to_string(), b["value"].as_u64().unwrap(), b["length"].as_f64().unwrap()))
        .collect()
}

/// Asserts that every bar of both charts is drawn on one scale: its
/// length is its value over the largest value of either.
fn assert_one_scale(a: &[(String, u64, f64)], b: &[(String, u64, f64)]) {
    let max = a.iter().chain(b).map(|x| x.1).max().unwrap().max(1) as f64;
    for (label, value, length) in a.iter().chain(b) {
        assert!((length - *value as f64 / max).abs() < 1e-9, "{label}: {value} drawn at {length}, not on the common scale of {max}");
    }
}

#[test]
fn events_by_month_show_last_year_beside_this_year() {
    let dir = tempfile::tempdir().unwrap();
    let v = report_json(&inputs(dir.path(), true), &[]);
    let now = bars(&v["safety"]["events_by_month"]);
    let then = bars(&v["safety"]["previous_events_by_month"]);
    let count = |year: &str, m: usize| EVENTS.iter().filter(|e| e.0.starts_with(&format!("{year}-{m:02}-"))).count() as u64;
    for (chart, year) in [(&now, "2025"), (&then, "2024")] {
        assert_eq!(chart.len(), 12, "every month of {year}");
        for (m, (label, value, _)) in chart.iter().enumerate() {
            assert_eq!(label, MONTHS[m]);
            assert_eq!(*value, count(year, m + 1), "{year} {label}");
        }
    }
    assert_one_scale(&now, &then);
    // The few events are still listed, below the charts.
    let text = report_text(&inputs(dir.path(), true), &dir.path().join("out"), &[]);
    assert_in_order(&text, &["Events attended", "Events attended by month, 2025", "Events attended by month, 2024", "Porch chat 4"]);

    // With no 2024 in the inputs nothing is said about it.
    let dir = tempfile::tempdir().unwrap();
    let v = report_json(&inputs(dir.path(), false), &[]);
    assert!(v["safety"]["events_by_month"].is_null(), "{}", v["safety"]["events_by_month"]);
    assert!(v["safety"]["previous_events_by_month"].is_null());
    let text = report_text(&inputs(dir.path(), false), &dir.path().join("out"), &[]);
    assert!(!text.contains("2024"), "{text}");
    assert!(!text.contains("Events attended by month"), "{text}");
}

#[test]
fn plans_by_municipality_and_by_plan_pair_last_year_in_the_same_order() {
    let dir = tempfile::tempdir().unwrap();
    let v = report_json(&inputs(dir.path(), true), &[]);
    for (key, pick) in [("municipality", 2usize), ("plan", 3)] {
        let now = bars(&v["safety"][format!("by_{key}")]);
        let then = bars(&v["safety"][format!("previous_by_{key}")]);
        let sum = |year: &str, label: &str| -> u64 {
            DISTRIBUTION.iter().filter(|d| d.0.starts_with(year) && [d.2, d.3][pick - 2] == label).map(|d| d.1).sum()
        };
        // Every category of either year, in both charts, in one order:
        // this year's largest first, then those only last year had.
        let mut expected: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for d in DISTRIBUTION {
            let label = [d.2, d.3][pick - 2];
            expected.insert(label, (sum("2025", label), sum("2024", label)));
        }
        let labels: Vec<&str> = now.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(labels, then.iter().map(|b| b.0.as_str()).collect::<Vec<_>>(), "{key}: one order in both years");
        assert_eq!(labels.len(), expected.len(), "{key}: {labels:?}");
        for w in now.windows(2) {
            assert!(w[0].1 >= w[1].1, "{key}: this year's ranking: {now:?}");
        }
        for ((label, value, _), (_, last, _)) in now.iter().zip(&then) {
            assert_eq!((*value, *last), expected[label.as_str()], "{key} {label}");
        }
        assert_one_scale(&now, &then);
    }
    // A category only last year had is shown at 0 this year.
    let muni = bars(&v["safety"]["by_municipality"]);
    assert_eq!(muni.last().map(|b| (b.0.as_str(), b.1)), Some(("Amherstburg", 0)));
    // In the PDF each category has this year's value, then last year's.
    let text = report_text(&inputs(dir.path(), true), &dir.path().join("out"), &[]);
    let mut order = vec!["Plans distributed by municipality, 2025".to_string(), "2025 2024".into()];
    for (label, value, _) in &muni {
        let last = DISTRIBUTION.iter().filter(|d| d.0.starts_with("2024") && d.2 == label).map(|d| d.1).sum::<u64>();
        order.push(format!("{label} {value} "));
        order.push(format!(" {last} "));
    }
    order.push("Plans distributed by plan, 2025".into());
    order.push("Harbour Walk Plan 0 (0%) 23 ".into());
    assert_in_order(&text, &order.iter().map(String::as_str).collect::<Vec<_>>());

    let dir = tempfile::tempdir().unwrap();
    let v = report_json(&inputs(dir.path(), false), &[]);
    assert!(v["safety"]["previous_by_municipality"].is_null() && v["safety"]["previous_by_plan"].is_null());
    assert!(!bars(&v["safety"]["by_municipality"]).iter().any(|b| b.0 == "Amherstburg"));
}

#[test]
fn a_pair_with_many_categories_folds_the_same_ones_in_both_years() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(&inputs.join("activities.csv"), ACTIVITIES);
    let mut dist = vec![vec!["Date".to_string(), "Quantity".into(), "Municipality".into()]];
    // 26 places: place i has i + 1 plans in 2025 and 30 - i in 2024.
    for i in 0..26u64 {
        dist.push(vec!["2025-05-01".into(), (i + 1).to_string(), format!("Place {i:02}")]);
        dist.push(vec!["2024-05-01".into(), (30 - i).to_string(), format!("Place {i:02}")]);
    }
    write_owned(&inputs.join("distribution.csv"), &dist);
    let v = report_json(&inputs, &[]);
    let now = bars(&v["safety"]["by_municipality"]);
    let then = bars(&v["safety"]["previous_by_municipality"]);
    assert_eq!(now.len(), 12);
    let labels: Vec<&str> = now.iter().map(|b| b.0.as_str()).collect();
    assert_eq!(labels, then.iter().map(|b| b.0.as_str()).collect::<Vec<_>>());
    assert_eq!(labels[0], "Place 25", "this year's largest first");
    assert_eq!(labels[11], "15 others");
    // The folded places are this year's smallest fifteen: 0 to 14.
    assert_eq!(now[11].1, (1..=15).sum::<u64>());
    assert_eq!(then[11].1, (0..15).map(|i| 30 - i).sum::<u64>());
    for chart in ["by_municipality", "previous_by_municipality"] {
        let note = v["safety"][chart]["note"].as_str().unwrap();
        assert!(note.contains("The 11 largest of 26 are shown"), "{note}");
        // The table gives every place, the others too.
        assert_eq!(v["safety"][chart]["table"]["rows"].as_array().unwrap().len(), 26);
    }
    // One scale, the places': the "others" bar never sets it, and is cut
    // at it.
    assert_one_scale(&now[..11], &then[..11]);
    for (chart, others) in [(&v["safety"]["by_municipality"], &now[11]), (&v["safety"]["previous_by_municipality"], &then[11])] {
        let bar = &chart["bars"][11];
        assert_eq!((bar["others"].as_bool(), bar["clipped"].as_bool(), others.2), (Some(true), Some(true), 1.0), "{bar}");
    }
}

// ------------------------------------------------------------------ quotes

/// The built-in content file without its `[[quotes]]` blocks.
fn content_without_quotes() -> String {
    let text = std::fs::read_to_string(root().join("report-templates/annual-report/content.toml")).unwrap();
    let mut out = Vec::new();
    let mut in_quote = false;
    for line in text.lines() {
        if line.trim() == "[[quotes]]" {
            in_quote = true;
            continue;
        }
        if in_quote && (line.trim().is_empty() || line.starts_with('[')) {
            in_quote = false;
        }
        if !in_quote {
            out.push(line);
        }
    }
    out.join("\n") + "\n"
}

/// Writes `content` as the report's content file in `dir/templates`;
/// returns the templates folder.
fn templates_with(dir: &Path, content: &str) -> PathBuf {
    let folder = dir.join("templates/annual-report");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("content.toml"), content).unwrap();
    dir.join("templates")
}

#[test]
fn pull_quotes_print_where_the_content_file_says() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path(), true);
    let content = content_without_quotes()
        + r#"
[[quotes]]
text = "We came for the barbecue and left with a plan for our street."
attribution = "Resident, an east-end block"
section = "treatment and recovery"

[[quotes]]
text = "Nine partners at one table got more done than nine meetings."
attribution = "Member agency"
section = "Year at a glance"

[[quotes]]
text = "The youth panel asked the questions adults avoid."
attribution = "Librarian, a county branch"
"#;
    let templates = templates_with(dir.path(), &content);
    let args = ["--templates", templates.to_str().unwrap()];
    let v = report_json(&inputs, &args);
    let quotes = |pillar: usize| -> Vec<String> {
        v["pillars"][pillar]["quotes"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(v["pillars"][2]["name"], "Treatment and Recovery");
    assert_eq!(quotes(2), ["We came for the barbecue and left with a plan for our street."]);
    // The quote with no section goes to the first pillar section without one.
    assert_eq!(quotes(0), ["The youth panel asked the questions adults avoid."]);
    assert!(quotes(1).is_empty() && quotes(3).is_empty());
    assert_eq!(v["quotes"]["year_at_a_glance"][0]["attribution"], "Member agency");

    let text = report_text(&inputs, &dir.path().join("out"), &args);
    assert_in_order(
        &text,
        &[
            "Year at a glance",
            "Nine partners at one table got more done than nine meetings.",
            "— Member agency",
            "Prevention and Education",
            "Host a youth panel at the library",
            "The youth panel asked the questions adults avoid.",
            "— Librarian, a county branch",
            "Harm Reduction",
            "Treatment and Recovery",
            "No activities were recorded for this pillar in 2025.",
            "We came for the barbecue and left with a plan for our street.",
            "— Resident, an east-end block",
            "Enforcement and Justice",
        ],
    );

    // A content file with no quotes prints none, and the built-in ones are
    // not filled in.
    let templates = templates_with(dir.path(), &content_without_quotes());
    let text = report_text(&inputs, &dir.path().join("out"), &["--templates", templates.to_str().unwrap()]);
    assert!(!text.contains('\u{201C}') && !text.contains("— "), "{text}");
}

#[test]
fn quote_mistakes_are_located_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path(), false);
    let content = content_without_quotes()
        + r#"
[[quotes]]
text = "Good words."
atribution = "Partner"

[[quotes]]
text = 42

[[quotes]]
attribution = "A quote with no words"

[[quotes]]
text = "Misplaced words."
section = "Harm Reductoin"

[[quotes]]
text = "Nowhere words."
section = "The back page"
"#;
    let templates = templates_with(dir.path(), &content);
    let out = dir.path().join("out");
    let result = run(&[
        "report",
        "--year",
        "2025",
        "--inputs",
        inputs.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    let file = templates.join("annual-report/content.toml");
    let shown = file.to_string_lossy();
    let line = |needle: &str| content.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_in_order(
        &err,
        &[
            &format!("{shown}:{}: unknown key `atribution` in `[[quotes]]` (did you mean `attribution`?)", line("atribution = ")),
            &format!("{}: `text` in `[[quotes]]` must be text in quotes", line("text = 42")),
            // At the block's `[[quotes]]` line.
            &format!(
                "{}: quote 3 in `[[quotes]]` has no `text`: write its words as `text = \"…\"`",
                line("attribution = \"A quote with no words\"") - 1
            ),
            &format!(
                "{}: `section` in `[[quotes]]` names no section of the report, `Harm Reductoin` (did you mean `Harm Reduction`?)",
                line("Harm Reductoin")
            ),
            &format!("{}: `section` in `[[quotes]]` names no section of the report, `The back page` (it may be ", line("The back page")),
        ],
    );
    assert!(!out.exists(), "nothing is written");
}

// ------------------------------------------------------------ accessibility

#[test]
fn a_chart_taller_than_a_page_continues_under_a_real_title() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(&inputs.join("activities.csv"), ACTIVITIES);
    // Twelve themes (the most a chart draws) with long names (about nine
    // lines each beside a bar): the themes chart is taller than a page.
    let themes: Vec<String> = (0..12)
        .map(|i| {
            format!(
                "Theme {i:02} about longer opening hours for the drop-in centre and a quieter waiting room for families with young children {}",
                "with a room for the children to play and staff who speak the languages of the neighbourhood ".repeat(3).trim_end()
            )
        })
        .collect();
    let mut rows = vec![vec!["Date".to_string(), "Group".into(), "Themes".into()]];
    for s in 0..4 {
        rows.push(vec![format!("2025-0{}-10", s + 2), format!("Circle {s}"), themes.join("; ")]);
    }
    write_owned(&inputs.join("focus groups.csv"), &rows);
    let out = dir.path().join("out");
    let text = report_text(&inputs, &out, &[]);
    let title = "Focus-group themes by number of sessions that raised them, 2025";
    assert_in_order(&text, &[title, "Theme 00", &format!("{title} (continued)")]);
    for t in &themes {
        let first = t.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        assert_eq!(text.matches(&first).count(), 1, "`{first}` once, neither lost nor repeated");
    }
    // The continued title is real text, read in the structure tree (not an
    // artifact, which screen readers skip).
    let Ok(tree) = std::process::Command::new("pdfinfo").arg("-struct-text").arg(out.join("annual-report-2025.pdf")).output() else {
        return;
    };
    let tree = String::from_utf8_lossy(&tree.stdout);
    assert!(tree.contains("(continued)"), "{tree}");
}

#[test]
fn the_back_cover_email_is_a_mailto_link() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path(), false);
    let content = content_without_quotes().replace("info@wecoss.ca", "hello.team@example-coalition.org");
    let templates = templates_with(dir.path(), &content);
    let out = dir.path().join("out");
    let text = report_text(&inputs, &out, &["--templates", templates.to_str().unwrap()]);
    assert!(text.contains("hello.team@example-coalition.org"), "{text}");
    let bytes = std::fs::read(out.join("annual-report-2025.pdf")).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"mailto:hello.team@example-coalition.org"), "a link annotation to the address");
}

// ------------------------------------------------------------------ layout

/// The text of each page of a PDF.
fn pages(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).split('\u{c}').map(collapse).collect()
}

#[test]
fn short_pillars_share_a_page_and_an_opener_stays_with_its_first_lines() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path(), false);
    let out = dir.path().join("out");
    let result = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let pages = pages(&out.join("annual-report-2025.pdf"));
    let page_of = |needle: &str| pages.iter().position(|p| p.contains(needle)).unwrap_or_else(|| panic!("`{needle}` in the report"));
    // Each pillar here has one activity (Treatment and Recovery none), and
    // the built-in content gives Harm Reduction a quote: the first three
    // openers share one page rather than making three short ones.
    let first = page_of("PILLAR 1 OF 4");
    for n in 2..=3 {
        assert_eq!(page_of(&format!("PILLAR {n} OF 4")), first, "pillar {n} shares the page:\n{}", pages[first]);
    }
    // Each opener is on the page of its first lines.
    for (opener, first_line) in [
        ("PILLAR 1 OF 4", "Host a youth panel at the library"),
        ("PILLAR 2 OF 4", "Open a second evening drop-in"),
        ("PILLAR 3 OF 4", "No activities were recorded for this pillar in 2025."),
        ("PILLAR 4 OF 4", "Walk the east end with residents"),
        ("ACROSS THE PILLARS", "Ask partners what to change"),
    ] {
        assert_eq!(page_of(opener), page_of(first_line), "`{opener}` and `{first_line}`");
    }
}

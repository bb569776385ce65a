//! What a published annual report and a presented deck carry (issue 15):
//! every pillar's section, last year's figures beside this year's, the
//! partners by sector, source files named relative to the inputs folder, the
//! DRAFT watermark, the deck's heading levels and its first-meeting wording.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// An invented year's workplan: three of the four pillars have activities
/// (Treatment and Recovery has none), plus strategy-wide work.
const ACTIVITIES: &[&[&str]] = &[
    &["Project", "Pillar", "Activity", "Status", "Start", "Due"],
    &["School Talks", "Prevention and Education", "Visit three high schools", "Completed", "2025-02-01", "2025-04-01"],
    &["School Talks", "Prevention and Education", "Parent evening", "Planned", "2025-10-01", "2025-11-01"],
    &["Kit Outreach", "Harm Reduction", "Stock kits at two pharmacies", "In progress", "2025-03-01", "2025-12-01"],
    &["Block Safety", "Enforcement and Justice", "Walkabout with residents", "Completed", "2025-05-01", "2025-05-30"],
    &["Plan Renewal", "Strategy-wide", "Draft the renewed plan", "In progress", "2025-06-01", "2026-03-01"],
];

/// Events: (date, residents reached, plans, reviews, more confident).
const EVENTS: &[(&str, u64, u64, u64, u64)] = &[
    ("2024-05-04", 40, 12, 10, 7),
    ("2024-09-14", 25, 8, 6, 5),
    ("2025-03-08", 60, 20, 12, 11),
    ("2025-06-21", 35, 9, 8, 8),
    ("2025-08-30", 50, 15, 10, 9),
];

/// Distribution: (date, quantity), over two years.
const DISTRIBUTION: &[(&str, u64)] =
    &[("2024-02-10", 130), ("2024-07-19", 77), ("2024-11-02", 43), ("2025-01-15", 96), ("2025-05-05", 210), ("2025-10-20", 18)];

/// Stakeholders: (organization, sector, took part).
const STAKEHOLDERS: &[(&str, &str, &str)] = &[
    ("Lakeview Youth Centre", "Community services", "Yes"),
    ("Harbourside Family Clinic", "Health", "Yes"),
    ("Riverbend Police Service", "Police", "Yes"),
    ("Northgate Pharmacy", "Health", "Yes"),
    ("Quiet Pines Library", "Library", "No"),
    ("Maple Row Tenants Group", "", "Yes"),
];

/// Writes a two-year inputs folder (with the distribution log in a
/// sub-folder) under `dir`; `with_2024` false drops the 2024 rows.
fn two_year_inputs(dir: &Path, with_2024: bool) -> PathBuf {
    let inputs = dir.join("inputs");
    let keep = |date: &str| with_2024 || !date.starts_with("2024");
    write_csv(&inputs.join("activities.csv"), ACTIVITIES);
    let mut events: Vec<Vec<String>> = vec![
        ["Date", "Event", "Residents Reached", "Plans Distributed", "Feedback Responses", "Felt More Confident"].map(String::from).to_vec(),
    ];
    for (i, (date, reached, plans, reviews, confident)) in EVENTS.iter().enumerate().filter(|(_, e)| keep(e.0)) {
        events.push(vec![
            date.to_string(),
            format!("Block party {i}"),
            reached.to_string(),
            plans.to_string(),
            reviews.to_string(),
            confident.to_string(),
        ]);
    }
    write_rows(&inputs.join("events.csv"), &events);
    let mut dist: Vec<Vec<String>> = vec![vec!["Date".into(), "Quantity".into()]];
    dist.extend(DISTRIBUTION.iter().filter(|d| keep(d.0)).map(|(d, q)| vec![d.to_string(), q.to_string()]));
    write_rows(&inputs.join("logs/distribution.csv"), &dist);
    let mut stake: Vec<Vec<String>> = vec![vec!["Organization".into(), "Sector".into(), "Participated".into()]];
    stake.extend(STAKEHOLDERS.iter().map(|(o, s, p)| vec![o.to_string(), s.to_string(), p.to_string()]));
    write_rows(&inputs.join("stakeholders.csv"), &stake);
    inputs
}

fn write_rows(path: &Path, rows: &[Vec<String>]) {
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(path, &slices);
}

/// Builds the 2025 report of `inputs`; returns its PDF path.
fn report_pdf(inputs: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_ok(&result);
    PathBuf::from(stdout(&result).lines().next().expect("a path is printed"))
}

/// The report's figures as JSON.
fn report_json(inputs: &Path) -> serde_json::Value {
    let result = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    crate::support::json_figures(stdout(&result))
}

#[test]
fn every_pillar_has_its_section_and_an_empty_one_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let text = pdf_text(&report_pdf(&inputs, &dir.path().join("out"), &[]));
    let body = &text[text.find("On behalf of").expect("the message")..];
    assert_in_order(
        body,
        &[
            "PILLAR 1 OF 4",
            "Prevention and Education",
            "School Talks",
            "PILLAR 2 OF 4",
            "Harm Reduction",
            "Kit Outreach",
            "PILLAR 3 OF 4",
            "Treatment and Recovery",
            "No activities were recorded for this pillar in 2025.",
            "PILLAR 4 OF 4",
            "Enforcement and Justice",
            "Block Safety",
            "ACROSS THE PILLARS",
            "Strategy-wide",
            "Plan Renewal",
        ],
    );
    // Strategy-wide work is not a pillar: 3 projects in 3 pillars (the
    // empty one has none), counted from the rows above.
    let pillars: std::collections::BTreeSet<&str> = ACTIVITIES[1..].iter().map(|r| r[1]).filter(|p| *p != "Strategy-wide").collect();
    let projects: std::collections::BTreeSet<&str> = ACTIVITIES[1..].iter().filter(|r| r[1] != "Strategy-wide").map(|r| r[0]).collect();
    assert!(text.contains(&format!("{} projects in {} pillars", projects.len(), pillars.len())), "{text}");
    let v = report_json(&inputs);
    assert_eq!(v["kpis"]["pillars"], pillars.len());
    assert_eq!(v["kpis"]["projects"], projects.len());
    assert_eq!(v["kpis"]["cross_cutting_projects"], 1);
    assert_eq!(v["pillars"].as_array().unwrap().len(), 4);
    assert_eq!(v["pillars"][2]["projects"].as_array().unwrap().len(), 0);
}

/// `+35%`, `−9%`: the change in whole percent of last year's figure.
fn change(now: u64, before: u64) -> String {
    let pct = ((now as f64 - before as f64) / before as f64 * 100.0).round() as i64;
    match pct.signum() {
        1 => format!("+{pct}%"),
        -1 => format!("−{}%", -pct),
        _ => "0%".into(),
    }
}

#[test]
fn headline_tiles_give_last_years_figure_and_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let of_year = |y: &str| DISTRIBUTION.iter().filter(|d| d.0.starts_with(y)).map(|d| d.1).sum::<u64>();
    let (plans_2024, plans_2025) = (of_year("2024"), of_year("2025"));
    let events_of = |y: &str| EVENTS.iter().filter(|e| e.0.starts_with(y)).collect::<Vec<_>>();
    let (ev24, ev25) = (events_of("2024"), events_of("2025"));
    let reached = |e: &[&(&str, u64, u64, u64, u64)]| e.iter().map(|e| e.1).sum::<u64>();
    let pct = |e: &[&(&str, u64, u64, u64, u64)]| {
        let (c, r) = (e.iter().map(|e| e.4).sum::<u64>(), e.iter().map(|e| e.3).sum::<u64>());
        (c * 200 + r) / (r * 2)
    };

    let v = report_json(&inputs);
    let changes = &v["previous"]["changes"];
    assert_eq!(v["previous"]["label"], "2024");
    assert_eq!(changes["plans_year"]["previous"], plans_2024);
    assert_eq!(changes["plans_year"]["change"], change(plans_2025, plans_2024));
    assert_eq!(changes["plans_total"]["previous"], plans_2024);
    assert_eq!(changes["events"]["previous"], ev24.len());
    assert_eq!(changes["residents_reached"]["previous"], reached(&ev24));
    assert_eq!(changes["confident_percent"]["previous"], pct(&ev24));
    assert!(changes.get("survey_responses").is_none(), "no survey rows in either year: no comparison");

    let text = pdf_text(&report_pdf(&inputs, &dir.path().join("out"), &[]));
    let direction = |now: u64, before: u64| if now > before { "up" } else { "down" };
    for tile in [
        format!(
            "{} safety plans distributed in 2025 {} from {} in 2024 ({})",
            commas(plans_2025),
            direction(plans_2025, plans_2024),
            commas(plans_2024),
            change(plans_2025, plans_2024)
        ),
        format!(
            "{} community events attended {} from {} in 2024 ({})",
            ev25.len(),
            direction(ev25.len() as u64, ev24.len() as u64),
            ev24.len(),
            change(ev25.len() as u64, ev24.len() as u64)
        ),
        format!(
            "{} residents reached at events {} from {} in 2024 ({})",
            reached(&ev25),
            direction(reached(&ev25), reached(&ev24)),
            reached(&ev24),
            change(reached(&ev25), reached(&ev24))
        ),
    ] {
        assert!(text.contains(&tile), "tile `{tile}` not in:\n{text}");
    }
    let points = pct(&ev25) as i64 - pct(&ev24) as i64;
    let shown = format!("from {}% in 2024 ({}{} points)", pct(&ev24), if points > 0 { "+" } else { "−" }, points.abs());
    assert!(text.contains(&shown), "`{shown}` not in:\n{text}");
}

#[test]
fn without_last_year_no_comparison_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), false);
    let v = report_json(&inputs);
    assert!(v["previous"].is_null(), "{}", v["previous"]);
    let text = pdf_text(&report_pdf(&inputs, &dir.path().join("out"), &[]));
    assert!(!text.contains("in 2024"), "{text}");
    assert!(!text.contains("up from") && !text.contains("down from"), "{text}");
}

#[test]
fn partners_page_lists_every_organization_that_took_part_by_sector() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let text = pdf_text(&report_pdf(&inputs, &dir.path().join("out"), &[]));
    let start = text.rfind("Our Partners").expect("a partners page");
    let page = &text[start..text[start..].find("About the data").map(|e| start + e).unwrap_or(text.len())];
    // Sectors alphabetical, organizations alphabetical within each, those
    // with no sector last.
    let mut sectors: Vec<&str> = STAKEHOLDERS.iter().filter(|s| s.2 == "Yes" && !s.1.is_empty()).map(|s| s.1).collect();
    sectors.sort();
    sectors.dedup();
    let mut expected: Vec<String> = Vec::new();
    for sector in &sectors {
        expected.push(sector.to_string());
        let mut orgs: Vec<&str> = STAKEHOLDERS.iter().filter(|s| s.2 == "Yes" && s.1 == *sector).map(|s| s.0).collect();
        orgs.sort();
        expected.extend(orgs.into_iter().map(String::from));
    }
    expected.push("Other partners".into());
    expected.extend(STAKEHOLDERS.iter().filter(|s| s.2 == "Yes" && s.1.is_empty()).map(|s| s.0.to_string()));
    let needles: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_in_order(page, &needles);
    for (org, _, took_part) in STAKEHOLDERS {
        if *took_part == "No" {
            assert!(!page.contains(org), "`{org}` did not take part but is listed:\n{page}");
        }
    }
    assert!(page.contains("With Thanks to Our Funders"), "{page}");
}

#[test]
fn report_carries_the_land_acknowledgement_co_chairs_and_back_cover() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let text = pdf_text(&report_pdf(&inputs, &dir.path().join("out"), &[]));
    assert_in_order(&text, &["Land Acknowledgement", "Three Fires Confederacy", "Caldwell First Nation", "Walpole Island First Nation"]);
    assert_in_order(&text, &["Message from the Co-Chairs", "Co-Chair", "Co-Chair", "About WECOSS"]);
    let last = &text[text.rfind("Privacy").unwrap()..];
    assert!(last.contains("wecoss.ca"), "the back cover gives the website:\n{last}");
}

#[test]
fn about_the_data_names_files_relative_to_the_inputs_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let absolute = inputs.canonicalize().unwrap();
    let text = pdf_text(&report_pdf(&absolute, &dir.path().join("out"), &[]));
    let about = &text[text.rfind("About the data").unwrap()..];
    for file in ["activities.csv", "events.csv", "logs/distribution.csv", "stakeholders.csv"] {
        assert!(about.contains(file), "`{file}` not named:\n{about}");
    }
    let root = dir.path().canonicalize().unwrap();
    assert!(!text.contains(root.to_str().unwrap()), "an absolute path is printed:\n{about}");
    let v = report_json(&absolute);
    let files: Vec<&str> = v["sources"].as_array().unwrap().iter().map(|s| s["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"logs/distribution.csv"), "{files:?}");
}

/// The text of page `n` (from 1) of `pdf`.
fn page_text(pdf: &Path, n: usize) -> String {
    let out =
        Command::new("pdftotext").args(["-f", &n.to_string(), "-l", &n.to_string(), "-raw"]).arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).expect("a page count").trim().parse().unwrap()
}

/// The PDF's objects, by qpdf's JSON (`None` when qpdf is not installed).
fn qpdf_objects(pdf: &Path) -> Option<serde_json::Value> {
    let out = Command::new("qpdf").arg("--json").arg(pdf).output().ok()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(v["qpdf"][1].clone())
}

/// The structure tree in reading order: each element's type, and for each
/// marked-content reference `MCID`.
fn structure(pdf: &Path) -> Option<Vec<String>> {
    let objs = qpdf_objects(pdf)?;
    let deref = |r: &serde_json::Value| -> serde_json::Value {
        match r.as_str() {
            Some(s) if s.ends_with(" R") => objs[format!("obj:{s}")]["value"].clone(),
            _ => r.clone(),
        }
    };
    let root = objs["trailer"]["value"]["/Root"].as_str()?.to_string();
    let catalog = &objs[format!("obj:{root}")]["value"];
    let tree = deref(&catalog["/StructTreeRoot"]);
    let mut out = Vec::new();
    fn walk(node: &serde_json::Value, deref: &dyn Fn(&serde_json::Value) -> serde_json::Value, out: &mut Vec<String>) {
        let node = deref(node);
        if let Some(list) = node.as_array() {
            for k in list {
                walk(k, deref, out);
            }
        } else if node.is_number() {
            out.push("MCID".into());
        } else if node.is_object() {
            if let Some(s) = node["/S"].as_str() {
                out.push(s.trim_start_matches('/').to_string());
            }
            if node.get("/K").is_some() {
                walk(&node["/K"], deref, out);
            }
        }
    }
    walk(&tree["/K"], &deref, &mut out);
    Some(out)
}

#[test]
fn draft_marks_every_page_of_both_documents_outside_the_tagged_content() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice", &["Walk the block"]);
    let build = |out: &str, extra: &[&str]| -> Vec<PathBuf> {
        let mut args = vec!["build", "--meeting", "2025-10-07", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out"];
        let out = dir.path().join(out);
        args.push(out.to_str().unwrap());
        args.extend_from_slice(extra);
        let result = run(&args);
        assert_ok(&result);
        stdout(&result).lines().map(PathBuf::from).collect()
    };
    let drafts = build("draft", &["--draft"]);
    let finals = build("final", &[]);
    assert_eq!(drafts.len(), 2, "{drafts:?}");
    for (draft, fin) in drafts.iter().zip(&finals) {
        let pages = page_count(draft);
        assert!(pages > 1);
        for n in 1..=pages {
            assert!(page_text(draft, n).contains("DRAFT"), "page {n} of {} has no DRAFT mark", draft.display());
            assert!(!page_text(fin, n).contains("DRAFT"), "page {n} of {} is marked DRAFT without --draft", fin.display());
        }
        // The mark is an artifact: the tagged structure is the same with
        // and without it.
        if let (Some(a), Some(b)) = (structure(draft), structure(fin)) {
            assert!(!a.is_empty());
            assert_eq!(a, b, "the DRAFT mark changed the tagged content of {}", draft.display());
        }
    }
}

#[test]
fn deck_headings_start_at_level_one_and_never_skip() {
    let out = tempfile::tempdir().unwrap();
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", samples().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_ok(&result);
    let Some(tree) = structure(&out.path().join("meeting-deck-2025-10-07.pdf")) else { return };
    let levels: Vec<u32> = tree.iter().filter_map(|s| s.strip_prefix('H').and_then(|n| n.parse().ok())).collect();
    assert!(levels.len() > 5, "{tree:?}");
    assert_eq!(levels[0], 1, "the first heading is level 1: {levels:?}");
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "heading level skips from {} to {}: {levels:?}", w[0], w[1]);
    }
}

#[test]
fn a_groups_first_meeting_is_said_in_words_with_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(&inputs.join("meetings.csv"), &[&["Meeting Date", "Working Group"], &["2025-09-30", "Harm Reduction"]]);
    write_csv(&inputs.join("events.csv"), &[&["Date", "Event", "Plans Distributed"], &["2025-07-12", "Park day", "14"]]);
    write_csv(&inputs.join("distribution.csv"), &[&["Date", "Quantity"], &["2025-05-03", "30"], &["2025-07-12", "14"]]);
    write_csv(
        &inputs.join("activities.csv"),
        &[&["Project", "Pillar", "Activity", "Status"], &["Kit Outreach", "Harm Reduction", "Stock kits at two pharmacies", "In progress"]],
    );
    let result =
        run(&["deck", "--meeting", "2025-09-30", "--inputs", inputs.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    assert_ok(&result);
    let text = pdf_text(&dir.path().join("out/meeting-deck-2025-09-30.pdf"));
    assert!(!text.contains("in addition to the 0"), "{text}");
    assert!(text.contains("44 safety plans distributed since records began in May 2025, up to this first meeting of the group."), "{text}");

    // A later meeting counts what came before, with its year.
    write_csv(
        &inputs.join("meetings.csv"),
        &[&["Meeting Date", "Working Group"], &["2025-06-01", "Harm Reduction"], &["2025-09-30", "Harm Reduction"]],
    );
    let result =
        run(&["deck", "--meeting", "2025-09-30", "--inputs", inputs.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    assert_ok(&result);
    let text = pdf_text(&dir.path().join("out/meeting-deck-2025-09-30.pdf"));
    assert!(text.contains("14 safety plans distributed, in addition to the 30 distributed prior to June 2, 2025."), "{text}");
}

#[test]
fn a_cover_image_in_the_templates_fills_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let out = dir.path().join("out");
    // Without an image: the year in large type over the pillars.
    let plain = report_pdf(&inputs, &out, &[]);
    assert!(page_text(&plain, 1).contains("Treatment and Recovery"), "{}", page_text(&plain, 1));
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::copy(root().join("samples/previews/deck-title.png"), templates.join("cover.png")).unwrap();
    let pdf = report_pdf(&inputs, &out, &["--templates", templates.to_str().unwrap()]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(6).any(|w| w == b"/Image"), "the cover image is embedded");
    assert!(!page_text(&pdf, 1).contains("Treatment and Recovery"), "the image replaces the pillar list");
    let result = run(&[
        "report",
        "--year",
        "2025",
        "--inputs",
        inputs.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v = crate::support::json_figures(stdout(&result));
    assert_eq!(v["cover_image"], "/cover.png");
}

#[test]
fn plans_by_month_show_last_year_beside_this_year_on_one_scale() {
    let dir = tempfile::tempdir().unwrap();
    let v = report_json(&two_year_inputs(dir.path(), true));
    let this = &v["safety"]["by_month"]["bars"];
    let last = &v["safety"]["previous_by_month"]["bars"];
    assert_eq!(last.as_array().unwrap().len(), 12);
    let month = |y: &str, m: usize| DISTRIBUTION.iter().filter(|d| d.0.starts_with(&format!("{y}-{m:02}"))).map(|d| d.1).sum::<u64>();
    let max = (1..=12).flat_map(|m| [month("2024", m), month("2025", m)]).max().unwrap() as f64;
    for m in 1..=12 {
        for (bars, y) in [(this, "2025"), (last, "2024")] {
            let bar = &bars[m - 1];
            assert_eq!(bar["value"], month(y, m), "{y}-{m:02}: {bar}");
            let length = bar["length"].as_f64().unwrap();
            assert!((length - month(y, m) as f64 / max).abs() < 1e-9, "{y}-{m:02} drawn at {length} of the common scale");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let v = report_json(&two_year_inputs(dir.path(), false));
    assert!(v["safety"]["previous_by_month"].is_null());
}

#[test]
fn a_content_file_from_before_cross_cutting_still_keeps_strategy_wide_apart() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = two_year_inputs(dir.path(), true);
    let built_in = std::fs::read_to_string(root().join("report-templates/annual-report/content.toml")).unwrap();
    let old: String = built_in
        .lines()
        .filter(|l| !l.starts_with("cross_cutting"))
        .map(|l| {
            if l.starts_with("pillars = ") {
                l.replace("\"Enforcement and Justice\"]", "\"Enforcement and Justice\", \"Strategy-wide\"]")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(old.contains("\"Strategy-wide\"]"));
    let templates = dir.path().join("templates/annual-report");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("content.toml"), old).unwrap();
    let result = run(&[
        "report",
        "--year",
        "2025",
        "--inputs",
        inputs.to_str().unwrap(),
        "--templates",
        dir.path().join("templates").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_ok(&result);
    let v = crate::support::json_figures(stdout(&result));
    assert_eq!(v["pillars"].as_array().unwrap().len(), 4, "{}", v["pillars"]);
    assert_eq!(v["cross_cutting"][0]["name"], "Strategy-wide");
    assert_eq!(v["kpis"]["pillars"], 3);
}

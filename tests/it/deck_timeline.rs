//! The deck's timeline slides and date words (issue 15): the timeline shows
//! the meeting group's own projects, every word on it is 18 pt or more,
//! labels wrap and are never cut short, the chart is on one slide when its
//! rows fit and is split only when they do not; every date range the deck
//! prints gives the year; a group's first meeting is said in words; the
//! headings start at level 1 and never skip. Read from the PDFs' word boxes
//! (`pdftotext -bbox`), text and tag trees, on the samples, the stress year
//! and fixtures made here.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::bbox::{self, Page, Word};
use crate::support::stress;
use crate::support::*;

const TITLE: &str = "Key Activities & Timelines";
/// The slides' bottom margin, where the footer sits.
const FOOTER: f64 = 46.0;

/// Builds the deck for `meeting` from `inputs` into `out`; returns its path.
fn deck(inputs: &Path, out: &Path, meeting: &str) -> PathBuf {
    let result = run(&["deck", "--meeting", meeting, "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    out.join(format!("meeting-deck-{meeting}.pdf"))
}

/// The deck's figures as JSON.
fn figures(inputs: &Path, meeting: &str) -> serde_json::Value {
    let result = run(&["deck", "--meeting", meeting, "--inputs", inputs.to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    crate::support::json_figures(stdout(&result))
}

/// Text with whitespace and zero-width spaces squeezed out and typographic
/// apostrophes made straight, so that a wrapped label still matches.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{200b}' && *c != '\u{ad}').map(|c| if c == '\u{2019}' { '\'' } else { c }).collect()
}

/// A timeline slide: its number, its chart's words (below the title and
/// above the footer), and the text of its label column (the words left of
/// the axis, line by line).
struct TimelineSlide<'a> {
    number: usize,
    words: Vec<&'a Word>,
    labels: Vec<&'a Word>,
}

impl TimelineSlide<'_> {
    fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }
    fn label_text(&self) -> String {
        self.labels.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// The timeline slides of a deck.
fn timeline_slides(pages: &[Page]) -> Vec<TimelineSlide<'_>> {
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        // The title: "Key" "Activities" "&" "Timelines" in a row at the left margin.
        let Some(i) = page.words.windows(4).position(|w| w.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ") == TITLE) else {
            continue;
        };
        let title_bottom = page.words[i..i + 4].iter().map(|w| w.y1).fold(0.0, f64::max);
        let words: Vec<&Word> = page.words.iter().filter(|w| w.y0 > title_bottom && w.y1 < page.height - FOOTER).collect();
        // The axis starts at its first year.
        let axis =
            words.iter().filter(|w| w.text.len() == 4 && w.text.chars().all(|c| c.is_ascii_digit())).map(|w| w.x0).fold(f64::MAX, f64::min);
        let mut labels: Vec<&Word> = words.iter().copied().filter(|w| w.x1 < axis).collect();
        labels.sort_by(|a, b| (a.y0.round() as i64).cmp(&(b.y0.round() as i64)).then(a.x0.total_cmp(&b.x0)));
        out.push(TimelineSlide { number: n + 1, words, labels });
    }
    out
}

/// The text size of a word, from its box's height, calibrated on the deck's
/// titles (30 pt): the same font's ascent and descent scale with the size.
fn size_of(word: &Word, pages: &[Page]) -> f64 {
    let title = pages
        .iter()
        .flat_map(|p| p.words.windows(4))
        .find(|w| w.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ") == TITLE)
        .expect("a timeline title");
    word.height() * 30.0 / title[0].height()
}

/// Asserts every word on the deck's timeline slides is at least 18 pt and
/// that none prints over another; returns each slide's number, chart text
/// and label column's text.
fn assert_readable_timeline(pdf: &Path) -> Vec<(usize, String, String)> {
    let pages = bbox::pages(pdf);
    let slides = timeline_slides(&pages);
    assert!(!slides.is_empty(), "{}: no timeline slide", pdf.display());
    for slide in &slides {
        let n = slide.number;
        assert!(slide.words.len() > 3, "slide {n}: an empty timeline");
        for w in &slide.words {
            let size = size_of(w, &pages);
            assert!(size >= 17.8, "slide {n}: `{}` is set at {size:.1} pt, under 18 pt", w.text);
        }
        let over = bbox::overprints(&slide.words);
        assert!(
            over.is_empty(),
            "slide {n}: words print over each other: {:?}",
            over.iter().map(|(a, b)| (&a.text, &b.text)).collect::<Vec<_>>()
        );
    }
    slides.iter().map(|s| (s.number, s.text(), s.label_text())).collect()
}

/// The headings of a tagged PDF with their levels, from its tag tree.
fn heading_levels(pdf: &Path) -> Vec<(u8, String)> {
    let out = Command::new("pdfinfo").arg("-struct-text").arg(pdf).output().expect("pdfinfo is installed");
    assert!(out.status.success(), "pdfinfo -struct-text failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix('H')?;
            let (level, title) = rest.split_once(" \"")?;
            Some((level.parse().ok()?, title.trim_end_matches(" (block)").trim_end_matches('"').to_string()))
        })
        .collect()
}

/// Asserts the first heading is level 1 and no heading skips a level.
fn assert_headings_in_order(pdf: &Path) {
    let heads = heading_levels(pdf);
    assert!(heads.len() > 3, "{}: headings {heads:?}", pdf.display());
    assert_eq!(heads[0].0, 1, "{}: the first heading is level 1: {heads:?}", pdf.display());
    for w in heads.windows(2) {
        assert!(w[1].0 <= w[0].0 + 1, "{}: `{}` (H{}) follows `{}` (H{})", pdf.display(), w[1].1, w[1].0, w[0].1, w[0].0);
    }
}

/// Asserts every date range in `text` gives its year: "from June 19 to
/// September 22, 2025", "from December 3, 2024 to January 15, 2025".
fn assert_ranges_give_the_year(text: &str) -> usize {
    let month = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
    let any = regex::Regex::new(&format!(r"from {month} \d")).unwrap();
    let good = regex::Regex::new(&format!(r"^from {month} \d{{1,2}}(?:, \d{{4}})? to {month} \d{{1,2}}, \d{{4}}")).unwrap();
    let mut n = 0;
    for m in any.find_iter(text) {
        let rest = &text[m.start()..];
        assert!(good.is_match(rest), "a date range without its year: `{}`", &rest[..rest.len().min(60)]);
        n += 1;
    }
    n
}

/// A group's workplan in a fixture: three projects of its pillar, and two
/// of other pillars whose activities must stay off its timeline.
fn group_inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group"],
            &["2025-05-13", "Harm Reduction Working Group"],
            &["2025-09-16", "Harm Reduction Working Group"],
        ],
    );
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Feedback Responses", "Felt More Confident"],
            &["2025-06-02", "Riverside pop-up", "12", "9"],
            &["2025-08-28", "Harbour fair", "20", "17"],
        ],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[&["Date", "Quantity"], &["2025-03-04", "60"], &["2025-06-02", "25"], &["2025-08-28", "40"]],
    );
    write_csv(
        &inputs.join("workplan.csv"),
        &[
            &["Project", "Pillar", "Activity", "Status", "Start", "Due"],
            &["Kit Lockers", "Harm Reduction", "Choose four locker sites with the library board", "Completed", "2025-02-03", "2025-04-11"],
            &["Kit Lockers", "Harm Reduction", "Install the lockers and stock them weekly", "In progress", "2025-05-05", "2025-11-28"],
            &["Kit Lockers", "Harm Reduction", "Count kits taken per site each month", "Planned", "2025-10-01", "2026-01-30"],
            &["Drop-in Nights", "Harm Reduction", "Book a hall for the winter drop-in nights", "Completed", "2025-06-09", "2025-07-18"],
            &[
                "Drop-in Nights",
                "Harm Reduction",
                "Recruit volunteer hosts from partner agencies",
                "In progress",
                "2025-08-04",
                "2025-10-31",
            ],
            &["Peer Callers", "Harm Reduction", "Draft the peer caller script", "Planned", "2025-11-03", "2025-12-19"],
            &["Tool Library", "Prevention and Education", "Lend radon testing kits to schools", "In progress", "2025-04-07", "2025-10-10"],
            &["Tool Library", "Prevention and Education", "Catalogue the lending shelf", "Planned", "2025-10-13", "2025-12-05"],
            &["Bail Supports", "Enforcement and Justice", "Map bail supervision contacts", "Completed", "2025-03-03", "2025-05-30"],
        ],
    );
    inputs
}

const GROUP_ACTIVITIES: [&str; 6] = [
    "Choose four locker sites with the library board",
    "Install the lockers and stock them weekly",
    "Count kits taken per site each month",
    "Book a hall for the winter drop-in nights",
    "Recruit volunteer hosts from partner agencies",
    "Draft the peer caller script",
];
const OTHER_ACTIVITIES: [&str; 3] = ["Lend radon testing kits to schools", "Catalogue the lending shelf", "Map bail supervision contacts"];

#[test]
fn a_groups_timeline_shows_its_own_projects_on_one_slide_at_18_pt() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = group_inputs(dir.path());
    let result =
        run(&["deck", "--meeting", "2025-09-16", "--inputs", inputs.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    assert_ok(&result);
    // The group is not named in content.toml: the warning names the projects its pillar gives.
    let err = stderr(&result);
    assert!(
        err.contains("its deck features the projects whose `pillar` matches the group: `Drop-in Nights`, `Kit Lockers`, `Peer Callers`"),
        "{err}"
    );
    let pdf = dir.path().join("out/meeting-deck-2025-09-16.pdf");

    let slides = assert_readable_timeline(&pdf);
    assert_eq!(slides.len(), 1, "six short activities fit one slide: {slides:?}");
    let labels = squeeze(&slides[0].2);
    for a in GROUP_ACTIVITIES {
        assert!(labels.contains(&squeeze(a)), "`{a}` is missing from the timeline: {}", slides[0].2);
    }
    for p in ["Kit Lockers", "Drop-in Nights", "Peer Callers"] {
        assert!(labels.contains(&squeeze(p)), "the project `{p}` heads its rows: {}", slides[0].2);
    }
    let text = pdf_text(&pdf);
    for a in OTHER_ACTIVITIES.iter().chain(&["Tool Library", "Bail Supports"]) {
        assert!(!text.contains(a), "another pillar's `{a}` is in the deck");
    }
    assert!(!text.contains('…'), "nothing is cut short with `…`");

    // The figures agree: only the group's projects' rows, each once.
    let v = figures(&inputs, "2025-09-16");
    let rows: Vec<&str> = v["timeline"]["rows"].as_array().unwrap().iter().map(|r| r["activity"].as_str().unwrap()).collect();
    let mut want = GROUP_ACTIVITIES.to_vec();
    let mut got = rows.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert_headings_in_order(&pdf);
}

#[test]
fn content_toml_can_name_the_timelines_projects() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = group_inputs(dir.path());
    let templates = dir.path().join("templates/meeting-deck");
    std::fs::create_dir_all(&templates).unwrap();
    let content = std::fs::read_to_string(root().join("report-templates/meeting-deck/content.toml")).unwrap();
    assert!(content.contains("timeline_projects = []"));
    std::fs::write(templates.join("content.toml"), content.replace("timeline_projects = []", "timeline_projects = [\"Tool Library\"]"))
        .unwrap();
    // The deck's figures with the templates as they are now.
    let figures = || -> serde_json::Value {
        let templates = dir.path().join("templates");
        let (inputs, templates) = (inputs.to_str().unwrap(), templates.to_str().unwrap());
        let result = run(&["deck", "--meeting", "2025-09-16", "--inputs", inputs, "--templates", templates, "--format", "json"]);
        assert_ok(&result);
        crate::support::json_figures(stdout(&result))
    };
    let v = figures();
    let projects: Vec<&str> = v["timeline"]["rows"].as_array().unwrap().iter().map(|r| r["project"].as_str().unwrap()).collect();
    assert_eq!(projects, ["Tool Library", "Tool Library"]);

    // Without `timeline_projects`, a group named in content.toml has on its
    // timeline the projects its deck features and those of its pillar.
    let group = "\n[[groups]]\nname = \"Harm Reduction Working Group\"\nprojects = [\"Tool Library\"]\n";
    let at = content.find("[[groups]]").unwrap();
    std::fs::write(templates.join("content.toml"), format!("{}{group}{}", &content[..at], &content[at..])).unwrap();
    let v = figures();
    let mut projects: Vec<&str> = v["timeline"]["rows"].as_array().unwrap().iter().map(|r| r["project"].as_str().unwrap()).collect();
    projects.dedup();
    projects.sort();
    assert_eq!(projects, ["Drop-in Nights", "Kit Lockers", "Peer Callers", "Tool Library"]);
    assert_eq!(v["projects"].as_array().unwrap().len(), 1, "the deck features the one project named");
}

#[test]
fn the_sample_timeline_is_the_groups_at_18_pt_split_only_as_its_rows_need() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = deck(&samples(), &dir.path().join("out"), "2025-10-07");
    let v = figures(&samples(), "2025-10-07");
    let featured: Vec<&str> = v["projects"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    let rows = v["timeline"]["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| featured.contains(&r["project"].as_str().unwrap())), "only the featured projects {featured:?}");

    let slides = assert_readable_timeline(&pdf);
    let columns: Vec<String> = slides.iter().map(|(_, _, labels)| squeeze(labels)).collect();
    // Every row is on exactly one slide, whole, in order.
    let mut on = Vec::new();
    for r in rows {
        let label = squeeze(r["label"].as_str().unwrap());
        let found: Vec<usize> = columns.iter().enumerate().filter(|(_, c)| c.contains(&label)).map(|(i, _)| i).collect();
        assert_eq!(found.len(), 1, "`{}` is on slides {found:?}", r["label"]);
        on.push(found[0]);
    }
    assert!(on.windows(2).all(|w| w[0] <= w[1]), "rows in order over the slides: {on:?}");
    // Split only where needed: the rows of two slides side by side, from the
    // first label's top to the lowest word, would not fit on one above the footer.
    let pages = bbox::pages(&pdf);
    let parsed = timeline_slides(&pages);
    let extent = |t: &TimelineSlide| {
        let top = t.labels.iter().map(|w| w.y0).fold(f64::MAX, f64::min);
        (top, t.words.iter().map(|w| w.y1).fold(0.0, f64::max) - top)
    };
    for k in 1..parsed.len() {
        let (top, a) = extent(&parsed[k - 1]);
        let (_, b) = extent(&parsed[k]);
        let bottom = pages[parsed[k - 1].number - 1].height - FOOTER;
        assert!(
            top + a + b > bottom,
            "slides {} and {} would fit on one: rows {a:.0} + {b:.0} pt from {top:.0} pt, footer at {bottom:.0} pt",
            parsed[k - 1].number,
            parsed[k].number
        );
    }
    let text = pdf_text(&pdf);
    assert!(!text.contains('…'), "nothing is cut short with `…`");
}

#[test]
fn the_stress_timeline_splits_cleanly_at_18_pt() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let s = stress::write(&inputs);
    let pdf = deck(&inputs, &dir.path().join("out"), stress::MEETING);
    let slides = assert_readable_timeline(&pdf);
    assert!(slides.len() > 1, "the stress year's timeline needs several slides");
    // Each slide has its axis (a year) and each project's rows their project.
    for (n, chart, _) in &slides {
        assert!(chart.contains(&stress::YEAR.to_string()), "slide {n} has no axis: {chart}");
    }
    let all = squeeze(&slides.iter().map(|(_, _, labels)| labels.as_str()).collect::<Vec<_>>().join(" "));
    // The timeline keeps to about two slides (issue 32): the activities it
    // leaves out are listed, with their dates, in the appendix.
    assert!(slides.len() <= 3, "the timeline takes {} slides", slides.len());
    let alnum = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let text = pdf_text(&pdf);
    let appendix = alnum(&text[text.find("APPENDIX").expect("an appendix")..]);
    for a in s.activities.iter().filter(|a| a[1] == stress::PILLAR && !s.long_steps.contains(&a[2])) {
        assert!(appendix.contains(&alnum(&a[2])), "`{}` is missing from the appendix", a[2]);
    }
    for a in s.activities.iter().filter(|a| a[1] != stress::PILLAR) {
        assert!(!all.contains(&squeeze(&a[0])), "another pillar's project `{}` is on the timeline", a[0]);
    }
    // The long steps, taller than a slide at 18 pt, continue on the next slide: every word, in order.
    // Between two pieces there is at most the next slide's project name.
    for step in &s.long_steps {
        let want: Vec<char> = squeeze(step).chars().collect();
        let have: Vec<char> = all.chars().collect();
        let start: String = want[..20].iter().collect();
        let Some(found) = all.find(&start) else { continue };
        let mut at = all[..found].chars().count();
        let mut breaks = 0;
        for (i, c) in want.iter().enumerate() {
            let gap = have[at..].iter().position(|x| x == c).unwrap_or_else(|| panic!("the long step is cut after {i} characters"));
            assert!(gap < 80, "the long step is interrupted by {gap} characters after {i} of its characters");
            breaks += usize::from(gap > 0);
            at += gap + 1;
        }
        assert!(breaks <= 3, "the long step is in {} pieces", breaks + 1);
    }
    assert!(!text.contains('…'), "nothing is cut short with `…`");
    assert_headings_in_order(&pdf);
}

#[test]
fn every_date_range_in_the_sample_deck_gives_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = deck(&samples(), &dir.path().join("out"), "2025-10-07");
    let text = pdf_text(&pdf);
    let v = figures(&samples(), "2025-10-07");
    let first = chrono::NaiveDate::parse_from_str(v["events"]["first"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let last = chrono::NaiveDate::parse_from_str(v["events"]["last"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    assert_eq!(first.format("%Y").to_string(), last.format("%Y").to_string());
    let range = format!("from {} to {}", first.format("%B %-d"), last.format("%B %-d, %Y"));
    assert!(text.contains(&format!("Attended {} community events {range},", v["events"]["count"])), "no `{range}` in:\n{text}");
    assert!(assert_ranges_give_the_year(&text) >= 1);
    assert!(!text.contains("in addition to the 0"));
    assert_headings_in_order(&pdf);
}

#[test]
fn a_first_meeting_across_the_new_year_is_said_in_words_with_both_years() {
    // The group has no earlier meeting: the period starts with the first
    // record, in the year before the meeting.
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[&["Meeting Date", "Working Group"], &["2025-01-21", "Prevention and Education Working Group"]],
    );
    write_csv(
        &inputs.join("events.csv"),
        &[&["Date", "Event", "Plans Distributed"], &["2024-12-03", "Winter market table", "8"], &["2025-01-15", "Rink night", "5"]],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[&["Date", "Quantity"], &["2024-11-20", "12"], &["2024-12-03", "8"], &["2025-01-15", "5"]],
    );
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Pillar", "Activity", "Status", "Start", "Due"],
            &["Rink Talks", "Prevention and Education", "Visit three rinks with the talk", "In progress", "2024-12-01", "2025-02-28"],
        ],
    );
    let pdf = deck(&inputs, &dir.path().join("out"), "2025-01-21");
    let text = pdf_text(&pdf);
    assert!(text.contains("Attended 2 community events from December 3, 2024 to January 15, 2025"), "{text}");
    assert!(
        text.contains("25 safety plans distributed since records began in November 2024, up to this first meeting of the group."),
        "{text}"
    );
    assert!(text.contains("safety plans distributed since records began"), "the callout: {text}");
    assert!(!text.contains("in addition to the") && !text.contains("prior to"), "nothing before a first meeting: {text}");
    assert!(assert_ranges_give_the_year(&text) >= 1);
    assert!(!text.contains('…'));
    assert_readable_timeline(&pdf);
    assert_headings_in_order(&pdf);

    // A period with no events says so, with its year.
    write_csv(&inputs.join("events.csv"), &[&["Date", "Event"], &["2024-06-03", "Old fair"]]);
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group"],
            &["2024-11-30", "Prevention and Education Working Group"],
            &["2025-01-21", "Prevention and Education Working Group"],
        ],
    );
    let text = pdf_text(&deck(&inputs, &dir.path().join("out"), "2025-01-21"));
    assert!(text.contains("No community events were recorded from December 1, 2024 to January 21, 2025."), "{text}");
    assert!(assert_ranges_give_the_year(&text) >= 1);
}

//! Layout never loses or overprints data (issue 13): the stress year and the samples are built,
//! and the PDFs are checked for every municipality, event, activity and action item (or an
//! explicit "N others" bar with the right total), for words outside their page, for words
//! printed over words, and for pages holding a lone line.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::bbox::{self, Page, Word, pages};
use crate::support::stress;
use crate::support::*;

/// Asserts no word lies outside its page and no two words overprint, comparing the middle half
/// of each box's height (so tight lines of big type do not count).
fn assert_no_overprint(pdf: &Path) -> usize {
    let pages = pages(pdf);
    let name = pdf.file_name().unwrap().to_string_lossy();
    for (n, page) in pages.iter().enumerate() {
        let n = n + 1;
        let words: Vec<&Word> = page.words.iter().collect();
        for w in &words {
            assert!(
                w.x0 >= -0.5 && w.y0 >= -0.5 && w.x1 <= page.width + 0.5 && w.y1 <= page.height + 0.5,
                "{name} page {n}: `{}` lies outside the page ({:.1},{:.1})–({:.1},{:.1})",
                w.text,
                w.x0,
                w.y0,
                w.x1,
                w.y1
            );
        }
        if let Some((a, b)) = bbox::overprints(&words).first() {
            panic!("{name} page {n}: `{}` and `{}` overprint at ({:.1},{:.1}) and ({:.1},{:.1})", a.text, b.text, a.x0, a.y0, b.x0, b.y0);
        }
    }
    pages.len()
}

/// Asserts that every page after the first holds at least two lines of text besides its running
/// header and page number: no page has only a heading or one line.
fn assert_no_lone_lines(pdf: &Path, margin_top: f64, margin_bottom: f64) {
    let name = pdf.file_name().unwrap().to_string_lossy();
    for (n, page) in pages(pdf).iter().enumerate().skip(1) {
        let mut lines: Vec<i64> = page
            .words
            .iter()
            .filter(|w| w.y0 > margin_top && w.y1 < page.height - margin_bottom)
            .map(|w| ((w.y0 + w.y1) / 2.0 / 4.0).round() as i64)
            .collect();
        lines.sort();
        lines.dedup();
        assert!(lines.len() >= 2, "{name} page {}: only {} line(s) of text", n + 1, lines.len());
    }
}

/// The headings of a tagged PDF, in reading order, with their levels: from the structure tree
/// (`pdfinfo -struct-text`).
pub(crate) fn headings(pdf: &Path) -> Vec<(u8, String)> {
    let out = Command::new("pdfinfo").arg("-struct-text").arg(pdf).output().expect("pdfinfo is installed");
    assert!(out.status.success(), "pdfinfo -struct-text failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix('H') else { continue };
        let Some((level, rest)) = rest.split_once(" \"") else { continue };
        let Ok(level) = level.parse::<u8>() else { continue };
        if let Some(title) = rest.strip_suffix("\" (block)") {
            // pdfinfo prints a title with letters outside ASCII as UTF-16 bytes; its text
            // lines, indented under it, are printed as they are.
            let title = if title.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
                title.to_string()
            } else {
                let indent = line.len() - t.len();
                lines[i + 1..]
                    .iter()
                    .take_while(|l| l.len() - l.trim_start().len() > indent && l.trim_start().starts_with('"'))
                    .map(|l| l.trim().trim_matches('"'))
                    .collect::<String>()
            };
            found.push((level, title));
        }
    }
    found
}

/// The body lines of a page (between `top` and `bottom` points from its edges), top to
/// bottom: each line's middle and its text squeezed (see [`squeeze`]).
pub(crate) fn body_lines(page: &Page, top: f64, bottom: f64) -> Vec<(f64, String)> {
    let mut words: Vec<&Word> = page.words.iter().filter(|w| w.y0 > top && w.y1 < page.height - bottom).collect();
    words.sort_by(|a, b| (a.y0 + a.y1).total_cmp(&(b.y0 + b.y1)).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, Vec<&Word>)> = Vec::new();
    for w in words {
        let mid = (w.y0 + w.y1) / 2.0;
        match lines.last_mut() {
            Some((m, ws)) if (mid - *m).abs() < 3.0 => ws.push(w),
            _ => lines.push((mid, vec![w])),
        }
    }
    lines
        .into_iter()
        .map(|(m, mut ws)| {
            ws.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            (m, squeeze(&ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")))
        })
        .collect()
}

/// The section named in a page's running header: its words other than the short title, which
/// is the run of words from the leftmost up to the widest gap on that word's line (a long
/// section name wraps on the right, over one line or more).
pub(crate) fn header_section(page: &Page, top: f64) -> Option<String> {
    let ws: Vec<&Word> = page.words.iter().filter(|w| w.y1 < top).collect();
    let leftmost = ws.iter().min_by(|a, b| a.x0.total_cmp(&b.x0))?;
    let mut line: Vec<&Word> = ws.iter().copied().filter(|w| (w.y0 - leftmost.y0).abs() < 2.0).collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let gap = (1..line.len()).max_by(|&i, &j| (line[i].x0 - line[i - 1].x1).total_cmp(&(line[j].x0 - line[j - 1].x1)))?;
    let title_end = line[gap - 1].x1;
    let mut section: Vec<&Word> = ws.iter().copied().filter(|w| !((w.y0 - leftmost.y0).abs() < 2.0 && w.x1 <= title_end + 0.5)).collect();
    section.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    Some(squeeze(&section.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")))
}

/// Asserts the report's page flow: no heading is the last text of its page, and each page's
/// running header names the section its content belongs to (the section in progress at the
/// top of the page, or the one whose heading opens the page). Headings come from the PDF's
/// structure tree, in order, and are found on the pages by their text.
pub(crate) fn assert_page_flow(pdf: &Path, top: f64, bottom: f64) {
    let name = pdf.file_name().unwrap().to_string_lossy();
    let pages = pages(pdf);
    let heads = headings(pdf);
    assert!(heads.iter().any(|h| h.0 == 1), "{name}: no level-1 heading in the structure tree");
    // Where each heading is: page, first and last line.
    let lines: Vec<Vec<(f64, String)>> = pages.iter().map(|p| body_lines(p, top, bottom)).collect();
    let mut at = (0usize, 0usize);
    let mut placed: Vec<(u8, String, usize, usize, usize)> = Vec::new();
    'heading: for (level, title) in &heads {
        let want = squeeze(title);
        for (p, page) in lines.iter().enumerate().skip(at.0) {
            let from = if p == at.0 { at.1 } else { 0 };
            for i in from..page.len() {
                let mut joined = String::new();
                for (j, line) in page.iter().enumerate().take(i + 4).skip(i) {
                    joined.push_str(&line.1);
                    if joined == want {
                        placed.push((*level, title.clone(), p, i, j));
                        at = (p, j + 1);
                        continue 'heading;
                    }
                    if !want.starts_with(&joined) {
                        break;
                    }
                }
            }
        }
    }
    assert!(placed.len() * 10 >= heads.len() * 9, "{name}: only {} of {} headings found on the pages", placed.len(), heads.len());
    for (_, title, p, _, last) in &placed {
        assert!(last + 1 < lines[*p].len(), "{name} page {}: the heading `{title}` is the last thing on the page", p + 1);
    }
    let opener = |l: &str| {
        let l = l.to_uppercase();
        // "Pillar 1 of 4" or "Pilier 1 sur 4", "Across the pillars" or "Tous piliers confondus".
        l == "ACROSSTHEPILLARS"
            || l == "TOUSPILIERSCONFONDUS"
            || ((l.starts_with("PILLAR") && l.contains("OF") || l.starts_with("PILIER") && l.contains("SUR"))
                && l.chars().any(|c| c.is_ascii_digit())
                && l.len() < 16)
    };
    let mut current: Option<&str> = None;
    let mut checked = 0;
    for (p, page) in pages.iter().enumerate() {
        let on_page: Vec<_> = placed.iter().filter(|h| h.2 == p && h.0 == 1).collect();
        let opens = on_page.first().filter(|h| lines[p][..h.3].iter().all(|l| opener(&l.1)));
        let expected = opens.map(|h| h.1.as_str()).or(current);
        if let (Some(section), Some(expected)) = (header_section(page, top), expected) {
            // The running head is set in capitals.
            assert_eq!(section, squeeze(expected).to_uppercase(), "{name} page {}: the running header names the wrong section", p + 1);
            checked += 1;
        }
        if let Some(h) = on_page.last() {
            current = Some(h.1.as_str());
        }
    }
    // Every page but the covers and the contents has a running header that was checked.
    assert!(checked + 4 >= pages.len(), "{name}: only {checked} of {} running headers checked", pages.len());
    eprintln!("{name}: {} of {} headings found, {checked} of {} running headers checked", placed.len(), heads.len(), pages.len());
}

/// Asserts that on every slide the content stays above the footer: a word that reaches into
/// the bottom margin (`margin` points) must lie wholly in it, on the footer's one line.
fn assert_above_footer(pdf: &Path, margin: f64) {
    let name = pdf.file_name().unwrap().to_string_lossy();
    for (n, page) in pages(pdf).iter().enumerate() {
        let bottom = page.height - margin;
        let low: Vec<&Word> = page.words.iter().filter(|w| w.y1 > bottom + 1.0).collect();
        for w in &low {
            assert!(w.y0 >= bottom, "{name} slide {}: `{}` runs into the footer", n + 1, w.text);
        }
        if let Some(first) = low.first() {
            assert!(
                low.iter().all(|w| (w.y0 - first.y0).abs() < 1.0),
                "{name} slide {}: more than the footer line lies below the content: {:?}",
                n + 1,
                low.iter().map(|w| &w.text).collect::<Vec<_>>()
            );
        }
    }
}

/// PDF text with whitespace, zero-width spaces and typographic quotes squeezed out, so that a
/// name wrapped or broken anywhere still matches.
fn squeezed_text(pdf: &Path) -> String {
    squeeze(&pdf_text(pdf))
}

pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{200b}' && *c != '\u{ad}').map(|c| if c == '’' { '\'' } else { c }).collect()
}

fn assert_shows(text: &str, what: &str, needle: &str) {
    assert!(text.contains(&squeeze(needle)), "{what} `{needle}` is missing from the PDF text");
}

fn build(inputs: &Path, out: &Path, meeting: &str, year: &str) -> (PathBuf, PathBuf) {
    let result =
        run(&["build", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap(), "--meeting", meeting, "--year", year]);
    assert_ok(&result);
    (out.join(format!("meeting-deck-{meeting}.pdf")), out.join(format!("annual-report-{year}.pdf")))
}

#[test]
fn stress_year_loses_and_overprints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let s = stress::write(&inputs);
    let (deck, report) = build(&inputs, &dir.path().join("out"), stress::MEETING, &stress::YEAR.to_string());

    // The report: every event in its table, every activity under its project.
    let text = squeezed_text(&report);
    for (_, event, _) in &s.events {
        assert_shows(&text, "event", event);
    }
    for a in &s.activities {
        assert_shows(&text, "activity", &a[2]);
    }
    for statement in &s.statements {
        assert_shows(&text, "survey statement", statement);
    }
    // Every municipality is named (the events table names each), and the chart of plans by
    // municipality shows the largest and folds the rest into one bar with their total.
    let mut ranked = s.municipalities.clone();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (town, _) in &ranked {
        assert_shows(&text, "municipality", town);
    }
    let shown = wecoss_report::figures::report::MAX_BARS - 1;
    let rest: u64 = ranked[shown..].iter().map(|t| t.1).sum();
    let others = format!("{} others {}", ranked.len() - shown, wecoss_report::words::thousands(rest as i64));
    let raw = pdf_text(&report);
    assert!(raw.contains(&others), "no `{others}` bar in:\n{raw}");
    assert!(
        raw.contains(&format!("The {shown} largest of {} are shown", ranked.len())),
        "the chart's caption says it folded the smallest municipalities"
    );

    // The deck: the group is not in content.toml, so its pillar's projects are featured; every
    // action item and every activity of the group's projects (on the timeline) is shown, and
    // no other pillar's; the events are counted.
    let text = squeezed_text(&deck);
    for item in &s.action_items {
        assert_shows(&text, "action item", item);
    }
    for a in s.activities.iter().filter(|a| a[1] == stress::PILLAR) {
        assert_shows(&text, "activity", &a[2]);
    }
    for a in s.activities.iter().filter(|a| a[1] != stress::PILLAR) {
        assert!(!text.contains(&squeeze(&a[0])), "another pillar's project `{}` is in the deck", a[0]);
    }
    // The very long steps are shown in full on the steps slides, and on the timeline in full
    // or continued on the next slide: nothing is cut short, and they stay above the footer
    // (checked below for every slide).
    let timeline = &text[text.find(&squeeze("Key Activities & Timelines")).expect("a timeline slide")..];
    for step in &s.long_steps {
        let times = text.matches(&squeeze(step)).count();
        assert!(times >= 1, "the long step `{}…` is not in full on its steps slide", &step[..40]);
        assert_whole_or_continued(timeline, step);
    }
    for project in s.activities.iter().filter(|a| a[1] == stress::PILLAR).map(|a| &a[0]) {
        assert_shows(&text, "featured project", &format!("2025 Project Update: {project}"));
    }
    let in_period = s.events.iter().filter(|e| e.0.as_str() > stress::PREVIOUS && e.0.as_str() <= stress::MEETING).count();
    assert_shows(&text, "event count", &format!("Attended {in_period} community events"));
    assert!(!pdf_text(&deck).contains('…'), "nothing is cut short with `…`");

    let deck_pages = assert_no_overprint(&deck);
    assert_above_footer(&deck, 46.0);
    let report_pages = assert_no_overprint(&report);
    assert_no_lone_lines(&report, 60.0, 50.0);
    assert_page_flow(&report, 60.0, 50.0);
    eprintln!("stress deck: {deck_pages} pages, stress report: {report_pages} pages");
}

#[test]
fn samples_lose_and_overprint_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (deck, report) = build(&samples(), &dir.path().join("out"), "2025-10-07", "2025");
    assert_no_overprint(&deck);
    assert_above_footer(&deck, 46.0);
    assert_no_overprint(&report);
    assert_no_lone_lines(&report, 60.0, 50.0);
    assert_page_flow(&report, 60.0, 50.0);
    let text = squeezed_text(&report);
    let json = run(&["report", "--year", "2025", "--inputs", samples().to_str().unwrap(), "--format", "json"]);
    assert_ok(&json);
    let v = crate::support::json_figures(stdout(&json));
    for e in v["safety"]["events"].as_array().unwrap() {
        assert_shows(&text, "event", e["event"].as_str().unwrap());
    }
    for b in v["safety"]["by_municipality"]["bars"].as_array().unwrap() {
        assert_shows(&text, "municipality", b["label"].as_str().unwrap());
    }
}

#[test]
fn a_group_not_in_the_content_file_keeps_its_slides() {
    // No pillar matches the group: the deck features every project with activities due in the
    // period, and the action items are there.
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Harm Reduction", &["Plan the naloxone training"]);
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group"],
            &["2025-06-18", "Renamed Coordinating Circle"],
            &["2025-10-07", "Renamed Coordinating Circle"],
        ],
    );
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Pillar", "Activity", "Status", "Start", "Due"],
            &["Naloxone Outreach", "Harm Reduction", "Train front-desk staff", "Completed", "2025-07-01", "2025-08-01"],
            &["Old Project", "Harm Reduction", "Something from last year", "Completed", "2024-01-01", "2024-02-01"],
        ],
    );
    write_csv(&inputs.join("actions.csv"), &[&["Action Item", "Meeting"], &["Bring two colleagues to the training", "2025-10-07"]]);
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let err = stderr(&result);
    assert!(err.contains("features every project with activities due or done"), "{err}");
    let text = pdf_text(&out.join("meeting-deck-2025-10-07.pdf"));
    assert_in_order(&text, &["Project Update: Naloxone Outreach", "Train front-desk staff", "Bring two colleagues to the training"]);
    assert!(!text.contains("Project Update: Old Project"), "a project with nothing due in the period is not featured: {text}");
}

#[test]
fn an_action_item_longer_than_several_slides_is_continued_not_cut_or_overflowing() {
    // Two items each taller than two slides even at the smallest size: one
    // of words, one a single run-together word. They continue on the next
    // slides, whole, and nothing passes the footer.
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Harm Reduction", &["Plan the naloxone training"]);
    let words: String = (1..=400).map(|i| format!("partner{i} confirms the outreach shift ")).collect();
    let words = words.trim().to_string();
    let run_together: String = (1..=300).map(|i| format!("Shift{i}")).collect();
    write_csv(
        &inputs.join("actions.csv"),
        &[
            &["Action Item", "Meeting"],
            &["Bring two colleagues to the training", "2025-10-07"],
            &[&words, "2025-10-07"],
            &[&run_together, "2025-10-07"],
        ],
    );
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let deck = out.join("meeting-deck-2025-10-07.pdf");
    let text = squeezed_text(&deck);
    assert_shows(&text, "action item", "Bring two colleagues to the training");
    for item in [words.as_str(), run_together.as_str()] {
        assert_continued(&text, item);
    }
    assert_above_footer(&deck, 46.0);
    assert_no_overprint(&deck);
}

/// Asserts that `item` appears whole in `text` (both squeezed), in order,
/// interrupted only where it continues on a new slide (the slide's title,
/// "Continued", footer and number: under 200 characters), and that it does
/// continue on another slide.
fn assert_continued(text: &str, item: &str) {
    assert!(assert_whole_or_continued(text, item) > 0, "the item was expected to continue on another slide");
}

/// Asserts that `item` appears in `text` (both squeezed) whole, or in order
/// interrupted only where it continues on a new slide (under 200 characters
/// between pieces: a slide's title, "Continued", axis, footer and number).
/// Returns the number of interruptions.
fn assert_whole_or_continued(text: &str, item: &str) -> usize {
    let item = squeeze(item);
    let start: String = item.chars().take(20).collect();
    let chars: Vec<char> = text.chars().collect();
    let byte = text.find(&start).unwrap_or_else(|| panic!("the item's start `{start}` is missing"));
    let mut at = text[..byte].chars().count();
    let mut breaks = 0;
    for (i, c) in item.chars().enumerate() {
        let found = chars[at..].iter().position(|x| *x == c).unwrap_or_else(|| panic!("the item is cut after {i} characters"));
        if found > 0 {
            assert!(found < 200, "the item is interrupted by {found} characters after {i} of its characters");
            breaks += 1;
        }
        at += found + 1;
    }
    breaks
}

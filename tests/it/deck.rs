//! The meeting deck, end to end: sample inputs in, PDF text out.

use crate::support::*;

fn build_sample_deck(out: &std::path::Path) -> std::path::PathBuf {
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let pdf = out.join("meeting-deck-2025-10-07.pdf");
    assert!(stdout(&result).contains("meeting-deck-2025-10-07.pdf"), "prints the path written");
    pdf
}

#[test]
fn sample_deck_carries_the_seed_figures() {
    let out = tempfile::tempdir().unwrap();
    let text = pdf_text(&build_sample_deck(out.path()));
    assert_in_order(
        &text,
        &[
            "WECOSS Enforcement and Justice Working Group Meeting",
            "Tuesday, October 7th, 2025",
            "10:00 a.m. – 12:00 p.m.",
            "2025 Project Update: Strengthening Community Safety and Wellbeing",
            "Attended 14 community events from June 19 to September 22, 2025,",
            "257 safety plans distributed, in addition to the 1,420 distributed prior to June 19, 2025.",
            "96% indicated they felt more confident",
        ],
    );
}

#[test]
fn json_figures_match_the_seed() {
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", samples().to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    let v = crate::support::json_figures(stdout(&result));
    assert_eq!(v["events"]["count"], 14);
    assert_eq!(v["events"]["first"], "2025-06-19");
    assert_eq!(v["events"]["last"], "2025-09-22");
    assert_eq!(v["plans"]["in_period"], 257);
    assert_eq!(v["plans"]["before"], 1420);
    assert_eq!(v["confidence"]["percent"], 96);
    assert_eq!(v["period"]["start"], "2025-06-19");
    assert_eq!(v["meeting"]["start"], "10:00:00");
}

/// The text of each page of a PDF (pdftotext pages, whitespace collapsed).
fn page_texts(pdf: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).split('\u{c}').map(collapse).collect()
}

/// The accomplishments slide leads with the four headline numbers as
/// callouts (number, then its words), read from the deck's own figures,
/// and keeps the sentences below them.
#[test]
fn accomplishments_slide_leads_with_four_callouts() {
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", samples().to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    let v = crate::support::json_figures(stdout(&result));
    let fmt = commas;
    let events = v["events"]["count"].as_u64().unwrap();
    let in_period = v["plans"]["in_period"].as_u64().unwrap();
    let before = v["plans"]["before"].as_u64().unwrap();
    let percent = v["confidence"]["percent"].as_u64().unwrap();
    assert!(before > 0, "the sample has plans before the period");

    let out = tempfile::tempdir().unwrap();
    let pages = page_texts(&build_sample_deck(out.path()));
    let slide = pages.iter().find(|p| p.starts_with("ACCOMPLISHMENTS TO DATE")).expect("an accomplishments slide");
    assert_in_order(
        slide,
        &[
            &format!("{} community events attended", fmt(events)),
            &format!("{} safety plans distributed since June 19, 2025", fmt(in_period)),
            &format!("{} distributed before June 19, 2025", fmt(before)),
            &format!("{percent}% of residents who reviewed a plan felt more confident"),
            &format!("Attended {} community events", fmt(events)),
            &format!("{percent}% indicated they felt more confident"),
        ],
    );
}

/// Every content slide's title (30 pt, at the left margin) starts at the
/// same height, whether a kicker ("Accomplishments to date", the
/// "Continued" artifact) stands above it or not. Read from the words'
/// boxes (`pdftotext -bbox`).
#[test]
fn titles_sit_at_one_fixed_place_on_every_slide() {
    let out = tempfile::tempdir().unwrap();
    let pdf = build_sample_deck(out.path());
    let html = std::process::Command::new("pdftotext").arg("-bbox").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let html = String::from_utf8_lossy(&html.stdout).into_owned();
    let attr = |word: &str, name: &str| -> f64 {
        let at = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        word[at..].split('"').next().unwrap().parse().unwrap()
    };
    // The top of each page's first title-sized word at the left margin.
    let mut tops: Vec<(usize, f64)> = Vec::new();
    for (n, page) in html.split("<page ").skip(1).enumerate() {
        let title = page.split("<word ").skip(1).find(|w| {
            let h = attr(w, "yMax") - attr(w, "yMin");
            (attr(w, "xMin") - 56.0).abs() < 0.5 && (38.0..44.0).contains(&h)
        });
        if let Some(w) = title {
            tops.push((n + 1, attr(w, "yMin")));
        }
    }
    assert!(tops.len() >= 8, "titles found on slides {tops:?}");
    let first = tops[0].1;
    assert!(tops.iter().all(|(_, y)| (y - first).abs() < 0.5), "title tops by slide: {tops:?}");
    let pages = page_texts(&pdf);
    let kicked = tops.iter().filter(|(n, _)| pages[n - 1].starts_with("ACCOMPLISHMENTS") || pages[n - 1].starts_with("CONTINUED")).count();
    assert!(kicked >= 2 && kicked < tops.len(), "slides with and without a kicker: {tops:?}");
}

/// Builds the sample deck in a new process with `SOURCE_DATE_EPOCH` set.
fn build_sample_deck_at(out: &std::path::Path, epoch: &str) -> Vec<u8> {
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["deck", "--meeting", "2025-10-07", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("the binary runs");
    assert_ok(&result);
    std::fs::read(out.join("meeting-deck-2025-10-07.pdf")).unwrap()
}

/// The value of a PDF key written as a literal string, e.g. `/CreationDate(…)`.
fn pdf_string<'a>(pdf: &'a str, key: &str) -> &'a str {
    let at = pdf.find(&format!("/{key}(")).unwrap_or_else(|| panic!("no /{key}")) + key.len() + 2;
    &pdf[at..at + pdf[at..].find(')').unwrap()]
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = std::fs::read(build_sample_deck(a.path())).unwrap();
    let second = std::fs::read(build_sample_deck(b.path())).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "the same inputs gave different PDF bytes");
    // With SOURCE_DATE_EPOCH set, two more processes agree with each other;
    // this epoch is the meeting day's midnight (UTC), the default timestamp,
    // so they agree with the builds above too.
    let c = tempfile::tempdir().unwrap();
    let d = tempfile::tempdir().unwrap();
    let third = build_sample_deck_at(c.path(), "1759795200");
    let fourth = build_sample_deck_at(d.path(), "1759795200");
    assert!(third == fourth, "the same SOURCE_DATE_EPOCH gave different PDF bytes");
    assert!(third == first, "SOURCE_DATE_EPOCH of the meeting date changed the bytes");
}

#[test]
fn the_timestamp_is_source_date_epoch_or_the_meeting_date() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let meeting = String::from_utf8_lossy(&std::fs::read(build_sample_deck(a.path())).unwrap()).into_owned();
    // 2026-01-01T00:00:00Z
    let epoch = String::from_utf8_lossy(&build_sample_deck_at(b.path(), "1767225600")).into_owned();
    assert_eq!(pdf_string(&meeting, "CreationDate"), "D:20251007000000Z");
    assert!(meeting.contains("<xmp:CreateDate>2025-10-07T00:00:00+00:00</xmp:CreateDate>"));
    assert_eq!(pdf_string(&epoch, "CreationDate"), "D:20260101000000Z");
    assert_eq!(pdf_string(&epoch, "ModDate"), "D:20260101000000Z");
    assert!(epoch.contains("<xmp:CreateDate>2026-01-01T00:00:00+00:00</xmp:CreateDate>"));
    // The document id names the document, whatever its date.
    let id = |pdf: &str| pdf[pdf.find("/ID[(").expect("an /ID") + 5..].split(')').next().unwrap().to_string();
    assert_eq!(id(&meeting), id(&epoch));
    assert!(meeting.contains(&format!("<xmpMM:DocumentID>{}</xmpMM:DocumentID>", id(&meeting))));
}

#[test]
fn builds_in_one_process_are_byte_identical() {
    use wecoss_report::pipeline::{self, DocumentOptions, Inputs, Request, Run, Selection, Session};
    // The library's one build call, as the `deck` command makes it.
    let build = |out: &std::path::Path| {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 10, 7).unwrap();
        let request = Request {
            inputs: Inputs { dir: samples(), ..Inputs::default() },
            options: DocumentOptions::pdf(out),
            selection: Selection { report: false, meeting: Some(date), strict: true, ..Selection::all(date) },
            run: Run::default(),
        };
        let build = pipeline::build(&request, &mut Session::new()).into_result().expect("the deck builds");
        // The build holds the deck's typed figures beside the file written.
        assert!(matches!(&build.figures[..], [(_, pipeline::Figures::Deck(deck))] if deck.meeting.date == date));
        let written = build.written;
        assert_eq!(written.len(), 1);
        std::fs::read(&written[0]).unwrap()
    };
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = build(a.path());
    let second = build(b.path());
    assert!(first == second, "two builds in one process gave different PDF bytes");
    // And the binary, in its own process (run without SOURCE_DATE_EPOCH),
    // agrees, unless this process has SOURCE_DATE_EPOCH set.
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        let c = tempfile::tempdir().unwrap();
        assert!(std::fs::read(build_sample_deck(c.path())).unwrap() == first, "in-process and CLI builds differ");
    }
}

const HOSTILE: [&str; 10] = ["#read(\"/etc/passwd\")", "]", "$x^2$", "*bold*", "<b>", "{{ 7*7 }}", "\\", "@ref", "// x", "= heading"];

#[test]
fn hostile_cell_text_prints_literally() {
    let dir = tempfile::tempdir().unwrap();
    let group = format!("Group {}", HOSTILE.join(" "));
    let activities: Vec<String> = HOSTILE.iter().map(|h| format!("Step {h} end")).collect();
    let refs: Vec<&str> = activities.iter().map(String::as_str).collect();
    let inputs = minimal_inputs(dir.path(), &group, &refs);
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let text = pdf_text(&out.join("meeting-deck-2025-10-07.pdf"));
    // The title may wrap anywhere, so compare it without whitespace.
    let squeezed: String = text.split_whitespace().collect();
    let title: String = format!("WECOSS {group} Meeting").split_whitespace().collect();
    assert!(squeezed.contains(&title), "group name printed literally:\n{text}");
    for a in &activities {
        assert!(text.contains(a.as_str()), "activity `{a}` printed literally:\n{text}");
    }
    assert!(!text.contains("49"), "template syntax in a cell was evaluated");
    assert!(!text.contains("root:x:0"), "a file was read");
}

#[test]
fn next_steps_over_several_slides_beside_no_completed_steps_are_all_shown() {
    // No completed steps (every activity planned) and more next steps than
    // one slide holds: the steps slides continue the next steps alone.
    let dir = tempfile::tempdir().unwrap();
    let activities: Vec<String> =
        (0..30).map(|i| format!("Reach out to partner agency number {i} about the safety plan consultation")).collect();
    let refs: Vec<&str> = activities.iter().map(String::as_str).collect();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &refs);
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    // The steps slides: the pages with the next steps' panel.
    let steps: Vec<String> = crate::support::bbox::pages(&out.join("meeting-deck-2025-10-07.pdf"))
        .iter()
        .map(|p| p.text())
        .filter(|t| t.contains("Next Steps"))
        .collect();
    assert!(steps.len() >= 2, "the next steps continue on another slide: {steps:?}");
    let text = collapse(&steps.join(" "));
    for a in &activities {
        assert!(text.contains(a.as_str()), "next step `{a}` is not on the steps slides:\n{text}");
    }
}

#[test]
fn missing_meeting_lists_the_meetings_on_record() {
    let result = run(&["deck", "--meeting", "2025-10-08", "--inputs", samples().to_str().unwrap(), "--format", "json"]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains("no meeting on 2025-10-08"), "{err}");
    assert!(err.contains("did you mean 2025-10-07"), "{err}");
    assert!(err.contains("2025-06-18 Enforcement and Justice Working Group"), "{err}");
}

#[test]
fn sample_deck_has_every_slide_in_order() {
    let out = tempfile::tempdir().unwrap();
    let text = pdf_text(&build_sample_deck(out.path()));
    assert_in_order(
        &text,
        &[
            "Enforcement and Justice Working Group Meeting",
            "Project Purpose:",
            "Key Activities and Outputs:",
            "Attended 14 community events",
            "257 safety plans",
            "1,420 distributed",
            "96%",
            "Community Safety and Policing (CSP)",
            "Compiled a list of key stakeholders for Leamington and Essex safety plan consultations.",
            "Adapted existing survey and focus group guide to reflect Leamington and Essex.",
            "Launched survey on social media, active until October 31st.",
            "Weekly social media posts have been developed and scheduled for the month of October.",
            "Provide survey and QR code to local businesses and organizations in Leamington and Essex to reach residents.",
            "Reach out to identified stakeholders to participate in focus groups.",
            "Continue to attend community events to educate residents about existing safety plans.",
            "Coordinate and host mental health and substance use training for first responders and service providers in Leamington and Essex.",
            "Encourage your staff who work in Leamington and Essex to participate in safety plan focus groups.",
            "Continue promoting and distributing existing safety plans. All safety plans can be found at WECOSS.ca.",
            "Encourage clients and residents in Leamington and Essex to complete the survey.",
            "Thank You!",
            "Background",
            "Purpose:",
            "Goals:",
            "Key Activities & Timelines",
            "Strengthening Community Safety and Wellbeing",
            "Applied for Community Safety and Policing grant",
            "Coordinate and host mental health and substance use training",
            "During today's meeting, a focus group will be held with EJWG members",
        ],
    );
    // Steps completed before the period and other meetings' action items stay out.
    assert!(!text.contains("Share the Community Safety and Policing grant announcement"), "June action item leaked");
    assert!(!text.contains("Let the Project Coordinator know of summer"), "June action item leaked");
    assert!(!text.contains("NaN"));
    // The timeline shows the group's own project, not the other pillars'.
    assert!(!text.contains("Distribute naloxone kits at community events"), "another pillar's activity on the timeline");
    assert!(
        !text.contains("Host a focus group with each pillar working group"),
        "a project the group's deck does not feature on the timeline"
    );
}

#[test]
fn two_groups_meeting_the_same_day_get_two_decks() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group", "Start", "End"],
            &["2025-10-07", "Enforcement and Justice Working Group", "10:00", "12:00"],
            &["2025-10-07", "Harm Reduction Working Group", "13:00", "14:30"],
        ],
    );
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let ej = out.join("meeting-deck-2025-10-07-enforcement-and-justice-working-group.pdf");
    let hr = out.join("meeting-deck-2025-10-07-harm-reduction-working-group.pdf");
    assert!(pdf_text(&ej).contains("WECOSS Enforcement and Justice Working Group Meeting"));
    let hr_text = pdf_text(&hr);
    assert!(hr_text.contains("WECOSS Harm Reduction Working Group Meeting"), "{hr_text}");
    assert!(hr_text.contains("1:00 p.m. – 2:30 p.m."), "{hr_text}");

    // `--group` picks one.
    let result = run(&[
        "deck",
        "--meeting",
        "2025-10-07",
        "--group",
        "harm reduction working group",
        "--inputs",
        inputs.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_ok(&result);
    let v = crate::support::json_figures(stdout(&result));
    assert_eq!(v["meeting"]["group"], "Harm Reduction Working Group");
}

#[test]
fn a_folder_with_only_meetings_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[&["Meeting Date", "Working Group"], &["2025-10-07", "Enforcement and Justice Working Group"]],
    );
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let err = stderr(&result);
    assert!(err.contains("leaves out the % more confident"), "{err}");
    let text = pdf_text(&out.join("meeting-deck-2025-10-07.pdf"));
    assert!(text.contains("No activities with start or due dates are in the workplan yet."), "{text}");
    assert!(!text.contains("NaN") && !text.contains('%'), "{text}");
}

#[test]
fn png_format_renders_every_slide_at_16_by_9() {
    let out = tempfile::tempdir().unwrap();
    let result = run(&[
        "deck",
        "--meeting",
        "2025-10-07",
        "--inputs",
        samples().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "png",
    ]);
    assert_ok(&result);
    let pages: Vec<String> = stdout(&result).lines().map(str::to_string).collect();
    assert!(pages.len() >= 10, "one PNG per slide: {pages:?}");
    assert!(pages[0].ends_with("meeting-deck-2025-10-07-01.png"), "{pages:?}");
    for page in &pages {
        let png = std::fs::read(page).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (1920, 1080), "{page}");
    }
}

#[test]
fn a_logo_image_in_the_templates_replaces_the_word_mark() {
    let dir = tempfile::tempdir().unwrap();
    let templates = templates_with_logo(dir.path());
    let out = dir.path().join("out");
    let result = run(&[
        "build",
        "--inputs",
        samples().to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_ok(&result);
    let deck = std::fs::read(out.join("meeting-deck-2025-10-07.pdf")).unwrap();
    assert!(String::from_utf8_lossy(&deck).contains("/Subtype /Image") || deck.windows(6).any(|w| w == b"/Image"), "the logo is embedded");
    assert!(!pdf_text(&out.join("meeting-deck-2025-10-07.pdf")).starts_with("WINDSOR-ESSEX COMMUNITY"), "the drawn word mark is gone");
}

#[test]
fn since_overrides_the_start_of_the_period() {
    let result =
        run(&["deck", "--meeting", "2025-10-07", "--since", "2025-08-01", "--inputs", samples().to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    let v = crate::support::json_figures(stdout(&result));
    assert_eq!(v["period"]["start"], "2025-08-01");
    let first = v["events"]["first"].as_str().unwrap();
    assert!(first >= "2025-08-01", "{first}");
    assert!(v["events"]["count"].as_u64().unwrap() < 14);
    // Everything before August 1 is "before the period" now.
    assert!(v["plans"]["before"].as_u64().unwrap() > 1420);
}

/// `--format json` prints one JSON value: `documents`, one object per
/// document with its kind, language, file name and figures.
#[test]
fn json_format_labels_each_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let result = run(&[
        "build",
        "--meeting",
        "2025-10-07",
        "--year",
        "2025",
        "--lang",
        "en,fr",
        "--inputs",
        samples().to_str().unwrap(),
        "--out",
        out,
        "--format",
        "json",
    ]);
    assert_ok(&result);
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("one JSON value");
    let labels: Vec<(&str, &str, &str)> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["lang"].as_str().unwrap(), d["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        labels,
        [
            ("deck", "en", "meeting-deck-2025-10-07"),
            ("deck", "fr", "presentation-reunion-2025-10-07"),
            ("report", "en", "annual-report-2025"),
            ("report", "fr", "rapport-annuel-2025"),
        ]
    );
    assert_eq!(v["documents"][0]["figures"]["events"]["count"], 14);
    assert_eq!(v["documents"][2]["figures"]["year"]["label"], "2025");
}

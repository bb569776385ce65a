//! Privacy by default: nothing a respondent typed reaches any output unless
//! many typed the same. A survey whose identifying and free-text columns
//! hide under neutral headers is built to every format and checked, and
//! none of its identifying strings may appear anywhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// Strings respondents typed that must never reach any output.
const SECRETS: &[&str] = &[
    // Names with contact details, under neutral and naming headers.
    "Riley Okafor",
    "519-555-0148",
    "Jordan Beaulieu",
    "519-555-0163",
    // Emails, addresses, postal codes, birth dates, a link.
    "t.nguyen.fake@example.org",
    "harbour.volunteer@example.net",
    "41 Maple Crt",
    "N8T 2K9",
    "N9B 3P4",
    "1984-02-11",
    "March 3, 1979",
    "jb2231",
    // Written comments (free text under neutral and open headers).
    "pop-up clinic helped my son",
    "More disposal bins near the river",
    "Lights on the footbridge",
    // Open-set answers given by fewer than five respondents.
    "My case worker Alex",
    "Dr. Patel",
    "Retired nurse",
    "Behind the arena",
];

/// One response's answers, by column, for respondent `i` of 40.
fn response(i: usize) -> Vec<String> {
    let pick = |options: &[(&str, usize)]| -> String {
        // The i-th of a list where option k repeats its count.
        let mut at = i;
        for (o, n) in options {
            if at < *n {
                return o.to_string();
            }
            at -= n;
        }
        String::new()
    };
    let day = 1 + i % 28;
    vec![
        format!("2025/10/{day:02} 9:{:02}:00 AM EST", i % 60),
        pick(&[("Windsor", 20), ("Tecumseh", 10), ("Essex", 6), ("Kingsville", 3), ("Behind the arena", 1)]),
        pick(&[("Resident", 30), ("Service provider", 8), ("Retired nurse", 2)]),
        // Q7: fillers and a street address.
        pick(&[("No", 15), ("N/A", 10), ("None", 8), ("My neighbour sells from 41 Maple Crt", 1), ("", 6)]),
        // Other thoughts?: fillers and comments.
        pick(&[("No", 20), ("The pop-up clinic helped my son", 1), ("More disposal bins near the river", 1), ("", 18)]),
        // What else should the coalition know?: fillers and one comment.
        pick(&[("None", 12), ("n/a", 9), ("Lights on the footbridge, please", 1), ("", 18)]),
        // How can we reach you?
        pick(&[("harbour.volunteer@example.net", 1), ("", 39)]),
        // Postal code
        pick(&[("N8T 2K9", 1), ("N9B 3P4", 1), ("", 38)]),
        // What is your name? (optional)
        pick(&[("Anonymous", 12), ("Jordan Beaulieu 519-555-0163", 1), ("", 27)]),
        // Q12: a neutral header over names with phone numbers.
        pick(&[("Anonymous", 12), ("Riley Okafor 519-555-0148", 1), ("", 27)]),
        // Q13: a neutral header over an email.
        pick(&[("Prefer not to say", 10), ("t.nguyen.fake@example.org", 1), ("", 29)]),
        // Q14: dates of birth.
        pick(&[("1984-02-11", 1), ("March 3, 1979", 1), ("", 38)]),
        // Where did you find this survey? A link with a query string.
        pick(&[("Facebook", 20), ("Library poster", 19), ("https://survey.example.com/s?ref=jb2231", 1)]),
        // A Likert statement: 3 and 4 strongly disagree and disagree.
        pick(&[("Agree", 15), ("Strongly agree", 10), ("Neutral", 8), ("Disagree", 4), ("Strongly disagree", 3)]),
        // An open set: three gave an answer naming someone.
        pick(&[("Friend", 14), ("Poster", 12), ("Radio", 10), ("My case worker Alex", 3), ("", 1)]),
        // Multi-select, with a rare option.
        pick(&[
            ("Naloxone training; Safe drug disposal", 18),
            ("Safe drug disposal", 10),
            ("Naloxone training; Dr. Patel", 2),
            ("Housing help", 10),
        ]),
        // Yes/no.
        pick(&[("Yes", 22), ("No", 18)]),
    ]
}

const HEADERS: &[&str] = &[
    "Timestamp",
    "Where do you live?",
    "I am a...",
    "Q7",
    "Other thoughts?",
    "What else should the coalition know?",
    "How can we reach you?",
    "Postal code",
    "What is your name? (optional)",
    "Q12",
    "Q13",
    "Q14",
    "Where did you find this survey?",
    "I feel safe in my neighbourhood.",
    "How did you hear about the event?",
    "Which services have you used? (select all that apply)",
    "Have you used a neighbourhood safety plan?",
];

/// An inputs folder holding the survey.
fn survey_inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    let rows: Vec<Vec<String>> = std::iter::once(HEADERS.iter().map(|s| s.to_string()).collect()).chain((0..40).map(response)).collect();
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("community-survey.csv"), &slices);
    inputs
}

/// Asserts that no secret occurs in `text` (also with its spaces collapsed).
fn assert_no_secret(what: &str, text: &str) {
    let collapsed = collapse(text);
    for secret in SECRETS {
        assert!(!text.contains(secret) && !collapsed.contains(secret), "{what} leaks `{secret}`:\n{text}");
    }
}

/// Runs `report` to `format` and returns what it printed: the path of the
/// file written, or the figures for `json`.
fn report(inputs: &Path, out: &Path, format: &str) -> String {
    let result =
        run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", format]);
    assert_ok(&result);
    assert_no_secret(&format!("report --format {format} (stderr)"), &stderr(&result));
    stdout(&result)
}

/// The path `report` printed.
fn written(printed: String) -> PathBuf {
    PathBuf::from(printed.lines().next().expect("a path is printed"))
}

/// Every string in the PDF's objects, uncompressed (alt text and the
/// structure tree included), as Latin-1 and as UTF-16 text.
fn pdf_strings(pdf: &Path) -> String {
    let out = Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(pdf).arg("-").output();
    let Ok(out) = out else { return String::new() };
    let latin: String = out.stdout.iter().map(|&b| b as char).collect();
    let utf16: String = out.stdout.chunks(2).map(|p| if p.len() == 2 && p[0] == 0 { p[1] as char } else { ' ' }).collect();
    format!("{latin}\n{utf16}")
}

#[test]
fn nothing_a_respondent_typed_leaks_into_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = survey_inputs(dir.path());
    let out = dir.path().join("out");

    let pdf = written(report(&inputs, &out, "pdf"));
    let text = pdf_text(&pdf);
    assert_no_secret("the PDF text", &text);
    if Command::new("qpdf").arg("--version").output().is_ok() {
        assert_no_secret("the PDF's objects", &pdf_strings(&pdf));
    }
    let typ = std::fs::read_to_string(written(report(&inputs, &out, "typ"))).unwrap();
    assert_no_secret("the Typst source", &typ);
    let json_text = report(&inputs, &out, "json");
    assert_no_secret("the JSON figures", &json_text);

    // The responses are still counted and the closed questions charted.
    let json = crate::support::json_figures(&json_text);
    let c = &json["consultation"];
    assert_eq!(c["responses"], 40, "{c:#}");
    assert!(text.contains("40 responses"), "{text}");
    assert!(text.contains("I feel safe in my neighbourhood."), "{text}");
    assert!(text.contains("How did you hear about the event?"), "{text}");
    assert!(text.contains("Have you used a neighbourhood safety plan?"), "{text}");
    // The comments are counted, not printed: "No", "N/A" and "None" are
    // not comments.
    assert_eq!(c["free_text_answers"], 3, "{c:#}");
    assert!(text.contains("3 written comments were received"), "{text}");
    // Columns dropped for what they hold are not charted.
    for q in ["Q7", "Q12", "Q13", "Q14", "Where did you find this survey?"] {
        assert!(!json_text.contains(&format!("\"{q}\"")), "`{q}` is charted: {c:#}");
    }
}

#[test]
fn rare_answers_of_an_open_set_are_pooled_and_scale_answers_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = survey_inputs(dir.path());
    let json = crate::support::json_figures(report(&inputs, &dir.path().join("out"), "json"));
    let c = &json["consultation"];
    let bars = |chart: &serde_json::Value| -> Vec<(String, String)> {
        chart["bars"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b["label"].as_str().unwrap().to_string(), b["shown"].as_str().unwrap().to_string()))
            .collect()
    };

    // An open set: the answer given by 3 is pooled, not named.
    let heard = c["single"].as_array().unwrap().iter().find(|q| q["title"] == "How did you hear about the event?").expect("charted");
    let heard = bars(heard);
    assert_eq!(heard.last().unwrap(), &("Other answers".to_string(), "<5".to_string()), "{heard:?}");
    assert!(heard.iter().any(|(l, s)| l == "Friend" && s == "14"), "{heard:?}");
    let multi = bars(&c["multi"][0]);
    assert!(multi.iter().any(|(l, s)| l == "Other answers" && s == "<5"), "{multi:?}");
    assert!(multi.iter().any(|(l, s)| l == "Naloxone training" && s == "20"), "{multi:?}");
    let alt = c["multi"][0]["alt"].as_str().unwrap();
    assert!(alt.contains("counted together as “Other answers”"), "{alt}");

    // A recognised scale: an option given by 3 is shown as <5.
    let likert = &c["likert"][0];
    let segments: Vec<(&str, &str)> =
        likert["segments"].as_array().unwrap().iter().map(|s| (s["label"].as_str().unwrap(), s["shown"].as_str().unwrap())).collect();
    assert!(segments.contains(&("Strongly disagree", "<5")), "{segments:?}");
    assert!(segments.contains(&("Agree", "15")), "{segments:?}");

    // Municipalities of the region are named even when few (as <5); what
    // is not a municipality is pooled. Roles are an open set.
    let places = bars(&c["by_municipality"]);
    assert!(places.contains(&("Kingsville".to_string(), "<5".to_string())), "{places:?}");
    assert!(places.iter().any(|(l, _)| l == "Other answers"), "{places:?}");
    let roles = bars(&c["by_role"]);
    assert!(roles.iter().any(|(l, _)| l == "Other answers"), "{roles:?}");
}

#[test]
fn check_names_dropped_columns_but_prints_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = survey_inputs(dir.path());
    for json in [false, true] {
        let mut args = vec!["check", "--inputs", inputs.to_str().unwrap()];
        if json {
            args.push("--json");
        }
        let result = run(&args);
        let all = format!("{}\n{}", stdout(&result), stderr(&result));
        assert!(result.status.success(), "{all}");
        assert_no_secret("check", &all);
        // Columns dropped for what they hold are named, with the kind of
        // detail, never the value.
        for (column, why) in [
            ("Q7", "street addresses"),
            ("Q12", "people's names"),
            ("Q13", "email addresses"),
            ("Q14", "dates of birth"),
            ("Where did you find this survey?", "links"),
        ] {
            let line = all.lines().find(|l| l.contains(&format!("`{column}`"))).unwrap_or_else(|| panic!("`{column}` not named:\n{all}"));
            assert!(line.contains(why), "{line}");
        }
        if !json {
            // How the sheet was read: counts and kinds only.
            assert!(all.contains("community-survey.csv: survey (40 rows used"), "{all}");
        }
    }
}

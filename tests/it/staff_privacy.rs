//! Privacy for what staff type (issue 27): personal details typed into any
//! of the staff's tables (events, distribution, focus groups, stakeholders,
//! activities, action items, meetings) reach no output in any format, while
//! the legitimate values beside them (a venue's street address, an
//! organisation with a phone line in its name, a theme that is a place
//! name) still print.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

const GROUP: &str = "Harm Reduction Working Group";

/// Strings staff typed that must never reach any output.
const SECRETS: &[&str] = &[
    "Dana Smith",
    "519-555-0177",
    "Jane Doe",
    "412 Elm",
    "Patel",
    "Sam Lee",
    "sam.lee@example.com",
    "Robin Tran",
    "519-555-0199",
    "Casey Morgan",
    "casey.m@example.org",
    "88 Birch",
    "226-555-0111",
    "N8X 1A1",
    "1987-03-02",
    "Tyler",
    "Marcus",
    "Jo Ann",
    "client #4471",
    "jane_doe99",
    "J.D.",
    // A label of a focus group nobody listed: it prints as its kind.
    "Riverside parents circle",
    // A theme raised in one session only: counted, not named.
    "transport",
];

/// Legitimate values that must still print (in the report).
const REPORT_KEEPS: &[&str] = &["Pelee Island", "Housing", "Kids Help Phone", "ConnexOntario 1-866-531-2600", "Youth Advisory Group"];

/// An inputs folder with personal details in each kind of staff-typed
/// column, mixed with legitimate values.
fn inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group", "Start", "End", "Location", "Title"],
            &["2025-06-18", GROUP, "10:00", "12:00", "Boardroom 2, 1005 Ouellette Ave", "Spring meeting"],
            &["2025-10-07", GROUP, "10:00", "12:00", "Boardroom 2, 1005 Ouellette Ave, N9A 4J8", "Debrief with Dana Smith 519-555-0177"],
        ],
    );
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Location", "Plans Distributed", "Feedback Responses", "Felt More Confident", "Notes"],
            &["2025-07-01", "Summer BBQ", "Lanspeary Park, 1500 Ottawa St", "10", "4", "3", "Jane Doe asked about her son Tyler"],
            &["2025-08-01", "Home visit Robin Tran 519-555-0199", "88 Birch Cres", "5", "4", "4", ""],
            &["2025-09-01", "Resource Fair", "Call Sam Lee 226-555-0111", "5", "4", "4", ""],
        ],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[
            &["Date", "Quantity", "Organization", "Channel"],
            &["2025-05-01", "40", "Kids Help Phone", "Pickup"],
            &["2025-07-01", "10", "ConnexOntario 1-866-531-2600", "Pickup"],
            &["2025-08-01", "5", "Sam Lee sam.lee@example.com", "Mail-out to N8X 1A1"],
        ],
    );
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Pillar", "Activity", "Status", "Start", "Due", "Lead"],
            &["Safety Project", GROUP, "Train outreach staff", "Planned", "2025-09-01", "2025-12-01", "Harm Reduction Coordinator"],
            &["Safety Project", GROUP, "Visit client at 88 Birch Cres", "Planned", "2025-09-01", "2025-12-01", "Outreach Lead"],
            &[
                "Safety Project",
                GROUP,
                "Follow up with outreach",
                "In progress",
                "2025-09-01",
                "2025-12-01",
                "Casey Morgan casey.m@example.org",
            ],
        ],
    );
    write_csv(
        &inputs.join("action-items.csv"),
        &[
            &["Action Item", "Meeting", "Audience"],
            &["Share the survey with your staff", "2025-10-07", "All members"],
            &["Call Dana at 226-555-0111 about the referral", "2025-10-07", "All members"],
            &["Follow up on client #4471", "2025-10-07", "All members"],
            &["DM @jane_doe99 about the kit", "2025-10-07", "All members"],
        ],
    );
    write_csv(
        &inputs.join("stakeholders.csv"),
        &[
            &["Organization", "Sector", "Municipality", "Contacted", "Participated"],
            &["Windsor Police Service", "Police", "Windsor", "Yes", "Yes"],
            &["Robin Tran 519-555-0199", "Resident", "Windsor", "Yes", "No"],
            &["Kids Help Phone", "Mental health", "Windsor", "Yes", "Yes"],
            &["ConnexOntario 1-866-531-2600", "Mental health", "Windsor", "Yes", "Yes"],
        ],
    );
    write_csv(
        &inputs.join("focus-groups.csv"),
        &[
            &["Session Date", "Focus Group", "Municipality", "Participants", "Key Themes", "Notes"],
            &["2025-09-10", GROUP, "Windsor", "9", "housing; Pelee Island; stigma", "Dr. Patel attended"],
            &["2025-09-17", "Youth Advisory Group", "Kingsville", "6", "housing; Pelee Island; transport", ""],
            &["2025-09-24", "Essex service providers (Dr. Patel, Sam Lee)", "Essex", "7", "housing; stigma", ""],
            &["2025-10-01", "Riverside parents circle", "Windsor", "8", "Jane Doe's overdose at 412 Elm St; housing", ""],
            &["2025-10-02", "Windsor Residents", "Windsor", "8", "client Marcus uses alone; resident Jo Ann; 1987-03-02", ""],
            &["2025-10-03", "Windsor Residents", "Windsor", "8", "J.D., 34, relapsed; housing", ""],
        ],
    );
    inputs
}

/// Asserts that no secret occurs in `text` (also with its spaces collapsed).
fn assert_no_secret(what: &str, text: &str) {
    let collapsed = collapse(text);
    for secret in SECRETS {
        assert!(!text.contains(secret) && !collapsed.contains(secret), "{what} leaks `{secret}`:\n{text}");
    }
}

/// Runs the tool, asserts it succeeded and that nothing it printed (results,
/// warnings) holds a secret; returns stdout.
fn run_clean(args: &[&str]) -> String {
    let result = run(args);
    assert_ok(&result);
    let (out, err) = (stdout(&result), stderr(&result));
    assert_no_secret(&format!("`{}` (stdout)", args.join(" ")), &out);
    assert_no_secret(&format!("`{}` (warnings)", args.join(" ")), &err);
    format!("{out}\n{err}")
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}

/// Every string in the PDF's objects (alt text and tags included).
fn pdf_strings(pdf: &Path) -> String {
    let Ok(out) = Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(pdf).arg("-").output() else {
        return String::new();
    };
    let latin: String = out.stdout.iter().map(|&b| b as char).collect();
    let utf16: String = out.stdout.chunks(2).map(|p| if p.len() == 2 && p[0] == 0 { p[1] as char } else { ' ' }).collect();
    format!("{latin}\n{utf16}")
}

#[test]
fn nothing_staff_typed_about_people_reaches_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path());
    let i = inputs.to_str().unwrap();
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();

    // The report, in both languages, in every format.
    run_clean(&["report", "--year", "2025", "--inputs", i, "--out", o, "--lang", "en,fr", "--format", "pdf,html,typ"]);
    let mut report_text = String::new();
    for (stem, withheld) in [("annual-report-2025", "[withheld]"), ("rapport-annuel-2025", "[masqué]")] {
        let pdf = out.join(format!("{stem}.pdf"));
        let text = pdf_text(&pdf);
        assert_no_secret(&format!("{stem}.pdf text"), &text);
        assert_no_secret(&format!("{stem}.pdf objects"), &pdf_strings(&pdf));
        let html = std::fs::read_to_string(out.join(format!("{stem}.html"))).unwrap();
        assert_no_secret(&format!("{stem}.html"), &html);
        let typ = std::fs::read_to_string(out.join(format!("{stem}.typ"))).unwrap();
        assert_no_secret(&format!("{stem}.typ"), &typ);
        // A withheld partner prints as the edition's placeholder.
        assert!(html.contains(withheld), "{stem}.html has no `{withheld}`");
        if stem.starts_with("annual") {
            report_text = format!("{text}\n{html}");
        }
    }
    // The legitimate values still print.
    for keep in REPORT_KEEPS {
        assert!(report_text.contains(keep) || collapse(&report_text).contains(keep), "the report lost `{keep}`");
    }
    // An unlisted focus-group label prints as its kind; rare themes are counted.
    assert!(report_text.contains("community session") || report_text.contains("Community session"), "no `community session`");
    assert!(report_text.contains("Other themes"), "rare themes are not counted as `Other themes`");

    let json = run_clean(&["report", "--year", "2025", "--inputs", i, "--out", o, "--format", "json"]);
    assert!(json.contains("Pelee Island") && json.contains("Other themes"), "{json}");

    // The deck, in both languages, as PDF, PowerPoint, Typst and JSON.
    run_clean(&["deck", "--meeting", "2025-10-07", "--inputs", i, "--out", o, "--lang", "en,fr", "--format", "pdf,pptx,typ"]);
    let mut deck_text = String::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.starts_with("annual") || name.starts_with("rapport") || !path.is_file() {
            continue;
        }
        let text = match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => format!("{}\n{}", pdf_text(&path), pdf_strings(&path)),
            Some("pptx") => pptx_xml(&path),
            Some("typ") => std::fs::read_to_string(&path).unwrap(),
            _ => continue,
        };
        assert_no_secret(&name, &text);
        deck_text.push_str(&text);
    }
    assert!(!deck_text.is_empty(), "the deck was written");
    // A venue's street address stays.
    assert!(deck_text.contains("1005 Ouellette Ave"), "the deck lost the venue's street address");
    assert!(deck_text.contains("Share the survey with your staff"), "the deck lost a legitimate action item");
    run_clean(&["deck", "--meeting", "2025-10-07", "--inputs", i, "--out", o, "--format", "json"]);

    // `build` (which explains its figures against the last build) twice,
    // and what it keeps of the last build.
    let built = dir.path().join("built");
    let b = built.to_str().unwrap();
    run_clean(&["build", "--inputs", i, "--out", b, "--format", "typ"]);
    run_clean(&["build", "--inputs", i, "--out", b, "--format", "typ"]);
    for entry in walk(&built) {
        if let Ok(text) = std::fs::read_to_string(&entry) {
            assert_no_secret(&entry.display().to_string(), &text);
        }
    }

    // `check` and `meetings`, as text and JSON: the cells are named, the
    // values never.
    let check = run_clean(&["check", "--inputs", i]);
    run_clean(&["check", "--inputs", i, "--json"]);
    run_clean(&["meetings", "--inputs", i]);
    for (cell, kind) in [
        ("events.csv › B3", "a person's name"),
        ("events.csv › C4", "a person's name"),
        ("distribution.csv › D4", "a postal code"),
        ("activities.csv › C3", "a street address"),
        ("meetings.csv › F3", "a person's name"),
        ("action-items.csv › A3", "a person's name"),
        ("focus-groups.csv › E5", "a street address"),
        ("focus-groups.csv › E6", "a person's name"),
        ("focus-groups.csv › B4", "a person's name"),
        ("focus-groups.csv › E7", "a person's initials"),
        ("action-items.csv › A4", "an ID, case or file number"),
        ("action-items.csv › A5", "a social media handle"),
        ("stakeholders.csv › A3", "a person's name"),
    ] {
        let line = check.lines().find(|l| l.contains(cell)).unwrap_or_else(|| panic!("`{cell}` is not named:\n{check}"));
        assert!(line.contains("personal details") && line.contains(kind), "{line}");
    }
}

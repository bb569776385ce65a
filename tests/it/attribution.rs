//! Figures under the project they belong to (issue 26): every edition of a
//! deck features the same projects, chosen from the data as typed; the
//! events, plans and % more confident sit under the featured project the
//! rows name (or the content file says its events were for), else on a
//! slide of the working group's own.

use std::path::Path;

use crate::support::*;

/// The decks' figures (`--format json`) for the meeting on `date`, English
/// then French.
fn decks(inputs: &Path, date: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "deck",
        "--inputs",
        &inputs.display().to_string(),
        "--out",
        &dir.path().display().to_string(),
        "--meeting",
        date,
        "--format",
        "json",
        "--lang",
        "en,fr",
    ]);
    assert_ok(&out);
    crate::support::json_documents(&out.stdout)
}

/// A deck's featured projects, as the activity rows they were made from
/// (the same in every language; each edition orders them by the names it
/// prints), with how they were chosen and the rows of the project the
/// figures sit under.
fn featured(deck: &serde_json::Value) -> (std::collections::BTreeSet<String>, serde_json::Value, Option<String>) {
    let projects = deck["projects"].as_array().unwrap();
    let rows = |p: &serde_json::Value| p["rows"].to_string();
    let owner = projects.iter().find(|p| p["name"] == deck["figures_project"]).map(rows);
    (projects.iter().map(rows).collect(), deck["projects_chosen_by"].clone(), owner)
}

#[test]
fn every_edition_of_every_sample_deck_features_the_same_projects() {
    let out = run(&["meetings", "--inputs", &samples().display().to_string(), "--json"]);
    assert_ok(&out);
    let meetings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dates: std::collections::BTreeSet<String> =
        meetings["meetings"].as_array().unwrap().iter().map(|m| m["date"].as_str().unwrap().to_string()).collect();
    assert!(dates.len() >= 6, "{dates:?}");
    for date in &dates {
        let all = decks(&samples(), date);
        assert_eq!(all.len() % 2, 0, "{date}: one deck per language");
        let (en, fr) = all.split_at(all.len() / 2);
        for (e, f) in en.iter().zip(fr) {
            assert_eq!(e["lang"], "en");
            assert_eq!(f["lang"], "fr");
            assert_eq!(
                featured(e),
                featured(f),
                "{date}: the English and French decks of `{}` feature other projects",
                e["meeting"]["group"]
            );
        }
    }
}

#[test]
fn the_figures_sit_under_the_project_their_rows_name_or_the_group() {
    let dir = tempfile::tempdir().unwrap();
    // No project named in the rows, and a group the content file does not
    // know: the figures are the group's, on a slide of its own.
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    let all = decks(&inputs, "2025-10-07");
    assert!(all[0]["figures_project"].is_null(), "{}", all[0]);
    let out = run_in(dir.path(), &["deck", "--inputs", "inputs", "--out", "out", "--meeting", "2025-10-07"]);
    assert_ok(&out);
    let text = pdf_text(&dir.path().join("out/meeting-deck-2025-10-07.pdf"));
    assert_in_order(&text, &["ACCOMPLISHMENTS TO DATE", "Safety Working Group", "Attended 2 community events", "Safety Project"]);

    // The events name their project: the figures sit under it.
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident", "Project"],
            &["2025-07-01", "Summer BBQ", "10", "4", "3", "Safety Project"],
            &["2025-08-01", "Resource Fair", "5", "4", "4", "Safety Project"],
        ],
    );
    let all = decks(&inputs, "2025-10-07");
    assert_eq!(all[0]["figures_project"], "Safety Project", "{}", all[0]);
    let out = run_in(dir.path(), &["deck", "--inputs", "inputs", "--out", "out", "--meeting", "2025-10-07"]);
    assert_ok(&out);
    let text = pdf_text(&dir.path().join("out/meeting-deck-2025-10-07.pdf"));
    assert_in_order(&text, &["Project Update: Safety Project", "ACCOMPLISHMENTS TO DATE", "Safety Project", "Attended 2 community events"]);
    assert!(!text.contains("ACCOMPLISHMENTS TO DATE Safety Working Group"), "{text}");
}

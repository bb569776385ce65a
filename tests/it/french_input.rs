//! French workbooks: headers, statuses, dates, yes/no, Likert answers and
//! percentages written in French (with or without accents) are read as
//! their English twins are, and a French form export drops its identifying
//! columns as the English one does.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

/// One invented folder's tables, as (file name, rows), in English or in French.
fn tables(french: bool) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let pick = |en: &str, fr: &str| if french { fr.to_string() } else { en.to_string() };
    let row = |cells: &[String]| cells.to_vec();
    let events = vec![
        row(&[
            pick("Event date", "Date de l'événement"),
            pick("Event", "Événement"),
            pick("Municipality", "Municipalité"),
            pick("Residents reached", "Résidents rejoints"),
            pick("Plans distributed", "Plans distribués"),
            pick("Feedback responses", "Réponses"),
            pick("Felt more confident", "Plus confiants"),
        ]),
        row(&[
            pick("March 3, 2025", "3 mars 2025"),
            "Harbourfront fair".into(),
            "Windsor".into(),
            "140".into(),
            "60".into(),
            "20".into(),
            "18".into(),
        ]),
        row(&[
            pick("June 19, 2025", "19 juin 2025"),
            "Lakeside market".into(),
            "Tecumseh".into(),
            "1,210".into(),
            "35".into(),
            "10".into(),
            "9".into(),
        ]),
        row(&[
            pick("February 1, 2025", "1er février 2025"),
            "Winter open house".into(),
            "Lakeshore".into(),
            "75".into(),
            "12".into(),
            "".into(),
            "".into(),
        ]),
    ];
    let distribution = vec![
        row(&[pick("Date distributed", "Date de distribution"), pick("Quantity", "Quantité"), pick("Municipality", "Municipalité")]),
        row(&[pick("2025-03-03", "2025-03-03"), "60".into(), "Windsor".into()]),
        row(&[pick("August 14, 2025", "14 août 2025"), "41".into(), "Tecumseh".into()]),
        row(&[pick("December 2, 2025", "2 déc. 2025"), "17".into(), "Lakeshore".into()]),
    ];
    let workplan = vec![
        row(&[
            pick("Activity", "Activité"),
            pick("Status", "Statut"),
            pick("Project", "Projet"),
            pick("Pillar", "Pilier"),
            pick("Start", "Début"),
            pick("Due", "Échéance"),
        ]),
        row(&[
            "Map the outreach routes".into(),
            pick("Done", "Terminé"),
            "Harbour outreach".into(),
            "Harm Reduction".into(),
            pick("January 6, 2025", "6 janvier 2025"),
            pick("March 28, 2025", "28 mars 2025"),
        ]),
        row(&[
            "Train the volunteers".into(),
            pick("In progress", "En cours"),
            "Harbour outreach".into(),
            "Harm Reduction".into(),
            pick("April 1, 2025", "1er avril 2025"),
            pick("October 31, 2025", "31 octobre 2025"),
        ]),
        row(&[
            "Print the route cards".into(),
            pick("Planned", "Prévu"),
            "Harbour outreach".into(),
            "Harm Reduction".into(),
            pick("November 3, 2025", "3 novembre 2025"),
            pick("December 19, 2025", "19 decembre 2025"),
        ]),
        row(&[
            "Survey the shelters".into(),
            pick("Not started", "À venir"),
            "Harbour outreach".into(),
            "Harm Reduction".into(),
            "".into(),
            "".into(),
        ]),
    ];
    let mut survey = vec![row(&[
        pick("Timestamp", "Horodateur"),
        pick("Email address", "Adresse e-mail"),
        pick("Municipality", "Municipalité"),
        pick("The plan was easy to follow", "Le plan était facile à suivre"),
        pick("Did you use the plan?", "Avez-vous utilisé le plan?"),
        pick("Other comments", "Autres commentaires"),
    ])];
    let likert_en = ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"];
    let likert_fr = ["Tout à fait d'accord", "D'accord", "Neutre", "Pas d'accord", "Pas du tout d'accord"];
    for i in 0..24usize {
        let scale = [0, 0, 1, 1, 1, 2, 0, 1, 3, 1, 0, 4][i % 12];
        survey.push(row(&[
            format!("2025-05-{:02} 10:{:02}:00", 1 + i % 28, i),
            format!("resident{i}@example.org"),
            ["Windsor", "Tecumseh", "Lakeshore"][i % 3].into(),
            if french { likert_fr[scale].into() } else { likert_en[scale].into() },
            if i % 3 == 0 { pick("No", "Non") } else { pick("Yes", "Oui") },
            if i % 5 == 0 { format!("Call me at 613-555-01{i:02}") } else { String::new() },
        ]));
    }
    vec![("events.csv", events), ("distribution.csv", distribution), ("workplan.csv", workplan), ("survey.csv", survey)]
}

/// Writes the folder's tables as CSV files in `dir`.
pub(crate) fn write(dir: &Path, french: bool) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, rows) in tables(french) {
        let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        write_csv(&dir.join(name), &rows);
    }
}

/// The report's figures (`--format json`) for the folder `inputs`.
fn figures(inputs: &Path) -> Value {
    let out = run(&["report", "--year", "2025", "--format", "json", "--inputs", inputs.to_str().unwrap(), "--out", "/nonexistent-out"]);
    assert_ok(&out);
    crate::support::json_figures(stdout(&out))
}

/// Every count of a bar chart, in order.
fn counts(chart: &Value) -> Vec<String> {
    chart["bars"].as_array().unwrap_or(&Vec::new()).iter().map(|b| b["shown"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn a_french_folder_gives_the_figures_of_its_english_twin() {
    let dir = tempfile::tempdir().unwrap();
    let (en, fr) = (dir.path().join("en"), dir.path().join("fr"));
    write(&en, false);
    write(&fr, true);
    let (en, fr) = (figures(&en), figures(&fr));
    // The headline figures, every one.
    assert_eq!(en["kpis"], fr["kpis"], "headline figures");
    assert_eq!(en["kpis"]["events"], 3);
    assert_eq!(en["kpis"]["plans_year"], 118);
    assert_eq!(en["kpis"]["survey_responses"], 24);
    // Plans by month and events by month, the dates read from French month
    // names ("1er février", "14 août", "2 déc.").
    assert_eq!(counts(&en["safety"]["by_month"]), counts(&fr["safety"]["by_month"]));
    assert_eq!(counts(&en["safety"]["by_municipality"]), counts(&fr["safety"]["by_municipality"]));
    // The workplan: statuses in French (Terminé, En cours, Prévu, À venir).
    assert_eq!(counts(&en["status"]), counts(&fr["status"]), "{:#}", fr["status"]);
    assert_eq!(counts(&en["status"]).len(), 3, "done, in progress and planned: {:#}", en["status"]);
    // The survey: the Likert statement read as a scale, the yes/no question
    // as yes/no, with the same counts.
    let likert = |f: &Value| {
        f["consultation"]["likert"]
            .as_array()
            .unwrap_or(&Vec::new())
            .iter()
            .map(|q| q["segments"].as_array().unwrap().iter().map(|s| s["shown"].clone()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    assert!(!likert(&en).is_empty(), "the English statement is a Likert question");
    assert_eq!(likert(&en), likert(&fr));
    let yes_no = |f: &Value| f["consultation"]["yes_no"].as_array().map(|q| q.iter().map(counts).collect::<Vec<_>>());
    assert_eq!(yes_no(&en), yes_no(&fr));
    assert_eq!(yes_no(&en).map(|q| q.len()), Some(1), "the yes/no question: {:#}", en["consultation"]);
}

#[test]
fn a_french_form_export_drops_its_identifying_columns() {
    let dir = tempfile::tempdir().unwrap();
    let fr = dir.path().join("fr");
    write(&fr, true);
    let out = run(&["check", "--inputs", fr.to_str().unwrap()]);
    let text = stderr(&out) + &stdout(&out);
    assert!(text.contains("`Adresse e-mail` was dropped"), "{text}");
    // The written comments are counted only: no answer reaches the figures.
    let figures = serde_json::to_string(&figures(&fr)).unwrap();
    assert!(!figures.contains("example.org") && !figures.contains("613-555"), "an answer leaked into the figures");
}

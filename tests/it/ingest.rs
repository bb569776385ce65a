//! Ingest through the library API on generated fixture folders
//! (`support::fixtures`): every table kind, every alias, every value form,
//! surveys from three tools, privacy, and located errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::{diagnostics_text, fixtures, read_inputs};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use wecoss_report::diag::{Diagnostics, Severity};
use wecoss_report::tables::values::{DateOrder, Status};
use wecoss_report::tables::{self, Answer, Dataset, Kind, QuestionType, ReadOptions};

fn lines(diags: &Diagnostics, severity: Severity) -> Vec<String> {
    diags.of(severity).map(|d| format!("{}: {}", d.location, d.message)).collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dt(y: i32, m: u32, day: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, mi, s).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The messy valid folder, generated once per test binary and read once.
struct Messy {
    inputs: PathBuf,
    data: Dataset,
    diags: Diagnostics,
}

fn messy() -> &'static Messy {
    static MESSY: OnceLock<Messy> = OnceLock::new();
    MESSY.get_or_init(|| {
        // Everything is read into memory; the folder goes when `dir` drops.
        let dir = tempfile::tempdir().unwrap();
        let inputs = fixtures::messy_valid(dir.path());
        let (data, diags) = read_inputs(&inputs, None);
        Messy { inputs, data, diags }
    })
}

/// `file › sheet` relative to the inputs folder, for a sheet report.
fn place(m: &Messy, file: &str, sheet: Option<&str>) -> String {
    let rel = Path::new(file).strip_prefix(&m.inputs).unwrap().display().to_string();
    match sheet {
        Some(s) => format!("{rel} › {s}"),
        None => rel,
    }
}

#[test]
fn messy_folder_reads_without_errors_and_every_sheet_is_placed() {
    let m = messy();
    assert!(!m.diags.has_errors(), "{}", diagnostics_text(&m.diags));
    let kinds: BTreeMap<String, Option<Kind>> = m.data.sheets.iter().map(|s| (place(m, &s.file, s.sheet.as_deref()), s.kind)).collect();
    let expected = [
        ("2024/old-events.csv", Some(Kind::Events)),
        ("distribution-dmy.csv", Some(Kind::Distribution)),
        ("distribution-mdy.csv", Some(Kind::Distribution)),
        ("events-extra.csv", Some(Kind::Events)),
        ("events.xlsx › Spring", Some(Kind::Events)),
        ("events.xlsx › Summer", Some(Kind::Events)),
        ("focus-groups.ods › Sessions", Some(Kind::FocusGroups)),
        ("misc.xlsx › Budget", None),
        ("misc.xlsx › Meetings 2024", Some(Kind::Meetings)),
        ("misc.xlsx › Sheet2", None),
        ("partner-log.ods › Partner Log", Some(Kind::Distribution)),
        ("stakeholders-excel-csv.csv", Some(Kind::Stakeholders)),
        ("stakeholders.xlsx › Partners", Some(Kind::Stakeholders)),
        ("survey-google-forms.csv", Some(Kind::Survey)),
        ("survey-microsoft-forms.xlsx › Form1", Some(Kind::Survey)),
        ("survey-monkey.xlsx › Sheet", Some(Kind::Survey)),
        ("workplan.xlsm › Action Items", Some(Kind::ActionItems)),
        ("workplan.xlsm › Activities", Some(Kind::Activities)),
        ("workplan.xlsm › Meetings", Some(Kind::Meetings)),
    ];
    let expected: BTreeMap<String, Option<Kind>> = expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
    assert_eq!(kinds, expected, "lock, dot and text files are skipped; every spreadsheet is listed");
}

#[test]
fn every_kind_is_read_and_merged_across_sheets_and_files() {
    let data = &messy().data;
    assert_eq!(data.events.len(), 13);
    assert_eq!(data.distribution.len(), 6);
    assert_eq!(data.surveys.len(), 3);
    assert_eq!(data.focus_groups.len(), 2);
    assert_eq!(data.stakeholders.len(), 9);
    assert_eq!(data.activities.len(), 13);
    assert_eq!(data.action_items.len(), 2);
    assert_eq!(data.meetings.len(), 4);
    let event_sources: std::collections::BTreeSet<_> =
        data.events.iter().map(|e| (e.source.file.clone(), e.source.sheet.clone())).collect();
    assert_eq!(event_sources.len(), 4, "events from two sheets of one file and from two CSVs");
}

#[test]
fn header_rows_below_title_rows() {
    let m = messy();
    let header = |sheet: &str| m.data.sheets.iter().find(|s| s.sheet.as_deref() == Some(sheet)).unwrap().header_row;
    assert_eq!(header("Spring"), Some(4));
    assert_eq!(header("Partner Log"), Some(2));
    assert_eq!(header("Summer"), Some(1));
    let spring = m.data.sheets.iter().find(|s| s.sheet.as_deref() == Some("Spring")).unwrap();
    assert_eq!(spring.columns_ignored, ["Budget ($)"]);
    assert_eq!(spring.rows_used, 8);
}

#[test]
fn every_date_form() {
    let data = &messy().data;
    let dates: BTreeMap<&str, NaiveDate> = data.events.iter().map(|e| (e.name.as_str(), e.date)).collect();
    let expected = [
        ("Summer BBQ", d(2025, 6, 19)),          // real date cell
        ("Resource Fair", d(2025, 6, 20)),       // 2025-06-20
        ("Block Party", d(2025, 6, 21)),         // 2025/06/21
        ("Library Pop-up", d(2025, 6, 22)),      // June 22, 2025
        ("Park Clean-up", d(2025, 6, 23)),       // 23 June 2025
        ("Market Table", d(2025, 6, 24)),        // Jun 24 2025
        ("Seniors Tea", d(2025, 6, 25)),         // Excel serial 45833 in a date column
        ("Youth Night", d(2025, 6, 26)),         // 2025/06/26 9:00:00 AM EST
        ("Canada Day Follow-up", d(2025, 7, 3)), // Jul 3 2025
        ("Evening Walk", d(2025, 7, 4)),         // real date-time cell
        ("Pool Party", d(2025, 7, 10)),          // 2025/07/10 1:15:00 PM GMT-4
        ("Street Festival", d(2025, 7, 19)),     // 19 July 2025
        ("Harvest Fair", d(2024, 11, 2)),        // in a subfolder
    ];
    for (name, date) in expected {
        assert_eq!(dates.get(name), Some(&date), "{name}");
    }
}

#[test]
fn day_month_order_is_decided_per_column() {
    let data = &messy().data;
    let by_file =
        |stem: &str| -> Vec<NaiveDate> { data.distribution.iter().filter(|r| r.source.file.ends_with(stem)).map(|r| r.date).collect() };
    // 13/06/2025 settles the first column as day-first, 06/13/2025 the second as month-first.
    assert_eq!(by_file("distribution-dmy.csv"), [d(2025, 6, 13), d(2025, 7, 3)]);
    assert_eq!(by_file("distribution-mdy.csv"), [d(2025, 6, 13), d(2025, 7, 3)]);
}

#[test]
fn an_ambiguous_date_column_is_one_located_error_unless_an_order_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = fixtures::ambiguous_dates(dir.path());
    let (data, diags) = read_inputs(&inputs, None);
    let errors = lines(&diags, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("distribution.csv › A2: found `03/04/2025`"), "{}", errors[0]);
    assert!(errors[0].contains("--date-order dmy"), "{}", errors[0]);
    assert!(errors[0].contains("set `date_order = \"dmy\"` (or `\"mdy\"`) in `wecoss.toml`"), "{}", errors[0]);
    assert!(data.distribution.is_empty());

    let (data, diags) = read_inputs(&inputs, Some(DateOrder::Dmy));
    assert!(!diags.has_errors(), "{}", diagnostics_text(&diags));
    assert_eq!(data.distribution.iter().map(|r| r.date).collect::<Vec<_>>(), [d(2025, 4, 3), d(2025, 6, 5)]);
    let (data, diags) = read_inputs(&inputs, Some(DateOrder::Mdy));
    assert!(!diags.has_errors(), "{}", diagnostics_text(&diags));
    assert_eq!(data.distribution.iter().map(|r| r.date).collect::<Vec<_>>(), [d(2025, 3, 4), d(2025, 5, 6)]);
}

#[test]
fn counts_with_separators_and_decimals() {
    let data = &messy().data;
    let plans: BTreeMap<&str, Option<u64>> = data.events.iter().map(|e| (e.name.as_str(), e.plans_distributed)).collect();
    assert_eq!(plans["Summer BBQ"], Some(1420));
    assert_eq!(plans["Resource Fair"], Some(257));
    let total: u64 = data.events.iter().filter_map(|e| e.plans_distributed).sum();
    assert_eq!(total, 1420 + 257 + 12 + 5 + 2 + 4 + 6, "totals rows are never counted");
    let ods: Vec<u64> = data.distribution.iter().filter(|r| r.source.file.ends_with(".ods")).map(|r| r.quantity).collect();
    assert_eq!(ods, [40, 1000]);
}

#[test]
fn percentages_of_feedback_responses() {
    let data = &messy().data;
    let confident: BTreeMap<&str, (Option<u64>, Option<u64>)> =
        data.events.iter().map(|e| (e.name.as_str(), (e.feedback_responses, e.felt_more_confident))).collect();
    assert_eq!(confident["Summer BBQ"], (Some(20), Some(19)), "a count");
    assert_eq!(confident["Library Pop-up"], (Some(25), Some(24)), "a count");
    assert_eq!(confident["Pool Party"], (Some(10), Some(9)), "`90` in a `(%)` column");
    assert_eq!(confident["Street Festival"], (Some(20), Some(19)), "`0.95` in a `(%)` column");
}

#[test]
fn totals_and_blank_rows_are_skipped_and_noted() {
    let m = messy();
    let notes = lines(&m.diags, Severity::Note);
    for (sheet, row) in
        [("events.xlsx › Spring", 14), ("events.xlsx › Spring", 15), ("events.xlsx › Summer", 4), ("partner-log.ods › Partner Log", 6)]
    {
        let want = format!("{sheet} › row {row}: totals row skipped");
        assert!(notes.iter().any(|n| n.contains(&want)), "{want} in {notes:#?}");
    }
    assert_eq!(notes.iter().filter(|n| n.contains("totals row")).count(), 4, "{notes:#?}");
}

#[test]
fn classification_ties_and_skipped_sheets() {
    let m = messy();
    let warnings = lines(&m.diags, Severity::Warning);
    let on = |sheet: &str| warnings.iter().filter(|w| w.contains(&format!("misc.xlsx › {sheet}:"))).cloned().collect::<Vec<_>>();
    let ambiguous = on("Sheet2");
    assert_eq!(ambiguous.len(), 1, "{warnings:#?}");
    assert!(ambiguous[0].contains("`focus groups` and `meetings`"), "{}", ambiguous[0]);
    let budget = on("Budget");
    assert_eq!(budget.len(), 1, "{warnings:#?}");
    assert!(budget[0].contains("looks like `events` but has no column `event`"), "{}", budget[0]);
    assert!(on("Meetings 2024").is_empty(), "the sheet name breaks the tie");
    assert!(m.data.meetings.iter().any(|r| r.group == "Prevention Working Group" && r.date == d(2024, 11, 5)));
}

#[test]
fn times_in_every_form() {
    let data = &messy().data;
    let times: Vec<(NaiveDate, Option<NaiveTime>, Option<NaiveTime>)> =
        data.meetings.iter().filter(|m| m.source.file.ends_with(".xlsm")).map(|m| (m.date, m.start, m.end)).collect();
    assert_eq!(
        times,
        [
            (d(2025, 6, 18), Some(hm(10, 0)), Some(hm(10, 0))),  // 10:00, 10:00 AM
            (d(2025, 7, 16), Some(hm(10, 0)), Some(hm(13, 30))), // 10 a.m., 13:30
            (d(2025, 8, 20), Some(hm(14, 0)), Some(hm(15, 0))),  // Excel time, day fraction 0.625
        ]
    );
}

#[test]
fn yes_no_in_every_form_and_a_windows_1252_csv() {
    let data = &messy().data;
    let flags: BTreeMap<&str, (Option<bool>, Option<bool>)> =
        data.stakeholders.iter().map(|s| (s.organization.as_str(), (s.contacted, s.participated))).collect();
    for org in [
        "Windsor Police Service",
        "Victim Services",
        "Family Services",
        "Essex Health Unit",
        "Town of LaSalle",
        "Housing Network",
        "Youth Centre",
    ] {
        assert_eq!(flags[org], (Some(true), Some(false)), "{org}");
    }
    assert_eq!(flags["Legal Clinic"], (Some(true), None));
    let french = data.stakeholders.iter().find(|s| s.organization == "Centre de santé communautaire").expect("decoded é");
    assert_eq!(french.municipality.as_deref(), Some("Sainte-Thérèse"));
    assert_eq!(french.sector.as_deref(), Some("Santé"));
    assert_eq!(french.participated, Some(false));
}

#[test]
fn status_vocabulary_and_xlsm() {
    let data = &messy().data;
    let statuses: Vec<Status> = data.activities.iter().map(|a| a.status).collect();
    let mut expected = vec![Status::Completed; 4];
    expected.extend([Status::InProgress; 4]);
    expected.extend([Status::Planned; 5]);
    assert_eq!(statuses, expected);
    assert!(data.activities.iter().all(|a| a.source.file.ends_with("workplan.xlsm")));
    assert_eq!(data.activities[0].due, Some(d(2025, 12, 1)));
    assert_eq!(data.activities[0].owner.as_deref(), Some("Coordinator"));
    let meetings: Vec<Option<NaiveDate>> = data.action_items.iter().map(|a| a.meeting).collect();
    assert_eq!(meetings, [Some(d(2025, 10, 7)); 2]);
}

#[test]
fn focus_groups_from_ods() {
    let data = &messy().data;
    let groups: Vec<(&str, Option<u64>, Vec<&str>)> =
        data.focus_groups.iter().map(|g| (g.group.as_str(), g.participants, g.themes.iter().map(String::as_str).collect())).collect();
    assert_eq!(groups, [("Youth", Some(8), vec!["Housing", "Stigma"]), ("Seniors", Some(3), vec!["Transit", "Isolation"])]);
    assert_eq!(data.focus_groups[0].date, d(2025, 8, 12));
}

fn survey<'a>(data: &'a Dataset, file: &str) -> &'a tables::Survey {
    data.surveys.iter().find(|s| s.file.ends_with(file)).unwrap()
}

fn report<'a>(data: &'a Dataset, file: &str) -> &'a tables::SheetReport {
    data.sheets.iter().find(|s| s.file.ends_with(file)).unwrap()
}

fn question_types(s: &tables::Survey) -> Vec<(&str, QuestionType)> {
    s.questions.iter().map(|q| (q.text.as_str(), q.kind)).collect()
}

#[test]
fn google_forms_csv_with_bom() {
    let data = &messy().data;
    let s = survey(data, "survey-google-forms.csv");
    assert_eq!(s.responses.len(), 5);
    assert_eq!(s.responses[0].submitted, dt(2025, 10, 1, 9, 0, 0));
    assert_eq!(s.responses[1].submitted, dt(2025, 10, 1, 13, 15, 0));
    assert_eq!(s.responses[0].municipality.as_deref(), Some("Windsor"));
    assert_eq!(s.responses[2].role.as_deref(), Some("Service provider"));
    // Five respondents: no issue was chosen by five, so nothing in that
    // open set could ever be named, and its answers are only counted. The
    // comments hold an address and a phone number: dropped, not counted.
    assert_eq!(
        question_types(s),
        [
            ("The safety plan was clear", QuestionType::Likert),
            ("Which issues matter most to you?", QuestionType::FreeText),
            ("Did you use the plan?", QuestionType::YesNo),
            ("How many people live in your home?", QuestionType::Number),
        ]
    );
    assert_eq!(s.responses[0].answers[1], Some(Answer::Text));
    assert_eq!(report(data, "survey-google-forms.csv").columns_dropped, 2, "the email and comments columns");
}

#[test]
fn microsoft_forms_export() {
    let data = &messy().data;
    let s = survey(data, "survey-microsoft-forms.xlsx");
    assert_eq!(s.responses.len(), 4);
    assert_eq!(s.responses[0].submitted, dt(2025, 9, 2, 9, 4, 0), "the completion time, not the start time");
    assert_eq!(s.responses[1].municipality.as_deref(), Some("Essex"));
    assert_eq!(s.responses[2].role.as_deref(), Some("Service provider"));
    // Four respondents: no support was chosen by five, so it is counted only.
    assert_eq!(
        question_types(s),
        [("Did you feel safer after the event?", QuestionType::YesNo), ("Which supports did you use?", QuestionType::FreeText)]
    );
    assert_eq!(s.responses[0].answers[1], Some(Answer::Text));
    // ID, Start time, Email, Name, Last modified time.
    assert_eq!(report(data, "survey-microsoft-forms.xlsx").columns_dropped, 5);
}

#[test]
fn surveymonkey_export_with_two_header_rows() {
    let data = &messy().data;
    let s = survey(data, "survey-monkey.xlsx");
    assert_eq!(s.responses.len(), 4);
    assert_eq!(s.responses[0].submitted, dt(2025, 10, 14, 9, 15, 2), "End Date, read month-first");
    assert_eq!(
        question_types(s),
        [("Which services have you used?", QuestionType::MultiSelect), ("How satisfied were you with the session?", QuestionType::Likert),]
    );
    assert_eq!(s.questions[0].options, ["Food bank", "Shelter", "Clinic", "Other (please specify)"]);
    let chosen: Vec<_> = s.responses.iter().map(|r| r.answers[0].clone()).collect();
    let many = |v: &[&str]| Some(Answer::Many(Box::new(v.iter().map(|s| (*s).into()).collect())));
    assert_eq!(
        chosen,
        [many(&["Food bank", "Clinic"]), many(&["Shelter", "Other (please specify)"]), many(&["Food bank", "Shelter"]), many(&["Clinic"])]
    );
    // Respondent ID, Collector ID, Start Date, IP Address, Email Address,
    // First Name, Last Name, Custom Data 1, and the comments naming someone.
    assert_eq!(report(data, "survey-monkey.xlsx").columns_dropped, 9);
}

#[test]
fn identifying_values_and_free_text_are_never_stored() {
    let data = &messy().data;
    let json = serde_json::to_string(data).unwrap();
    for secret in fixtures::PERSONAL {
        assert!(!json.contains(secret), "`{secret}` reached the dataset");
    }
    let lowered = json.to_lowercase();
    for header in ["email", "ip address", "respondent id", "first name", "custom data"] {
        assert!(!lowered.contains(header), "the `{header}` column reached the dataset");
    }
}

/// A value that the column `name` accepts.
fn value_for(name: &str) -> &'static str {
    match name {
        "date" | "start" | "due" | "meeting" | "submitted" => "2025-06-19",
        "residents reached" | "plans distributed" | "feedback responses" | "felt more confident" | "quantity" | "participants" => "7",
        "contacted" | "participated" => "yes",
        "status" => "done",
        "start time" | "end time" => "10:00",
        _ => "Some text",
    }
}

fn csv_line(cells: &[String]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cells).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Every alias of every column of every kind (design.md §1), as written and
/// in capitals with a parenthesised remark, is matched to its column.
#[test]
fn every_alias_of_every_kind_is_matched() {
    let mut checked = 0;
    for kind in Kind::ALL {
        for (col_index, col) in kind.columns().iter().enumerate() {
            let names = std::iter::once(col.name).chain(col.aliases.iter().copied());
            for alias in names {
                for header in [alias.to_string(), format!("{} (see notes)", alias.to_uppercase())] {
                    let mut headers = Vec::new();
                    let mut values = Vec::new();
                    for (i, other) in kind.columns().iter().enumerate() {
                        if i == col_index {
                            headers.push(header.clone());
                            values.push(value_for(other.name).to_string());
                        } else if other.required {
                            headers.push(other.name.to_string());
                            values.push(value_for(other.name).to_string());
                        }
                    }
                    let text = csv_line(&headers) + &csv_line(&values);
                    let file = format!("{}.csv", kind.name());
                    let (data, diags) = tables::read_bytes("csv", text.into_bytes(), &file, ReadOptions::default());
                    let what = format!("{} column `{}` as `{header}`", kind.name(), col.name);
                    assert!(diags.is_empty(), "{what}: {}", diagnostics_text(&diags));
                    let sheet = &data.sheets[0];
                    assert_eq!(sheet.kind, Some(kind), "{what}");
                    assert_eq!(sheet.rows_used, 1, "{what}");
                    assert!(sheet.columns_ignored.is_empty(), "{what}: ignored {:?}", sheet.columns_ignored);
                    if kind == Kind::Survey {
                        let s = &data.surveys[0];
                        assert!(s.questions.is_empty(), "{what}: read as a question");
                        let r = &s.responses[0];
                        match col.name {
                            "municipality" => assert_eq!(r.municipality.as_deref(), Some("Some text"), "{what}"),
                            "role" => assert_eq!(r.role.as_deref(), Some("Some text"), "{what}"),
                            _ => assert_eq!(r.submitted, dt(2025, 6, 19, 0, 0, 0), "{what}"),
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn every_cell_error_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = fixtures::bad(dir.path());
    let (_, diags) = read_inputs(&inputs, None);
    let prefix = format!("{}/", inputs.display());
    let errors: Vec<String> = lines(&diags, Severity::Error).into_iter().map(|e| e.replacen(&prefix, "", 1)).collect();
    let expected = [
        "activities.csv › B2: found `blocked`, expected a status",
        "distribution-ambiguous.csv › A2: found `03/04/2025`, expected a date whose day and month can be told apart",
        "events.xlsx › Events › C2: found the error value `#DIV/0!`",
        "events.xlsx › Events › A3: found `June 31, 2025`, expected a date",
        "events.xlsx › Events › C4: found 12.5, expected a whole number",
        "events.xlsx › Events › C5: found -3, expected a whole number",
        "events.xlsx › Events › B6: found an empty cell, expected the event's name",
        "events.xlsx › Events › E7: found 6, expected at most the 5 feedback responses",
        "events.xlsx › Events › E8: found `96%`, expected a whole number (this column counts the people who felt more confident; for a percentage, put `%` in its header: `% felt more confident`)",
        "meetings.csv › C2: found `noonish`, expected a time",
        "not-really.xlsx: the file is not a spreadsheet: it is a text file",
        "partner-log.ods › Log › B2: found the error value `#DIV/0!`",
        "partner-log.ods › Log › B3: found the error value `Err:502`",
        "stakeholders.csv › B2: found `maybe`, expected yes or no",
    ];
    for want in expected {
        assert_eq!(errors.iter().filter(|e| e.starts_with(want)).count(), 1, "`{want}` once in {errors:#?}");
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    let warnings = lines(&diags, Severity::Warning);
    assert!(
        warnings.iter().any(|w| w.contains("notes.xlsx › Notes: skipped: it looks like `events` but has no column `event`")),
        "{warnings:#?}"
    );
}

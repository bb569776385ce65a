//! Fixture folders for the ingest tests, written into a temporary directory by
//! the tests themselves: xlsx (and `.xlsm`) with rust_xlsxwriter, ods with
//! [`super::ods`], both from rows of [`Cell`]s (`row!`), CSV as raw bytes (so a byte-order mark or Windows-1252
//! text is exactly what a tool would write).
//!
//! - [`messy_valid`]: every table kind and format, header rows below title
//!   rows, every value form of design.md §1, totals and blank rows, kinds
//!   merged from several sheets and files, the three survey tools' exports,
//!   a Windows-1252 CSV, a tie broken by a sheet name, an ambiguous sheet and
//!   a sheet missing a required column. It has warnings and notes but no
//!   error.
//! - [`bad`]: one located error of each sort a cell or a file can have.
//! - [`ambiguous_dates`]: a distribution CSV whose numeric dates never settle
//!   the day/month order.
//!
//! [`PERSONAL`] lists every identifying value written into the survey
//! exports: none may ever appear in what is read.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};

use super::cell::{Cell, t};
use super::files::write_bytes;
use super::ods::OdsBook;
use crate::row;

/// A sheet: its name and rows (an empty row is a blank row).
pub type Sheet = (&'static str, Vec<Vec<Cell>>);

/// Writes an xlsx (or `.xlsm`) workbook. Bytes are stable: the creation date
/// is fixed.
pub fn write_xlsx(path: &Path, sheets: Vec<Sheet>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 10, 1).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let time = Format::new().set_num_format("h:mm");
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                write_xlsx_cell(ws, r as u32, c as u16, cell, [&date, &datetime, &time]);
            }
        }
    }
    book.save(path).unwrap();
}

/// Writes one cell with rust_xlsxwriter: a formula as its cached value, but
/// an error, which is the formula `=1/0` with that cached result.
fn write_xlsx_cell(ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, cell: &Cell, [date, datetime, time]: [&Format; 3]) {
    let ymd = |y: i32, m: u32, d: u32| ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).unwrap();
    match cell {
        Cell::Empty => {}
        Cell::Text(s) | Cell::InlineText(s) => drop(ws.write_string(r, c, s).unwrap()),
        Cell::Number(n) | Cell::Rk(n) => drop(ws.write_number(r, c, *n).unwrap()),
        Cell::Date { year, month, day } => drop(ws.write_datetime_with_format(r, c, ymd(*year, *month, *day), date).unwrap()),
        Cell::DateTime { year, month, day, hour, minute } => {
            let v = ymd(*year, *month, *day).and_hms(*hour as u16, *minute as u8, 0).unwrap();
            ws.write_datetime_with_format(r, c, &v, datetime).unwrap();
        }
        Cell::Time { hour, minute, second } => {
            let v = ExcelDateTime::from_hms(*hour as u16, *minute as u8, *second).unwrap();
            ws.write_datetime_with_format(r, c, &v, time).unwrap();
        }
        Cell::Bool(b) => drop(ws.write_boolean(r, c, *b).unwrap()),
        Cell::Error(e) => drop(ws.write_formula(r, c, Formula::new("=1/0").set_result(*e)).unwrap()),
        Cell::Formula(cached) => write_xlsx_cell(ws, r, c, cached, [date, datetime, time]),
    }
}

/// Writes an ODS workbook.
pub fn write_ods(path: &Path, sheets: Vec<(&str, Vec<Vec<Cell>>)>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut book = OdsBook::new();
    for (name, rows) in sheets {
        book = book.sheet(name, rows);
    }
    book.write(path).unwrap();
}

/// Every identifying value (names, emails, IP addresses, IDs) and free-text
/// answer written into the survey exports of [`messy_valid`]: none may
/// appear in anything read.
pub const PERSONAL: &[&str] = &[
    "alex.morgan@example.org",
    "sam.chen@example.org",
    "Jordan Lee",
    "jordan.lee@example.com",
    "Priya Natarajan",
    "priya.n@example.com",
    "192.0.2.17",
    "198.51.100.23",
    "Riley",
    "Tremblay",
    "114920001",
    "527381",
    "campaign-7731",
    "riley@example.net",
    "a friend's couch",
    "My neighbour at 12 Elm St",
    "call me at 519-555-0199",
    "ask for Dana at the front desk",
];

/// The messy but valid folder. Returns `root/inputs`.
pub fn messy_valid(root: &Path) -> PathBuf {
    let inputs = root.join("inputs");

    // Events over two sheets: title rows above the header, every date form,
    // counts as text, blank and totals rows.
    write_xlsx(
        &inputs.join("events.xlsx"),
        vec![
            (
                "Spring",
                vec![
                    row!["WECOSS community events 2025"],
                    row!["One row per event. Totals at the bottom are not counted."],
                    row![],
                    row![
                        "Date of Event",
                        "Event Name",
                        "Town",
                        "Neighborhood",
                        "Venue",
                        "Category",
                        "Attendance",
                        "Safety Plans Distributed",
                        "Reviews Completed",
                        "More Confident",
                        "Notes",
                        "Budget ($)"
                    ],
                    row![
                        Cell::date(2025, 6, 19),
                        "Summer BBQ",
                        "Windsor",
                        "Glengarry",
                        "Glengarry Court",
                        "BBQ",
                        120.0,
                        "1,420",
                        20.0,
                        19.0,
                        "bring tables",
                        50.0
                    ],
                    row!["2025-06-20", "Resource Fair", "Essex", "", "Essex Centre", "Fair", 80.0, "257.0", 10.0, 9.0],
                    row!["2025/06/21", "Block Party", "Windsor", "Ford City", "", "", 40.0, 12.0],
                    row!["June 22, 2025", "Library Pop-up", "Windsor", "Downtown", "Central Library", "", 50.0, "", 25.0, 24.0],
                    row!["23 June 2025", "Park Clean-up", "LaSalle"],
                    row!["Jun 24 2025", "Market Table", "Kingsville"],
                    row![45833.0, "Seniors Tea", "Amherstburg"],
                    row![],
                    row!["2025/06/26 9:00:00 AM EST", "Youth Night", "Windsor"],
                    row!["Total", "", "", "", "", "", 290.0, 1689.0],
                    row!["", "Grand Total", "", "", "", "", 290.0],
                ],
            ),
            (
                "Summer",
                vec![
                    row!["Date", "Event", "Residents Reached", "Plans Distributed"],
                    row!["Jul 3 2025", "Canada Day Follow-up", 30.0, 5.0],
                    row![Cell::datetime(2025, 7, 4, 18, 30), "Evening Walk", 15.0, 2.0],
                    row!["Sum", "", 45.0, 7.0],
                ],
            ),
        ],
    );
    // More events from a CSV and from a CSV in a subfolder: merged.
    write_bytes(
        &inputs.join("events-extra.csv"),
        b"Date,Event,Municipality,Plans Distributed,Feedback Responses,Felt More Confident (%)\n2025/07/10 1:15:00 PM GMT-4,Pool Party,Windsor,4,10,90\n19 July 2025,Street Festival,Tecumseh,6,20,0.95\n",
    );
    write_bytes(&inputs.join("2024/old-events.csv"), b"Date,Event\n2024-11-02,Harvest Fair\n");

    // Distribution: numeric dates whose order is settled per column, one
    // column each way, and an ODS log with a title row and a totals row.
    write_bytes(
        &inputs.join("distribution-dmy.csv"),
        b"Date Distributed,Quantity,Plan\n13/06/2025,15,Glengarry\n03/07/2025,20,Glengarry\n",
    );
    write_bytes(&inputs.join("distribution-mdy.csv"), b"Distribution Date,Qty,Plan Name\n06/13/2025,5,Downtown\n07/03/2025,7,Downtown\n");
    write_ods(
        &inputs.join("partner-log.ods"),
        vec![(
            "Partner Log",
            vec![
                vec![t("Partner pickups")],
                vec![t("Distribution Date"), t("Copies"), t("Safety Plan"), t("City"), t("Distributed via"), t("Organisation")],
                vec![Cell::date(2025, 5, 2), Cell::float(40.0), t("Glengarry"), t("Windsor"), t("Pickup"), t("Windsor Police")],
                vec![],
                vec![Cell::date(2025, 5, 9), t("1,000"), t("Downtown"), t("Windsor"), t("Mail-out"), t("Family Services")],
                vec![t("Totals"), Cell::float(1040.0)],
            ],
        )],
    );

    // Google Forms: UTF-8 with a byte-order mark, timestamps with AM/PM and a
    // zone label, an email column, free-text comments.
    let mut gf = b"\xEF\xBB\xBF".to_vec();
    gf.extend_from_slice(
        "Timestamp,Email Address,What municipality do you live in?,I am a,The safety plan was clear,Which issues matter most to you?,Did you use the plan?,How many people live in your home?,Any other comments?\n\
2025/10/01 9:00:00 AM EST,alex.morgan@example.org,Windsor,Resident,Agree,Housing; Stigma,Yes,3,My neighbour at 12 Elm St\n\
2025/10/01 1:15:00 PM GMT-4,sam.chen@example.org,Windsor,Resident,Strongly agree,Stigma,No,1,call me at 519-555-0199\n\
2025/10/02 10:05:30 AM EST,,Essex,Service provider,Agree,Housing; Youth,Yes,4,\n\
2025/10/02 4:45:00 PM EST,,Windsor,Resident,Neutral,Youth; Stigma,Yes,2,\n\
2025/10/03 8:00:00 AM EST,,Essex,Resident,Agree,Housing,No,5,\n"
            .as_bytes(),
    );
    write_bytes(&inputs.join("survey-google-forms.csv"), &gf);

    // Microsoft Forms: ID, start and completion times, email and name, last
    // modified time, then the questions.
    write_xlsx(
        &inputs.join("survey-microsoft-forms.xlsx"),
        vec![(
            "Form1",
            vec![
                row![
                    "ID",
                    "Start time",
                    "Completion time",
                    "Email",
                    "Name",
                    "Last modified time",
                    "Community",
                    "Respondent type",
                    "Did you feel safer after the event?",
                    "Which supports did you use?"
                ],
                row![
                    1.0,
                    Cell::datetime(2025, 9, 2, 9, 0),
                    Cell::datetime(2025, 9, 2, 9, 4),
                    "jordan.lee@example.com",
                    "Jordan Lee",
                    "",
                    "Windsor",
                    "Resident",
                    "Yes",
                    "Food bank;Clinic;"
                ],
                row![
                    2.0,
                    Cell::datetime(2025, 9, 3, 14, 10),
                    Cell::datetime(2025, 9, 3, 14, 15),
                    "priya.n@example.com",
                    "Priya Natarajan",
                    "",
                    "Essex",
                    "Resident",
                    "No",
                    "Clinic;"
                ],
                row![
                    3.0,
                    Cell::datetime(2025, 9, 4, 11, 0),
                    Cell::datetime(2025, 9, 4, 11, 2),
                    "anonymous",
                    "",
                    "",
                    "Windsor",
                    "Service provider",
                    "Yes",
                    "Food bank;"
                ],
                row![
                    4.0,
                    Cell::datetime(2025, 9, 5, 16, 0),
                    Cell::datetime(2025, 9, 5, 16, 3),
                    "anonymous",
                    "",
                    "",
                    "Windsor",
                    "Resident",
                    "Yes",
                    "Food bank;Clinic;"
                ],
            ],
        )],
    );

    // SurveyMonkey: two header rows, identifying and metadata columns, a run
    // of option columns forming one multi-select question, mm/dd dates.
    write_xlsx(
        &inputs.join("survey-monkey.xlsx"),
        vec![(
            "Sheet",
            vec![
                row![
                    "Respondent ID",
                    "Collector ID",
                    "Start Date",
                    "End Date",
                    "IP Address",
                    "Email Address",
                    "First Name",
                    "Last Name",
                    "Custom Data 1",
                    "Which services have you used?",
                    "",
                    "",
                    "",
                    "How satisfied were you with the session?",
                    "Please share any comments"
                ],
                row![
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Food bank",
                    "Shelter",
                    "Clinic",
                    "Other (please specify)",
                    "Response",
                    "Open-Ended Response"
                ],
                row![
                    114920001.0,
                    527381.0,
                    "10/14/2025 09:12:33 AM",
                    "10/14/2025 09:15:02 AM",
                    "192.0.2.17",
                    "riley@example.net",
                    "Riley",
                    "Tremblay",
                    "campaign-7731",
                    "Food bank",
                    "",
                    "Clinic",
                    "",
                    "Satisfied",
                    "ask for Dana at the front desk"
                ],
                row![
                    114920002.0,
                    527381.0,
                    "10/15/2025 01:00:00 PM",
                    "10/15/2025 01:03:40 PM",
                    "198.51.100.23",
                    "",
                    "",
                    "",
                    "campaign-7731",
                    "",
                    "Shelter",
                    "",
                    "a friend's couch",
                    "Very satisfied",
                    ""
                ],
                row![
                    114920003.0,
                    527381.0,
                    "10/16/2025 11:30:00 AM",
                    "10/16/2025 11:31:00 AM",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Food bank",
                    "Shelter",
                    "",
                    "",
                    "Satisfied",
                    ""
                ],
                row![
                    114920004.0,
                    527381.0,
                    "10/17/2025 03:30:00 PM",
                    "10/17/2025 03:36:00 PM",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Clinic",
                    "",
                    "Satisfied",
                    ""
                ],
            ],
        )],
    );

    // Focus groups (ODS): aliases, ODS dates and a number-of prefix.
    write_ods(
        &inputs.join("focus-groups.ods"),
        vec![(
            "Sessions",
            vec![
                vec![t("Session Date"), t("Stakeholder Group"), t("Community"), t("Number of Participants"), t("Topics"), t("Notes")],
                vec![Cell::date(2025, 8, 12), t("Youth"), t("Windsor"), Cell::float(8.0), t("Housing; Stigma"), t("")],
                vec![Cell::date(2025, 8, 19), t("Seniors"), t("Essex"), t("3"), t("Transit, Isolation"), t("short session")],
            ],
        )],
    );

    // Stakeholders: every yes/no form, and a Windows-1252 CSV.
    write_xlsx(
        &inputs.join("stakeholders.xlsx"),
        vec![(
            "Partners",
            vec![
                row!["Organization", "Sector", "Municipality", "Contacted", "Participated"],
                row!["Windsor Police Service", "Police", "Windsor", "✓", "no"],
                row!["Victim Services", "Community", "Windsor", "x", "n"],
                row!["Family Services", "Social services", "Windsor", "yes", "no"],
                row!["Essex Health Unit", "Health", "Essex", "Y", "N"],
                row!["Town of LaSalle", "Municipal", "LaSalle", true, false],
                row!["Housing Network", "Housing", "Windsor", 1.0, 0.0],
                row!["Youth Centre", "Community", "Windsor", "TRUE", "false"],
                row!["Legal Clinic", "Legal", "Windsor", "1", ""],
            ],
        )],
    );
    write_bytes(
        &inputs.join("stakeholders-excel-csv.csv"),
        b"Stakeholder,Type,City,Invited,Attended\r\nCentre de sant\xe9 communautaire,Sant\xe9,Sainte-Th\xe9r\xe8se,yes,no\r\n",
    );

    // The workplan, saved as a macro-enabled workbook: activities with every
    // status word, action items, meetings with every time form.
    write_xlsx(
        &inputs.join("workplan.xlsm"),
        vec![
            ("Activities", {
                let statuses = [
                    "done",
                    "Completed",
                    "complete",
                    "Finished",
                    "In Progress",
                    "ongoing",
                    "Underway",
                    "started",
                    "Planned",
                    "Not started",
                    "Next",
                    "To do",
                    "Upcoming",
                ];
                let mut rows = vec![row!["Task", "Status", "Initiative", "Pillar", "Start Date", "Deadline", "Lead"]];
                for (i, s) in statuses.iter().enumerate() {
                    let name = format!("Step {}", i + 1);
                    rows.push(row![
                        name.as_str(),
                        *s,
                        "Safety Planning",
                        "Enforcement & Justice",
                        Cell::date(2025, 1, 6),
                        Cell::date(2025, 12, 1),
                        "Coordinator"
                    ]);
                }
                rows
            }),
            (
                "Action Items",
                vec![
                    row!["Action", "Meeting", "For"],
                    row!["Share the plan with your networks", Cell::date(2025, 10, 7), "All members"],
                    row!["Send venue ideas", "2025-10-07", ""],
                ],
            ),
            (
                "Meetings",
                vec![
                    row!["Meeting Date", "Working Group", "Start", "End", "Room", "Title"],
                    row![Cell::date(2025, 6, 18), "Enforcement and Justice Working Group", "10:00", "10:00 AM", "Room 1", ""],
                    row![Cell::date(2025, 7, 16), "Enforcement and Justice Working Group", "10 a.m.", "13:30", "", ""],
                    row![
                        Cell::date(2025, 8, 20),
                        "Enforcement and Justice Working Group",
                        Cell::time(14, 0, 0),
                        0.625,
                        "",
                        "Summer check-in"
                    ],
                ],
            ),
        ],
    );

    // One file with no kind in its name: a tie broken by the sheet name, a
    // tie left open, and a sheet missing a required column.
    write_xlsx(
        &inputs.join("misc.xlsx"),
        vec![
            ("Meetings 2024", vec![row!["Date", "Group"], row![Cell::date(2024, 11, 5), "Prevention Working Group"]]),
            ("Sheet2", vec![row!["Date", "Group"], row![Cell::date(2024, 11, 6), "Someone"]]),
            ("Budget", vec![row!["Date", "Category", "Attendance"], row![Cell::date(2025, 1, 1), "Print", 3.0]]),
        ],
    );

    // Skipped silently.
    write_bytes(&inputs.join("~$events.xlsx"), b"lock");
    write_bytes(&inputs.join(".DS_Store"), b"\0\0\0\x01Bud1");
    write_bytes(&inputs.join("README.txt"), b"Drop spreadsheets here.");
    inputs
}

/// A folder with one located error of each sort. Returns `root/inputs`.
pub fn bad(root: &Path) -> PathBuf {
    let inputs = root.join("inputs");
    write_xlsx(
        &inputs.join("events.xlsx"),
        vec![(
            "Events",
            vec![
                row!["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident"],
                row![Cell::date(2025, 6, 19), "Summer BBQ", Cell::Error("#DIV/0!"), 10.0, 9.0],
                row!["June 31, 2025", "Resource Fair", 12.0],
                row![Cell::date(2025, 6, 21), "Block Party", 12.5],
                row![Cell::date(2025, 6, 22), "Library Pop-up", -3.0],
                row![Cell::date(2025, 6, 23), "", 4.0],
                row![Cell::date(2025, 6, 24), "Market Table", 4.0, 5.0, 6.0],
                row![Cell::date(2025, 6, 25), "Evening Walk", 1.0, "", "96%"],
            ],
        )],
    );
    write_ods(
        &inputs.join("partner-log.ods"),
        vec![(
            "Log",
            vec![vec![t("Date"), t("Quantity")], vec![Cell::date(2025, 5, 2), t("#DIV/0!")], vec![Cell::date(2025, 5, 9), t("Err:502")]],
        )],
    );
    write_bytes(&inputs.join("distribution-ambiguous.csv"), b"Date,Quantity\n03/04/2025,5\n05/06/2025,7\n");
    write_bytes(&inputs.join("activities.csv"), b"Activity,Status\nPrint the plan,blocked\n");
    write_bytes(&inputs.join("meetings.csv"), b"Date,Group,Start\n2025-10-07,Prevention Working Group,noonish\n");
    write_bytes(&inputs.join("stakeholders.csv"), b"Organization,Contacted\nFamily Services,maybe\n");
    write_bytes(&inputs.join("not-really.xlsx"), b"Date,Event\n2025-06-19,BBQ\n");
    write_xlsx(&inputs.join("notes.xlsx"), vec![("Notes", vec![row!["Date", "Category"], row![Cell::date(2025, 1, 1), "Print"]])]);
    inputs
}

/// A distribution CSV whose numeric dates never settle the order
/// (`03/04/2025`, `05/06/2025`). Returns `root/inputs`.
pub fn ambiguous_dates(root: &Path) -> PathBuf {
    let inputs = root.join("inputs");
    write_bytes(&inputs.join("distribution.csv"), b"Date,Quantity\n03/04/2025,5\n05/06/2025,7\n");
    inputs
}

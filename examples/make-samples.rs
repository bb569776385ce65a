//! Generates the invented sample input workbooks under `samples/wecoss-2025/`.
//!
//! ```text
//! cargo run --example make-samples -- [OUT_DIR]
//! ```
//!
//! Every value is fixed in this file (the survey answers come from a seeded generator), so the
//! output is byte-stable. The rows are built as data first, the invariants the 2025-10-07
//! Enforcement and Justice Working Group deck depends on are asserted on that data, and only then
//! are the files written. No real person appears: leads and owners are role titles or
//! organisations.

#[path = "../tests/it/support/cell.rs"]
mod cell;
#[path = "../tests/it/support/ods.rs"]
mod ods;

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use cell::Cell;
use chrono::{Datelike, Duration, NaiveDate};
use ods::OdsBook;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

// ---------------------------------------------------------------------------------------------
// Reporting period of the 2025-10-07 EJWG meeting (previous EJWG meeting: 2025-06-18).

const PERIOD_START: (i32, u32, u32) = (2025, 6, 19);
const PERIOD_END: (i32, u32, u32) = (2025, 10, 7);

const GLENGARRY: &str = "Glengarry Neighbourhood Safety Plan";
const DOWNTOWN: &str = "Downtown Windsor Neighbourhood Safety Plan";
const SANDWICH: &str = "Sandwich Town Neighbourhood Safety Plan";
const FORD_CITY: &str = "Ford City Neighbourhood Safety Plan";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn period() -> (NaiveDate, NaiveDate) {
    let (a, b) = (PERIOD_START, PERIOD_END);
    (d(a.0, a.1, a.2), d(b.0, b.1, b.2))
}

fn in_period(date: NaiveDate) -> bool {
    let (s, e) = period();
    date >= s && date <= e
}

// ---------------------------------------------------------------------------------------------
// Events

struct Event {
    date: NaiveDate,
    /// Write the date as this text instead of an Excel date (staff typed it).
    date_text: Option<&'static str>,
    name: &'static str,
    municipality: &'static str,
    neighbourhood: &'static str,
    venue: &'static str,
    kind: &'static str,
    reached: u32,
    /// Plans handed out, by plan; the event's "Safety Plans Distributed" is their sum, and each
    /// entry becomes one row of the distribution log.
    plans: &'static [(&'static str, u32)],
    reviews: u32,
    confident: u32,
    notes: &'static str,
}

impl Event {
    fn plans_total(&self) -> u32 {
        self.plans.iter().map(|p| p.1).sum()
    }
}

#[allow(clippy::too_many_arguments)]
fn ev(
    date: NaiveDate,
    name: &'static str,
    neighbourhood: &'static str,
    venue: &'static str,
    kind: &'static str,
    reached: u32,
    plans: &'static [(&'static str, u32)],
    reviews: u32,
    confident: u32,
    notes: &'static str,
) -> Event {
    Event { date, date_text: None, name, municipality: "Windsor", neighbourhood, venue, kind, reached, plans, reviews, confident, notes }
}

#[rustfmt::skip]
fn events() -> Vec<Event> {
    const HOUSING: &str = "Community housing event";
    const BBQ: &str = "Neighbourhood BBQ";
    const FAIR: &str = "Resource fair";
    const TENANT: &str = "Tenant meeting";
    let mut v = vec![
        // Spring 2025, before the period.
        ev(d(2025, 3, 20), "Glengarry Spring Tenant Meeting", "Glengarry",
            "Glengarry Court community room", TENANT, 48, &[(GLENGARRY, 30)], 16, 14, ""),
        ev(d(2025, 4, 24), "Ford City Spring Housing Open House", "Ford City",
            "Drouillard Road townhouses courtyard", HOUSING, 41, &[(FORD_CITY, 26)], 14, 13, ""),
        ev(d(2025, 5, 15), "Sandwich Town Spring Resource Fair", "Sandwich Town",
            "Mill Street Park pavilion", FAIR, 62, &[(SANDWICH, 20), (DOWNTOWN, 14)], 18, 17,
            "Shared table with Windsor-Essex County Health Unit"),
        ev(d(2025, 6, 5), "Downtown Windsor Community Housing BBQ", "Downtown",
            "Glengarry-Aylmer community housing courtyard", BBQ, 55, &[(DOWNTOWN, 28)], 15, 14, ""),
        // The reporting period: 2025-06-19 .. 2025-10-07 (14 events).
        ev(d(2025, 6, 19), "Glengarry Summer Kick-off BBQ", "Glengarry",
            "Glengarry Court courtyard", BBQ, 70, &[(GLENGARRY, 15), (DOWNTOWN, 7)], 13, 12,
            "Co-hosted with Community Housing Corporation"),
        ev(d(2025, 6, 26), "Ford City Tenant Meeting", "Ford City",
            "Ford City community housing common room", TENANT, 24, &[(FORD_CITY, 14)], 9, 9, ""),
        ev(d(2025, 7, 3), "Sandwich Town Summer Resource Fair", "Sandwich Town",
            "Mill Street Park pavilion", FAIR, 66, &[(SANDWICH, 17), (DOWNTOWN, 8)], 14, 13, ""),
        ev(d(2025, 7, 10), "Downtown Windsor Community Housing Event", "Downtown",
            "Glengarry-Aylmer community housing courtyard", HOUSING, 38, &[(DOWNTOWN, 18)], 11, 11,
            ""),
        ev(d(2025, 7, 17), "Drouillard Neighbourhood BBQ", "Drouillard",
            "Drouillard Road townhouses courtyard", BBQ, 52, &[(FORD_CITY, 20)], 12, 11, ""),
        Event {
            date_text: Some("July 24, 2025"),
            ..ev(d(2025, 7, 24), "Bridgeview Tenant Meeting", "Bridgeview",
                "Bridgeview community housing common room", TENANT, 21, &[(SANDWICH, 12)], 8, 8,
                "Date typed by hand")
        },
        ev(d(2025, 7, 31), "Forest Glade Community Housing Event", "Forest Glade",
            "Forest Glade townhouses green space", HOUSING, 35, &[(FORD_CITY, 9), (GLENGARRY, 7)],
            10, 10, "Rain; moved indoors"),
        ev(d(2025, 8, 7), "South Walkerville Neighbourhood BBQ", "South Walkerville",
            "Walkerville seniors' building patio", BBQ, 44, &[(FORD_CITY, 21)], 11, 11, ""),
        ev(d(2025, 8, 14), "Glengarry Back-to-School Resource Fair", "Glengarry",
            "Glengarry Court courtyard", FAIR, 81, &[(GLENGARRY, 16), (DOWNTOWN, 8)], 14, 13,
            "Backpack giveaway with partners"),
        ev(d(2025, 8, 21), "Downtown Windsor Tenant Meeting", "Downtown",
            "Downtown community housing tower lounge", TENANT, 27, &[(DOWNTOWN, 15)], 9, 9, ""),
        ev(d(2025, 8, 28), "Ford City Community Housing Event", "Ford City",
            "Ford City community housing common room", HOUSING, 33, &[(FORD_CITY, 17)], 10, 10, ""),
        ev(d(2025, 9, 4), "Sandwich Town Tenant Meeting", "Sandwich Town",
            "Sandwich Town seniors' building lounge", TENANT, 22, &[(SANDWICH, 13)], 8, 7, ""),
        ev(d(2025, 9, 11), "Glengarry Community Housing Event", "Glengarry",
            "Glengarry Court community room", HOUSING, 36, &[(GLENGARRY, 19)], 11, 10, ""),
        ev(d(2025, 9, 22), "Downtown Windsor Fall Resource Fair", "Downtown",
            "Downtown community housing tower lounge", FAIR, 58, &[(DOWNTOWN, 12), (GLENGARRY, 9)],
            10, 10, "Survey QR code shared"),
        // After the meeting.
        ev(d(2025, 10, 16), "Glengarry Fall Tenant Meeting", "Glengarry",
            "Glengarry Court community room", TENANT, 29, &[(GLENGARRY, 18)], 10, 9, ""),
    ];
    v.sort_by_key(|e| e.date);
    v
}

// ---------------------------------------------------------------------------------------------
// Distribution rows (the 2025 / 2024 sheets of distribution-log.xlsx and the partner ODS)

#[derive(Clone)]
struct Dist {
    date: NaiveDate,
    plan: &'static str,
    qty: u32,
    municipality: &'static str,
    channel: &'static str,
    event: &'static str,
    partner: &'static str,
    notes: &'static str,
}

const EVENT: &str = "Community event";
const PICKUP: &str = "Partner pickup";
const MAIL: &str = "Mail-out";
const DESK: &str = "Front desk";

fn dist(
    date: NaiveDate,
    plan: &'static str,
    qty: u32,
    channel: &'static str,
    event: &'static str,
    partner: &'static str,
    notes: &'static str,
) -> Dist {
    Dist { date, plan, qty, municipality: "Windsor", channel, event, partner, notes }
}

#[rustfmt::skip]
fn distribution_2024() -> Vec<Dist> {
    vec![dist(d(2024, 2, 8), GLENGARRY, 120, MAIL, "", "", "Launch mail-out to Glengarry households"),
        dist(d(2024, 2, 22), DOWNTOWN, 85, MAIL, "", "", "Launch mail-out"),
        dist(d(2024, 3, 14), GLENGARRY, 40, DESK, "", "Community Housing Corporation", ""),
        dist(d(2024, 3, 28), SANDWICH, 60, MAIL, "", "", ""),
        dist(d(2024, 4, 11), FORD_CITY, 55, MAIL, "", "", ""),
        dist(d(2024, 4, 25), DOWNTOWN, 30, PICKUP, "", "Windsor Police Service", ""),
        dist(d(2024, 5, 16), GLENGARRY, 25, EVENT, "Glengarry Spring Clean-Up", "", ""),
        dist(d(2024, 5, 30), SANDWICH, 20, PICKUP, "", "CMHA Windsor-Essex", ""),
        dist(d(2024, 6, 13), FORD_CITY, 22, EVENT, "Ford City Summer Kick-off BBQ", "", ""),
        dist(d(2024, 6, 27), DOWNTOWN, 18, DESK, "", "", ""),
        dist(d(2024, 7, 18), SANDWICH, 24, EVENT, "Sandwich Town Family Fun Day", "", ""),
        dist(d(2024, 8, 8), GLENGARRY, 30, PICKUP, "", "Windsor-Essex County Health Unit", ""),
        dist(d(2024, 8, 22), FORD_CITY, 15, DESK, "", "", ""),
        dist(d(2024, 9, 12), DOWNTOWN, 35, EVENT, "Downtown Windsor Resource Fair", "", ""),
        dist(d(2024, 10, 3), GLENGARRY, 28, DESK, "", "", ""),
        dist(d(2024, 10, 24), SANDWICH, 32, MAIL, "", "", "Reprint after address corrections"),
        dist(d(2024, 11, 14), FORD_CITY, 26, EVENT, "Ford City Fall Tenant Meeting", "", ""),
        dist(d(2024, 12, 5), DOWNTOWN, 20, DESK, "", "", ""),
        dist(d(2024, 12, 12), GLENGARRY, 15, MAIL, "", "", ""),
        dist(d(2024, 12, 18), SANDWICH, 60, MAIL, "", "", "Holiday mail-out to Sandwich Town co-ops")]
}

#[rustfmt::skip]
fn distribution_2025(events: &[Event]) -> Vec<Dist> {
    let mut v = vec![
        dist(d(2025, 1, 16), GLENGARRY, 24, DESK, "", "", ""),
        dist(d(2025, 2, 6), DOWNTOWN, 40, MAIL, "", "", ""),
        dist(d(2025, 2, 27), FORD_CITY, 18, DESK, "", "", ""),
        dist(d(2025, 3, 13), SANDWICH, 45, MAIL, "", "", ""),
        dist(d(2025, 4, 10), DOWNTOWN, 20, DESK, "", "", ""),
        dist(d(2025, 5, 8), GLENGARRY, 35, MAIL, "", "", "Spring newsletter insert"),
        // After the meeting.
        dist(d(2025, 10, 23), DOWNTOWN, 12, DESK, "", "", ""),
        dist(d(2025, 11, 13), FORD_CITY, 15, PICKUP, "", "Windsor Police Service", ""),
        dist(d(2025, 12, 4), SANDWICH, 15, MAIL, "", "", "Holiday mail-out"),
    ];
    // One row per plan handed out at each logged event.
    for e in events {
        for &(plan, qty) in e.plans {
            v.push(Dist {
                date: e.date,
                plan,
                qty,
                municipality: e.municipality,
                channel: EVENT,
                event: e.name,
                partner: "",
                notes: "",
            });
        }
    }
    v.sort_by_key(|r| r.date); // stable: split rows keep their order
    v
}

#[rustfmt::skip]
fn partner_pickups() -> Vec<Dist> {
    let p = |date, plan, qty, municipality, partner| Dist {
        date,
        plan,
        qty,
        municipality,
        channel: PICKUP,
        event: "",
        partner,
        notes: "",
    };
    vec![p(d(2024, 9, 19), GLENGARRY, 40, "Windsor", "Windsor Police Service"),
        p(d(2024, 10, 10), DOWNTOWN, 35, "Windsor", "CMHA Windsor-Essex"),
        p(d(2024, 10, 31), SANDWICH, 30, "Windsor", "Windsor-Essex County Health Unit"),
        p(d(2024, 11, 21), FORD_CITY, 25, "Windsor", "Community Housing Corporation"),
        p(d(2024, 12, 12), GLENGARRY, 20, "Windsor", "Downtown Mission of Windsor"),
        p(d(2025, 1, 23), DOWNTOWN, 30, "Windsor", "Windsor Police Service"),
        p(d(2025, 2, 13), SANDWICH, 25, "Windsor", "Sandwich Town Community Centre"),
        p(d(2025, 3, 6), FORD_CITY, 30, "Windsor", "Drouillard Place"),
        p(d(2025, 3, 27), GLENGARRY, 35, "Windsor", "Windsor-Essex County Health Unit"),
        p(d(2025, 4, 17), DOWNTOWN, 25, "Essex", "Essex County OPP"),
        p(d(2025, 5, 8), SANDWICH, 30, "LaSalle", "CMHA Windsor-Essex"),
        p(d(2025, 5, 29), FORD_CITY, 20, "Windsor", "Community Housing Corporation"),
        p(d(2025, 6, 12), GLENGARRY, 15, "Windsor", "Windsor Police Service")]
}

// ---------------------------------------------------------------------------------------------
// Workplan

struct Meeting {
    date: NaiveDate,
    group: &'static str,
    start: (u32, u32),
    end: (u32, u32),
    /// Typed as text ("9:30 AM") instead of Excel times.
    times_as_text: bool,
    room: &'static str,
}

const EJWG: &str = "Enforcement and Justice Working Group";
const PEWG: &str = "Prevention and Education Working Group";
const HRWG: &str = "Harm Reduction Working Group";
const TRWG: &str = "Treatment and Recovery Working Group";

#[rustfmt::skip]
fn meetings() -> Vec<Meeting> {
    const CITY_HALL: &str = "Committee Room B, 350 City Hall Square W";
    const HEALTH_UNIT: &str = "Boardroom 2, 1005 Ouellette Ave";
    const CMHA: &str = "Training Room, 1400 Windsor Ave";
    const ESSEX: &str = "Council Chambers, 33 Talbot St S, Essex";
    let m = |date, group, start, end, room| Meeting {
        date,
        group,
        start,
        end,
        times_as_text: false,
        room,
    };
    let mut v = vec![
        m(d(2025, 1, 22), HRWG, (13, 0), (14, 30), HEALTH_UNIT),
        m(d(2025, 2, 11), EJWG, (10, 0), (12, 0), CITY_HALL),
        m(d(2025, 2, 26), TRWG, (9, 0), (10, 30), CMHA),
        m(d(2025, 3, 5), PEWG, (13, 30), (15, 0), HEALTH_UNIT),
        m(d(2025, 4, 15), EJWG, (10, 0), (12, 0), ESSEX),
        m(d(2025, 5, 21), HRWG, (13, 0), (14, 30), HEALTH_UNIT),
        m(d(2025, 5, 28), TRWG, (9, 0), (10, 30), CMHA),
        Meeting {
            times_as_text: true,
            ..m(d(2025, 6, 4), PEWG, (9, 30), (11, 0), HEALTH_UNIT)
        },
        m(d(2025, 6, 18), EJWG, (10, 0), (12, 0), CITY_HALL),
        m(d(2025, 9, 10), PEWG, (13, 30), (15, 0), HEALTH_UNIT),
        m(d(2025, 9, 17), HRWG, (13, 0), (14, 30), HEALTH_UNIT),
        m(d(2025, 9, 24), TRWG, (9, 0), (10, 30), CMHA),
        m(d(2025, 10, 7), EJWG, (10, 0), (12, 0), CITY_HALL),
    ];
    v.sort_by_key(|m| m.date);
    v
}

struct Activity {
    project: &'static str,
    pillar: &'static str,
    activity: &'static str,
    status: &'static str,
    start: NaiveDate,
    due: NaiveDate,
    lead: &'static str,
}

const CSWB: &str = "Strengthening Community Safety and Wellbeing";
const EJ: &str = "Enforcement and Justice";

/// The four "Steps Completed" of the seed deck, in order.
const STEPS_COMPLETED: [&str; 4] = [
    "Compiled a list of key stakeholders for Leamington and Essex safety plan consultations.",
    "Adapted existing survey and focus group guide to reflect Leamington and Essex.",
    "Launched survey on social media, active until October 31st.",
    "Weekly social media posts have been developed and scheduled for the month of October.",
];

/// The four "Next Steps" of the seed deck, in order.
const NEXT_STEPS: [&str; 4] = [
    "Reach out to identified stakeholders to participate in focus groups.",
    "Provide survey and QR code to local businesses and organizations in Leamington and Essex to reach residents.",
    "Continue to attend community events to educate residents about existing safety plans.",
    "Coordinate and host mental health and substance use training for first responders and service providers in Leamington and Essex.",
];

#[rustfmt::skip]
fn activities() -> Vec<Activity> {
    let a = |project, pillar, activity, status, start, due, lead| Activity {
        project,
        pillar,
        activity,
        status,
        start,
        due,
        lead,
    };
    const COORD: &str = "Project Coordinator";
    const SAFETY: &str = "Community Safety Lead";
    const COMMS: &str = "Communications Officer";
    vec![
        a(CSWB, EJ, "Applied for Community Safety and Policing grant", "Completed", d(2025, 1, 13),
            d(2025, 3, 31), SAFETY),
        a(CSWB, EJ,
            "Confirmed grant partnership with Essex County OPP and the Windsor-Essex Regional Community Safety and Wellbeing Plan",
            "Completed", d(2025, 4, 1), d(2025, 5, 30), SAFETY),
        a(CSWB, EJ, STEPS_COMPLETED[0], "Completed", d(2025, 6, 23), d(2025, 7, 18), COORD),
        a(CSWB, EJ, STEPS_COMPLETED[1], "Completed", d(2025, 7, 7), d(2025, 8, 15), COORD),
        a(CSWB, EJ, STEPS_COMPLETED[2], "Completed", d(2025, 8, 18), d(2025, 9, 5), COMMS),
        a(CSWB, EJ, STEPS_COMPLETED[3], "Completed", d(2025, 9, 8), d(2025, 9, 30), COMMS),
        a(CSWB, EJ, NEXT_STEPS[0], "Planned", d(2025, 10, 8), d(2025, 11, 14), COORD),
        a(CSWB, EJ, NEXT_STEPS[1], "In progress", d(2025, 9, 15), d(2025, 10, 31), COORD),
        a(CSWB, EJ, NEXT_STEPS[2], "Ongoing", d(2025, 6, 1), d(2025, 12, 19), COORD),
        a(CSWB, EJ, NEXT_STEPS[3], "Not started", d(2025, 11, 1), d(2026, 2, 27), SAFETY),
        // Strategy-wide.
        a("WECOSS Action Plan Consultation", "Strategy-wide",
            "Draft consultation plan, survey and focus group guide", "Done", d(2025, 5, 5),
            d(2025, 7, 31), "Research and Evaluation Lead"),
        a("WECOSS Action Plan Consultation", "Strategy-wide",
            "Launch community survey (Google Forms and SurveyMonkey)", "Done", d(2025, 9, 2),
            d(2025, 10, 1), COMMS),
        a("WECOSS Action Plan Consultation", "Strategy-wide",
            "Host a focus group with each pillar working group", "In Progress", d(2025, 9, 10),
            d(2025, 11, 28), "Research and Evaluation Lead"),
        a("WECOSS Action Plan Consultation", "Strategy-wide",
            "Analyze consultation results and draft recommendations", "Planned", d(2025, 12, 1),
            d(2026, 2, 27), "Research and Evaluation Lead"),
        // Harm Reduction.
        a("Naloxone Training Expansion", "Harm Reduction",
            "Deliver train-the-trainer sessions for outreach staff", "Done", d(2025, 2, 3),
            d(2025, 4, 30), "Harm Reduction Coordinator"),
        a("Naloxone Training Expansion", "Harm Reduction",
            "Offer naloxone training at county library branches", "Underway", d(2025, 6, 2),
            d(2025, 11, 28), "Windsor-Essex County Health Unit"),
        a("Naloxone Training Expansion", "Harm Reduction",
            "Distribute naloxone kits at community events", "In Progress", d(2025, 5, 1),
            d(2025, 12, 19), "Harm Reduction Coordinator"),
        a("Naloxone Training Expansion", "Harm Reduction",
            "Evaluate training feedback and update materials", "Planned", d(2026, 1, 5),
            d(2026, 3, 31), "Harm Reduction Coordinator"),
        // Prevention and Education.
        a("Youth Prevention Workshops", "Prevention and Education",
            "Develop workshop curriculum with local school boards", "Done", d(2025, 1, 6),
            d(2025, 5, 30), "Prevention Education Lead"),
        a("Youth Prevention Workshops", "Prevention and Education",
            "Pilot workshops in two secondary schools", "Underway", d(2025, 9, 8), d(2025, 12, 12),
            "Prevention Education Lead"),
        a("Youth Prevention Workshops", "Prevention and Education",
            "Train peer facilitators for the 2026 school year", "Planned", d(2026, 2, 2),
            d(2026, 5, 29), "Prevention Education Lead"),
    ]
}

/// The seed deck's three action items for 2025-10-07.
const ACTION_ITEMS: [&str; 3] = [
    "Encourage your staff who work in Leamington and Essex to participate in safety plan focus groups.",
    "Continue promoting and distributing existing safety plans. All safety plans can be found at WECOSS.ca.",
    "Encourage clients and residents in Leamington and Essex to complete the survey.",
];

#[rustfmt::skip]
fn action_items() -> Vec<(NaiveDate, &'static str, &'static str)> {
    const MEMBERS: &str = "WECOSS Working Group Members";
    vec![
        (d(2025, 6, 18),
            "Share the Community Safety and Policing grant announcement with your networks.",
            MEMBERS),
        (d(2025, 6, 18),
            "Let the Project Coordinator know of summer community housing events to attend.",
            MEMBERS),
        (d(2025, 10, 7), ACTION_ITEMS[0], MEMBERS),
        (d(2025, 10, 7), ACTION_ITEMS[1], MEMBERS),
        (d(2025, 10, 7), ACTION_ITEMS[2], MEMBERS),
    ]
}

// ---------------------------------------------------------------------------------------------
// Consultation

struct FocusGroup {
    date: NaiveDate,
    group: &'static str,
    municipality: &'static str,
    participants: u32,
    themes: &'static str,
    notes: &'static str,
}

#[rustfmt::skip]
fn focus_groups() -> Vec<FocusGroup> {
    let f = |date, group, municipality, participants, themes, notes| FocusGroup {
        date,
        group,
        municipality,
        participants,
        themes,
        notes,
    };
    vec![
        f(d(2025, 9, 10), PEWG, "Windsor", 9, "youth; stigma; mental health",
            "Held during working group meeting"),
        f(d(2025, 9, 17), HRWG, "Windsor", 12, "harm reduction supplies; stigma; housing",
            "Held during working group meeting"),
        f(d(2025, 9, 24), TRWG, "Windsor", 8, "access to treatment; mental health; housing",
            "Held during working group meeting"),
        f(d(2025, 10, 7), EJWG, "Windsor", 11, "policing and safety; housing; mental health",
            "Held during working group meeting"),
        f(d(2025, 10, 22), "Leamington Service Providers", "Leamington", 7,
            "access to treatment; housing; policing and safety", ""),
        f(d(2025, 10, 29), "Essex Residents", "Essex", 3, "policing and safety; youth",
            "Low turnout; rescheduling a second session"),
        f(d(2025, 11, 12), "People with Lived and Living Experience", "Windsor", 6,
            "stigma; access to treatment; harm reduction supplies; housing", "Honoraria provided"),
        f(d(2025, 11, 19), "Youth Advisory Group", "Kingsville", 5, "youth; mental health; stigma",
            ""),
    ]
}

#[rustfmt::skip]
fn stakeholders() -> Vec<(&'static str, &'static str, &'static str, bool, bool)> {
    vec![("Windsor Police Service", "Police", "Windsor", true, true),
        ("Essex County OPP", "Police", "Essex", true, true),
        ("LaSalle Police Service", "Police", "LaSalle", true, false),
        ("Windsor-Essex County Health Unit", "Public health", "Windsor", true, true),
        ("CMHA Windsor-Essex", "Mental health", "Windsor", true, true),
        ("Community Housing Corporation", "Housing", "Windsor", true, true),
        ("Windsor Regional Hospital", "Hospital", "Windsor", true, true),
        ("Erie Shores HealthCare", "Hospital", "Leamington", true, false),
        ("City of Windsor", "Municipal government", "Windsor", true, true),
        ("Town of Leamington", "Municipal government", "Leamington", true, true),
        ("Town of Essex", "Municipal government", "Essex", true, true),
        ("Leamington District Chamber of Commerce", "Business", "Leamington", true, false),
        ("Essex County Library", "Library", "Essex", true, true),
        ("Greater Essex County District School Board", "Education", "Windsor", true, false),
        ("Essex-Windsor EMS", "Emergency services", "Windsor", true, true),
        ("South Essex Community Council", "Community services", "Leamington", true, true),
        ("Downtown Mission of Windsor", "Shelter", "Windsor", true, true),
        ("Legal Assistance of Windsor", "Legal", "Windsor", true, false),
        ("Probation and Parole Services", "Justice", "Windsor", true, true),
        ("Kingsville Youth Centre", "Youth services", "Kingsville", false, false),
        ("Amherstburg Community Services", "Community services", "Amherstburg", false, false)]
}

/// A small deterministic generator (SplitMix64) for the survey answers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// Pick by integer weights.
    fn weighted<'a>(&mut self, items: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = items.iter().map(|i| i.1).sum();
        let mut r = self.below(total);
        for &(s, w) in items {
            if r < w {
                return s;
            }
            r -= w;
        }
        unreachable!()
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

const LIKERT: [&str; 5] = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];

fn likert(rng: &mut Rng, weights: [u64; 5]) -> &'static str {
    let items: Vec<(&str, u64)> = LIKERT.iter().copied().zip(weights).collect();
    rng.weighted(&items)
}

const GF_STATEMENTS: [(&str, [u64; 5]); 4] = [
    ("I feel safe in my neighbourhood.", [4, 10, 20, 45, 21]),
    ("I know where to get help for substance use in my community.", [8, 22, 25, 32, 13]),
    ("Substance use is a serious concern in my community.", [2, 5, 13, 40, 40]),
    ("Agencies in my community work well together on substance use.", [6, 18, 38, 30, 8]),
];

const GF_ISSUES: [&str; 7] =
    ["Housing", "Mental health", "Stigma", "Access to treatment", "Youth substance use", "Public drug use", "Policing and safety"];

const GF_COMMENTS: [&str; 12] = [
    "More outreach in the county, not just Windsor.",
    "Wait times for treatment are too long.",
    "I didn't know the safety plans existed until today. Please share them more widely.",
    "We need more affordable housing, that is the root of a lot of this.",
    "The naloxone training at the library was excellent.",
    "Please keep the survey short next time!",
    "Youth need somewhere to go after school, especially in the summer.",
    "Less stigma, more \"help first\" approaches.",
    "Needles in the park near the school are a worry for parents.",
    "Thank you for asking residents what they think.",
    "Merci — more services in French would help.",
    "Police and outreach workers should work together more.",
];

struct GfResponse {
    timestamp: String,
    email: String,
    municipality: &'static str,
    role: &'static str,
    likert: [&'static str; 4],
    issues: String,
    used_plan: &'static str,
    comment: &'static str,
}

fn google_forms() -> Vec<GfResponse> {
    let mut rng = Rng(20251001);
    let counts = [("Windsor", 28), ("Leamington", 12), ("Essex", 9), ("Lakeshore", 6), ("Kingsville", 3), ("Amherstburg", 2)];
    let mut towns: Vec<&'static str> = counts.iter().flat_map(|&(t, n)| std::iter::repeat_n(t, n)).collect();
    rng.shuffle(&mut towns);
    // Submission times: spread over 2025-10-01 .. 2025-11-28, ascending.
    let mut times: Vec<(i64, u32, u32, u32)> =
        (0..towns.len()).map(|_| (rng.below(59) as i64, 7 + rng.below(15) as u32, rng.below(60) as u32, rng.below(60) as u32)).collect();
    times.sort();
    times[0] = (0, 9, 0, 0); // the first response: 2025/10/01 9:00:00 AM
    let roles = [
        ("Resident", 55),
        ("Service provider", 20),
        ("Business owner", 10),
        ("First responder", 7),
        ("Person with lived or living experience", 8),
    ];
    towns
        .into_iter()
        .zip(times)
        .map(|(town, (day, h, mi, s))| {
            let date = d(2025, 10, 1) + Duration::days(day);
            let (h12, ampm) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            let timestamp = format!("{}/{:02}/{:02} {h12}:{mi:02}:{s:02} {ampm} EST", date.year(), date.month(), date.day());
            let email = if rng.chance(70) { format!("resident{}@example.com", 100 + rng.below(900)) } else { String::new() };
            let role = rng.weighted(&roles);
            let lk = GF_STATEMENTS.map(|(_, w)| likert(&mut rng, w));
            let mut chosen: Vec<&str> = GF_ISSUES.iter().copied().filter(|_| rng.chance(35)).collect();
            if chosen.is_empty() {
                chosen.push(GF_ISSUES[rng.below(GF_ISSUES.len() as u64) as usize]);
            }
            let used_plan = if town == "Windsor" && rng.chance(35) { "Yes" } else { "No" };
            let comment = if rng.chance(40) { GF_COMMENTS[rng.below(GF_COMMENTS.len() as u64) as usize] } else { "" };
            GfResponse { timestamp, email, municipality: town, role, likert: lk, issues: chosen.join(";"), used_plan, comment }
        })
        .collect()
}

const SM_SERVICES: [&str; 4] = ["Naloxone kit", "Needle exchange", "Counselling", "Safe consumption site"];
const SM_COMMENTS: [&str; 6] = [
    "I would like to see more updates in the local paper.",
    "Not sure what the coalition does, honestly.",
    "The annual report was helpful.",
    "Social media posts are a good way to reach people.",
    "Hold meetings in the county too.",
    "Clear and easy to follow.",
];

struct SmResponse {
    respondent_id: u64,
    collector_id: u64,
    start: String,
    end: String,
    ip: String,
    municipality: &'static str,
    services: [bool; 4],
    clear: &'static str,
    comment: &'static str,
}

fn survey_monkey() -> Vec<SmResponse> {
    let mut rng = Rng(20251014);
    let towns = [("Windsor", 45), ("Leamington", 15), ("Essex", 12), ("Tecumseh", 10), ("LaSalle", 10), ("Lakeshore", 8)];
    let mut out = Vec::new();
    let mut starts: Vec<(i64, u32, u32, u32)> =
        (0..25).map(|_| (rng.below(40) as i64, 8 + rng.below(13) as u32, rng.below(60) as u32, rng.below(60) as u32)).collect();
    starts.sort();
    starts[0] = (0, 9, 12, 33); // 10/14/2025 9:12:33 AM: day > 12, so the order is inferable
    for (i, (day, h, mi, s)) in starts.into_iter().enumerate() {
        let start_date = d(2025, 10, 14) + Duration::days(day);
        let secs = u64::from(h * 3600 + mi * 60 + s);
        let end_secs = secs + 120 + rng.below(600);
        let fmt = |t: u64| {
            let (h, m, s) = ((t / 3600) as u32, ((t / 60) % 60) as u32, (t % 60) as u32);
            let (h12, ampm) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!("{}/{}/{} {h12}:{m:02}:{s:02} {ampm}", start_date.month(), start_date.day(), start_date.year())
        };
        let nets = ["192.0.2", "198.51.100", "203.0.113"];
        out.push(SmResponse {
            respondent_id: 118_402_337_100 + (i as u64) * 37 + rng.below(30),
            collector_id: if i % 3 == 0 { 431_876_205 } else { 431_876_512 },
            start: fmt(secs),
            end: fmt(end_secs),
            ip: format!("{}.{}", nets[rng.below(3) as usize], 1 + rng.below(254)),
            municipality: rng.weighted(&towns),
            services: [rng.chance(40), rng.chance(20), rng.chance(35), rng.chance(10)],
            clear: likert(&mut rng, [3, 12, 30, 40, 15]),
            comment: if rng.chance(30) { SM_COMMENTS[rng.below(6) as usize] } else { "" },
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// French text for the data, typed beside it (`Activity (FR)`) or in the translations workbook,
// so that the sample French editions are fully French.

#[rustfmt::skip]
const FRENCH: &[(&str, &str)] = &[
    // Activities.
    ("Applied for Community Safety and Policing grant", "Demande de subvention pour la sécurité communautaire et les services policiers"),
    ("Confirmed grant partnership with Essex County OPP and the Windsor-Essex Regional Community Safety and Wellbeing Plan",
        "Confirmation du partenariat de subvention avec la Police provinciale du comté d’Essex et le Plan régional de sécurité et de bien-être communautaires de Windsor-Essex"),
    (STEPS_COMPLETED[0], "Liste des principaux intervenants établie pour les consultations sur les plans de sécurité de Leamington et d’Essex."),
    (STEPS_COMPLETED[1], "Sondage et guide des groupes de discussion existants adaptés à Leamington et à Essex."),
    (STEPS_COMPLETED[2], "Sondage lancé dans les médias sociaux, ouvert jusqu’au 31 octobre."),
    (STEPS_COMPLETED[3], "Publications hebdomadaires dans les médias sociaux préparées et programmées pour le mois d’octobre."),
    (NEXT_STEPS[0], "Inviter les intervenants ciblés à participer aux groupes de discussion."),
    (NEXT_STEPS[1], "Remettre le sondage et son code QR aux entreprises et aux organismes de Leamington et d’Essex pour joindre les résidents."),
    (NEXT_STEPS[2], "Continuer de participer aux événements communautaires pour informer les résidents sur les plans de sécurité existants."),
    (NEXT_STEPS[3], "Coordonner et offrir une formation sur la santé mentale et la consommation de substances aux premiers répondants et aux fournisseurs de services de Leamington et d’Essex."),
    ("Draft consultation plan, survey and focus group guide", "Rédiger le plan de consultation, le sondage et le guide des groupes de discussion"),
    ("Launch community survey (Google Forms and SurveyMonkey)", "Lancer le sondage communautaire en ligne"),
    ("Host a focus group with each pillar working group", "Tenir un groupe de discussion avec le groupe de travail de chaque pilier"),
    ("Analyze consultation results and draft recommendations", "Analyser les résultats de la consultation et rédiger des recommandations"),
    ("Deliver train-the-trainer sessions for outreach staff", "Offrir des séances de formation des formateurs au personnel d’approche"),
    ("Offer naloxone training at county library branches", "Offrir la formation sur la naloxone dans les succursales de la bibliothèque du comté"),
    ("Distribute naloxone kits at community events", "Distribuer des trousses de naloxone lors d’événements communautaires"),
    ("Evaluate training feedback and update materials", "Évaluer les commentaires sur la formation et mettre à jour le matériel"),
    ("Develop workshop curriculum with local school boards", "Élaborer le programme des ateliers avec les conseils scolaires locaux"),
    ("Pilot workshops in two secondary schools", "Mettre à l’essai les ateliers dans deux écoles secondaires"),
    ("Train peer facilitators for the 2026 school year", "Former des pairs animateurs pour l’année scolaire 2026"),
    // Action items.
    ("Share the Community Safety and Policing grant announcement with your networks.",
        "Faire connaître à vos réseaux l’annonce de la subvention pour la sécurité communautaire et les services policiers."),
    ("Let the Project Coordinator know of summer community housing events to attend.",
        "Signaler au coordonnateur de projet les événements d’été en logement communautaire auxquels participer."),
    (ACTION_ITEMS[0], "Encourager les membres de votre personnel qui travaillent à Leamington et à Essex à participer aux groupes de discussion sur les plans de sécurité."),
    (ACTION_ITEMS[1], "Continuer de promouvoir et de distribuer les plans de sécurité existants. Tous les plans de sécurité se trouvent sur le site Web de la Stratégie."),
    (ACTION_ITEMS[2], "Encourager les clients et les résidents de Leamington et d’Essex à remplir le sondage."),
    ("WECOSS Working Group Members", "Membres des groupes de travail de WECOSS"),
    // Meeting rooms.
    ("Committee Room B, 350 City Hall Square W", "Salle de comité B, 350, City Hall Square Ouest"),
    ("Boardroom 2, 1005 Ouellette Ave", "Salle du conseil 2, 1005, avenue Ouellette"),
    ("Training Room, 1400 Windsor Ave", "Salle de formation, 1400, avenue Windsor"),
    ("Council Chambers, 33 Talbot St S, Essex", "Salle du conseil municipal, 33, rue Talbot Sud, Essex"),
    // Events.
    ("Glengarry Spring Tenant Meeting", "Réunion de locataires du printemps à Glengarry"),
    ("Ford City Spring Housing Open House", "Portes ouvertes du printemps en logement à Ford City"),
    ("Sandwich Town Spring Resource Fair", "Salon des ressources du printemps à Sandwich Town"),
    ("Downtown Windsor Community Housing BBQ", "Barbecue en logement communautaire au centre-ville de Windsor"),
    ("Glengarry Summer Kick-off BBQ", "Barbecue de début d’été à Glengarry"),
    ("Ford City Tenant Meeting", "Réunion de locataires à Ford City"),
    ("Sandwich Town Summer Resource Fair", "Salon des ressources d’été à Sandwich Town"),
    ("Downtown Windsor Community Housing Event", "Événement en logement communautaire au centre-ville de Windsor"),
    ("Drouillard Neighbourhood BBQ", "Barbecue de quartier à Drouillard"),
    ("Bridgeview Tenant Meeting", "Réunion de locataires à Bridgeview"),
    ("Forest Glade Community Housing Event", "Événement en logement communautaire à Forest Glade"),
    ("South Walkerville Neighbourhood BBQ", "Barbecue de quartier à South Walkerville"),
    ("Glengarry Back-to-School Resource Fair", "Salon des ressources de la rentrée à Glengarry"),
    ("Downtown Windsor Tenant Meeting", "Réunion de locataires au centre-ville de Windsor"),
    ("Ford City Community Housing Event", "Événement en logement communautaire à Ford City"),
    ("Sandwich Town Tenant Meeting", "Réunion de locataires à Sandwich Town"),
    ("Glengarry Community Housing Event", "Événement en logement communautaire à Glengarry"),
    ("Downtown Windsor Fall Resource Fair", "Salon des ressources d’automne au centre-ville de Windsor"),
    ("Glengarry Fall Tenant Meeting", "Réunion de locataires d’automne à Glengarry"),
    // Venues.
    ("Glengarry Court community room", "Salle communautaire de Glengarry Court"),
    ("Drouillard Road townhouses courtyard", "Cour des maisons en rangée du chemin Drouillard"),
    ("Mill Street Park pavilion", "Pavillon du parc Mill Street"),
    ("Glengarry-Aylmer community housing courtyard", "Cour du logement communautaire Glengarry-Aylmer"),
    ("Glengarry Court courtyard", "Cour de Glengarry Court"),
    ("Ford City community housing common room", "Salle commune du logement communautaire de Ford City"),
    ("Bridgeview community housing common room", "Salle commune du logement communautaire de Bridgeview"),
    ("Forest Glade townhouses green space", "Espace vert des maisons en rangée de Forest Glade"),
    ("Walkerville seniors' building patio", "Terrasse de l’immeuble pour aînés de Walkerville"),
    ("Downtown community housing tower lounge", "Salon de la tour de logement communautaire du centre-ville"),
    ("Sandwich Town seniors' building lounge", "Salon de l’immeuble pour aînés de Sandwich Town"),
    // Focus groups.
    ("Leamington Service Providers", "Fournisseurs de services de Leamington"),
    ("Essex Residents", "Résidents d’Essex"),
    ("People with Lived and Living Experience", "Personnes ayant une expérience vécue ou actuelle"),
    ("Youth Advisory Group", "Comité consultatif jeunesse"),
];

/// Texts whose French is in the sample's `translations.xlsx`: names of plans, survey questions.
#[rustfmt::skip]
const TRANSLATIONS: &[(&str, &str)] = &[
    (GLENGARRY, "Plan de sécurité du quartier Glengarry"),
    (DOWNTOWN, "Plan de sécurité du quartier du centre-ville de Windsor"),
    (SANDWICH, "Plan de sécurité du quartier Sandwich Town"),
    (FORD_CITY, "Plan de sécurité du quartier Ford City"),
    ("I feel safe in my neighbourhood.", "Je me sens en sécurité dans mon quartier."),
    ("I know where to get help for substance use in my community.", "Je sais où obtenir de l’aide pour la consommation de substances dans ma communauté."),
    ("Substance use is a serious concern in my community.", "La consommation de substances est une préoccupation sérieuse dans ma communauté."),
    ("Agencies in my community work well together on substance use.", "Les organismes de ma communauté collaborent bien en matière de consommation de substances."),
    ("Which issues concern you most? (select all that apply)", "Quels enjeux vous préoccupent le plus ? (cochez toutes les réponses qui s’appliquent)"),
    ("Which issues concern you most?", "Quels enjeux vous préoccupent le plus ?"),
    ("Have you used a neighbourhood safety plan?", "Avez-vous utilisé un plan de sécurité de quartier ?"),
    ("Anything else you would like to share?", "Souhaitez-vous ajouter quelque chose ?"),
    ("Which of these services have you used?", "Lesquels de ces services avez-vous utilisés ?"),
    ("The coalition communicates its work clearly.", "La coalition communique clairement son travail."),
    ("Any other comments?", "Avez-vous d’autres commentaires ?"),
];

/// The French of a sample text (every text given French must have it).
fn fr(text: &str) -> &'static str {
    FRENCH.iter().find(|(en, _)| *en == text).map(|(_, f)| *f).unwrap_or_else(|| panic!("no French for `{text}`"))
}

fn write_translations(path: &Path) -> Result<()> {
    let f = fmts();
    let mut wb = new_workbook("WECOSS: French text for the data")?;
    let ws = wb.add_worksheet();
    ws.set_name("Translations")?;
    header(ws, 0, &["English", "French"], &[70.0, 90.0], &f)?;
    for (i, (en, fr)) in TRANSLATIONS.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *en)?;
        ws.write_string(i as u32 + 1, 1, *fr)?;
    }
    wb.save(path)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Invariants

struct Checked {
    period_events: usize,
    first: NaiveDate,
    last: NaiveDate,
    plans_period: u32,
    reviews: u32,
    confident: u32,
    prior: u32,
    after: u32,
}

#[allow(clippy::too_many_arguments)]
fn check(
    events: &[Event],
    d2024: &[Dist],
    d2025: &[Dist],
    partner: &[Dist],
    meetings: &[Meeting],
    acts: &[Activity],
    gf: &[GfResponse],
    sm: &[SmResponse],
) -> Checked {
    let (ps, pe) = period();
    // The period starts the day after the EJWG's previous meeting.
    let ejwg: Vec<NaiveDate> = meetings.iter().filter(|m| m.group == EJWG).map(|m| m.date).collect();
    assert_eq!(ejwg, [d(2025, 2, 11), d(2025, 4, 15), d(2025, 6, 18), d(2025, 10, 7)]);
    assert_eq!(ps, d(2025, 6, 18) + Duration::days(1));
    assert!(meetings.iter().all(|m| m.date <= pe));
    assert!(meetings.iter().filter(|m| m.date == pe).all(|m| m.group == EJWG));
    assert_eq!(meetings.iter().filter(|m| m.times_as_text).count(), 1);
    assert!(meetings.iter().filter(|m| m.date == pe).all(|m| !m.times_as_text));

    // Events.
    let pev: Vec<&Event> = events.iter().filter(|e| in_period(e.date)).collect();
    assert_eq!(pev.len(), 14, "period events");
    assert_eq!(events.iter().filter(|e| e.date < ps).count(), 4);
    assert_eq!(events.iter().filter(|e| e.date > pe).count(), 1);
    assert!(events.windows(2).all(|w| w[0].date <= w[1].date), "events sorted by date");
    let texts: Vec<&Event> = events.iter().filter(|e| e.date_text.is_some()).collect();
    assert_eq!(texts.len(), 1);
    assert!(in_period(texts[0].date));
    assert_eq!(texts[0].date_text, Some("July 24, 2025"));
    assert_eq!(texts[0].date, d(2025, 7, 24));
    let first = pev.first().unwrap().date;
    let last = pev.last().unwrap().date;
    assert_eq!((first, last), (d(2025, 6, 19), d(2025, 9, 22)));
    let plans_period: u32 = pev.iter().map(|e| e.plans_total()).sum();
    let reviews: u32 = pev.iter().map(|e| e.reviews).sum();
    let confident: u32 = pev.iter().map(|e| e.confident).sum();
    assert_eq!(plans_period, 257);
    assert_eq!(reviews, 150);
    assert_eq!(confident, 144);
    assert_eq!((confident * 100 + reviews / 2) / reviews, 96);
    assert!(events.iter().all(|e| e.confident <= e.reviews));
    let mut names: Vec<&str> = events.iter().map(|e| e.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), events.len(), "event names are unique");

    // Distribution.
    let all: Vec<&Dist> = d2024.iter().chain(d2025).chain(partner).collect();
    assert!(d2024.iter().all(|r| r.date.year() == 2024));
    assert!(d2025.iter().all(|r| r.date.year() == 2025));
    assert!(partner.iter().all(|r| r.date >= d(2024, 9, 1) && r.date < ps));
    let period_rows: Vec<&&Dist> = all.iter().filter(|r| in_period(r.date)).collect();
    assert!(period_rows.iter().all(|r| r.channel == EVENT));
    for r in &period_rows {
        assert!(pev.iter().any(|e| e.name == r.event && e.date == r.date), "{}", r.event);
    }
    for e in events {
        let rows: Vec<&&Dist> = all.iter().filter(|r| r.event == e.name).collect();
        let sum: u32 = rows.iter().map(|r| r.qty).sum();
        assert_eq!(sum, e.plans_total(), "distribution rows for {}", e.name);
        if e.plans.len() > 1 {
            assert_ne!(e.plans[0].0, e.plans[1].0);
        }
    }
    assert!(pev.iter().filter(|e| e.plans.len() == 2).count() >= 3, "some split events");
    let in_period_qty: u32 = period_rows.iter().map(|r| r.qty).sum();
    assert_eq!(in_period_qty, 257);
    let prior: u32 = all.iter().filter(|r| r.date < ps).map(|r| r.qty).sum();
    assert_eq!(prior, 1420, "distributed before 2025-06-19");
    let after: u32 = all.iter().filter(|r| r.date > pe).map(|r| r.qty).sum();
    assert!(d2025.iter().any(|r| r.date < ps) && d2025.iter().any(|r| r.date > pe));

    // Activities: the deck's steps, in order.
    let completed: Vec<&str> =
        acts.iter().filter(|a| a.project == CSWB && a.status == "Completed" && in_period(a.due)).map(|a| a.activity).collect();
    assert_eq!(completed, STEPS_COMPLETED);
    assert_eq!(acts.iter().filter(|a| a.project == CSWB && a.status == "Completed" && a.due < ps).count(), 2);
    let next: Vec<&str> = acts.iter().filter(|a| a.project == CSWB && a.status != "Completed").map(|a| a.activity).collect();
    assert_eq!(next, NEXT_STEPS);

    // Surveys: small cells.
    let count = |t: &str| gf.iter().filter(|r| r.municipality == t).count();
    assert_eq!((count("Kingsville"), count("Amherstburg")), (3, 2));
    assert_eq!(gf[0].timestamp, "2025/10/01 9:00:00 AM EST");
    assert!(sm.iter().any(|r| r.start.split('/').nth(1).unwrap().parse::<u32>().unwrap() > 12));

    Checked { period_events: pev.len(), first, last, plans_period, reviews, confident, prior, after }
}

// ---------------------------------------------------------------------------------------------
// Writing

fn xl_date(date: NaiveDate) -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?)
}

fn new_workbook(title: &str) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 10, 1)?.and_hms(9, 0, 0)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author("WECOSS Project Coordinator")
        .set_company("Windsor-Essex Community Opioid & Substance Strategy")
        .set_comment("Invented sample data, generated by examples/make-samples.rs")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

struct Fmt {
    bold: Format,
    title: Format,
    italic: Format,
    date: Format,
    time: Format,
}

fn fmts() -> Fmt {
    Fmt {
        bold: Format::new().set_bold(),
        title: Format::new().set_bold().set_font_size(14),
        italic: Format::new().set_italic(),
        date: Format::new().set_num_format("mmm d, yyyy"),
        time: Format::new().set_num_format("h:mm AM/PM"),
    }
}

fn header(ws: &mut Worksheet, row: u32, cols: &[&str], widths: &[f64], f: &Fmt) -> Result<()> {
    for (c, (name, w)) in cols.iter().zip(widths).enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &f.bold)?;
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

fn opt_str(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<()> {
    if !s.is_empty() {
        ws.write_string(row, col, s)?;
    }
    Ok(())
}

fn write_events(path: &Path, events: &[Event]) -> Result<()> {
    let f = fmts();
    let mut wb = new_workbook("WECOSS Community Events Log 2025")?;
    let ws = wb.add_worksheet();
    ws.set_name("Events")?;
    ws.write_string_with_format(0, 0, "WECOSS Community Events Log 2025", &f.title)?;
    ws.write_string_with_format(1, 0, "Neighbourhood safety plan outreach — maintained by the Project Coordinator", &f.italic)?;
    let cols = [
        "Date of Event",
        "Event Name",
        "Municipality",
        "Neighbourhood",
        "Venue",
        "Event Type",
        "Residents Reached",
        "Safety Plans Distributed",
        "Reviews Completed",
        "Felt More Confident",
        "Notes",
        "Event Name (FR)",
        "Venue (FR)",
    ];
    let widths = [14.0, 40.0, 13.0, 17.0, 42.0, 24.0, 10.0, 12.0, 10.0, 10.0, 40.0, 44.0, 46.0];
    header(ws, 3, &cols, &widths, &f)?;
    let mut row = 4u32;
    for e in events {
        match e.date_text {
            Some(t) => ws.write_string(row, 0, t)?,
            None => ws.write_datetime_with_format(row, 0, &xl_date(e.date)?, &f.date)?,
        };
        ws.write_string(row, 1, e.name)?;
        ws.write_string(row, 2, e.municipality)?;
        ws.write_string(row, 3, e.neighbourhood)?;
        ws.write_string(row, 4, e.venue)?;
        ws.write_string(row, 5, e.kind)?;
        ws.write_number(row, 6, e.reached)?;
        ws.write_number(row, 7, e.plans_total())?;
        ws.write_number(row, 8, e.reviews)?;
        ws.write_number(row, 9, e.confident)?;
        opt_str(ws, row, 10, e.notes)?;
        ws.write_string(row, 11, fr(e.name))?;
        ws.write_string(row, 12, fr(e.venue))?;
        row += 1;
    }
    let (first_xl, last_xl) = (5, row); // 1-based Excel rows of the data
    row += 1; // one blank row
    ws.write_string_with_format(row, 0, "Total", &f.bold)?;
    let sums = [
        events.iter().map(|e| e.reached).sum::<u32>(),
        events.iter().map(|e| e.plans_total()).sum(),
        events.iter().map(|e| e.reviews).sum(),
        events.iter().map(|e| e.confident).sum(),
    ];
    for (i, sum) in sums.iter().enumerate() {
        let col = 6 + i as u16;
        let letter = (b'A' + col as u8) as char;
        let formula = Formula::new(format!("=SUM({letter}{first_xl}:{letter}{last_xl})")).set_result(sum.to_string());
        ws.write_formula_with_format(row, col, formula, &f.bold)?;
    }
    ws.set_freeze_panes(4, 0)?;
    wb.save(path)?;
    Ok(())
}

const DIST_COLS: [&str; 8] =
    ["Date Distributed", "Safety Plan", "Qty", "Municipality", "Distributed Via", "Event Name", "Partner Agency", "Notes"];

fn write_distribution(path: &Path, d2024: &[Dist], d2025: &[Dist]) -> Result<()> {
    let f = fmts();
    let mut wb = new_workbook("Neighbourhood Safety Plan Distribution Log")?;
    for (name, rows) in [("2024", d2024), ("2025", d2025)] {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        header(ws, 0, &DIST_COLS, &[14.0, 42.0, 6.0, 13.0, 16.0, 40.0, 32.0, 40.0], &f)?;
        for (i, r) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_datetime_with_format(row, 0, &xl_date(r.date)?, &f.date)?;
            ws.write_string(row, 1, r.plan)?;
            ws.write_number(row, 2, r.qty)?;
            ws.write_string(row, 3, r.municipality)?;
            ws.write_string(row, 4, r.channel)?;
            opt_str(ws, row, 5, r.event)?;
            opt_str(ws, row, 6, r.partner)?;
            opt_str(ws, row, 7, r.notes)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save(path)?;
    Ok(())
}

fn ods_date(date: NaiveDate) -> Cell {
    Cell::date(date.year(), date.month(), date.day())
}

fn write_partner_ods(path: &Path, rows: &[Dist]) -> Result<()> {
    let mut sheet = vec![
        vec![Cell::text("Partner agency pickups")],
        ["Distribution Date", "Plan", "Copies", "Town", "Method", "Organisation"].into_iter().map(Cell::text).collect(),
    ];
    for r in rows {
        sheet.push(vec![
            ods_date(r.date),
            Cell::text(r.plan),
            r.qty.into(),
            Cell::text(r.municipality),
            Cell::text(r.channel),
            Cell::text(r.partner),
        ]);
    }
    OdsBook::new().sheet("Partner Log", sheet).write(path)?;
    Ok(())
}

fn write_workplan(path: &Path, meetings: &[Meeting], acts: &[Activity], items: &[(NaiveDate, &str, &str)]) -> Result<()> {
    let f = fmts();
    let mut wb = new_workbook("WECOSS Workplan 2025")?;

    let ws = wb.add_worksheet();
    ws.set_name("Meetings")?;
    let cols = ["Meeting Date", "Working Group", "Start", "End", "Room", "Title", "Room (FR)"];
    header(ws, 0, &cols, &[14.0, 40.0, 10.0, 10.0, 42.0, 55.0, 46.0], &f)?;
    for (i, m) in meetings.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_datetime_with_format(row, 0, &xl_date(m.date)?, &f.date)?;
        ws.write_string(row, 1, m.group)?;
        for (col, (h, mi)) in [(2u16, m.start), (3, m.end)] {
            if m.times_as_text {
                let (h12, ampm) = if h < 12 { (h, "AM") } else { (if h == 12 { 12 } else { h - 12 }, "PM") };
                ws.write_string(row, col, format!("{h12}:{mi:02} {ampm}"))?;
            } else {
                let t = ExcelDateTime::from_hms(h as u16, mi as u8, 0)?;
                ws.write_datetime_with_format(row, col, &t, &f.time)?;
            }
        }
        ws.write_string(row, 4, m.room)?;
        ws.write_string(row, 5, format!("WECOSS {} Meeting", m.group))?;
        ws.write_string(row, 6, fr(m.room))?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Activities")?;
    let cols = ["Project", "Pillar", "Activity", "Status", "Start Date", "Due Date", "Lead", "Activity (FR)"];
    header(ws, 0, &cols, &[42.0, 24.0, 90.0, 12.0, 14.0, 14.0, 32.0, 90.0], &f)?;
    for (i, a) in acts.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, a.project)?;
        ws.write_string(row, 1, a.pillar)?;
        ws.write_string(row, 2, a.activity)?;
        ws.write_string(row, 3, a.status)?;
        ws.write_datetime_with_format(row, 4, &xl_date(a.start)?, &f.date)?;
        ws.write_datetime_with_format(row, 5, &xl_date(a.due)?, &f.date)?;
        ws.write_string(row, 6, a.lead)?;
        ws.write_string(row, 7, fr(a.activity))?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Action Items")?;
    header(ws, 0, &["Meeting Date", "Action Item", "For", "Action Item (FR)", "For (FR)"], &[14.0, 100.0, 32.0, 100.0, 40.0], &f)?;
    for (i, (date, item, who)) in items.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_datetime_with_format(row, 0, &xl_date(*date)?, &f.date)?;
        ws.write_string(row, 1, *item)?;
        ws.write_string(row, 2, *who)?;
        ws.write_string(row, 3, fr(item))?;
        ws.write_string(row, 4, fr(who))?;
    }
    wb.save(path)?;
    Ok(())
}

fn write_focus_groups(path: &Path, groups: &[FocusGroup]) -> Result<()> {
    let f = fmts();
    let mut wb = new_workbook("WECOSS Action Plan Consultation: Focus Groups")?;
    let ws = wb.add_worksheet();
    ws.set_name("Focus Groups")?;
    let cols = ["Session Date", "Focus Group", "Municipality", "Number of Participants", "Key Themes", "Notes", "Focus Group (FR)"];
    header(ws, 0, &cols, &[14.0, 40.0, 13.0, 12.0, 60.0, 42.0, 44.0], &f)?;
    for (i, g) in groups.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_datetime_with_format(row, 0, &xl_date(g.date)?, &f.date)?;
        ws.write_string(row, 1, g.group)?;
        ws.write_string(row, 2, g.municipality)?;
        ws.write_number(row, 3, g.participants)?;
        ws.write_string(row, 4, g.themes)?;
        opt_str(ws, row, 5, g.notes)?;
        if let Some((_, french)) = FRENCH.iter().find(|(en, _)| *en == g.group) {
            ws.write_string(row, 6, *french)?;
        }
    }
    wb.save(path)?;
    Ok(())
}

fn write_stakeholders(path: &Path, rows: &[(&str, &str, &str, bool, bool)]) -> Result<()> {
    let f = fmts();
    let mut wb = new_workbook("WECOSS Action Plan Consultation: Stakeholders")?;
    let ws = wb.add_worksheet();
    ws.set_name("Stakeholders")?;
    header(ws, 0, &["Organization", "Sector", "Municipality", "Invited", "Attended"], &[44.0, 22.0, 13.0, 9.0, 9.0], &f)?;
    let yn = |b: bool| if b { "Yes" } else { "No" };
    for (i, (org, sector, town, inv, att)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, *org)?;
        ws.write_string(row, 1, *sector)?;
        ws.write_string(row, 2, *town)?;
        ws.write_string(row, 3, yn(*inv))?;
        ws.write_string(row, 4, yn(*att))?;
    }
    wb.save(path)?;
    Ok(())
}

fn write_google_forms(path: &Path, rows: &[GfResponse]) -> Result<()> {
    let mut buf: Vec<u8> = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut buf);
        let mut head = vec!["Timestamp", "Email Address", "Where do you live?", "I am a..."];
        head.extend(GF_STATEMENTS.iter().map(|s| s.0));
        head.extend([
            "Which issues concern you most? (select all that apply)",
            "Have you used a neighbourhood safety plan?",
            "Anything else you would like to share?",
        ]);
        w.write_record(&head)?;
        for r in rows {
            let mut rec = vec![r.timestamp.as_str(), r.email.as_str(), r.municipality, r.role];
            rec.extend(r.likert);
            rec.extend([r.issues.as_str(), r.used_plan, r.comment]);
            w.write_record(&rec)?;
        }
        w.flush()?;
    }
    fs::File::create(path)?.write_all(&buf)?;
    Ok(())
}

fn write_survey_monkey(path: &Path, rows: &[SmResponse]) -> Result<()> {
    let mut wb = new_workbook("WECOSS Communications Survey (SurveyMonkey export)")?;
    let ws = wb.add_worksheet();
    ws.set_name("Sheet")?;
    let top = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "What municipality do you live in?",
        "Which of these services have you used?",
        "",
        "",
        "",
        "The coalition communicates its work clearly.",
        "Any other comments?",
    ];
    let second = [
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Response",
        SM_SERVICES[0],
        SM_SERVICES[1],
        SM_SERVICES[2],
        SM_SERVICES[3],
        "Response",
        "Open-Ended Response",
    ];
    for (c, (a, b)) in top.iter().zip(second).enumerate() {
        opt_str(ws, 0, c as u16, a)?;
        opt_str(ws, 1, c as u16, b)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_number(row, 0, r.respondent_id as f64)?;
        ws.write_number(row, 1, r.collector_id as f64)?;
        ws.write_string(row, 2, &r.start)?;
        ws.write_string(row, 3, &r.end)?;
        ws.write_string(row, 4, &r.ip)?;
        ws.write_string(row, 8, r.municipality)?;
        for (k, &chosen) in r.services.iter().enumerate() {
            if chosen {
                ws.write_string(row, 9 + k as u16, SM_SERVICES[k])?;
            }
        }
        ws.write_string(row, 13, r.clear)?;
        opt_str(ws, row, 14, r.comment)?;
    }
    wb.save(path)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------

fn main() -> Result<()> {
    let out: PathBuf = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("samples/wecoss-2025"));

    let events = events();
    let d2024 = distribution_2024();
    let d2025 = distribution_2025(&events);
    let partner = partner_pickups();
    let meetings = meetings();
    let acts = activities();
    let items = action_items();
    let groups = focus_groups();
    let stake = stakeholders();
    let gf = google_forms();
    let sm = survey_monkey();

    let c = check(&events, &d2024, &d2025, &partner, &meetings, &acts, &gf, &sm);
    assert_eq!(items.iter().filter(|i| i.0 == period().1).map(|i| i.1).collect::<Vec<_>>(), ACTION_ITEMS);
    assert!(groups.iter().any(|g| g.group == EJWG && g.date == period().1 && g.participants == 11));
    assert!(groups.iter().any(|g| g.participants < 5));

    fs::create_dir_all(&out)?;
    write_events(&out.join("events-2025.xlsx"), &events)?;
    write_distribution(&out.join("distribution-log.xlsx"), &d2024, &d2025)?;
    write_partner_ods(&out.join("partner-distribution.ods"), &partner)?;
    write_workplan(&out.join("workplan-2025.xlsx"), &meetings, &acts, &items)?;
    write_focus_groups(&out.join("focus-groups.xlsx"), &groups)?;
    write_stakeholders(&out.join("stakeholders.xlsx"), &stake)?;
    write_google_forms(&out.join("survey-google-forms.csv"), &gf)?;
    write_survey_monkey(&out.join("survey-monkey.xlsx"), &sm)?;
    write_translations(&out.join("translations.xlsx"))?;

    let mut by_town: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &gf {
        *by_town.entry(r.municipality).or_default() += 1;
    }
    let (ps, pe) = period();
    println!("wrote sample inputs to {}", out.display());
    println!("checked (period {ps} .. {pe}):");
    println!("  events in period: {} ({} .. {})", c.period_events, c.first, c.last);
    println!("  safety plans distributed in period: {}", c.plans_period);
    println!("  distributed before {ps}: {}", c.prior);
    println!("  distributed after {pe}: {}", c.after);
    println!("  felt more confident: {} of {} reviews = {}%", c.confident, c.reviews, (c.confident * 100 + c.reviews / 2) / c.reviews);
    println!("  google forms responses: {} {:?}", gf.len(), by_town);
    println!("  surveymonkey responses: {}", sm.len());
    println!("  focus groups: {}, stakeholders: {}", groups.len(), stake.len());
    Ok(())
}

//! A stress year: an inputs folder much bigger and wordier than the samples, to check that the
//! layout never loses or overprints data (issue 13). Every value is invented and comes from a
//! seeded generator, so the folder is the same on every run.
//!
//! `write(dir)` writes the CSV files and returns the [`Stress`] description that the tests check
//! the documents against. `cargo run --example make-stress -- DIR` writes the same folder.

#![allow(dead_code)]

use std::path::Path;

/// The meeting the stress deck is for.
pub const MEETING: &str = "2025-10-07";
/// The group's previous meeting.
pub const PREVIOUS: &str = "2025-06-18";
/// The year of the stress report.
pub const YEAR: i32 = 2025;
/// A 110-character group name that `meeting-deck/content.toml` does not name.
pub const GROUP: &str = "Community Wellbeing, Housing Stability, Overdose Prevention and Neighbourhood Safety Planning West Working Group";
/// The pillar its activities carry: the group's name without "Working Group".
pub const PILLAR: &str = "Community Wellbeing, Housing Stability, Overdose Prevention and Neighbourhood Safety Planning West";

/// What the stress folder holds, for the tests to check documents against.
#[derive(Debug, Clone, Default)]
pub struct Stress {
    /// Every municipality, with the plans distributed there in the year.
    pub municipalities: Vec<(String, u64)>,
    /// Every event: date (ISO), name, municipality.
    pub events: Vec<(String, String, String)>,
    /// Every activity: project, pillar, name, status, start, due.
    pub activities: Vec<[String; 6]>,
    /// Steps of about 600 characters (with and without spaces) that the deck must show in full.
    pub long_steps: Vec<String>,
    /// The action items of the stress meeting.
    pub action_items: Vec<String>,
    /// Survey statements (Likert questions).
    pub statements: Vec<String>,
    /// Options of the multi-select question.
    pub options: Vec<String>,
    /// Focus-group themes.
    pub themes: Vec<String>,
}

/// A small deterministic generator (64-bit LCG, high bits).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PARTS: &[&str] = &[
    "Lakeshore",
    "Riverside",
    "Harbour",
    "Meadow",
    "Cedar",
    "Willow",
    "Maple",
    "Pelee",
    "Tecumseh",
    "Sandpoint",
    "Kingsville",
    "Belle",
    "Colchester",
    "Ruscom",
    "Maidstone",
    "Oldcastle",
    "Amherst",
    "Cottam",
    "Woodslee",
    "Comber",
];

/// 54 municipalities: short ones, long ones with spaces, long ones without.
fn municipalities() -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..54usize {
        let a = PARTS[i % PARTS.len()];
        let b = PARTS[(i * 7 + 3) % PARTS.len()];
        let name = match i % 3 {
            0 => format!("{a} {b}"),
            1 => format!("Township of {a} {b} North and {} Heights Community", PARTS[(i * 3 + 1) % PARTS.len()]),
            _ => format!("{a}{b}{}Saint-Étienne-du-Lac-{}", PARTS[(i + 5) % PARTS.len()], i),
        };
        out.push(name);
    }
    out
}

fn date(day_of_year: u64) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap() + chrono::Days::new(day_of_year);
    d.format("%Y-%m-%d").to_string()
}

/// [`super::files::write_csv`] of owned rows.
fn csv_file(path: &Path, rows: &[Vec<String>]) {
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    super::files::write_csv(path, &rows);
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Writes the stress inputs into `dir` (created if missing) and describes them.
pub fn write(dir: &Path) -> Stress {
    let mut rng = Rng(0x5eed_2025);
    let mut s = Stress::default();
    let towns = municipalities();

    csv_file(
        &dir.join("meetings.csv"),
        &[
            row(&["Meeting Date", "Working Group", "Start Time", "End Time", "Location"]),
            row(&[PREVIOUS, GROUP, "10:00", "12:00", "Council Chambers"]),
            row(&[MEETING, GROUP, "10:00", "12:00", "Council Chambers, Second Floor Meeting Room B"]),
        ],
    );

    // Events: 150 through the year, long names, some with no spaces.
    let mut events = vec![row(&[
        "Date",
        "Event",
        "Municipality",
        "Residents Reached",
        "Plans Distributed",
        "Feedback Responses",
        "Felt More Confident",
    ])];
    let mut days: Vec<u64> = (0..150).map(|_| rng.below(364)).collect();
    days.sort();
    for (i, day) in days.iter().enumerate() {
        let town = towns[(i * 11) % towns.len()].clone();
        let name = match i % 4 {
            0 => format!("Community Safety and Wellbeing Information Fair at the {} Public Library Branch {i}", PARTS[i % PARTS.len()]),
            1 => format!("NeighbourhoodSafetyPlanningPopUpInformationTableAndNaloxoneTraining{i}"),
            2 => format!("Back to School BBQ {i}"),
            _ => format!("Seniors' Housing Stability Outreach Morning with Partner Agencies and Volunteers, Session {i}"),
        };
        let reached = 20 + rng.below(180);
        let reviews = rng.below(20);
        let confident = reviews.saturating_sub(rng.below(4));
        events.push(vec![
            date(*day),
            name.clone(),
            town.clone(),
            reached.to_string(),
            (5 + rng.below(30)).to_string(),
            reviews.to_string(),
            confident.to_string(),
        ]);
        s.events.push((date(*day), name, town));
    }
    csv_file(&dir.join("events.csv"), &events);

    // Distribution: one or two rows per municipality, distinct totals.
    let mut dist = vec![row(&["Date", "Quantity", "Municipality", "Plan"])];
    for (i, town) in towns.iter().enumerate() {
        let mut total = 0;
        for k in 0..(1 + i % 2) {
            let q = 3 + rng.below(90);
            total += q;
            dist.push(vec![
                date(rng.below(364)),
                q.to_string(),
                town.clone(),
                format!("{} Neighbourhood Safety Plan", PARTS[(i + k) % PARTS.len()]),
            ]);
        }
        s.municipalities.push((town.clone(), total));
    }
    csv_file(&dir.join("distribution.csv"), &dist);

    // Activities: 36 over 6 projects; most under the group's pillar.
    let projects = [
        "Neighbourhood Safety Planning Expansion",
        "Supportive Housing Navigation",
        "Naloxone Distribution and Training",
        "Youth Prevention Curriculum",
        "Court Diversion Partnership",
        "Community Consultation and Action Plan Renewal",
    ];
    let pillars = [PILLAR, PILLAR, "Harm Reduction", "Prevention and Education", "Enforcement and Justice", PILLAR];
    let statuses = ["Completed", "In Progress", "Planned"];
    let mut acts = vec![row(&["Project", "Pillar", "Activity", "Status", "Start", "Due", "Owner"])];
    for i in 0..36usize {
        let p = i % projects.len();
        let name = match i % 3 {
            0 => format!(
                "Hold stakeholder consultation sessions with property managers, tenants and outreach workers in every municipality of the county ({i})"
            ),
            1 => format!("Draft{i}"),
            _ => format!("Evaluate the DistributionAndFollowUpProcessForNeighbourhoodSafetyPlans number {i}"),
        };
        let start = 20 + rng.below(300);
        let due = start + 14 + rng.below(120);
        let status = statuses[i % 3];
        let a = [projects[p].to_string(), pillars[p].to_string(), name, status.to_string(), date(start), date(due.min(364))];
        acts.push(vec![a[0].clone(), a[1].clone(), a[2].clone(), a[3].clone(), a[4].clone(), a[5].clone(), "Coordinator".into()]);
        s.activities.push(a);
    }
    // Two very long steps of the group's first project, one due in the period (completed) and
    // one to come: ~600 characters with spaces, and ~600 with none.
    let long_spaced = (0..8)
        .map(|i| format!("consult the {} tenants' association and its outreach volunteers,", PARTS[i % PARTS.len()]))
        .collect::<Vec<_>>()
        .join(" ");
    let long_spaced = format!("Before the plan is renewed, {long_spaced} and write up every answer for the steering committee");
    let long_word: String = (0..90).map(|i| PARTS[i % PARTS.len()]).collect::<Vec<_>>().concat();
    for (name, status, start, due) in [
        (long_spaced, "Completed", "2025-07-02", "2025-08-20"),
        (long_word[..600.min(long_word.len())].to_string(), "Planned", "2025-10-20", "2025-12-12"),
    ] {
        let a = [projects[0].to_string(), pillars[0].to_string(), name, status.to_string(), start.to_string(), due.to_string()];
        acts.push(vec![a[0].clone(), a[1].clone(), a[2].clone(), a[3].clone(), a[4].clone(), a[5].clone(), "Coordinator".into()]);
        s.long_steps.push(a[2].clone());
        s.activities.push(a);
    }
    csv_file(&dir.join("activities.csv"), &acts);

    // Action items for the meeting: nine, some long.
    let mut items = vec![row(&["Action Item", "Meeting", "Audience"])];
    for i in 0..9 {
        let text = if i % 2 == 0 {
            format!(
                "Share the neighbourhood safety plan distribution schedule with your agency's front-line staff and report back on uptake at the next meeting (item {i})"
            )
        } else {
            format!("Confirm a contact for the pop-up events, item {i}")
        };
        items.push(vec![text.clone(), MEETING.into(), "Members".into()]);
        s.action_items.push(text);
    }
    // One action item far taller than a slide at full size (~1,300 characters).
    let long_item = (0..40).map(|i| format!("ask partner {i} to confirm")).collect::<Vec<_>>().join(", then ");
    items.push(vec![long_item.clone(), MEETING.into(), "Members".into()]);
    s.action_items.push(long_item);
    csv_file(&dir.join("action-items.csv"), &items);

    // Focus groups: 40 sessions, 28 themes.
    s.themes = (0..28).map(|i| format!("Theme {i}: access to {} services after hours", PARTS[i % PARTS.len()])).collect();
    let mut fg = vec![row(&["Session Date", "Focus Group", "Municipality", "Participants", "Key Themes"])];
    for i in 0..40usize {
        let themes: Vec<String> = (0..3).map(|k| s.themes[(i * 3 + k) % s.themes.len()].clone()).collect();
        fg.push(vec![
            date(30 + rng.below(300)),
            format!("Focus group with {} residents and service providers", PARTS[i % PARTS.len()]),
            towns[i % towns.len()].clone(),
            (2 + rng.below(14)).to_string(),
            themes.join("; "),
        ]);
    }
    csv_file(&dir.join("focus-groups.csv"), &fg);

    // Survey: 320 responses, 14 statements, a 30-option multi-select, a long single choice.
    s.statements = (0..14)
        .map(|i| {
            format!(
                "Statement {i}: the coalition's work on {} has made my neighbourhood safer and better connected to services",
                PARTS[i % PARTS.len()]
            )
        })
        .collect();
    s.options = (0..30).map(|i| format!("Option {i} {}", PARTS[i % PARTS.len()])).collect();
    let likert = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];
    let mut header = row(&["Timestamp", "Municipality", "Role"]);
    header.extend(s.statements.iter().cloned());
    header.push("Which of these supports have you used? (choose all that apply)".into());
    header.push("How did you hear about the consultation?".into());
    let mut survey = vec![header];
    let roles = ["Resident", "Service provider", "Business owner", "Police or justice", "Health care"];
    let heard = ["Social media", "Newspaper", "Friend or family", "Agency staff", "Library", "Radio", "Event", "Poster", "Email", "Other"];
    for i in 0..320u64 {
        let mut r = vec![
            format!("{} 09:{:02}:00", date(rng.below(300)), i % 60),
            towns[(rng.below(towns.len() as u64)) as usize].clone(),
            roles[rng.below(roles.len() as u64) as usize].to_string(),
        ];
        for _ in &s.statements {
            r.push(likert[rng.below(5) as usize].to_string());
        }
        let chosen: Vec<String> = (0..(1 + rng.below(4))).map(|_| s.options[rng.below(30) as usize].clone()).collect();
        let mut chosen = chosen;
        chosen.sort();
        chosen.dedup();
        r.push(chosen.join("; "));
        r.push(heard[rng.below(heard.len() as u64) as usize].to_string());
        survey.push(r);
    }
    csv_file(&dir.join("survey.csv"), &survey);

    csv_file(
        &dir.join("stakeholders.csv"),
        &(0..12)
            .map(|i| {
                vec![
                    format!("Partner Agency {i}"),
                    "Health".into(),
                    towns[i].clone(),
                    "yes".into(),
                    if i % 2 == 0 { "yes" } else { "no" }.into(),
                ]
            })
            .fold(vec![row(&["Organization", "Sector", "Municipality", "Contacted", "Participated"])], |mut v, r| {
                v.push(r);
                v
            }),
    );
    s
}

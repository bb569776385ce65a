//! Generates a large inputs folder for the benchmark (`benches/pipeline.rs`).
//!
//! ```text
//! cargo run --release --example make-large -- N [DIR] [--inline]
//! ```
//!
//! Writes into `DIR` (default `target/large-N`):
//!
//! - `distribution-large.xlsx`: N distribution rows (date, plan, quantity,
//!   municipality, channel, partner agency: 6 cells a row) over 2016–2025;
//! - `survey-large.xlsx`: N/5 survey responses (timestamp, municipality, role,
//!   8 Likert statements and one multi-select: 12 cells a row);
//! - a copy of every sample workbook in `samples/wecoss-2025/`, so the deck
//!   and the report have meetings, events and the rest.
//!
//! For N = 500,000 that is 3.0 M + 1.2 M = 4.2 M cells. The values come from a
//! seeded generator and the workbook properties are fixed, so the same N gives
//! the same bytes. The sheets are written in rust_xlsxwriter's low-memory mode
//! (its `constant_memory` feature): rows go to disk as they are written and
//! strings are shared, as Excel saves them.
//!
//! With `--inline`, the same rows are written with *inline* strings
//! (`<c t="inlineStr"><is><t>…</t></is></c>`), as openpyxl and xlsxwriter in
//! constant-memory mode, and many exports, save them (rust_xlsxwriter's
//! constant-memory mode); the default folder is then
//! `target/large-N-inline`.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The sample workbooks copied next to the generated ones.
pub const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/wecoss-2025");

const PLANS: [&str; 4] = [
    "Glengarry Neighbourhood Safety Plan",
    "Downtown Windsor Neighbourhood Safety Plan",
    "Sandwich Town Neighbourhood Safety Plan",
    "Ford City Neighbourhood Safety Plan",
];

const MUNICIPALITIES: [(&str, u64); 9] = [
    ("Windsor", 50),
    ("LaSalle", 8),
    ("Tecumseh", 8),
    ("Lakeshore", 8),
    ("Amherstburg", 6),
    ("Essex", 6),
    ("Kingsville", 6),
    ("Leamington", 6),
    ("Pelee Island", 2),
];

const CHANNELS: [(&str, u64); 4] = [("Community event", 40), ("Partner pickup", 25), ("Mail-out", 20), ("Front desk", 15)];

const PARTNERS: [&str; 8] = [
    "Windsor Police Service",
    "CMHA Windsor-Essex",
    "Windsor-Essex County Health Unit",
    "Community Housing Corporation",
    "Downtown Mission of Windsor",
    "Sandwich Town Community Centre",
    "Drouillard Place",
    "Essex County OPP",
];

const ROLES: [(&str, u64); 4] = [("Resident", 70), ("Service provider", 15), ("Business owner", 10), ("Student", 5)];

const LIKERT: [&str; 5] = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];

const STATEMENTS: [(&str, [u64; 5]); 8] = [
    ("I feel safe in my neighbourhood.", [4, 10, 20, 45, 21]),
    ("I know where to get help for substance use in my community.", [8, 22, 25, 32, 13]),
    ("Substance use is a serious concern in my community.", [2, 5, 13, 40, 40]),
    ("Agencies in my community work well together on substance use.", [6, 18, 38, 30, 8]),
    ("The neighbourhood safety plan was easy to understand.", [3, 7, 20, 45, 25]),
    ("I would know what to do if I found a needle in a park.", [10, 20, 25, 30, 15]),
    ("Naloxone is easy to get in my community.", [7, 15, 30, 33, 15]),
    ("I would recommend the safety plan to a neighbour.", [3, 6, 21, 42, 28]),
];

const ISSUES: [&str; 7] =
    ["Housing", "Mental health", "Stigma", "Access to treatment", "Youth substance use", "Public drug use", "Policing and safety"];

/// A small deterministic generator (SplitMix64).
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

    fn weighted<'a>(&mut self, items: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = items.iter().map(|i| i.1).sum();
        let mut r = self.below(total);
        for &(s, w) in items {
            if r < w {
                return s;
            }
            r -= w;
        }
        items[items.len() - 1].0
    }
}

/// The first and last day of the generated rows: ten years, ending before
/// the sample deck's meeting (2025-10-07).
fn span() -> (NaiveDate, NaiveDate) {
    (NaiveDate::from_ymd_opt(2016, 1, 1).expect("date"), NaiveDate::from_ymd_opt(2025, 9, 30).expect("date"))
}

/// The date of row `i` of `n`, evenly spread and ascending.
fn date_of(i: usize, n: usize) -> NaiveDate {
    let (first, last) = span();
    let days = (last - first).num_days();
    first + Duration::days((i as i64 * days) / n.max(1) as i64)
}

fn workbook(title: &str) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 10, 1)?.and_hms(9, 0, 0)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author("WECOSS Project Coordinator")
        .set_comment("Invented benchmark data, generated by examples/make-large.rs")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

/// How a workbook stores its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strings {
    /// A shared-string table, as Excel saves.
    Shared,
    /// Inline strings in each cell, as constant-memory writers save.
    Inline,
}

/// A worksheet that writes rows as they come, with strings as `strings`.
fn sheet(wb: &mut Workbook, strings: Strings) -> Result<&mut rust_xlsxwriter::Worksheet> {
    Ok(match strings {
        Strings::Shared => wb.add_worksheet_with_low_memory()?,
        Strings::Inline => wb.add_worksheet_with_constant_memory()?,
    })
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?)
}

/// Writes `n` distribution rows.
fn write_distribution(path: &Path, n: usize, strings: Strings) -> Result<()> {
    let mut wb = workbook("Safety plan distribution, 2016–2025 (benchmark)")?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = sheet(&mut wb, strings)?;
    ws.set_name("Distribution")?;
    let cols = ["Date Distributed", "Safety Plan", "Qty", "Municipality", "Distributed Via", "Partner Agency"];
    for (c, name) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    let mut rng = Rng(0x5AFE_7001);
    for i in 0..n {
        let row = i as u32 + 1;
        ws.write_datetime_with_format(row, 0, &excel_date(date_of(i, n))?, &date)?;
        ws.write_string(row, 1, PLANS[rng.below(PLANS.len() as u64) as usize])?;
        ws.write_number(row, 2, (1 + rng.below(40)) as f64)?;
        ws.write_string(row, 3, rng.weighted(&MUNICIPALITIES))?;
        ws.write_string(row, 4, rng.weighted(&CHANNELS))?;
        ws.write_string(row, 5, PARTNERS[rng.below(PARTNERS.len() as u64) as usize])?;
    }
    wb.save(path)?;
    Ok(())
}

/// Writes `n` survey responses.
fn write_survey(path: &Path, n: usize, strings: Strings) -> Result<()> {
    let mut wb = workbook("Community survey, 2016–2025 (benchmark)")?;
    let bold = Format::new().set_bold();
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let ws = sheet(&mut wb, strings)?;
    ws.set_name("Survey")?;
    let mut head = vec!["Timestamp", "Where do you live?", "I am a..."];
    head.extend(STATEMENTS.iter().map(|s| s.0));
    head.push("Which issues concern you most? (select all that apply)");
    for (c, name) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    let mut rng = Rng(0x5EED_2025);
    for i in 0..n {
        let row = i as u32 + 1;
        let day = date_of(i, n);
        let at = day.and_hms_opt(8 + rng.below(12) as u32, rng.below(60) as u32, 0).expect("time");
        let when = excel_date(day)?.and_hms(at.hour() as u16, at.minute() as u8, 0)?;
        ws.write_datetime_with_format(row, 0, &when, &stamp)?;
        ws.write_string(row, 1, rng.weighted(&MUNICIPALITIES))?;
        ws.write_string(row, 2, rng.weighted(&ROLES))?;
        for (k, (_, weights)) in STATEMENTS.iter().enumerate() {
            let items: Vec<(&str, u64)> = LIKERT.iter().copied().zip(*weights).collect();
            ws.write_string(row, 3 + k as u16, rng.weighted(&items))?;
        }
        let mut picked: Vec<&str> = ISSUES.iter().copied().filter(|_| rng.below(100) < 30).collect();
        if picked.is_empty() {
            picked.push(ISSUES[rng.below(ISSUES.len() as u64) as usize]);
        }
        ws.write_string(row, 11, picked.join(";"))?;
    }
    wb.save(path)?;
    Ok(())
}

/// Writes the whole folder: N distribution rows, N/5 survey responses and
/// the sample workbooks.
pub fn generate(n: usize, dir: &Path) -> Result<()> {
    generate_with(n, dir, Strings::Shared)
}

/// [`generate`], with the large workbooks' text stored as `strings`.
pub fn generate_with(n: usize, dir: &Path, strings: Strings) -> Result<()> {
    fs::create_dir_all(dir)?;
    write_distribution(&dir.join("distribution-large.xlsx"), n, strings)?;
    write_survey(&dir.join("survey-large.xlsx"), n / 5, strings)?;
    for entry in fs::read_dir(SAMPLES)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            fs::copy(entry.path(), dir.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// The default folder for `n` rows: `target/large-N`.
pub fn default_dir(n: usize) -> PathBuf {
    default_dir_with(n, Strings::Shared)
}

/// The default folder for `n` rows with `strings`: `target/large-N`, or
/// `target/large-N-inline`.
pub fn default_dir_with(n: usize, strings: Strings) -> PathBuf {
    let suffix = if strings == Strings::Inline { "-inline" } else { "" };
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target")).join(format!("large-{n}{suffix}"))
}

#[allow(dead_code)]
fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strings = if args.iter().any(|a| a == "--inline") { Strings::Inline } else { Strings::Shared };
    let mut args = args.into_iter().filter(|a| a != "--inline");
    let n: usize = match args.next() {
        Some(n) => n.replace(['_', ','], "").parse().map_err(|_| format!("N must be a number of rows, not `{n}`"))?,
        None => return Err("usage: make-large N [DIR] [--inline]".into()),
    };
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| default_dir_with(n, strings));
    let started = std::time::Instant::now();
    generate_with(n, &dir, strings)?;
    println!(
        "wrote {} distribution rows and {} survey responses ({} strings) to {} in {:.1} s",
        n,
        n / 5,
        if strings == Strings::Inline { "inline" } else { "shared" },
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

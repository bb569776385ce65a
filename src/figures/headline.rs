//! The headline figures of a build, each with the rows behind it, so that
//! every build can say what it published and, against the last build of the
//! folder, what changed and which rows changed it:
//! `events 34 → 36 (+2): SSNAPP events 2025.xlsx › Events rows 39–40 added`.
//!
//! A figure keeps, per sheet, the rows it counted (as runs) and, for up to
//! [`ROW_VALUES`] rows, each row's value, so a changed cell is named too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Period;
use crate::tables::{Dataset, Source};

/// A sheet keeps each row's value when it has at most this many rows in a
/// figure; above, only its runs of rows and their sum.
pub const ROW_VALUES: usize = 2_000;
/// At most this many rows are named in one change; the rest are counted.
const ROWS_NAMED: usize = 5;

/// One headline figure and the rows behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// What it counts, as printed: `events in 2025`.
    pub name: String,
    /// Its value.
    pub value: u64,
    /// Per sheet (`file › sheet`, the file relative to the inputs folder):
    /// the rows behind it.
    pub rows: BTreeMap<String, SheetRows>,
}

/// The rows of one sheet behind a figure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRows {
    /// Runs of rows, one-based, in order.
    pub runs: Vec<(u32, u32)>,
    /// What they add up to.
    pub sum: u64,
    /// Each row's value, when the sheet has at most [`ROW_VALUES`] rows here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<BTreeMap<u32, u64>>,
}

/// Collects a figure's rows as they are met.
struct Collect {
    name: String,
    value: u64,
    rows: BTreeMap<String, Vec<(u32, u64)>>,
}

impl Collect {
    fn new(name: String) -> Self {
        Collect { name, value: 0, rows: BTreeMap::new() }
    }

    fn add(&mut self, place: String, row: u32, value: u64) {
        self.value += value;
        self.rows.entry(place).or_default().push((row, value));
    }

    fn done(self) -> Figure {
        let rows = self
            .rows
            .into_iter()
            .map(|(place, mut rows)| {
                rows.sort_unstable();
                let mut runs: Vec<(u32, u32)> = Vec::new();
                for &(row, _) in &rows {
                    match runs.last_mut() {
                        Some(run) if run.1 + 1 == row => run.1 = row,
                        Some(run) if run.1 == row => {}
                        _ => runs.push((row, row)),
                    }
                }
                let sum = rows.iter().map(|r| r.1).sum();
                let values = (rows.len() <= ROW_VALUES).then(|| rows.into_iter().collect());
                (place, SheetRows { runs, sum, values })
            })
            .collect();
        Figure { name: self.name, value: self.value, rows }
    }
}

/// The headline figures of the report's `year` (and of the deck's
/// `period`, when a deck is made): events, residents reached, plans
/// distributed, survey responses and focus groups. `place` names a sheet
/// as the figures keep it (relative to the inputs folder).
pub fn headline(
    data: &Dataset,
    year: Option<(&str, Period)>,
    deck: Option<(&str, Period)>,
    place: &dyn Fn(&str, Option<&str>) -> String,
) -> Vec<Figure> {
    let at = |s: &Source| place(&s.file, s.sheet.as_deref());
    let mut figures = Vec::new();
    if let Some((label, p)) = year {
        let mut events = Collect::new(format!("events in {label}"));
        let mut residents = Collect::new(format!("residents reached in {label}"));
        for e in data.events.iter().filter(|e| p.contains(e.date)) {
            events.add(at(&e.source), e.source.row, 1);
            if let Some(n) = e.residents_reached {
                residents.add(at(&e.source), e.source.row, n);
            }
        }
        let mut plans = Collect::new(format!("plans distributed in {label}"));
        for d in data.distribution.iter().filter(|d| p.contains(d.date)) {
            plans.add(at(&d.source), d.source.row, d.quantity);
        }
        let mut responses = Collect::new(format!("survey responses in {label}"));
        for s in &data.surveys {
            for r in s.responses.iter().filter(|r| p.contains(r.submitted.date())) {
                responses.add(place(&s.file, s.sheet.as_deref()), r.row, 1);
            }
        }
        let mut focus = Collect::new(format!("focus groups in {label}"));
        for f in data.focus_groups.iter().filter(|f| p.contains(f.date)) {
            focus.add(at(&f.source), f.source.row, 1);
        }
        figures.extend([events, residents, plans, responses, focus].map(Collect::done));
    }
    if let Some((label, p)) = deck {
        let mut events = Collect::new(format!("events for the {label} deck"));
        for e in data.events.iter().filter(|e| p.contains(e.date)) {
            events.add(at(&e.source), e.source.row, 1);
        }
        let mut plans = Collect::new(format!("plans distributed for the {label} deck"));
        for d in data.distribution.iter().filter(|d| p.contains(d.date)) {
            plans.add(at(&d.source), d.source.row, d.quantity);
        }
        figures.extend([events, plans].map(Collect::done));
    }
    figures
}

/// The figures in one line: `events in 2025 12, residents reached in 2025
/// 1,350, …`.
pub fn summary(figures: &[Figure]) -> String {
    figures.iter().map(|f| format!("{} {}", f.name, crate::words::thousands(f.value as i64))).collect::<Vec<_>>().join(", ")
}

/// What changed since `before`, one line per figure that changed (in value
/// or in the rows behind it): `events in 2025 34 → 36 (+2): SSNAPP events
/// 2025.xlsx › Events rows 39–40 added`. Figures not in `before` (another
/// year) say nothing.
pub fn changes(before: &[Figure], now: &[Figure]) -> Vec<String> {
    let mut lines = Vec::new();
    for f in now {
        let Some(b) = before.iter().find(|b| b.name == f.name) else { continue };
        if b == f {
            continue;
        }
        let delta = f.value as i64 - b.value as i64;
        let sign = if delta > 0 {
            "+"
        } else if delta < 0 {
            "−"
        } else {
            "±"
        };
        let mut why = Vec::new();
        let places: std::collections::BTreeSet<&String> = b.rows.keys().chain(f.rows.keys()).collect();
        for place in places {
            let (old, new) = (b.rows.get(place), f.rows.get(place));
            if old == new {
                continue;
            }
            why.push(format!("{place} {}", sheet_change(old, new)));
        }
        lines.push(format!(
            "{} {} → {} ({sign}{}){}",
            f.name,
            crate::words::thousands(b.value as i64),
            crate::words::thousands(f.value as i64),
            crate::words::thousands(delta.abs()),
            if why.is_empty() { String::new() } else { format!(": {}", why.join("; ")) }
        ));
    }
    lines
}

/// How one sheet's rows behind a figure changed, in words.
fn sheet_change(old: Option<&SheetRows>, new: Option<&SheetRows>) -> String {
    let empty = SheetRows::default();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let set = |s: &SheetRows| s.runs.iter().flat_map(|&(a, b)| a..=b).collect::<std::collections::BTreeSet<u32>>();
    let (before, after) = (set(old), set(new));
    let added: Vec<u32> = after.difference(&before).copied().collect();
    let removed: Vec<u32> = before.difference(&after).copied().collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("{} added", rows_words(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("{} gone", rows_words(&removed)));
    }
    if let (Some(a), Some(b)) = (&old.values, &new.values) {
        let changed: Vec<String> = a
            .iter()
            .filter_map(|(row, v)| b.get(row).filter(|w| *w != v).map(|w| format!("row {row} {} → {}", thousands(*v), thousands(*w))))
            .collect();
        if !changed.is_empty() {
            let more = changed.len().saturating_sub(ROWS_NAMED);
            let mut named: Vec<String> = changed.into_iter().take(ROWS_NAMED).collect();
            if more > 0 {
                named.push(format!("{more} more rows changed"));
            }
            parts.push(named.join(", "));
        }
    } else if parts.is_empty() && old.sum != new.sum {
        parts.push(format!("its rows add up to {} instead of {}", thousands(new.sum), thousands(old.sum)));
    }
    if parts.is_empty() { "rows renumbered".to_string() } else { parts.join(", ") }
}

fn thousands(n: u64) -> String {
    crate::words::thousands(n as i64)
}

/// `row 14`, `rows 39–40`, `rows 3, 7 and 9`, `rows 3–9 and 4 more`.
fn rows_words(rows: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &r in rows {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == r => run.1 = r,
            _ => runs.push((r, r)),
        }
    }
    let word = |&(a, b): &(u32, u32)| if a == b { a.to_string() } else { format!("{a}–{b}") };
    let named: Vec<String> = runs.iter().take(ROWS_NAMED).map(word).collect();
    let rest = runs.len().saturating_sub(ROWS_NAMED);
    let label = if rows.len() == 1 { "row" } else { "rows" };
    let list = match (named.split_last(), rest) {
        (Some((last, [])), 0) => last.clone(),
        (Some((last, first)), 0) => format!("{} and {last}", first.join(", ")),
        (_, rest) => format!("{} and {rest} more", named.join(", ")),
    };
    format!("{label} {list}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(name: &str, rows: &[(&str, u32, u64)]) -> Figure {
        let mut c = Collect::new(name.to_string());
        for &(place, row, value) in rows {
            c.add(place.to_string(), row, value);
        }
        c.done()
    }

    #[test]
    fn a_change_names_the_rows_behind_it() {
        let before = [figure("events in 2025", &[("events.xlsx › Events", 2, 1), ("events.xlsx › Events", 3, 1)])];
        let now = [figure(
            "events in 2025",
            &[
                ("events.xlsx › Events", 2, 1),
                ("events.xlsx › Events", 3, 1),
                ("events.xlsx › Events", 39, 1),
                ("events.xlsx › Events", 40, 1),
            ],
        )];
        assert_eq!(changes(&before, &now), ["events in 2025 2 → 4 (+2): events.xlsx › Events rows 39–40 added"]);
        let residents = [figure("residents", &[("e › E", 2, 45), ("e › E", 3, 10)])];
        let typo = [figure("residents", &[("e › E", 2, 4500), ("e › E", 3, 10)])];
        assert_eq!(changes(&residents, &typo), ["residents 55 → 4,510 (+4,455): e › E row 2 45 → 4,500"]);
        assert!(changes(&before, &before).is_empty());
        assert_eq!(rows_words(&[3, 7, 9]), "rows 3, 7 and 9");
    }
}

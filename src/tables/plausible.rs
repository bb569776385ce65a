//! Plausibility: values that read well but are probably typos, warned about
//! at their cell so that `build` prints them. Nothing here changes a
//! record: the figures count what the cells say, and the warning names the
//! cell that would change them.
//!
//! - **Dates out of place**: a date in another year than its file or sheet
//!   name says (`2052` in `events 2025.xlsx`), or than the rows around it,
//!   or far from the sheet's other years; a sheet whose every date is in
//!   another year than its name says (last year's file saved under this
//!   year's name); a date after today. Such a row never makes a year of its
//!   own: no report is made for a year that only these rows have.
//! - **Outliers**: a count twenty times its column's median or more.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::{Dataset, Kind, SheetReport};
use crate::diag::{Diagnostics, Location};

/// A count at least this many times its column's median is an outlier.
pub const OUTLIER_TIMES: u64 = 20;
/// A column needs this many values before its median says anything.
const OUTLIER_MIN_VALUES: usize = 4;

/// A row of a sheet: file, sheet, one-based row.
pub type RowAt = (String, Option<String>, u32);

/// One dated row of a sheet: its row and date.
struct Dated {
    row: u32,
    date: NaiveDate,
}

/// Warns about implausible dates and outlying counts; returns the rows
/// whose dates are out of place, which make no year of their own.
pub(super) fn check<'a>(data: &'a Dataset, today: Option<NaiveDate>, diags: &mut Diagnostics) -> HashSet<RowAt> {
    // Keyed by borrowed names: no allocation per row.
    let mut by_sheet: BTreeMap<(&str, Option<&str>), Vec<Dated>> = BTreeMap::new();
    let mut add = |file: &'a str, sheet: Option<&'a str>, row: u32, date: NaiveDate| {
        by_sheet.entry((file, sheet)).or_default().push(Dated { row, date });
    };
    for e in &data.events {
        add(&e.source.file, e.source.sheet.as_deref(), e.source.row, e.date);
    }
    for d in &data.distribution {
        add(&d.source.file, d.source.sheet.as_deref(), d.source.row, d.date);
    }
    for f in &data.focus_groups {
        add(&f.source.file, f.source.sheet.as_deref(), f.source.row, f.date);
    }
    for s in &data.surveys {
        for r in &s.responses {
            add(&s.file, s.sheet.as_deref(), r.row, r.submitted.date());
        }
    }
    let mut out_of_place: HashSet<RowAt> = HashSet::new();
    for ((file, sheet), mut rows) in by_sheet {
        let Some(report) = data.sheets.iter().find(|s| s.file == file && s.sheet.as_deref() == sheet) else { continue };
        rows.sort_by_key(|r| r.row);
        let cell = |row: u32| date_cell(report, row);
        let named = named_year(file, sheet);
        let years: Vec<i32> = rows.iter().map(|r| r.date.year()).collect();
        // Last year's file under this year's name: every date says so.
        if let Some(named) = named
            && years.iter().all(|&y| y != named)
            && !years.is_empty()
        {
            let mut distinct: Vec<i32> = years.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let list = distinct.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
            diags.warning(
                Location::in_sheet(file, sheet),
                format!(
                    "every date in this sheet is in {list}, but its name says {named}: is it last year's file saved under this year's name? Its rows are counted in {list}; rename the file, or fix the dates"
                ),
            );
            continue;
        }
        let usual = usual_year(&years);
        let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
        for &y in &years {
            *counts.entry(y).or_default() += 1;
        }
        // A year that many rows share is data, not a typo (a log kept
        // since 2018, a fiscal year, an unsorted two-year sheet).
        let rare = |year: i32| counts.get(&year).copied().unwrap_or(0) <= (years.len() / 50).max(1);
        let mut said = Said::new(Location::in_sheet(file, sheet));
        for (i, r) in rows.iter().enumerate() {
            let year = r.date.year();
            let expected = named.unwrap_or(usual);
            if year == expected || !rare(year) {
                continue;
            }
            // Beside the year expected: fine at the edge of a run of such
            // rows (a sheet that spans New Year, or a fiscal year); odd when
            // the rows on both sides are in the year expected.
            let near = (year - expected).abs() == 1;
            let isolated = i > 0 && i + 1 < rows.len() && rows[i - 1].date.year() == expected && rows[i + 1].date.year() == expected;
            if near && !isolated {
                continue;
            }
            let why = match named {
                Some(named) => format!("its name says {named}"),
                None => format!("the rows around it are in {usual}"),
            };
            said.warn(
                diags,
                cell(r.row),
                format!(
                    "the date {} is in {year}, but {why}: a typo? It is counted in {year}, not {expected}; fix the cell if it is wrong",
                    r.date
                ),
            );
            out_of_place.insert((file.to_string(), sheet.map(str::to_string), r.row));
        }
        said.rest(diags, "dates in another year than the rest of this sheet");
        if let Some(today) = today {
            let mut said = Said::new(Location::in_sheet(file, sheet));
            for r in rows.iter().filter(|r| r.date > today) {
                said.warn(
                    diags,
                    cell(r.row),
                    format!(
                        "the date {} is after today ({today}): a typo, or a row entered before it happened? Fix the cell if it is wrong",
                        r.date
                    ),
                );
            }
            said.rest(diags, "dates after today");
        }
    }
    outliers(data, diags);
    out_of_place
}

/// At most this many warnings of one kind are named per sheet; the rest
/// are counted in one more.
const NAMED: usize = 5;

/// Warnings of one kind about one sheet: the first [`NAMED`] said at their
/// cells, the rest counted in one warning about the sheet.
struct Said {
    sheet: Location,
    count: usize,
}

impl Said {
    fn new(sheet: Location) -> Self {
        Said { sheet, count: 0 }
    }

    fn warn(&mut self, diags: &mut Diagnostics, at: Location, message: String) {
        self.count += 1;
        if self.count <= NAMED {
            diags.warning(at, message);
        }
    }

    /// Says how many more there were, if any: `what` names them.
    fn rest(self, diags: &mut Diagnostics, what: &str) {
        if self.count > NAMED {
            diags.warning(self.sheet, format!("{} more {what} (the first {NAMED} are named above); check them", self.count - NAMED));
        }
    }
}

/// The year most rows are in (the latest of equals).
fn usual_year(years: &[i32]) -> i32 {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for &y in years {
        *counts.entry(y).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, y)).map_or(0, |(y, _)| y)
}

/// The year a file or sheet name gives (`events 2025.xlsx`, `FY2024`), if
/// it gives one: a run of four digits from 1990 to 2099, alone.
pub fn named_year(file: &str, sheet: Option<&str>) -> Option<i32> {
    let year_in = |name: &str| {
        let stem = std::path::Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or(name);
        let bytes = stem.as_bytes();
        let mut found = None;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i - start == 4
                    && let Ok(y) = stem[start..i].parse::<i32>()
                    && (1990..=2099).contains(&y)
                {
                    if found.is_some_and(|f| f != y) {
                        return None; // two years (`2024-2025`): no one year
                    }
                    found = Some(y);
                }
            } else {
                i += 1;
            }
        }
        found
    };
    sheet.and_then(year_in).or_else(|| year_in(file))
}

/// The location of the date cell of `row` in a sheet (the row, when the
/// sheet's date column is not known).
fn date_cell(report: &SheetReport, row: u32) -> Location {
    let at = report.location();
    match report.columns.iter().zip(report.kind.map(Kind::columns).unwrap_or(&[])).find(|(_, c)| matches!(c.name, "date" | "submitted")) {
        Some((Some(col), _)) => at.at_cell(row - 1, *col),
        _ => at.at_row(row),
    }
}

/// Calls `each` with every count the outlier check looks at: its row's
/// source, its column, its value.
fn counts<'a>(data: &'a Dataset, mut each: impl FnMut(&'a super::Source, &'static str, u64)) {
    let mut add = |source, column, value: Option<u64>| {
        if let Some(v) = value {
            each(source, column, v);
        }
    };
    for e in &data.events {
        add(&e.source, "residents reached", e.residents_reached);
        add(&e.source, "plans distributed", e.plans_distributed);
        add(&e.source, "feedback responses", e.feedback_responses);
    }
    for d in &data.distribution {
        add(&d.source, "quantity", Some(d.quantity));
    }
    for f in &data.focus_groups {
        add(&f.source, "participants", f.participants);
    }
}

/// Warns about each count at least [`OUTLIER_TIMES`] its column's median:
/// one pass keeps each column's non-zero values (8 bytes each) for its
/// median, a second finds the outliers.
fn outliers(data: &Dataset, diags: &mut Diagnostics) {
    // Keyed by borrowed names: no allocation per row.
    type Key<'a> = (&'a str, Option<&'a str>, &'static str);
    let mut values: BTreeMap<Key, Vec<u64>> = BTreeMap::new();
    counts(data, |source, column, v| {
        if v > 0 {
            values.entry((source.file.as_str(), source.sheet.as_deref(), column)).or_default().push(v);
        }
    });
    let medians: BTreeMap<Key, u64> = values
        .into_iter()
        .filter(|(_, v)| v.len() >= OUTLIER_MIN_VALUES)
        .map(|(key, mut v)| {
            let middle = v.len() / 2;
            (key, *v.select_nth_unstable(middle).1)
        })
        .collect();
    let mut found: BTreeMap<Key, Vec<(u32, u64)>> = BTreeMap::new();
    counts(data, |source, column, v| {
        let key = (source.file.as_str(), source.sheet.as_deref(), column);
        if let Some(&median) = medians.get(&key)
            && median > 0
            && v >= OUTLIER_TIMES * median
            && v >= 100
        {
            found.entry(key).or_default().push((source.row, v));
        }
    });
    for ((file, sheet, column), rows) in found {
        let median = medians[&(file, sheet, column)];
        let Some(report) = data.sheets.iter().find(|s| s.file == file && s.sheet.as_deref() == sheet) else { continue };
        let mut said = Said::new(report.location());
        for (row, v) in rows {
            let at = match report.column_of(column) {
                Some(col) => report.location().at_cell(row - 1, col),
                None => report.location().at_row(row),
            };
            said.warn(
                diags,
                at,
                format!(
                    "{} is {} times this column's median ({}): a typo (an extra zero)? It is counted as it is; fix the cell if it is wrong",
                    crate::words::thousands(v as i64),
                    v / median,
                    crate::words::thousands(median as i64)
                ),
            );
        }
        said.rest(diags, &format!("`{column}` values 20 times the column's median or more"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_names() {
        assert_eq!(named_year("inputs/SSNAPP events 2025.xlsx", Some("Events")), Some(2025));
        assert_eq!(named_year("inputs/events.xlsx", Some("FY2024")), Some(2024));
        assert_eq!(named_year("inputs/events 2024-2025.xlsx", None), None);
        assert_eq!(named_year("inputs/log-20250619.csv", None), None);
        assert_eq!(named_year("inputs/2025/events.csv", None), None);
    }

    #[test]
    fn the_usual_year_is_the_most_common() {
        assert_eq!(usual_year(&[2025, 2025, 2024, 2052, 2025]), 2025);
    }
}

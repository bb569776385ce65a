//! The row ledger: what became of every row of a sheet read as a table.
//!
//! Each row from the sheet's first to its last ends in exactly one
//! [`Bucket`]: counted, skipped for a named reason (above the header, the
//! header, a blank workbook's hint row, blank, a totals row, a repeated header, a repeat of another row),
//! or an error. The ledger keeps runs of rows, not rows, so a sheet of a
//! million counted rows is one run. `check` prints it, `--json` carries it,
//! and the report's "About the data" sums it up.

use serde::Serialize;

/// How a totals row was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TotalsRule {
    /// Its first non-empty cell says `Total`, `Totals`, `Grand total`,
    /// `Sum` or `Subtotal`.
    Label,
    /// The last row, with at least two rows above it, whose numbers are all
    /// non-zero and equal the sums of the rows above (an unlabelled sums
    /// row, or Excel's Total Row).
    Sums,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "bucket")]
pub enum Bucket {
    /// Above the header row: a title or a note.
    AboveHeader,
    /// The header row.
    Header,
    /// Read into a record, and counted.
    Counted,
    /// Nothing in it.
    Blank,
    /// A totals row: never counted.
    Totals {
        /// How it was recognised.
        rule: TotalsRule,
        /// Whether its numbers equal the sums of the rows above (`None`
        /// when it has no number to compare).
        matches: Option<bool>,
    },
    /// The header row again (pasted with a block of rows).
    RepeatedHeader,
    /// A blank workbook's hint row, right under the header (every cell
    /// starts `e.g.`; see [`crate::blank::is_hint`]): never counted.
    Hint,
    /// The same as an earlier row: counted once, there.
    Repeat {
        /// The other row's sheet, when it is in another sheet or file
        /// (`file › sheet`).
        #[serde(skip_serializing_if = "Option::is_none")]
        place: Option<String>,
        /// The other row's one-based number.
        row: u32,
    },
    /// A row with an error: nothing is built until it is fixed.
    Error,
}

impl Bucket {
    /// Whether the row is counted.
    pub fn is_counted(&self) -> bool {
        matches!(self, Bucket::Counted)
    }

    /// Whether `next` continues a run of `self` one row further: the same
    /// bucket, and for repeats, of the next row of the same place.
    fn continued_by(&self, next: &Bucket) -> bool {
        match (self, next) {
            (Bucket::Repeat { place, row }, Bucket::Repeat { place: p, row: r }) => place == p && *r == *row + 1,
            (a, b) => a == b,
        }
    }
}

/// A run of consecutive rows in one bucket. For a run of repeats, `bucket`
/// names the first original row, and the others follow it one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// The first row, one-based.
    pub first: u32,
    /// The last row, one-based.
    pub last: u32,
    /// What became of them.
    #[serde(flatten)]
    pub bucket: Bucket,
}

impl Run {
    /// How many rows the run holds.
    pub fn len(&self) -> usize {
        (self.last - self.first + 1) as usize
    }

    /// Whether the run holds no row (never, once made).
    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }

    /// The bucket of the `i`-th row of the run (`first + i`).
    fn bucket_at(&self, i: u32) -> Bucket {
        match &self.bucket {
            Bucket::Repeat { place, row } => Bucket::Repeat { place: place.clone(), row: row + i },
            other => other.clone(),
        }
    }
}

/// Every row of one sheet, in runs, in row order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Ledger {
    runs: Vec<Run>,
}

impl Ledger {
    /// The runs, in row order.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The last row recorded, one-based (0 when none is).
    pub fn last_row(&self) -> u32 {
        self.runs.last().map_or(0, |r| r.last)
    }

    /// Records `row` (one-based, after every row recorded so far) in
    /// `bucket`; rows skipped between are blank.
    pub fn push(&mut self, row: u32, bucket: Bucket) {
        let last = self.last_row();
        if row <= last {
            // Rows come in order; a row recorded twice keeps its first bucket.
            return;
        }
        if row > last + 1 {
            self.append(last + 1, row - 1, Bucket::Blank);
        }
        self.append(row, row, bucket);
    }

    /// Puts `row` in `bucket` instead of the bucket it had.
    pub fn set(&mut self, row: u32, bucket: Bucket) {
        let Some(i) = self.runs.iter().position(|r| r.first <= row && row <= r.last) else {
            self.push(row, bucket);
            return;
        };
        let run = self.runs.remove(i);
        let mut parts = Vec::with_capacity(3);
        if run.first < row {
            parts.push(Run { first: run.first, last: row - 1, bucket: run.bucket.clone() });
        }
        parts.push(Run { first: row, last: row, bucket });
        if row < run.last {
            parts.push(Run { first: row + 1, last: run.last, bucket: run.bucket_at(row + 1 - run.first) });
        }
        let rebuilt: Vec<Run> = self.runs.drain(i..).collect();
        let before: Vec<Run> = std::mem::take(&mut self.runs);
        for r in before.into_iter().chain(parts).chain(rebuilt) {
            self.append(r.first, r.last, r.bucket);
        }
    }

    fn append(&mut self, first: u32, last: u32, bucket: Bucket) {
        if let Some(prev) = self.runs.last_mut()
            && prev.last + 1 == first
            && prev.bucket_at(prev.last - prev.first).continued_by(&bucket)
        {
            prev.last = last;
            return;
        }
        self.runs.push(Run { first, last, bucket });
    }

    /// How many rows are counted.
    pub fn counted(&self) -> usize {
        self.runs.iter().filter(|r| r.bucket.is_counted()).map(Run::len).sum()
    }

    /// How many rows the ledger holds, from the sheet's first row to its last.
    pub fn rows(&self) -> usize {
        self.runs.iter().map(Run::len).sum()
    }

    /// The ledger in words, as `check` prints it: `rows 2–38 counted (37),
    /// row 11 blank, row 40 totals (matches the sums)`. Rows above the
    /// header and the header itself are left out.
    pub fn describe(&self) -> String {
        let rows = |r: &Run| if r.first == r.last { format!("row {}", r.first) } else { format!("rows {}–{}", r.first, r.last) };
        let parts: Vec<String> = self
            .runs
            .iter()
            .filter(|r| !matches!(r.bucket, Bucket::AboveHeader | Bucket::Header))
            .map(|r| {
                let what = match &r.bucket {
                    Bucket::Counted => format!("counted ({})", r.len()),
                    Bucket::Blank => "blank".to_string(),
                    Bucket::Totals { rule: TotalsRule::Sums, .. } => {
                        "totals (no label: its numbers are the sums of the rows above)".to_string()
                    }
                    Bucket::Totals { matches: Some(true), .. } => "totals (matches the sums)".to_string(),
                    Bucket::Totals { matches: Some(false), .. } => "totals (does not match the sums)".to_string(),
                    Bucket::Totals { matches: None, .. } => "totals".to_string(),
                    Bucket::RepeatedHeader => "repeated header".to_string(),
                    Bucket::Hint => "hint".to_string(),
                    Bucket::Repeat { place, row } => {
                        let of =
                            if r.first == r.last { format!("row {row}") } else { format!("rows {row}–{}", row + (r.last - r.first)) };
                        let verb = if r.first == r.last { "repeats" } else { "repeat" };
                        match place {
                            Some(place) => format!("{verb} `{place}` {of} (counted once, there)"),
                            None => format!("{verb} {of} (counted once)"),
                        }
                    }
                    Bucket::Error => "error".to_string(),
                    Bucket::AboveHeader | Bucket::Header => unreachable!(),
                };
                format!("{} {what}", rows(r))
            })
            .collect();
        // A sheet with nothing but blanks and a hint row below its header
        // (a blank workbook) has no rows yet: not an error.
        let rows_yet = self.runs.iter().any(|r| !matches!(r.bucket, Bucket::AboveHeader | Bucket::Header | Bucket::Blank | Bucket::Hint));
        match (rows_yet, parts.is_empty()) {
            (_, true) => "no rows yet".to_string(),
            (false, false) => format!("no rows yet ({})", parts.join(", ")),
            (true, false) => parts.join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_fall_in_runs_and_blanks_fill_gaps() {
        let mut l = Ledger::default();
        l.push(1, Bucket::Header);
        for row in 2..=5 {
            l.push(row, Bucket::Counted);
        }
        l.push(7, Bucket::Counted);
        l.push(8, Bucket::Totals { rule: TotalsRule::Sums, matches: Some(true) });
        assert_eq!(
            l.describe(),
            "rows 2–5 counted (4), row 6 blank, row 7 counted (1), row 8 totals (no label: its numbers are the sums of the rows above)"
        );
        assert_eq!(l.rows(), 8);
        assert_eq!(l.counted(), 5);
    }

    #[test]
    fn repeats_are_set_afterwards_and_merge_into_runs() {
        let mut l = Ledger::default();
        l.push(1, Bucket::Header);
        for row in 2..=9 {
            l.push(row, Bucket::Counted);
        }
        for (row, of) in [(7, 2), (8, 3), (9, 4)] {
            l.set(row, Bucket::Repeat { place: None, row: of });
        }
        assert_eq!(l.describe(), "rows 2–6 counted (5), rows 7–9 repeat rows 2–4 (counted once)");
        assert_eq!(l.counted(), 5);
        assert_eq!(l.rows(), 9);
        l.set(4, Bucket::Repeat { place: Some("a.xlsx › S".into()), row: 10 });
        assert_eq!(
            l.describe(),
            "rows 2–3 counted (2), row 4 repeats `a.xlsx › S` row 10 (counted once, there), rows 5–6 counted (2), rows 7–9 repeat rows 2–4 (counted once)"
        );
        assert_eq!(l.rows(), 9);
    }
}

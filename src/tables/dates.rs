//! Which way a column's numeric dates read (day first or month first),
//! decided from the column's own values.

use super::sheet::SheetMeta;
use super::*;

/// How one date column's day/month order is being decided (a
/// value that can only be one order settles the column; a column that stays
/// ambiguous is an error unless `--date-order` is given).
pub(crate) struct DateScan {
    /// The column's position in a row.
    pub(crate) pos: usize,
    /// The first value that settled the order, and its row.
    forced: Option<(DateOrder, u32)>,
    /// The first value that reads either way, and its row.
    first_ambiguous: Option<(u32, String)>,
    /// Values in the other order.
    pub(crate) diags: Diagnostics,
}

impl DateScan {
    pub(crate) fn new(pos: usize) -> Self {
        Self { pos, forced: None, first_ambiguous: None, diags: Diagnostics::new() }
    }

    /// Looks at one row's value; returns whether it settled the order.
    pub(crate) fn observe_cell(&mut self, index: u32, cell: Option<&Cell>, meta: &SheetMeta) -> bool {
        let Some(Cell::Text(text)) = cell else { return false };
        let Some(date) = values::parse_text_date(text) else { return false };
        let mut settled = false;
        match (date.forced_order(), self.forced) {
            (Some(order), None) => {
                self.forced = Some((order, index));
                settled = true;
            }
            (Some(order), Some((seen, at))) if order != seen => {
                self.diags.error(
                    meta.cell_location(index, self.pos),
                    format!("found `{text}`, expected a date in the same day/month order as row {} of this column", at + 1),
                );
            }
            _ => {}
        }
        if !date.is_unambiguous() && self.first_ambiguous.is_none() {
            self.first_ambiguous = Some((index, text.to_string()));
        }
        settled
    }

    pub(super) fn observe(&mut self, row: &RawRow, meta: &SheetMeta) -> bool {
        self.observe_cell(row.index, row.cells.get(self.pos), meta)
    }

    pub(super) fn open(&self) -> bool {
        self.first_ambiguous.is_some() && self.forced.is_none()
    }

    pub(super) fn order(&self, options: ReadOptions) -> Option<DateOrder> {
        self.forced.map(|f| f.0).or(options.date_order)
    }

    /// The column's order once every row was seen; an ambiguous column with
    /// no order is reported at its first ambiguous value.
    pub(crate) fn settle(&mut self, meta: &SheetMeta, options: ReadOptions) -> ColumnDates {
        let mut dates = ColumnDates { order: self.order(options), ambiguous: false };
        if dates.order.is_none()
            && let Some((row, text)) = self.first_ambiguous.take()
        {
            dates.ambiguous = true;
            self.diags.error(
                meta.cell_location(row, self.pos),
                format!(
                    "found `{text}`, expected a date whose day and month can be told apart; no value in this column settles the order, so write dates as `2025-06-19`, or set `date_order = \"dmy\"` (or `\"mdy\"`) in `wecoss.toml` for every build (`--date-order dmy` for one)"
                ),
            );
        }
        dates
    }
}

/// How one column's dates are read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColumnDates {
    /// The order for numeric dates.
    pub(super) order: Option<DateOrder>,
    /// Whether the column's ambiguity was already reported.
    pub(super) ambiguous: bool,
}

impl ColumnDates {
    /// Reads a date cell: a real date, an Excel serial, or text.
    pub(crate) fn read(&self, cell: &Cell) -> Result<chrono::NaiveDateTime, &'static str> {
        const EXPECTED: &str = "a date such as `2025-06-19` or `June 19, 2025`";
        match cell {
            Cell::DateTime(dt) => Ok(*dt),
            Cell::Number(n) => values::excel_serial_date(*n).ok_or(EXPECTED),
            Cell::Text(t) => values::parse_text_date(t).and_then(|d| d.resolve(self.order)).ok_or(EXPECTED),
            _ => Err(EXPECTED),
        }
    }
}

pub(super) fn is_date_column(name: &str) -> bool {
    matches!(name, "date" | "start" | "due" | "meeting" | "submitted")
}

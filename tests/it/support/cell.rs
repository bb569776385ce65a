//! One cell of a fixture workbook, the same type for every writer: xlsx
//! ([`super::fixtures::write_xlsx`]), ods ([`super::ods`]) and xlsb
//! ([`super::xlsb`]), so one set of rows can be written in each format.
//!
//! Some cells are particular to one format's records; the others write them
//! as the plain value they hold (see each variant). A writer panics, with a
//! message, on a cell its format cannot hold.
#![allow(dead_code)]

/// One cell of a fixture sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing written.
    Empty,
    /// A text cell (xlsb: a shared string, BrtCellIsst).
    Text(String),
    /// A text cell that xlsb writes inline (BrtCellSt); text in the others.
    InlineText(String),
    /// A number with no format (a bare Excel serial in a date column). xlsb:
    /// an IEEE double, BrtCellReal.
    Number(f64),
    /// A number that xlsb writes as an RkNumber (BrtCellRk; panics on
    /// writing if the value has no exact RK form); a number in the others.
    Rk(f64),
    /// A boolean.
    Bool(bool),
    /// An error value as Excel shows it (`#DIV/0!`): in xlsx the formula
    /// `=1/0` with this cached result, in xlsb a BrtCellError. ods has none.
    Error(&'static str),
    /// A real date, `yyyy-mm-dd` format.
    Date { year: i32, month: u32, day: u32 },
    /// A real date-time, `yyyy-mm-dd hh:mm` format.
    DateTime { year: i32, month: u32, day: u32, hour: u32, minute: u32 },
    /// A real time of day, `h:mm` format (xlsx and ods).
    Time { hour: u32, minute: u32, second: u32 },
    /// A formula cell with this cached value (`Number`, `Text`, `Bool` or
    /// `Error`). xlsb writes the formula record (BrtFmlaNum, BrtFmlaString,
    /// BrtFmlaBool, BrtFmlaError) whose formula is the constant itself; xlsx
    /// and ods write the cached value as the cell.
    Formula(Box<Cell>),
}

impl Cell {
    /// A text cell, even when `s` is empty (an empty string cell, which ods
    /// writes as a string cell with no text; `Cell::from("")` is [`Cell::Empty`]).
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }
    pub fn float(v: f64) -> Self {
        Cell::Number(v)
    }
    pub fn date(year: i32, month: u32, day: u32) -> Self {
        Cell::Date { year, month, day }
    }
    pub fn datetime(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Self {
        Cell::DateTime { year, month, day, hour, minute }
    }
    pub fn time(hour: u32, minute: u32, second: u32) -> Self {
        Cell::Time { hour, minute, second }
    }
    pub fn formula(cached: Cell) -> Self {
        Cell::Formula(Box::new(cached))
    }
}

impl From<&str> for Cell {
    /// A text cell; the empty string is [`Cell::Empty`].
    fn from(s: &str) -> Self {
        if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::from(s.as_str())
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Number(v)
    }
}
impl From<u32> for Cell {
    fn from(v: u32) -> Self {
        Cell::Number(f64::from(v))
    }
}
impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Number(v as f64)
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Cell::Bool(b)
    }
}

/// A text cell, or [`Cell::Empty`] for `""` (`Cell::from`, short).
pub fn t(s: &str) -> Cell {
    Cell::from(s)
}

/// One row of cells: `row![Cell::date(2025, 6, 19), "Summer BBQ", 12.0]`.
#[macro_export]
macro_rules! row {
    ($($cell:expr),* $(,)?) => { vec![$($crate::support::cell::Cell::from($cell)),*] };
}

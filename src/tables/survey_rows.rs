//! Survey responses as they are read: each row's answers, and the rows
//! that repeat an earlier response (the same submission time and answers).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::*;

/// A survey sheet being read.
pub(super) struct SurveyState {
    pub(super) rows: SurveyRows,
    pub(super) header: Header,
    pub(super) report: SheetReport,
}

/// The number of each distinct cell of a survey.
pub(super) type CellNumbers = HashMap<CellKey, u32, foldhash::fast::RandomState>;

/// A survey's rows, kept compactly until the sheet ends: each distinct
/// cell is stored once and a row is a list of cell numbers.
#[derive(Default)]
pub(crate) struct SurveyRows {
    /// The distinct cells; number 0 is the empty cell.
    pub(super) cells: Vec<Cell>,
    pub(super) numbers: CellNumbers,
    /// How many cells of a row are kept (those under a header).
    pub(super) width: usize,
    /// The cell numbers of every row, one row after another.
    pub(super) flat: Vec<u32>,
    /// Where each row ends in `flat`.
    pub(super) ends: Vec<u32>,
    /// Each row's zero-based index in the sheet.
    pub(super) index: Vec<u32>,
}

impl SurveyRows {
    pub(super) fn push(&mut self, row: RawRow) {
        if self.cells.is_empty() {
            self.cells.push(Cell::Empty);
            self.numbers.insert(CellKey(Cell::Empty), 0);
        }
        for cell in row.cells.into_iter().take(self.width) {
            let next = self.cells.len() as u32;
            let key = CellKey(cell);
            let number = match self.numbers.get(&key) {
                Some(n) => *n,
                None => {
                    self.cells.push(key.0.clone());
                    self.numbers.insert(key, next);
                    next
                }
            };
            self.flat.push(number);
        }
        self.ends.push(self.flat.len() as u32);
        self.index.push(row.index);
    }

    /// How many rows.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// Row `i`.
    pub(crate) fn get(&self, i: usize) -> RowRef<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        RowRef { index: self.index[i], numbers: &self.flat[start..self.ends[i] as usize], cells: &self.cells }
    }

    /// The distinct cell numbered `number`.
    pub(crate) fn cell(&self, number: u32) -> &Cell {
        &self.cells[number as usize]
    }
}

/// One row of [`SurveyRows`].
#[derive(Clone, Copy)]
pub(crate) struct RowRef<'a> {
    /// Zero-based row index in the sheet.
    pub index: u32,
    numbers: &'a [u32],
    cells: &'a [Cell],
}

impl<'a> RowRef<'a> {
    /// The cell at `pos`, if the row reaches it.
    pub(crate) fn get(&self, pos: usize) -> Option<&'a Cell> {
        self.numbers.get(pos).map(|n| &self.cells[*n as usize])
    }

    /// The number of the distinct cell at `pos` (0 when empty or past the end).
    pub(crate) fn number(&self, pos: usize) -> u32 {
        self.numbers.get(pos).copied().unwrap_or(0)
    }

    /// How many cells.
    pub(crate) fn len(&self) -> usize {
        self.numbers.len()
    }

    /// The cells, left to right.
    pub(crate) fn cells(&self) -> impl Iterator<Item = &'a Cell> + '_ {
        self.numbers.iter().map(|n| &self.cells[*n as usize])
    }
}

/// A cell as a hash key: equal when the same kind and value (numbers bit
/// for bit, text when the same shared value: ingest shares equal texts).
pub(super) struct CellKey(Cell);

impl PartialEq for CellKey {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Cell::Number(a), Cell::Number(b)) => a.to_bits() == b.to_bits(),
            (Cell::Text(a), Cell::Text(b)) => a.id() == b.id(),
            (a, b) => a == b,
        }
    }
}

impl Eq for CellKey {}

impl Hash for CellKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(&self.0).hash(state);
        match &self.0 {
            Cell::Empty => {}
            Cell::Text(s) => s.id().hash(state),
            Cell::Error(s) => s.hash(state),
            Cell::Number(n) => n.to_bits().hash(state),
            Cell::Bool(b) => b.hash(state),
            Cell::DateTime(dt) => dt.hash(state),
            Cell::Time(t) => t.hash(state),
        }
    }
}

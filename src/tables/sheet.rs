//! The sheet being read, as every part of the tables stage names it: a leaf
//! of the stage, so that the reader, its date scan and its row readers do
//! not import each other.

use crate::diag::Location;
use crate::text::Text;

/// The sheet being read: how messages name it, and the shared texts its
/// records cite.
pub(crate) struct SheetMeta {
    /// The file, as displayed.
    pub file: String,
    /// The sheet name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The zero-based column of the first cell of each row.
    pub first_col: u32,
    /// `file`, shared by every record of the sheet.
    pub file_text: Text,
    /// `sheet`, shared by every record of the sheet.
    pub sheet_text: Option<Text>,
}

impl SheetMeta {
    /// The location of the whole sheet.
    pub fn location(&self) -> Location {
        Location::in_sheet(&self.file, self.sheet.as_deref())
    }

    /// The location of one cell, from a row index and a position in the row.
    pub fn cell_location(&self, row: u32, pos: usize) -> Location {
        self.location().at_cell(row, self.first_col + pos as u32)
    }
}

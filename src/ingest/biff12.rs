//! BIFF12, the record format of the `.bin` parts of an Excel binary
//! workbook (`.xlsb`, MS-XLSB §2.1.4): each record is its type as a 1–2 byte
//! varint, its size as a 1–4 byte varint, then its payload.
//!
//! The record types and error codes named here are those the preflight
//! (`preflight::xlsb_sheet`) reads and the tests' xlsb fixture writer
//! (`tests/it/support/xlsb.rs`) writes, so both use the same numbers.

/// BrtRowHdr: the row the cell records after it are on.
pub const ROW_HDR: u16 = 0x0000;
/// BrtCellBlank: a cell with a style and no value.
pub const CELL_BLANK: u16 = 0x0001;
/// BrtCellRk: a number as an RkNumber. The first of the value cell records.
pub const CELL_RK: u16 = 0x0002;
/// BrtCellError: an error value.
pub const CELL_ERROR: u16 = 0x0003;
/// BrtCellBool: a boolean.
pub const CELL_BOOL: u16 = 0x0004;
/// BrtCellReal: a number as an IEEE double.
pub const CELL_REAL: u16 = 0x0005;
/// BrtCellSt: an inline string.
pub const CELL_ST: u16 = 0x0006;
/// BrtCellIsst: a shared string.
pub const CELL_ISST: u16 = 0x0007;
/// BrtFmlaString: a formula whose cached value is a string.
pub const FMLA_STRING: u16 = 0x0008;
/// BrtFmlaNum: a formula whose cached value is a number.
pub const FMLA_NUM: u16 = 0x0009;
/// BrtFmlaBool: a formula whose cached value is a boolean.
pub const FMLA_BOOL: u16 = 0x000A;
/// BrtFmlaError: a formula whose cached value is an error. The last of the
/// value cell records.
pub const FMLA_ERROR: u16 = 0x000B;
/// BrtSSTItem: one shared string.
pub const SST_ITEM: u16 = 0x0013;
/// BrtFmt: a number format.
pub const FMT: u16 = 0x002C;
/// BrtXF: a cell format.
pub const XF: u16 = 0x002F;
/// BrtBeginSheet.
pub const BEGIN_SHEET: u16 = 0x0081;
/// BrtEndSheet.
pub const END_SHEET: u16 = 0x0082;
/// BrtBeginBook.
pub const BEGIN_BOOK: u16 = 0x0083;
/// BrtEndBook.
pub const END_BOOK: u16 = 0x0084;
/// BrtBeginBundleShs: the start of the sheet list.
pub const BEGIN_BUNDLE_SHS: u16 = 0x008F;
/// BrtEndBundleShs.
pub const END_BUNDLE_SHS: u16 = 0x0090;
/// BrtBeginSheetData: the start of the cell records.
pub const BEGIN_SHEET_DATA: u16 = 0x0091;
/// BrtEndSheetData: the end of the cell records.
pub const END_SHEET_DATA: u16 = 0x0092;
/// BrtWsDim: the sheet's declared dimension (first and last row, first and
/// last column).
pub const WS_DIM: u16 = 0x0094;
/// BrtWbProp: workbook properties (the date system).
pub const WB_PROP: u16 = 0x0099;
/// BrtBundleSh: one sheet of the workbook.
pub const BUNDLE_SH: u16 = 0x009C;
/// BrtBeginSst: the start of the shared-string table.
pub const BEGIN_SST: u16 = 0x009F;
/// BrtEndSst.
pub const END_SST: u16 = 0x00A0;
/// BrtBeginStyleSheet.
pub const BEGIN_STYLE_SHEET: u16 = 0x0116;
/// BrtEndStyleSheet.
pub const END_STYLE_SHEET: u16 = 0x0117;
/// BrtWsFmtInfo: default column width and row height.
pub const WS_FMT_INFO: u16 = 0x01E5;
/// BrtBeginFmts.
pub const BEGIN_FMTS: u16 = 0x0267;
/// BrtEndFmts.
pub const END_FMTS: u16 = 0x0268;
/// BrtBeginCellXFs.
pub const BEGIN_CELL_XFS: u16 = 0x0269;
/// BrtEndCellXFs.
pub const END_CELL_XFS: u16 = 0x026A;

/// Error codes of BrtCellError and BrtFmlaError (BErr, MS-XLSB 2.5.97.2).
pub mod err {
    /// `#NULL!`
    pub const NULL: u8 = 0x00;
    /// `#DIV/0!`
    pub const DIV0: u8 = 0x07;
    /// `#VALUE!`
    pub const VALUE: u8 = 0x0F;
    /// `#REF!`
    pub const REF: u8 = 0x17;
    /// `#NAME?`
    pub const NAME: u8 = 0x1D;
    /// `#NUM!`
    pub const NUM: u8 = 0x24;
    /// `#N/A`
    pub const NA: u8 = 0x2A;
    /// `#GETTING_DATA`
    pub const GETTING_DATA: u8 = 0x2B;
}

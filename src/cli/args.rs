//! The command line, as clap derive types. Doc comments are the `--help`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use wecoss_report::pipeline::{Format, Lang, PdfStandard};
use wecoss_report::tables::Kind;
use wecoss_report::tables::values::{DateOrder, TextDate};

/// Turns WECOSS spreadsheets into meeting decks and the annual report.
///
/// Drop workbooks into `inputs/`, then run `wecoss-report build`.
#[derive(Debug, Parser)]
#[command(name = "wecoss-report", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only results and errors: no progress, no warnings.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print notes (such as skipped totals rows) and timings too.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the decks for the next meeting on or after today (or, when none
    /// is to come, the most recent one) and the annual report for the most
    /// recent year in the data.
    Build(BuildArgs),
    /// Build the deck for one working-group meeting.
    Deck(DeckArgs),
    /// Build the annual report for a calendar or fiscal year.
    Report(ReportArgs),
    /// Read the inputs and list every sheet, warning and error, without building.
    Check(CheckArgs),
    /// Build, then rebuild whenever a file in the inputs or templates changes.
    Watch(WatchArgs),
    /// Watch, and show the documents, the problems and what changed on a
    /// web page on this computer that updates by itself after each build.
    Preview(PreviewArgs),
    /// List the meetings in the inputs: date, group, time and location.
    Meetings(MeetingsArgs),
    /// Create a working folder: `inputs/` with sample workbooks,
    /// `report-templates/`, `out/`, a README and the settings file
    /// `wecoss.toml`.
    Init(InitArgs),
}

/// Options shared by every command that reads inputs.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The folder of spreadsheets, read recursively.
    #[arg(long, default_value = "inputs", value_name = "DIR")]
    pub inputs: PathBuf,
    /// How to read numeric dates such as 03/04/2025 when no value in their
    /// column settles the order (default: `date_order` in `wecoss.toml`).
    #[arg(long, value_parser = choice::<DateOrder>(), value_name = "ORDER")]
    pub date_order: Option<DateOrder>,
    /// Read hidden and very hidden sheets too (by default they are listed
    /// by `check` and skipped).
    #[arg(long)]
    pub include_hidden: bool,
    /// Print diagnostics as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Repeated rows to count (`count_repeats` in `wecoss.toml`).
    #[arg(skip)]
    pub count_repeats: Vec<String>,
}

/// Options shared by the commands that write documents.
#[derive(Debug, Clone, Args)]
pub struct DocumentArgs {
    /// A templates folder whose files override the built-in ones, file by
    /// file. Defaults to `./report-templates` when it exists.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where documents are written.
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// What to write: the PDF, PNG page images, the generated Typst, the
    /// annual report's web page (`html`), the meeting deck as PowerPoint
    /// (`pptx`), or the figures the template received as JSON (printed on
    /// stdout). Several at once, separated by commas: `--format pdf,html`. A
    /// document with no edition in a format asked for alone is made as PDF.
    #[arg(long, value_parser = choice::<Format>(), value_delimiter = ',', default_value = "pdf")]
    pub format: Vec<Format>,
    /// The editions' language: `en`, `fr`, or both (`en,fr`), each document
    /// once in each. A French edition takes its words from the
    /// `content.fr.toml` beside each `content.toml`.
    /// Default: `lang` in `wecoss.toml`, else `en`.
    #[arg(long, value_parser = choice::<Lang>(), value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<Lang>,
    /// Mark every page of the documents DRAFT (a watermark that is not part
    /// of the document's text for screen readers).
    #[arg(long)]
    pub draft: bool,
    /// The PDF standard to conform to.
    #[arg(long, value_parser = choice::<PdfStandard>(), default_value = "ua-1", value_name = "STANDARD")]
    pub pdf_standard: PdfStandard,
    /// Replace the documents even though this table (e.g. `events`) had
    /// rows in the last build of the inputs folder and has none now.
    /// Repeat it, or separate kinds with commas, for several.
    #[arg(long, value_name = "KIND", value_parser = wecoss_report::tables::kind_named, value_delimiter = ',')]
    pub allow_missing: Vec<Kind>,
}

impl DocumentArgs {
    /// Whether `format` was asked for.
    pub fn wants(&self, format: Format) -> bool {
        self.format.contains(&format)
    }

    /// Whether `format` is the only format asked for.
    pub fn only(&self, format: Format) -> bool {
        self.format.iter().all(|f| *f == format)
    }
}

/// Parses a date typed on the command line as the data's dates are read:
/// `2025-10-16`, `16/10/2025`, `October 16, 2025`. A numeric date that
/// reads either way is settled later, by the date order.
pub fn parse_date(text: &str) -> Result<TextDate, String> {
    wecoss_report::tables::values::parse_text_date(text)
        .ok_or_else(|| format!("`{text}` is not a date; write it as `2025-10-16`, `16/10/2025` or `October 16, 2025`"))
}

/// A choice of the library's, offered as `--flag` values with their
/// `--help` lines.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Each value: its name on the command line, its help, the choice.
    const VALUES: &'static [(&'static str, &'static str, Self)];
}

/// The value parser of a [`Choice`] flag.
pub fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::VALUES.iter().map(|(name, help, _)| PossibleValue::new(*name).help(*help)))
        .map(|name| T::VALUES.iter().find(|(n, _, _)| *n == name).map(|(_, _, value)| *value).expect("a listed value"))
}

impl Choice for Format {
    const VALUES: &'static [(&'static str, &'static str, Self)] = &[
        ("pdf", "A PDF document", Format::Pdf),
        ("png", "One PNG image per page", Format::Png),
        ("typ", "The generated Typst source", Format::Typ),
        ("html", "The annual report as one self-contained, accessible web page", Format::Html),
        ("json", "The figures as JSON, on stdout", Format::Json),
        ("pptx", "The meeting deck as an editable PowerPoint file", Format::Pptx),
    ];
}

impl Choice for PdfStandard {
    const VALUES: &'static [(&'static str, &'static str, Self)] = &[
        ("ua-1", "Tagged, accessible PDF/UA-1 (the default)", PdfStandard::Ua1),
        ("a-2a", "Archival PDF/A-2a", PdfStandard::A2a),
        ("none", "No standard (still tagged)", PdfStandard::None),
    ];
}

impl Choice for Lang {
    const VALUES: &'static [(&'static str, &'static str, Self)] =
        &[("en", "English (content.toml)", Lang::En), ("fr", "French (content.fr.toml)", Lang::Fr)];
}

impl Choice for DateOrder {
    const VALUES: &'static [(&'static str, &'static str, Self)] =
        &[("dmy", "Day first: `03/04/2025` is April 3", DateOrder::Dmy), ("mdy", "Month first: `03/04/2025` is March 4", DateOrder::Mdy)];
}

/// `build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,
    /// The documents: where and how they are written.
    #[command(flatten)]
    pub output: DocumentArgs,
    /// The meeting whose decks are built.
    #[command(flatten)]
    pub meeting: MeetingArg,
    /// Which year's report.
    #[command(flatten)]
    pub year: YearArgs,
    /// The smallest count of people printed as a number in the report
    /// (default: `min_cell` in `wecoss.toml`, else 5).
    #[arg(long, value_name = "N")]
    pub min_cell: Option<u64>,
}

/// `deck`.
#[derive(Debug, Clone, Args)]
pub struct DeckArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,
    /// The documents: where and how they are written.
    #[command(flatten)]
    pub output: DocumentArgs,
    /// The meeting.
    #[command(flatten)]
    pub meeting: MeetingArg,
    /// The working group, when several meet that day (default: one deck each).
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// Start the reporting period on this date instead of the day after the
    /// group's previous meeting.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<TextDate>,
}

/// `report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,
    /// The documents: where and how they are written.
    #[command(flatten)]
    pub output: DocumentArgs,
    /// Which year.
    #[command(flatten)]
    pub year: YearArgs,
    /// Counts of people below this are printed as `<N` (and a second cell is
    /// suppressed where the first could be worked out from a total).
    /// Default: `min_cell` in `wecoss.toml`, else 5.
    #[arg(long, value_name = "N")]
    pub min_cell: Option<u64>,
}

/// `--meeting`, for `build`, `deck` and `watch`.
#[derive(Debug, Clone, Copy, Args)]
pub struct MeetingArg {
    /// The meeting date whose decks are built (`2025-10-16`, `16/10/2025`,
    /// `October 16, 2025`); default: the next meeting on or after today, or
    /// else the most recent.
    #[arg(long = "meeting", value_name = "DATE", value_parser = parse_date)]
    pub date: Option<TextDate>,
}

/// A calendar or fiscal year.
#[derive(Debug, Clone, Copy, Args)]
#[group(multiple = false)]
pub struct YearArgs {
    /// A calendar year, January 1 to December 31.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// A fiscal year starting April 1 of YYYY (labelled YYYY–YY).
    #[arg(long, value_name = "YYYY")]
    pub fiscal: Option<i32>,
}

/// `check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,
    /// The documents' folder, whose record of the last build tells which
    /// sheets were read as tables then.
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// A templates folder whose content files hold French texts
    /// (`[labels]`). Defaults to `./report-templates` when it exists.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The editions' languages: with `fr`, the texts of the spreadsheets
    /// the French editions would print in English are listed.
    /// Default: `lang` in `wecoss.toml`, else `en`.
    #[arg(long, value_parser = choice::<Lang>(), value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<Lang>,
}

/// `meetings`.
#[derive(Debug, Clone, Args)]
pub struct MeetingsArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `watch`.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// What to build each time, as for `build`.
    #[command(flatten)]
    pub build: BuildArgs,
}

/// `preview`.
#[derive(Debug, Clone, Args)]
pub struct PreviewArgs {
    /// What to build each time, as for `watch` (the PDF, the slides as PNG
    /// images, the web page and the PowerPoint deck are always made).
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Do not open the page in the web browser; only print its address.
    #[arg(long)]
    pub no_open: bool,
}

/// `init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to set up (created if needed). Existing files are never
    /// overwritten.
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

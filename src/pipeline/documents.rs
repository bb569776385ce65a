//! Stage 3 for the pipeline: which documents to make from the data, each
//! with its figures and content, ready to render.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::json;

use super::Error;
use super::data_lang::{DataLanguage, Gap};
use super::names::Names;
use super::translation;
use crate::diag::{Diagnostic, Diagnostics, Kind, Location};
use crate::figures::deck::{self, DeckSettings};
use crate::figures::report::{self, ReportSettings, Year};
use crate::figures::{Figures, FiguresError};
use crate::locale::Lang;
use crate::tables::{Dataset, normalize};
pub use crate::templates::DocKind;
use crate::templates::Templates;

/// The smallest count of people printed as a number in the report, unless
/// the settings or the command line say otherwise.
pub const DEFAULT_MIN_CELL: u64 = 5;

/// One document to produce.
pub struct Document {
    /// Which document it is (its template folder).
    pub kind: DocKind,
    /// The output file stem, from the content file's `words.file_name`:
    /// `meeting-deck-2025-10-07`, `rapport-annuel-2025`.
    pub name: String,
    /// The edition's language.
    pub lang: Lang,
    /// Its figures, typed.
    pub figures: Figures,
    /// What its templates receive: the figures, serialised once, with the
    /// content file's words (see `context`). `--format json` prints it.
    pub context: serde_json::Value,
    /// The resolved brand (see [`crate::brand::Brand::to_json`]), which
    /// the templates receive as `brand` beside the context.
    pub brand: serde_json::Value,
    /// The document's date, for the PDF timestamp and Typst's `today()`.
    pub date: NaiveDate,
    /// What computing its figures found to say (warnings, notes).
    pub diagnostics: Diagnostics,
}

/// Which year's report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum YearChoice {
    /// The most recent year with data.
    #[default]
    Latest,
    /// A calendar year.
    Calendar(i32),
    /// A fiscal year starting April 1 of this year.
    Fiscal(i32),
}

/// Which documents to make.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The meeting decks: one per group meeting on the meeting date.
    pub decks: bool,
    /// The annual report.
    pub report: bool,
    /// The meeting date, or `None` for the next meeting on or after
    /// [`Selection::today`] (or, when none is to come, the most recent).
    pub meeting: Option<NaiveDate>,
    /// One group's deck only.
    pub group: Option<String>,
    /// Count distribution "since" this date instead of the last meeting.
    pub since: Option<NaiveDate>,
    /// Which year's report.
    pub year: YearChoice,
    /// Whether a wanted document that the data cannot give is an error
    /// (`deck`, `report`) or a warning (`build`, `watch`, when the other
    /// document can still be made).
    pub strict: bool,
    /// The smallest count of people printed as a number in the report.
    pub min_cell: u64,
    /// Today, which chooses the default meeting.
    pub today: NaiveDate,
    /// The editions' languages, each document made once in each.
    pub langs: Vec<Lang>,
}

impl Selection {
    /// Both documents, for the default meeting and year, as `build` makes them.
    pub fn all(today: NaiveDate) -> Self {
        Selection {
            decks: true,
            report: true,
            meeting: None,
            group: None,
            since: None,
            year: YearChoice::Latest,
            strict: false,
            min_cell: DEFAULT_MIN_CELL,
            today,
            langs: vec![Lang::En],
        }
    }
}

/// The documents `selection` asks for, made from `data`: decks first, then
/// the report, each in every language asked for (in [`Lang::ALL`]'s order),
/// and the warnings about documents that could not be made.
/// `inputs` is the inputs folder, to name source files relative to it.
pub fn documents(
    data: &Dataset,
    selection: &Selection,
    templates: &Templates,
    inputs: &Path,
) -> Result<(Vec<Document>, Diagnostics), Error> {
    let mut warnings = Diagnostics::new();
    let langs: Vec<Lang> = Lang::ALL.into_iter().filter(|l| selection.langs.contains(l)).collect();
    let langs = if langs.is_empty() { vec![Lang::En] } else { langs };
    let wanted: Vec<DocKind> = DocKind::ALL
        .into_iter()
        .filter(|kind| match kind {
            DocKind::Deck => selection.decks,
            DocKind::Report => selection.report,
        })
        .collect();
    let editions = read_editions(templates, &wanted, &langs)?;
    for edition in &editions {
        for gap in &edition.gaps {
            warnings.add(Diagnostic::warning(Kind::Content, Location::file(edition.file.clone()), gap.message.clone()));
        }
    }
    let mut warn = |message: String| warnings.add(Diagnostic::warning(Kind::Figures, Location::default(), message));
    let of = |kind: DocKind| editions.iter().filter(move |e| e.kind == kind);
    let mut docs = Vec::new();
    let mut gap = Gap::default();
    let meeting = selection.meeting.or_else(|| deck::default_meeting(data, selection.today));
    if selection.decks {
        match meeting {
            Some(date) => {
                for edition in of(DocKind::Deck) {
                    docs.extend(deck_documents(
                        data,
                        inputs,
                        templates,
                        edition,
                        date,
                        selection.group.as_deref(),
                        selection.since,
                        &mut gap,
                    )?);
                }
            }
            None if selection.strict => return Err(FiguresError::NoMeetings.into()),
            None => warn("no meetings table in the inputs; no deck was built".to_string()),
        }
    }
    if selection.report {
        match resolve_year(data, selection.year) {
            Ok(year) => {
                for edition in of(DocKind::Report) {
                    docs.push(report_document(data, inputs, templates, edition, year.clone(), selection.min_cell, &mut gap)?);
                }
            }
            Err(err) if !selection.strict && meeting.is_some() => warn(format!("{err}; no report was built")),
            Err(err) => return Err(err),
        }
    }
    if let Some(message) = gap.warning() {
        warn(message);
    }
    // Two editions must not write one file (a `file_name` copied unchanged
    // into a translation).
    for (i, doc) in docs.iter().enumerate() {
        if let Some(other) = docs[..i].iter().find(|d| d.name == doc.name) {
            return Err(Error::Content {
                file: templates.display(&content_path(doc.kind, doc.lang)),
                detail: format!(
                    "the {} and {} editions would both be written as `{}`: give `words.file_name` another name here",
                    other.lang.name(),
                    doc.lang.name(),
                    doc.name
                ),
            });
        }
    }
    // The brand, checked on every build, resolved for every format.
    let brand = crate::brand::Brand::load(templates)
        .map_err(|e| match e {
            crate::brand::BrandError::Read(e) => Error::Template(e),
            crate::brand::BrandError::Invalid(problems) => Error::ContentFile(problems),
        })?
        .to_json();
    for doc in &mut docs {
        doc.brand = brand.clone();
    }
    Ok((docs, warnings))
}

/// The texts of `data` that the editions in `langs` print untranslated
/// (none for English only), for `check`.
pub fn untranslated(data: &Dataset, templates: &Templates, langs: &[Lang]) -> Result<Gap, Error> {
    let mut gap = Gap::default();
    let langs: Vec<Lang> = langs.iter().copied().filter(|l| *l != Lang::En).collect();
    if langs.is_empty() {
        return Ok(gap);
    }
    for edition in read_editions(templates, &DocKind::ALL, &langs)? {
        edition.for_data(data, &mut gap);
    }
    Ok(gap)
}

/// The year asked for, or the most recent year with data.
pub fn resolve_year(data: &Dataset, choice: YearChoice) -> Result<Year, Error> {
    let year = match choice {
        YearChoice::Calendar(y) => Year::calendar(y),
        YearChoice::Fiscal(y) => Year::fiscal(y),
        YearChoice::Latest => report::latest_year(data).and_then(Year::calendar),
    };
    Ok(year.ok_or(FiguresError::NoYear)?)
}

/// The deck documents, in `edition`'s language, for every group meeting on
/// `date` (or of `group` only): their figures, ready to render.
#[allow(clippy::too_many_arguments)]
fn deck_documents(
    data: &Dataset,
    inputs: &Path,
    templates: &Templates,
    edition: &Edition,
    date: NaiveDate,
    group: Option<&str>,
    since: Option<NaiveDate>,
    gap: &mut Gap,
) -> Result<Vec<Document>, Error> {
    let (edition, data) = edition.for_data(data, gap);
    let edition = &edition;
    let settings: DeckSettings = edition.settings()?;
    let group = group.map(|g| edition.names.print(g).into_owned());
    let meetings = deck::meetings_on(&data, date, group.as_deref())?;
    let several = meetings.len() > 1;
    let mut docs = Vec::new();
    for meeting in meetings {
        let mut diagnostics = Diagnostics::new();
        let mut figures = deck::compute(&data, meeting, since, &settings, &mut diagnostics);
        // The speaker notes name files as found in the inputs folder, never
        // by the path of the machine that built the deck.
        figures.relative_sources(|file| relative_to(file, inputs));
        let mut name = edition.file_name(&[("date", &date.to_string())]);
        if several {
            name = format!("{name}-{}", slug(&meeting.group));
        }
        let context = context(&figures, edition, templates)?;
        let figures = Figures::Deck(Box::new(figures));
        docs.push(Document {
            kind: DocKind::Deck,
            name,
            lang: edition.lang,
            figures,
            context,
            brand: serde_json::Value::Null,
            date,
            diagnostics,
        });
    }
    Ok(docs)
}

/// The report document for `year`, in `edition`'s language: its figures,
/// ready to render.
fn report_document(
    data: &Dataset,
    inputs: &Path,
    templates: &Templates,
    edition: &Edition,
    year: Year,
    min_cell: u64,
    gap: &mut Gap,
) -> Result<Document, Error> {
    let (edition, data) = edition.for_data(data, gap);
    let edition = &edition;
    let settings: ReportSettings = edition.settings()?;
    let mut diagnostics = Diagnostics::new();
    let mut figures = report::compute(&data, year.clone(), min_cell, &settings, &mut diagnostics);
    // "About the data" names files as found in the inputs folder, never by
    // the path of the machine that built it.
    for source in &mut figures.sources {
        source.file = relative_to(&source.file, inputs);
    }
    let context = context(&figures, edition, templates)?;
    let name = edition.file_name(&[("year", &year.label.replace('–', "-"))]);
    let figures = Figures::Report(Box::new(figures));
    Ok(Document {
        kind: DocKind::Report,
        name,
        lang: edition.lang,
        figures,
        context,
        brand: serde_json::Value::Null,
        date: year.period.end,
        diagnostics,
    })
}

/// Reads every content file the documents need, once, before any document
/// is made, so one run names the mistakes of all of them.
fn read_editions(templates: &Templates, wanted: &[DocKind], langs: &[Lang]) -> Result<Vec<Edition>, Error> {
    let mut editions = Vec::new();
    let mut files: Vec<crate::content::Problems> = Vec::new();
    for &kind in wanted {
        for &lang in langs {
            match Edition::read(templates, kind, lang) {
                Ok(edition) => editions.push(edition),
                Err(Error::ContentFile(problems)) => files.push(problems),
                Err(Error::ContentFiles(more)) => files.extend(more),
                Err(other) => return Err(other),
            }
        }
    }
    match files.len() {
        0 => Ok(editions),
        1 => Err(Error::ContentFile(files.remove(0))),
        _ => Err(Error::ContentFiles(files)),
    }
}

/// A document's content file in one language, read and checked, its names
/// renamed as the edition prints them.
#[derive(Clone)]
struct Edition {
    kind: DocKind,
    lang: Lang,
    /// The content file as shown to a person.
    file: String,
    content: serde_json::Value,
    names: Names,
    /// What a translated file lacks that the edition goes out without (see
    /// [`translation::missing`]), as warnings.
    gaps: Vec<crate::content::Problem>,
}

impl Edition {
    /// Reads `template`'s content file in `lang`. Its `words.language` must
    /// be `lang`'s code; a translated file must have every key of the
    /// English one (see [`translation`]); in French its fixed words get
    /// their no-break spaces ([`Lang::typeset`]).
    fn read(templates: &Templates, kind: DocKind, lang: Lang) -> Result<Edition, Error> {
        let path = content_path(kind, lang);
        let file = templates.display(&path);
        let mut content = content_file(templates, &path)?;
        let language = content.pointer("/words/language").and_then(serde_json::Value::as_str).unwrap_or("");
        if Lang::from_code(language) != Some(lang) {
            return Err(Error::Content {
                file,
                detail: format!(
                    "`words.language` is `{language}`, but this is the {} edition's file: write `language = \"{}\"`",
                    lang.name(),
                    lang.code()
                ),
            });
        }
        typeset(&mut content, lang);
        super::slides::check(kind, &content, &file).map_err(Error::ContentFile)?;
        let names = Names::of(&content);
        let mut gaps = Vec::new();
        if lang != Lang::En {
            let english_path = content_path(kind, Lang::En);
            let english = content_file(templates, &english_path)?;
            // A built-in translation is edited as a copy in the templates folder.
            let copy_to = templates.dir().filter(|_| file.ends_with("(built in)")).map(|d| d.join(&path).display().to_string());
            gaps = translation::missing(&english, &templates.display(&english_path), &content, &names, &file, copy_to.as_deref())
                .map_err(Error::ContentFile)?;
        }
        names.content(&mut content);
        Ok(Edition { kind, lang, file, content, names, gaps })
    }

    /// This edition for `data`, and `data` as it prints: its names renamed
    /// (see [`Names`]), its texts in the edition's language or marked as
    /// English (see [`data_lang`], the untranslated ones added to `gap`),
    /// and its withheld texts in the edition's words.
    fn for_data<'a>(&self, data: &'a Dataset, gap: &mut Gap) -> (Edition, std::borrow::Cow<'a, Dataset>) {
        let mut edition = self.clone();
        let mut renamed = edition.names.dataset(data);
        if self.lang != Lang::En {
            let language = DataLanguage::of(data, &self.content);
            let mut extra = Names::default();
            language.names(data, &mut extra, &self.names, gap);
            if !extra.is_empty() {
                extra.content(&mut edition.content);
                renamed = std::borrow::Cow::Owned(extra.dataset(&renamed).into_owned());
                edition.names.merge(extra);
            }
            language.answers(data, &mut edition.content, gap);
            renamed = language.dataset(renamed, self.lang, gap);
        }
        let data = crate::tables::staff_text::for_edition(renamed, &crate::tables::staff_text::EditionText::of(&edition.content));
        (edition, data)
    }

    /// The settings the figures read from the content file.
    fn settings<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_value(self.content.clone()).map_err(|e| Error::Content { file: self.file.clone(), detail: e.to_string() })
    }

    /// The output file's stem: `words.file_name` with its fields filled in,
    /// as a safe file name (`rapport-annuel-2025`).
    fn file_name(&self, fields: &[(&str, &str)]) -> String {
        let pattern = self.content.pointer("/words/file_name").and_then(serde_json::Value::as_str).unwrap_or(self.kind.folder());
        let name: String = crate::words::fill(pattern, fields)
            .chars()
            .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' })
            .collect();
        let name = name.trim_matches(['-', '.']).to_string();
        if name.is_empty() { self.kind.folder().to_string() } else { name }
    }
}

/// Every text of a content file as the language sets it (see
/// [`Lang::typeset`]).
fn typeset(value: &mut serde_json::Value, lang: Lang) {
    match value {
        serde_json::Value::String(s) => *s = lang.typeset(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| typeset(v, lang)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| typeset(v, lang)),
        _ => {}
    }
}

/// What a template receives: the figures, the content file's words, the
/// edition's language (`lang`, which the word filters read), the
/// generator's name and version, and (for the report) the cover image.
fn context(figures: &impl serde::Serialize, edition: &Edition, templates: &Templates) -> Result<serde_json::Value, Error> {
    let mut context = serde_json::to_value(figures)?;
    plain_alt(&mut context);
    context["content"] = edition.content.clone();
    context["lang"] = json!(edition.lang.code());
    context["generator"] = json!({ "name": "wecoss-report", "version": env!("CARGO_PKG_VERSION") });
    match edition.kind {
        DocKind::Report => context["cover_image"] = json!(cover_image(templates)),
        DocKind::Deck => {}
    }
    Ok(context)
}

/// A chart's description (`alt`) without language marks: a PDF's
/// description of a picture is one string, where no word can be marked as
/// English (see [`crate::marked`]). The marked one is kept as `alt_marked`
/// for the web page, which shows it under the chart.
fn plain_alt(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let marked = map.get("alt").and_then(serde_json::Value::as_str).filter(|s| crate::marked::has_marks(s)).map(str::to_string);
            if let Some(marked) = marked {
                // The web page sets it, marked, under the chart.
                map.insert("alt".to_string(), json!(crate::marked::strip(&marked)));
                map.insert("alt_marked".to_string(), json!(marked));
            }
            map.iter_mut().filter(|(k, _)| !k.starts_with("alt")).for_each(|(_, v)| plain_alt(v));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(plain_alt),
        _ => {}
    }
}

/// `meeting-deck/content.toml`, `meeting-deck/content.fr.toml`.
fn content_path(kind: DocKind, lang: Lang) -> String {
    format!("{}/{}", kind.folder(), lang.content_file())
}

/// `file` relative to the inputs folder `inputs` (with `/` separators), or
/// its file name when it is not inside it.
pub(crate) fn relative_to(file: &str, inputs: &Path) -> String {
    let path = Path::new(file);
    let join = |r: &Path| r.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    if let Ok(r) = path.strip_prefix(inputs) {
        return join(r);
    }
    if let (Ok(p), Ok(i)) = (path.canonicalize(), inputs.canonicalize())
        && let Ok(r) = p.strip_prefix(&i)
    {
        return join(r);
    }
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.to_string())
}

/// The cover image in the templates folder (`cover.jpg`, `cover.jpeg` or
/// `cover.png`), as a path Typst can read, if there is one.
pub fn cover_image(templates: &Templates) -> Option<String> {
    ["cover.jpg", "cover.jpeg", "cover.png"].into_iter().find(|name| templates.read(name).is_ok()).map(|name| format!("/{name}"))
}

/// Reads a content file from the templates as JSON for the template,
/// checked against its built-in copy (see [`crate::content`]).
pub fn content_file(templates: &Templates, path: &str) -> Result<serde_json::Value, Error> {
    crate::content::load(templates, path).map_err(|e| match e {
        crate::content::ContentError::Read(e) => Error::Template(e),
        crate::content::ContentError::Invalid(problems) => Error::ContentFile(problems),
    })
}

/// A file-name-safe slug: `Enforcement and Justice` → `enforcement-and-justice`.
pub fn slug(text: &str) -> String {
    normalize(text).replace(' ', "-")
}

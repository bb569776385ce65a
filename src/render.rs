//! Stage 4: a minijinja template turns the figures into Typst source.
//!
//! Auto-escaping is on for every template, through a formatter that writes
//! any value as literal Typst markup text: every ASCII punctuation character
//! is backslash-escaped, so a cell holding `#read("/etc/passwd")`, `$x$`,
//! `*bold*` or `<b>` prints those characters. Values the template itself
//! marks safe (macro output, `|safe`, the filters here that build Typst) pass
//! unchanged. Undefined variables are errors.

use chrono::Datelike;
use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior};
use serde::Serialize;

use crate::templates::Templates;
pub use crate::templating::{WORD_FILTERS, add_word_filters, fill_in, lang, snippet};
use crate::templating::{filters, parse_date};

/// The name of the custom auto-escape format.
pub const TYPST_ESCAPE: &str = "typst";

/// Why a template could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The template has a syntax or runtime error.
    #[error("{location}: {detail}")]
    Template {
        /// The template file as shown to a person, and the line if known.
        location: Box<crate::diag::Location>,
        /// What went wrong, with a snippet when available.
        detail: String,
    },
}

filters!(
    /// The filters that write Typst.
    TYPST_FILTERS,
    add_typst_filters: typst_str, typst_date, rich, typst_data, quoted, fill
);

/// minijinja's built-in filters, for "did you mean".
const BUILTIN_FILTERS: &[&str] = &[
    "abs",
    "attr",
    "batch",
    "bool",
    "capitalize",
    "chain",
    "count",
    "default",
    "dictsort",
    "escape",
    "first",
    "float",
    "format",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "lines",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "slice",
    "sort",
    "split",
    "string",
    "sum",
    "title",
    "tojson",
    "trim",
    "unique",
    "upper",
    "zip",
];

/// Rendered Typst source with the map of where each of its lines came from.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The Typst source.
    pub source: String,
    /// Generated line → template file and line.
    pub lines: LineMap,
    /// The resolved brand as JSON (see [`crate::brand::Brand::to_json`]),
    /// given to Typst as `sys.inputs.brand`; empty for none.
    pub brand: String,
}

/// Where each line of a rendered source came from: a template file and line.
///
/// Built by rendering templates whose lines carry an invisible marker at
/// their end (see [`mark_lines`]); the markers are taken out of the output and
/// remembered here, so the source Typst sees is exactly the plain rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    /// Template names, by index.
    files: Vec<String>,
    /// Per generated line (zero-based): the markers on it, as
    /// (byte column in the generated line, file index, template line).
    lines: Vec<Vec<(usize, usize, usize)>>,
}

impl LineMap {
    /// The template file (e.g. `meeting-deck/main.typ.j2`) and one-based line
    /// that produced one-based `line` of the generated source, at byte
    /// `column` (zero-based) of that line.
    ///
    /// A line joined from several template lines maps to the first marker at
    /// or after the column; a line with no marker to the nearest line above.
    pub fn lookup(&self, line: usize, column: usize) -> Option<(&str, usize)> {
        let idx = line.checked_sub(1)?;
        let marks = self.lines.get(idx)?;
        let found = marks
            .iter()
            .find(|(col, _, _)| *col >= column)
            .or_else(|| marks.last())
            .or_else(|| self.lines[..idx].iter().rev().find_map(|m| m.last()));
        found.map(|&(_, file, tline)| (self.files[file].as_str(), tline))
    }
}

const MARK_OPEN: char = '\u{E000}';
const MARK_SEP: char = '\u{E002}';
const MARK_CLOSE: char = '\u{E001}';

/// Where a document's long words without spaces get their break points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Decided in Rust ([`crate::breaks`]) by the filters that write markup
    /// and data (the report).
    Filters,
    /// Left to the templates (the deck's `breakable-words` show rule, whose
    /// layout code works on its strings as they are).
    Templates,
}

/// Renders template `name` and maps every generated line back to its template line.
pub fn render_mapped(templates: &Templates, name: &str, context: &impl Serialize, long_words: LongWords) -> Result<Rendered, RenderError> {
    let files = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut env = environment_with(templates, Some(files.clone()));
    if long_words == LongWords::Filters {
        add_breaking_filters(&mut env);
    }
    let to_error = |err: minijinja::Error| {
        let file = err.name().map(|n| templates.display(n)).unwrap_or_else(|| templates.display(name));
        let mut detail = err.detail().map(str::to_string).unwrap_or_else(|| err.kind().to_string());
        if err.kind() == ErrorKind::UnknownFilter
            && let Some(filter) = detail.strip_prefix("filter ").and_then(|d| d.strip_suffix(" is unknown"))
        {
            let hint = crate::diag::did_you_mean(filter, WORD_FILTERS.iter().chain(TYPST_FILTERS).chain(BUILTIN_FILTERS).copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            detail = format!("unknown filter `{filter}`{hint}");
        }
        if let Some(snippet) = snippet(templates, err.name().unwrap_or(name), err.line()) {
            detail.push('\n');
            detail.push_str(&snippet);
        }
        RenderError::Template { location: Box::new(crate::diag::Location::line(file, err.line())), detail }
    };
    let template = env.get_template(name).map_err(to_error)?;
    let marked = template.render(Value::from(minijinja::value::Serde(context))).map_err(to_error)?;
    let files = files.lock().map(|f| f.clone()).unwrap_or_default();
    Ok(strip_marks(&marked, files))
}

/// Appends an invisible marker `U+E000 file U+E002 line U+E001` to every
/// line of a template that ends in text, so the rendered output says which
/// template line each of its lines came from.
///
/// Markers go only where they cannot change the output: never inside a
/// `{{ }}`, `{% %}` or `{# #}` tag, and never after a line ending in a block
/// or comment tag or a `-}}` (whose trailing newline minijinja removes).
pub fn mark_lines(text: &str, file: usize) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Data,
        Raw,
        Tag(&'static str),
        Str(&'static str, char),
        Comment,
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut state = State::Data;
    let mut raw_next = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let (body, ending) = match line.strip_suffix("\r\n") {
            Some(b) => (b, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            },
        };
        let mut i = 0;
        while i < body.len() {
            let rest = &body[i..];
            let c = rest.chars().next().unwrap_or(' ');
            match state {
                State::Data | State::Raw => {
                    if state == State::Raw {
                        if rest.starts_with("{%") && rest[2..].trim_start_matches(['-', '+']).trim_start().starts_with("endraw") {
                            state = State::Tag("%}");
                            i += 2;
                            continue;
                        }
                    } else if rest.starts_with("{{") {
                        state = State::Tag("}}");
                        i += 2;
                        continue;
                    } else if let Some(tag) = rest.strip_prefix("{%") {
                        let word = tag.trim_start_matches(['-', '+']).trim_start();
                        raw_next = word.starts_with("raw")
                            && word[3..].starts_with(|c: char| c.is_whitespace() || c == '-' || c == '+' || c == '%');
                        state = State::Tag("%}");
                        i += 2;
                        continue;
                    } else if rest.starts_with("{#") {
                        state = State::Comment;
                        i += 2;
                        continue;
                    }
                }
                State::Tag(close) => {
                    if rest.starts_with(close) {
                        state = if std::mem::take(&mut raw_next) { State::Raw } else { State::Data };
                        i += close.len();
                        continue;
                    }
                    if c == '"' || c == '\'' {
                        state = State::Str(close, c);
                    }
                }
                State::Str(close, quote) => {
                    if c == '\\' {
                        i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                        continue;
                    }
                    if c == quote {
                        state = State::Tag(close);
                    }
                }
                State::Comment => {
                    if rest.starts_with("#}") {
                        state = State::Data;
                        i += 2;
                        continue;
                    }
                }
            }
            i += c.len_utf8();
        }
        out.push_str(body);
        let trimmed = body.ends_with("%}") || body.ends_with("#}") || body.ends_with("-}}");
        if matches!(state, State::Data | State::Raw) && !trimmed && !ending.is_empty() {
            out.push(MARK_OPEN);
            out.push_str(&file.to_string());
            out.push(MARK_SEP);
            out.push_str(&(n + 1).to_string());
            out.push(MARK_CLOSE);
        }
        out.push_str(ending);
    }
    out
}

/// Takes the markers of [`mark_lines`] out of rendered text, returning the
/// plain text and where each of its lines came from.
fn strip_marks(marked: &str, files: Vec<String>) -> Rendered {
    let mut source = String::with_capacity(marked.len());
    let mut lines = Vec::new();
    for line in marked.split_inclusive('\n') {
        let mut marks = Vec::new();
        let start = source.len();
        let mut rest = line;
        while let Some(at) = rest.find(MARK_OPEN) {
            let parsed = rest[at + MARK_OPEN.len_utf8()..].split_once(MARK_CLOSE).and_then(|(inner, after)| {
                let (file, line) = inner.split_once(MARK_SEP)?;
                Some((file.parse::<usize>().ok()?, line.parse::<usize>().ok()?, after))
            });
            match parsed {
                Some((file, tline, after)) if file < files.len() => {
                    source.push_str(&rest[..at]);
                    marks.push((source.len() - start, file, tline));
                    rest = after;
                }
                _ => {
                    // Not one of ours (a cell may hold U+E000): keep it.
                    source.push_str(&rest[..at + MARK_OPEN.len_utf8()]);
                    rest = &rest[at + MARK_OPEN.len_utf8()..];
                }
            }
        }
        source.push_str(rest);
        lines.push(marks);
    }
    Rendered { source, lines: LineMap { files, lines }, brand: String::new() }
}

/// The environment: loader, escaping, strict undefined, and filters.
#[cfg(test)]
fn environment(templates: &Templates) -> Environment<'static> {
    environment_with(templates, None)
}

/// The environment; with `files`, every template loaded gets line markers
/// ([`mark_lines`]) and its name is recorded in `files` at its index.
fn environment_with(templates: &Templates, files: Option<std::sync::Arc<std::sync::Mutex<Vec<String>>>>) -> Environment<'static> {
    let mut env = Environment::new();
    let loader_templates = templates.clone();
    env.set_loader(move |name| match loader_templates.read_string(name) {
        Ok(text) => Ok(Some(match files.as_ref().and_then(|f| f.lock().ok()) {
            Some(mut files) => {
                files.push(name.to_string());
                mark_lines(&text, files.len() - 1)
            }
            None => text,
        })),
        Err(crate::templates::TemplateError::NotFound { .. }) => Ok(None),
        Err(err) => Err(minijinja::Error::new(ErrorKind::InvalidOperation, err.to_string())),
    });
    env.set_auto_escape_callback(|_| AutoEscape::Custom(TYPST_ESCAPE.into()));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true).build()
    {
        env.set_syntax(syntax);
    }
    env.set_formatter(typst_formatter);
    add_word_filters(&mut env);
    add_typst_filters(&mut env);
    env
}

/// Replaces the formatter and the filters that write text with ones that
/// also mark long words' break points ([`LongWords::Filters`]).
fn add_breaking_filters(env: &mut Environment<'static>) {
    env.set_formatter(|out, _state, value| {
        if value.is_safe() || value.is_none() {
            return typst_formatter(out, _state, value);
        }
        out.write_str(&escape_breaking(&value.to_string())).map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
    });
    env.add_filter("typst_data", |value: Value| typst_data_with(value, true));
    env.add_filter("rich", |value: String| rich_with(&value, escape_breaking));
    env.add_filter("quoted", |value: String| quoted_with(&value, escape_breaking));
    env.add_filter("fill", |sentence: String, kwargs: Kwargs| {
        fill_in(&sentence, &kwargs, |text| typographic_quotes(escape_breaking(text)), escape_breaking)
    });
}

/// Writes a value as Typst: safe values unchanged, everything else escaped.
fn typst_formatter(out: &mut minijinja::Output, _state: &mut State, value: &Value) -> Result<(), minijinja::Error> {
    if value.is_safe() {
        return write!(out, "{value}").map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()));
    }
    if value.is_none() {
        return Ok(());
    }
    out.write_str(&escape_markup(&value.to_string())).map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// In markup, a break point of a long word ([`crate::breaks`]): a hair of
/// weak spacing, which Typst's line breaking treats as a space but which adds
/// no character to the text (`h(0pt)` is dropped before line breaking).
pub const MARKUP_BREAK: &str = "#h(0.01pt, weak: true)";

/// Escapes text so Typst markup prints it literally: every ASCII punctuation
/// character gets a backslash; line breaks become spaces.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::new();
    escape_piece(text, &mut out);
    out
}

/// As [`escape_markup`], and a long word without spaces gets
/// [`MARKUP_BREAK`]s at its [`crate::breaks::break_points`]; inside English
/// marked in another edition's text ([`crate::marked`]), whose show rule
/// matches one unbroken run of text, zero-width spaces instead.
pub fn escape_breaking(text: &str) -> String {
    let points = crate::breaks::break_points(text);
    let mut out = String::with_capacity(text.len() + points.len() * MARKUP_BREAK.len() + text.len() / 4);
    let mut from = 0;
    for at in points {
        escape_piece(&text[from..at], &mut out);
        let in_marks = text[..at].rfind(crate::marked::OPEN) > text[..at].rfind(crate::marked::CLOSE);
        out.push_str(if in_marks { "\u{200B}" } else { MARKUP_BREAK });
        from = at;
    }
    escape_piece(&text[from..], &mut out);
    out
}

/// Escapes `text` as [`escape_markup`] does, onto `out`.
fn escape_piece(text: &str, out: &mut String) {
    out.reserve(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Quotes text as a Typst string literal, for code positions.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{{ x|typst_str }}`: the value as a Typst string literal (marked safe).
fn typst_str(value: Value) -> Value {
    let text = if value.is_none() || value.is_undefined() { String::new() } else { value.to_string() };
    Value::from_safe_string(string_literal(&text))
}

/// `{{ "2025-06-19"|typst_date }}`: a Typst `datetime(...)` expression.
fn typst_date(value: String) -> Result<Value, minijinja::Error> {
    let date = parse_date(&value)?;
    Ok(Value::from_safe_string(format!("datetime(year: {}, month: {}, day: {})", date.year(), date.month(), date.day())))
}

/// `{{ value|typst_data }}`: the value as Typst data, `json(bytes("…"))`,
/// so strings inside it stay strings and never become markup. With
/// [`LongWords::Filters`], every string shown as text gets zero-width spaces
/// at its break points ([`crate::breaks::with_zws`]); a figure's `alt`
/// text, read out rather than laid out, is left as it is.
fn typst_data(value: Value) -> Result<Value, minijinja::Error> {
    typst_data_with(value, false)
}

/// [`typst_data`], with break points in its strings when `breaks` is set.
fn typst_data_with(value: Value, breaks: bool) -> Result<Value, minijinja::Error> {
    let json = serde_json::to_string(&value)
        .map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, format!("cannot pass value as data: {e}")))?;
    let json = if breaks { with_breaks(&json) } else { json };
    Ok(Value::from_safe_string(format!("json(bytes({}))", string_literal(&json))))
}

/// The compact JSON `json` with break points added to its string values
/// (see [`typst_data`]); keys and the values of `alt` keys are left as they
/// are. Works on the text, so the order of every object's keys is kept.
fn with_breaks(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    let mut before = ' ';
    let mut key = "";
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..open]);
        if let Some(c) = rest[..open].chars().rev().find(|c| !c.is_whitespace()) {
            before = c;
        }
        let after = &rest[open + 1..];
        let mut end = 0;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let literal = &rest[open..open + end + 2];
        rest = &rest[open + end + 2..];
        let is_key = rest.trim_start().starts_with(':');
        let decoded = if literal.len() >= 24 { serde_json::from_str::<String>(literal).ok() } else { None };
        match decoded {
            Some(text) if !(is_key || (before == ':' && key == "\"alt\"") || crate::breaks::break_points(&text).is_empty()) => {
                out.push_str(&serde_json::to_string(&crate::breaks::with_zws(&text)).unwrap_or_else(|_| literal.to_string()));
            }
            _ => out.push_str(literal),
        }
        if is_key {
            key = literal;
        }
        before = '"';
    }
    out.push_str(rest);
    out
}

/// `{{ text|rich }}`: escapes everything, but a balanced `**bold**` becomes
/// bold text labelled `<bold>` (as the theme's `bold`; not `strong`, whose
/// tag inside a line makes PDF checkers read the line out of order). For
/// staff-written content files.
fn rich(value: String) -> Value {
    rich_with(&value, escape_markup)
}

/// [`rich`] with `escape` for the text.
fn rich_with(value: &str, escape: fn(&str) -> String) -> Value {
    Value::from_safe_string(crate::templating::with_bold(value, escape, |bold| format!("#text(weight: \"bold\")[{bold}]<bold>")))
}

/// `{{ text|quoted }}`: as [`rich`] (escaped, `**bold**` bold), but straight
/// quotes (`'`, `"`) stay Typst's smart quotes, as if typed in the
/// template, so that they print as the document's language writes them.
/// For the fixed words of a content file.
fn quoted(value: String) -> Value {
    quoted_with(&value, escape_markup)
}

/// [`quoted`] with `escape` for the text.
fn quoted_with(value: &str, escape: fn(&str) -> String) -> Value {
    Value::from_safe_string(typographic_quotes(rich_with(value, escape).to_string()))
}

/// `{{ words.sentence|fill(count=n, range=r) }}`: a content file's sentence
/// with each `{name}` field replaced by the keyword argument of that name,
/// as Typst. The sentence's own words are escaped (an apostrophe or a double
/// quote stays typographic, as in a template's own words); a safe value
/// (markup such as `#bold[14]`) goes in as it is, any other is escaped. A
/// field without an argument stays as written.
fn fill(sentence: String, kwargs: Kwargs) -> Result<Value, minijinja::Error> {
    fill_in(&sentence, &kwargs, escape_words, escape_markup)
}

/// Escapes the words of a template's sentence as Typst markup, but for `'`
/// and `"`, which Typst prints as typographic quotes.
fn escape_words(text: &str) -> String {
    typographic_quotes(escape_markup(text))
}

/// Escaped markup with its `'` and `"` unescaped again, so that Typst
/// prints them as typographic quotes.
fn typographic_quotes(markup: String) -> String {
    markup.replace("\\'", "'").replace("\\\"", "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_markup("#read(\"/etc/passwd\")"), "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)");
        assert_eq!(escape_markup("$x^2$ *b* <b> @ref"), "\\$x\\^2\\$ \\*b\\* \\<b\\> \\@ref");
        assert_eq!(escape_markup("Ford City"), "Ford City");
        assert_eq!(
            escape_breaking("The NeighbourhoodSafety_Planning event"),
            format!("The Neighbourhood{MARKUP_BREAK}Safety\\_Planning event")
        );
        let english = crate::marked::mark("NeighbourhoodSafetyPlanning");
        assert_eq!(escape_breaking(&english), crate::marked::mark("Neighbourhood\u{200B}Safety\u{200B}Planning"));
    }

    #[test]
    fn data_strings_get_break_points_but_keys_and_alt_text_do_not() {
        let long = "NeighbourhoodSafetyPlanning";
        let json = format!(r#"{{"{long}":"{long}","alt":"{long}","bars":[{{"label":"{long}","alt":"{long}"}},"{long} \"q\""],"n":1}}"#);
        let broken = "Neighbourhood\u{200B}Safety\u{200B}Planning";
        assert_eq!(
            with_breaks(&json),
            format!(r#"{{"{long}":"{broken}","alt":"{long}","bars":[{{"label":"{broken}","alt":"{long}"}},"{broken} \"q\""],"n":1}}"#)
        );
        let data = typst_data(Value::from_pairs([("b", Value::from(long)), ("a", Value::from(1))])).unwrap().to_string();
        assert!(data.find(r#"\"b\""#).unwrap() < data.find(r#"\"a\""#).unwrap(), "the keys keep their order: {data}");
    }

    #[test]
    fn number_words_in_each_language() {
        let mut env = Environment::new();
        add_word_filters(&mut env);
        let template = "{{ 1420|thousands }}|{{ 96|percent }}|{{ d|day_words }}|{{ d|date_words }}|{{ d|long_date }}|{{ d|month_year }}|\
                        {{ d|date_range(e) }}|{{ f|date_range(e) }}|{{ d|date_range(d) }}|{{ t|time_words }}|{{ w|plural(0) }}";
        let render = |lang: &str| {
            let ctx = minijinja::context! { lang, d => "2025-06-19", e => "2025-09-22", f => "2024-12-03", t => "12:00:00", w => minijinja::context! { one => "one", other => "other" } };
            env.render_str(template, ctx).unwrap()
        };
        assert_eq!(
            render("en"),
            "1,420|96%|June 19th|Thursday, June 19th, 2025|June 19, 2025|June 2025|from June 19 to September 22, 2025|\
             from December 3, 2024 to September 22, 2025|on June 19, 2025|12:00 p.m.|other"
        );
        assert_eq!(
            render("fr"),
            "1\u{a0}420|96\u{a0}%|19 juin|jeudi 19 juin 2025|19 juin 2025|juin 2025|du 19 juin au 22 septembre 2025|\
             du 3 décembre 2024 au 22 septembre 2025|le 19 juin 2025|12\u{a0}h|one"
        );
    }

    #[test]
    fn rich_text() {
        assert_eq!(rich("a **b** c".into()).to_string(), "a #text(weight: \"bold\")[b]<bold> c");
        assert_eq!(rich("a ** b".into()).to_string(), "a \\*\\* b");
    }

    #[test]
    fn builtin_filters_are_known_for_suggestions() {
        // Each name in the list is a filter minijinja has: using it may fail
        // for want of arguments, but never as an unknown filter.
        let env = environment(&Templates::embedded());
        for name in BUILTIN_FILTERS {
            let result = env.render_str(&format!("{{{{ x|{name} }}}}"), minijinja::context! { x => vec![1] });
            assert!(!matches!(&result, Err(e) if e.kind() == ErrorKind::UnknownFilter), "`{name}` is not one of minijinja's filters");
        }
    }

    /// Renders `template` plainly and with line markers; both must give the
    /// same text, and the map must name the right lines.
    fn check_marks(template: &str, ctx: minijinja::Value) -> Rendered {
        let env = environment(&Templates::embedded());
        let plain = env.render_str(template, ctx.clone()).unwrap();
        let marked = env.render_str(&mark_lines(template, 0), ctx).unwrap();
        let rendered = strip_marks(&marked, vec!["t.j2".into()]);
        assert_eq!(rendered.source, plain, "markers changed the output of:\n{template}");
        rendered
    }

    #[test]
    fn line_markers_change_nothing() {
        let ctx = minijinja::context! { xs => vec!["a", "b"], name => "N*", yes => true };
        let cases = [
            "plain\nlines\n",
            "{#- a comment\n   over lines -#}\n#import \"/theme.typ\": *\n",
            "{% for x in xs %}\n  - {{ x }}\n{% endfor %}\nend\n",
            "  {% if yes %}\n  indented\n  {% endif %}\n",
            "a {{ name -}}\n   b\n",
            "a\n   {%- if yes %} b{% endif %}\nc\n",
            "{% raw %}{{ not a tag\n}}{% endraw %}\nafter\n",
            "{{ \"%}\" ~ name }}\n{% set s = \"{{\" %}\nx {{ s }}\n",
            "{{ xs\n   |join(\", \") }}\nnext\n",
            "crlf\r\n{% if yes %}\r\nyes\r\n{% endif %}\r\n",
            "{% macro m(v) %}\n[{{ v }}]\n{% endmacro %}\n{{ m(1) }}{{ m(2) }}\n",
            "no newline at the end",
        ];
        for case in cases {
            check_marks(case, ctx.clone());
        }
    }

    #[test]
    fn line_map_points_at_template_lines() {
        let ctx = minijinja::context! { xs => vec!["a", "b"] };
        let r = check_marks("{#- c -#}\n#set page()\n{% for x in xs %}\n- {{ x }}\n{% endfor %}\n#oops\n", ctx);
        assert_eq!(r.source, "#set page()\n- a\n- b\n#oops\n");
        assert_eq!(r.lines.lookup(1, 0), Some(("t.j2", 2)));
        assert_eq!(r.lines.lookup(2, 0), Some(("t.j2", 4)));
        assert_eq!(r.lines.lookup(3, 0), Some(("t.j2", 4)));
        assert_eq!(r.lines.lookup(4, 0), Some(("t.j2", 6)));
        assert_eq!(r.lines.lookup(9, 0), None);
    }

    #[test]
    fn undefined_is_an_error() {
        let env = environment(&Templates::embedded());
        assert!(env.render_str("{{ nope }}", ()).is_err());
        let out = env.render_str("{{ x }} {{ y|safe }}", minijinja::context! { x => "*b*", y => "*b*" }).unwrap();
        assert_eq!(out, "\\*b\\* *b*");
    }
}

//! Content files (`content.toml`): the words of a document that are not data, written by staff.
//!
//! A content file is checked before any template sees it, so that a mistake
//! is reported in the content file, at its line, in plain words, and never as
//! an undefined value in a template the user did not touch:
//!
//! - **Syntax.** Curly quotes (`“…”`, as word processors type them) and a
//!   straight quote inside text are named as such; any other TOML error keeps
//!   the TOML parser's words. Every line with a syntax error is reported.
//! - **Keys.** The built-in copy of the file is its schema: every key it has
//!   is known, with the type of its value, and any other key is an error with
//!   a did-you-mean. A table whose built-in keys are all names in quotes
//!   (`"Harm Reduction" = "…"`) is a map: any key may be added, each value of
//!   the built-in values' type. Arrays of tables (`[[projects]]`) accept, in
//!   each block, every key of any built-in block. A key the built-in file lacks
//!   is allowed only when the document's template, edited, uses it by name.
//! - **Missing keys** take the built-in value (an array of tables: none): an older file keeps working.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;
use serde_json::Value as Json;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::figures::report::QUOTE_PLACES;
use crate::templates::{EMBEDDED, TemplateError, Templates, at_line};

/// The most problems reported for one file.
const MAX_PROBLEMS: usize = 30;

/// Why a content file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// The file could not be read.
    #[error(transparent)]
    Read(#[from] TemplateError),
    /// The file has mistakes.
    #[error(transparent)]
    Invalid(#[from] Problems),
}

/// Every mistake found in one content file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problems {
    /// The file as shown to a person (see [`Templates::display`]).
    pub file: String,
    /// The mistakes, in the order of their lines.
    pub problems: Vec<Problem>,
}

/// One mistake in a content file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The line (one-based), when known.
    pub line: Option<usize>,
    /// What is wrong, lowercase, names in backticks; a syntax error also
    /// shows its line of the file, after a newline.
    pub message: String,
}

impl fmt::Display for Problems {
    /// One problem per line, `file:line: message`; lines after the first
    /// start with `error: `, as the first one is printed after it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\nerror: ")?;
            }
            write!(f, "{}: {}", at_line(&self.file, p.line), p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Reads the content file `path` (e.g. `meeting-deck/content.toml`), checks
/// it against its built-in copy, and returns it as JSON for the template,
/// missing keys filled in from the built-in copy.
pub fn load(templates: &Templates, path: &str) -> Result<Json, ContentError> {
    let text = templates.read_string(path)?;
    let builtin = builtin(path);
    let template = template_words(templates, path);
    let used = |key: &str| template.as_deref().is_some_and(|t| uses_word(t, key));
    let invalid = |problems| Problems { file: templates.display(path), problems };
    let mut table = check(&text, builtin.as_ref(), &used).map_err(invalid)?;
    if let Some(builtin) = &builtin {
        fill_missing(&mut table, builtin);
    }
    serde_json::to_value(table).map_err(|e| invalid(vec![Problem { line: None, message: e.to_string() }]).into())
}

/// The built-in copy of a content file, parsed.
fn builtin(path: &str) -> Option<toml::Table> {
    let file = EMBEDDED.get_file(path.trim_start_matches('/'))?;
    toml::from_str(file.contents_utf8()?).ok()
}

/// The text of the document's template when it is an edited copy (it
/// differs from the built-in one), whose words may name keys of their own.
fn template_words(templates: &Templates, path: &str) -> Option<String> {
    let (folder, _) = path.trim_start_matches('/').rsplit_once('/')?;
    let name = format!("{folder}/main.typ.j2");
    let text = templates.read_string(&name).ok()?;
    let builtin = EMBEDDED.get_file(&name).and_then(|f| f.contents_utf8());
    (builtin != Some(text.as_str())).then_some(text)
}

/// Whether `text` has `word` as a whole word (not inside a longer name).
fn uses_word(text: &str, word: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let whole =
        |at: usize| !text[..at].chars().next_back().is_some_and(is_name) && !text[at + word.len()..].chars().next().is_some_and(is_name);
    !word.is_empty() && text.match_indices(word).any(|(at, _)| whole(at))
}

/// Parses and checks `text` against the `builtin` schema; returns the table
/// or every problem found. `used` says whether an edited template uses a key
/// the schema lacks.
pub fn check(text: &str, builtin: Option<&toml::Table>, used: &dyn Fn(&str) -> bool) -> Result<toml::Table, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (parsed, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(syntax_problems(text, &errors));
    }
    if let Some(builtin) = builtin {
        let schema = table_keys(builtin);
        let mut checker = Checker { text, used, problems: Vec::new() };
        checker.table(parsed.get_ref(), &schema, &Place::Top);
        if schema.contains_key("quotes") {
            checker.quotes(parsed.get_ref(), builtin);
        }
        if let (Some(words), Some(toml::Value::Table(known))) = (get(parsed.get_ref(), "words"), builtin.get("words")) {
            checker.fields(words, known, "words");
        }
        if !checker.problems.is_empty() {
            let mut problems = checker.problems;
            problems.sort_by_key(|p| p.line);
            problems.truncate(MAX_PROBLEMS);
            return Err(problems);
        }
    }
    toml::from_str(text).map_err(|e| syntax_problems(text, &[e]))
}

// ------------------------------------------------------------------ syntax

/// The syntax errors, one per line, in plain words where the cause is a
/// common one.
fn syntax_problems(text: &str, errors: &[toml::de::Error]) -> Vec<Problem> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut errors: Vec<&toml::de::Error> = errors.iter().collect();
    errors.sort_by_key(|e| e.span().map_or(usize::MAX, |s| s.start));
    for err in errors {
        let line = err.span().map(|s| line_of(text, s.start));
        if line.is_some() && problems.iter().any(|p| p.line == line) {
            continue; // one problem per line: the rest follow from it
        }
        let source = line.and_then(|n| text.lines().nth(n - 1));
        let mut message = match source {
            Some(l) if has_curly_quotes(l) => "use straight quotes \"…\" (this line has curly quotes)".to_string(),
            Some(l) if has_inner_quote(l) => "a quote inside text must be written \\\" (this line has a quote inside its text)".to_string(),
            _ => err.message().trim().to_string(),
        };
        if let (Some(n), Some(l)) = (line, source) {
            message.push_str(&format!("\n> {n:>4} | {l}"));
        }
        problems.push(Problem { line, message });
        if problems.len() == MAX_PROBLEMS {
            break;
        }
    }
    problems
}

/// The one-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Whether a line has a curly quote outside straight-quoted text (inside it,
/// a curly quote is just a character).
fn has_curly_quotes(line: &str) -> bool {
    let mut quote = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return false,
            None if matches!(c, '“' | '”' | '„' | '‟' | '‘' | '’' | '‚') => return true,
            None => {}
        }
    }
    false
}

/// Whether a line has text between straight quotes that would be inside one
/// piece of text had its quotes been escaped: `"He said "hi" today"`. Two
/// pieces of text with only a comma or spaces between (`"a", "b"`) are not.
fn has_inner_quote(line: &str) -> bool {
    if line.contains("\"\"\"") {
        return false;
    }
    let mut quotes = Vec::new();
    let mut backslashes = 0;
    for (i, c) in line.char_indices() {
        if c == '"' && backslashes % 2 == 0 {
            quotes.push(i);
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    quotes.len() >= 3
        && quotes.windows(2).skip(1).step_by(2).any(|w| {
            let between = line[w[0] + 1..w[1]].trim();
            !between.is_empty() && between != ","
        })
}

// ------------------------------------------------------------------ schema

/// What a value must be, from the built-in file.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Anything (an empty built-in list, or values of mixed types).
    Any,
    /// Text in quotes.
    Text,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// A date or time.
    Datetime,
    /// A list of values of one shape.
    List(Box<Shape>),
    /// A table with these keys.
    Table(BTreeMap<String, Shape>),
    /// A table of names chosen by staff, each value of one shape.
    Map(Box<Shape>),
}

impl Shape {
    fn of(value: &toml::Value) -> Shape {
        match value {
            toml::Value::String(_) => Shape::Text,
            toml::Value::Integer(_) => Shape::Integer,
            toml::Value::Float(_) => Shape::Number,
            toml::Value::Boolean(_) => Shape::Bool,
            toml::Value::Datetime(_) => Shape::Datetime,
            toml::Value::Array(items) => Shape::List(Box::new(items.iter().map(Shape::of).reduce(Shape::merge).unwrap_or(Shape::Any))),
            toml::Value::Table(table) => {
                let is_key =
                    |k: &String| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
                if !table.is_empty() && !table.keys().any(is_key) {
                    Shape::Map(Box::new(table.values().map(Shape::of).reduce(Shape::merge).unwrap_or(Shape::Any)))
                } else {
                    Shape::Table(table_keys(table))
                }
            }
        }
    }

    /// One shape for two values that share a place (items of one list).
    fn merge(self, other: Shape) -> Shape {
        match (self, other) {
            (a, b) if a == b => a,
            (Shape::Integer | Shape::Number, Shape::Integer | Shape::Number) => Shape::Number,
            (Shape::List(a), Shape::List(b)) => Shape::List(Box::new(a.merge(*b))),
            (Shape::Map(a), Shape::Map(b)) => Shape::Map(Box::new(a.merge(*b))),
            (Shape::Table(mut a), Shape::Table(b)) => {
                for (k, v) in b {
                    let merged = match a.remove(&k) {
                        Some(old) => old.merge(v),
                        None => v,
                    };
                    a.insert(k, merged);
                }
                Shape::Table(a)
            }
            _ => Shape::Any,
        }
    }

    /// What a value of this shape is, for "must be …".
    fn expected(&self, key: &str) -> String {
        match self {
            Shape::Any => "any value".into(),
            Shape::Text => format!("text in quotes, like `{key} = \"…\"`"),
            Shape::Integer => format!("a whole number, like `{key} = 45`"),
            Shape::Number => format!("a number, like `{key} = 1.5`"),
            Shape::Bool => format!("`{key} = true` or `{key} = false`"),
            Shape::Datetime => format!("a date, like `{key} = 2025-10-07`"),
            Shape::List(item) => match **item {
                Shape::Text => format!("a list of text in square brackets, like `{key} = [\"…\", \"…\"]`"),
                Shape::Table(_) => format!("one or more `[[{key}]]` blocks"),
                _ => format!("a list in square brackets, like `{key} = […]`"),
            },
            Shape::Table(_) | Shape::Map(_) => format!("a `[{key}]` section"),
        }
    }

    /// Whether `value` has this shape at its top level.
    fn fits(&self, value: &DeValue<'_>) -> bool {
        matches!(
            (self, value),
            (Shape::Any, _)
                | (Shape::Text, DeValue::String(_))
                | (Shape::Integer, DeValue::Integer(_))
                | (Shape::Number, DeValue::Integer(_) | DeValue::Float(_))
                | (Shape::Bool, DeValue::Boolean(_))
                | (Shape::Datetime, DeValue::Datetime(_))
                | (Shape::List(_), DeValue::Array(_))
                | (Shape::Table(_) | Shape::Map(_), DeValue::Table(_))
        )
    }
}

/// The shapes of a built-in table's keys.
fn table_keys(table: &toml::Table) -> BTreeMap<String, Shape> {
    table.iter().map(|(k, v)| (k.clone(), Shape::of(v))).collect()
}

/// What a value is, for "(found …)".
fn found(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "`true` or `false`",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Where in the file a table is, for messages.
enum Place {
    /// The top of the file, before any `[section]`.
    Top,
    /// A `[section]` (or `[a.b]`), by its dotted name.
    Section(String),
    /// A `[[block]]` of an array of tables, by its dotted name.
    Block(String),
    /// An item of a list, by the list's dotted name.
    Item(String),
}

impl Place {
    /// The dotted name of a key in this place.
    fn path(&self, key: &str) -> String {
        match self {
            Place::Top => key.to_string(),
            Place::Section(p) | Place::Block(p) | Place::Item(p) => format!("{p}.{key}"),
        }
    }

    /// ` in `[thank_you]``, ` in `[[projects]]``, ` in an item of `x``, or
    /// nothing at the top.
    fn suffix(&self) -> String {
        match self {
            Place::Top => String::new(),
            Place::Section(p) => format!(" in `[{p}]`"),
            Place::Block(p) => format!(" in `[[{p}]]`"),
            Place::Item(p) => format!(" in an item of `{p}`"),
        }
    }
}

/// Walks a parsed content file beside its schema, collecting problems.
struct Checker<'a> {
    text: &'a str,
    used: &'a dyn Fn(&str) -> bool,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, span: Range<usize>, message: String) {
        self.problems.push(Problem { line: Some(line_of(self.text, span.start)), message });
    }

    /// Whether the key's line is a `[[block]]` header (an array of tables
    /// rather than a list written out).
    fn is_block_header(&self, span: &Range<usize>) -> bool {
        let start = self.text[..span.start.min(self.text.len())].rfind('\n').map_or(0, |i| i + 1);
        self.text[start..].trim_start().starts_with("[[")
    }

    fn table(&mut self, table: &DeTable<'_>, keys: &BTreeMap<String, Shape>, place: &Place) {
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            match keys.get(name) {
                Some(shape) => self.value(name, key.span(), value, shape, place),
                None if (self.used)(name) => {}
                None => {
                    let hint = match crate::diag::did_you_mean(name, keys.keys().map(String::as_str)) {
                        Some(near) => format!(" (did you mean `{near}`?)"),
                        None => {
                            let known: Vec<String> = keys.keys().map(|k| format!("`{k}`")).collect();
                            format!("; the keys here are {}", known.join(", "))
                        }
                    };
                    self.problem(key.span(), format!("unknown key `{name}`{}{hint}", place.suffix()));
                }
            }
        }
    }

    fn value(&mut self, key: &str, key_span: Range<usize>, value: &Spanned<DeValue<'_>>, shape: &Shape, place: &Place) {
        let path = place.path(key);
        if !shape.fits(value.get_ref()) {
            let message = format!("`{key}`{} must be {} (found {})", place.suffix(), shape.expected(key), found(value.get_ref()));
            self.problem(key_span, message);
            return;
        }
        match (shape, value.get_ref()) {
            (Shape::Table(keys), DeValue::Table(t)) => {
                let inner = match place {
                    Place::Top | Place::Section(_) => Place::Section(path),
                    Place::Block(_) | Place::Item(_) => Place::Item(path),
                };
                self.table(t, keys, &inner);
            }
            (Shape::Map(item), DeValue::Table(t)) => {
                let inner = Place::Section(path);
                for (k, v) in t.iter() {
                    self.value(k.get_ref(), k.span(), v, item, &inner);
                }
            }
            (Shape::List(item), DeValue::Array(items)) => {
                let blocks = self.is_block_header(&key_span);
                for (i, v) in items.iter().enumerate() {
                    if !item.fits(v.get_ref()) {
                        let message = format!(
                            "each item of `{key}`{} must be {} (item {} is {})",
                            place.suffix(),
                            item_expected(item),
                            i + 1,
                            found(v.get_ref())
                        );
                        let span = if v.span().is_empty() { key_span.clone() } else { v.span() };
                        self.problem(span, message);
                        continue;
                    }
                    match (&**item, v.get_ref()) {
                        (Shape::Table(keys), DeValue::Table(t)) => {
                            let inner = if blocks { Place::Block(path.clone()) } else { Place::Item(path.clone()) };
                            self.table(t, keys, &inner);
                        }
                        (Shape::List(_) | Shape::Map(_), _) => self.value(key, v.span(), v, item, place),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// The `{field}` names in a sentence of `[words]` (letters and `_`).
fn fields_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.push(name.to_string());
                rest = &rest[close + 1..];
            }
        }
    }
    out
}

/// A key of a parsed table.
fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
}

impl Checker<'_> {
    /// The annual report's pull quotes (`[[quotes]]`): each needs `text`,
    /// and a `section` must name a pillar of `pillars` or `cross_cutting`
    /// (this file's, else the built-in ones) or one of [`QUOTE_PLACES`].
    /// In the `[words]` sentences, each `{field}` must be one the built-in
    /// sentence has: the tool fills in only those (a misspelled one would
    /// print as typed).
    fn fields(&mut self, value: &Spanned<DeValue<'_>>, builtin: &toml::Table, path: &str) {
        let DeValue::Table(table) = value.get_ref() else { return };
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            match (value.get_ref(), builtin.get(name)) {
                (DeValue::Table(_), Some(toml::Value::Table(inner))) => self.fields(value, inner, &format!("{path}.{name}")),
                (DeValue::String(text), Some(toml::Value::String(known))) => {
                    let known = fields_of(known);
                    for field in fields_of(text) {
                        if known.contains(&field) {
                            continue;
                        }
                        let hint = match crate::diag::did_you_mean(&field, known.iter().map(String::as_str)) {
                            Some(near) => format!(" (did you mean `{{{near}}}`?)"),
                            None if known.is_empty() => "; this one has none".to_string(),
                            None => format!("; this one has {}", known.iter().map(|f| format!("`{{{f}}}`")).collect::<Vec<_>>().join(", ")),
                        };
                        let span = if value.span().is_empty() { key.span() } else { value.span() };
                        self.problem(span, format!("`{name}` in `[{path}]` has `{{{field}}}`, a field the tool does not fill in{hint}"));
                    }
                }
                _ => {} // a wrong type or an unknown key is reported by the schema check
            }
        }
    }

    fn quotes(&mut self, top: &DeTable<'_>, builtin: &toml::Table) {
        let Some(quotes) = get(top, "quotes") else { return };
        let DeValue::Array(items) = quotes.get_ref() else { return };
        let names = |key: &str| -> Vec<String> {
            match get(top, key).map(Spanned::get_ref) {
                Some(DeValue::Array(list)) => {
                    list.iter().filter_map(|v| if let DeValue::String(s) = v.get_ref() { Some(s.to_string()) } else { None }).collect()
                }
                _ => builtin
                    .get(key)
                    .and_then(toml::Value::as_array)
                    .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
            }
        };
        let mut places = names("pillars");
        places.extend(names("cross_cutting"));
        places.extend(QUOTE_PLACES.iter().map(|p| p.to_string()));
        let key_span = quotes.span();
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(t) = item.get_ref() else { continue };
            let at = if item.span().is_empty() { key_span.clone() } else { item.span() };
            match get(t, "text").map(Spanned::get_ref) {
                Some(DeValue::String(s)) if !s.trim().is_empty() => {}
                Some(DeValue::String(_)) | None => {
                    self.problem(at.clone(), format!("quote {} in `[[quotes]]` has no `text`: write its words as `text = \"…\"`", i + 1))
                }
                Some(_) => {} // a wrong type is reported by the schema check
            }
            if let Some(section) = get(t, "section")
                && let DeValue::String(name) = section.get_ref()
                && !places.iter().any(|p| crate::tables::normalize(p) == crate::tables::normalize(name))
            {
                let hint = match crate::diag::did_you_mean(name, places.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("it may be {}", places.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")),
                };
                self.problem(section.span(), format!("`section` in `[[quotes]]` names no section of the report, `{name}` ({hint})"));
            }
        }
    }
}

/// What each item of a list must be.
fn item_expected(item: &Shape) -> &'static str {
    match item {
        Shape::Text => "text in quotes",
        Shape::Integer => "a whole number",
        Shape::Number => "a number",
        Shape::Bool => "`true` or `false`",
        Shape::Datetime => "a date",
        Shape::List(_) => "a list",
        Shape::Table(_) | Shape::Map(_) => "a table in braces, like `{ text = \"…\" }`",
        Shape::Any => "any value",
    }
}

/// Adds every key of `builtin` that `table` lacks, recursively into
/// sections; a missing array of tables becomes an empty list.
fn fill_missing(table: &mut toml::Table, builtin: &toml::Table) {
    for (key, value) in builtin {
        match (table.get_mut(key), value) {
            (Some(toml::Value::Table(mine)), toml::Value::Table(theirs)) if matches!(Shape::of(value), Shape::Table(_)) => {
                fill_missing(mine, theirs);
            }
            (Some(_), _) => {}
            (None, toml::Value::Array(items)) if !items.is_empty() && items.iter().all(toml::Value::is_table) => {
                table.insert(key.clone(), toml::Value::Array(Vec::new()));
            }
            (None, _) => {
                table.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests;

//! Stage 4: a minijinja template turns the figures into Typst source.
//!
//! Auto-escaping is on for every template, through a formatter that writes
//! any value as literal Typst markup text: every ASCII punctuation character
//! is backslash-escaped, so a cell holding `#read("/etc/passwd")`, `$x$`,
//! `*bold*` or `<b>` prints those characters. Values the template itself
//! marks safe (macro output, `|safe`, the filters here that build Typst) pass
//! unchanged. Undefined variables are errors.

use chrono::{Datelike, NaiveDate, NaiveTime};
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior};
use serde::Serialize;

use crate::templates::Templates;

/// The name of the custom auto-escape format.
pub const TYPST_ESCAPE: &str = "typst";

/// Why a template could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The template has a syntax or runtime error.
    #[error("{file}{}: {detail}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template file, as shown to a person.
        file: String,
        /// The line, if known.
        line: Option<usize>,
        /// What went wrong, with a snippet when available.
        detail: String,
    },
}

/// Renders template `name` (e.g. `meeting-deck/main.typ.j2`) with `context`.
pub fn render(templates: &Templates, name: &str, context: &impl Serialize) -> Result<String, RenderError> {
    let env = environment(templates);
    let to_error = |err: minijinja::Error| {
        let file = err.name().map(|n| templates.display(n)).unwrap_or_else(|| templates.display(name));
        let mut detail = err.detail().map(str::to_string).unwrap_or_else(|| err.kind().to_string());
        if let Some(snippet) = snippet(templates, err.name().unwrap_or(name), err.line()) {
            detail.push('\n');
            detail.push_str(&snippet);
        }
        RenderError::Template { file, line: err.line(), detail }
    };
    let template = env.get_template(name).map_err(to_error)?;
    template.render(Value::from(minijinja::value::Serde(context))).map_err(to_error)
}

/// A few lines of the template around `line`, numbered, for error messages.
fn snippet(templates: &Templates, name: &str, line: Option<usize>) -> Option<String> {
    let line = line?;
    let text = templates.read_string(name).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(2).max(1);
    let to = (line + 1).min(lines.len());
    Some(
        (from..=to)
            .map(|n| format!("{} {n:>4} | {}", if n == line { ">" } else { " " }, lines[n - 1]))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The environment: loader, escaping, strict undefined, and filters.
fn environment(templates: &Templates) -> Environment<'static> {
    let mut env = Environment::new();
    let loader_templates = templates.clone();
    env.set_loader(move |name| match loader_templates.read_string(name) {
        Ok(text) => Ok(Some(text)),
        Err(crate::templates::TemplateError::NotFound { .. }) => Ok(None),
        Err(err) => Err(minijinja::Error::new(ErrorKind::InvalidOperation, err.to_string())),
    });
    env.set_auto_escape_callback(|_| AutoEscape::Custom(TYPST_ESCAPE.into()));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_formatter(typst_formatter);
    env.add_filter("thousands", thousands);
    env.add_filter("percent", percent);
    env.add_filter("day_words", day_words);
    env.add_filter("date_words", date_words);
    env.add_filter("time_words", time_words);
    env.add_filter("typst_str", typst_str);
    env.add_filter("typst_date", typst_date);
    env.add_filter("rich", rich);
    env.add_filter("typst_data", typst_data);
    env
}

/// Writes a value as Typst: safe values unchanged, everything else escaped.
fn typst_formatter(out: &mut minijinja::Output, _state: &mut State, value: &Value) -> Result<(), minijinja::Error> {
    if value.is_safe() {
        return write!(out, "{value}").map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()));
    }
    if value.is_none() {
        return Ok(());
    }
    out.write_str(&escape_markup(&value.to_string()))
        .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// Escapes text so Typst markup prints it literally: every ASCII punctuation
/// character gets a backslash; line breaks become spaces.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
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
    out
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
    Ok(Value::from_safe_string(format!(
        "datetime(year: {}, month: {}, day: {})",
        date.year(),
        date.month(),
        date.day()
    )))
}

/// `{{ value|typst_data }}`: the value as Typst data, `json(bytes("…"))`,
/// so strings inside it stay strings and never become markup.
fn typst_data(value: Value) -> Result<Value, minijinja::Error> {
    let json = serde_json::to_string(&value)
        .map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, format!("cannot pass value as data: {e}")))?;
    Ok(Value::from_safe_string(format!("json(bytes({}))", string_literal(&json))))
}

/// `{{ text|rich }}`: escapes everything, but a balanced `**bold**` becomes
/// strong text. For staff-written content files.
fn rich(value: String) -> Value {
    let parts: Vec<&str> = value.split("**").collect();
    let mut out = String::new();
    let balanced = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        let strong = balanced && i % 2 == 1 && !part.is_empty();
        if strong {
            out.push_str("#strong[");
        } else if i > 0 && !balanced {
            out.push_str("\\*\\*");
        }
        out.push_str(&escape_markup(part));
        if strong {
            out.push(']');
        }
    }
    Value::from_safe_string(out)
}

/// `{{ 1420|thousands }}` → `1,420`.
pub fn thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// `{{ 0.96|percent }}` → `96%` (whole percent, rounded half up).
fn percent(value: f64) -> String {
    format!("{}%", (value * 100.0 + 1e-9).round() as i64)
}

fn parse_date(value: &str) -> Result<NaiveDate, minijinja::Error> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| minijinja::Error::new(ErrorKind::InvalidOperation, format!("`{value}` is not a date (YYYY-MM-DD)")))
}

/// The English ordinal suffix of a day: 1st, 2nd, 3rd, 4th, 11th, 22nd.
pub fn ordinal(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// `{{ "2025-06-19"|day_words }}` → `June 19th`.
fn day_words(value: String) -> Result<String, minijinja::Error> {
    let d = parse_date(&value)?;
    Ok(format!("{} {}{}", d.format("%B"), d.day(), ordinal(d.day())))
}

/// `{{ "2025-10-07"|date_words }}` → `Tuesday, October 7th, 2025`.
fn date_words(value: String) -> Result<String, minijinja::Error> {
    let d = parse_date(&value)?;
    Ok(format!("{}, {} {}{}, {}", d.format("%A"), d.format("%B"), d.day(), ordinal(d.day()), d.year()))
}

/// `{{ "10:00:00"|time_words }}` → `10:00 a.m.`; `12:00` → `12:00 p.m.`
fn time_words(value: String) -> Result<String, minijinja::Error> {
    let t = NaiveTime::parse_from_str(&value, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(&value, "%H:%M"))
        .map_err(|_| minijinja::Error::new(ErrorKind::InvalidOperation, format!("`{value}` is not a time")))?;
    Ok(t.format("%-I:%M ").to_string() + if t.format("%p").to_string() == "AM" { "a.m." } else { "p.m." })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_markup("#read(\"/etc/passwd\")"), "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)");
        assert_eq!(escape_markup("$x^2$ *b* <b> @ref"), "\\$x\\^2\\$ \\*b\\* \\<b\\> \\@ref");
        assert_eq!(escape_markup("Ford City"), "Ford City");
    }

    #[test]
    fn number_words() {
        assert_eq!(thousands(1420), "1,420");
        assert_eq!(thousands(257), "257");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(percent(0.96), "96%");
        assert_eq!(percent(0.955), "96%");
        assert_eq!(day_words("2025-06-19".into()).unwrap(), "June 19th");
        assert_eq!(day_words("2025-09-22".into()).unwrap(), "September 22nd");
        assert_eq!(date_words("2025-10-07".into()).unwrap(), "Tuesday, October 7th, 2025");
        assert_eq!(time_words("10:00:00".into()).unwrap(), "10:00 a.m.");
        assert_eq!(time_words("12:00:00".into()).unwrap(), "12:00 p.m.");
    }

    #[test]
    fn rich_text() {
        assert_eq!(rich("a **b** c".into()).to_string(), "a #strong[b] c");
        assert_eq!(rich("a ** b".into()).to_string(), "a \\*\\* b");
    }

    #[test]
    fn undefined_is_an_error() {
        let env = environment(&Templates::embedded());
        assert!(env.render_str("{{ nope }}", ()).is_err());
        let out = env.render_str("{{ x }} {{ y|safe }}", minijinja::context! { x => "*b*", y => "*b*" }).unwrap();
        assert_eq!(out, "\\*b\\* *b*");
    }
}

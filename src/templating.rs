//! A small templating toolkit shared by every template-driven format (the
//! Typst source, the web page, the PowerPoint deck): the filters that
//! write words in the edition's language, sentences with fields, the
//! content files' one piece of markup (`**bold**`), escaping for HTML and
//! XML, and error snippets. Stage 4 ([`crate::render`]) and the exporters
//! build their environments from it.

use chrono::NaiveDate;
use chrono::NaiveTime;
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, ErrorKind, State};

use crate::locale::Lang;
use crate::templates::Templates;

/// A set of our filters, registered by one function under their function's
/// name and listed in one constant, from one list.
macro_rules! filters {
    ($(#[$doc:meta])* $vis:vis $list:ident, $add:ident: $($name:ident),+ $(,)?) => {
        $(#[$doc])*
        $vis const $list: &[&str] = &[$(stringify!($name)),+];

        $(#[$doc])*
        pub fn $add(env: &mut Environment<'static>) {
            $(env.add_filter(stringify!($name), $name);)+
        }
    };
}
pub(crate) use filters;

filters!(
    /// The filters that write words (numbers, dates, times), for every
    /// template, Typst or other.
    pub WORD_FILTERS,
    add_word_filters: thousands, percent, day_words, date_words, long_date, month_year, date_range, time_words, plural
);

/// A few lines of the template around `line`, numbered, for error messages.
pub fn snippet(templates: &Templates, name: &str, line: Option<usize>) -> Option<String> {
    let line = line?;
    let text = templates.read_string(name).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(2).max(1);
    let to = (line + 1).min(lines.len());
    Some((from..=to).map(|n| format!("{} {n:>4} | {}", if n == line { ">" } else { " " }, lines[n - 1])).collect::<Vec<_>>().join("\n"))
}

/// A content file's text split at its one piece of markup, a balanced
/// `**bold**`: each part, and whether it is bold. With an odd number of
/// `**`, none is markup: each stays as text.
pub fn bold_parts(text: &str) -> Vec<(bool, &str)> {
    let parts: Vec<&str> = text.split("**").collect();
    let balanced = parts.len() % 2 == 1;
    let mut out = Vec::with_capacity(parts.len() * 2);
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 && !balanced {
            out.push((false, "**"));
        }
        out.push((balanced && i % 2 == 1 && !part.is_empty(), part));
    }
    out
}

/// `text` with each part escaped by `escape`, and each bold part (see
/// [`bold_parts`]) escaped and then wrapped by `bold`.
pub fn with_bold(text: &str, escape: impl Fn(&str) -> String, bold: impl Fn(String) -> String) -> String {
    bold_parts(text).into_iter().map(|(strong, part)| if strong { bold(escape(part)) } else { escape(part) }).collect()
}

/// Where escaped text goes: an HTML page or an XML part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// HTML text and attribute values, as minijinja's HTML auto-escaping
    /// writes them (`'` as `&#x27;`, `/` as `&#x2f;`).
    Html,
    /// XML 1.0 content and attribute values (`'` as `&apos;`; the control
    /// characters XML cannot hold as U+FFFD).
    Xml,
}

/// Escapes text for HTML or XML (see [`Markup`]).
pub fn escape(text: &str, markup: Markup) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (c, markup) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', _) => out.push_str("&quot;"),
            ('\'', Markup::Html) => out.push_str("&#x27;"),
            ('\'', Markup::Xml) => out.push_str("&apos;"),
            ('/', Markup::Html) => out.push_str("&#x2f;"),
            ('\t' | '\n' | '\r', Markup::Xml) => out.push(c),
            (c, Markup::Xml) if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            (c, _) => out.push(c),
        }
    }
    out
}

/// The `fill` filter for any output: `escape` escapes the sentence's own words,
/// `escape_value` the values not marked safe.
pub fn fill_in(
    sentence: &str,
    kwargs: &Kwargs,
    escape: fn(&str) -> String,
    escape_value: fn(&str) -> String,
) -> Result<Value, minijinja::Error> {
    // A sentence may leave out a field (a translation that needs no date
    // range): every argument counts as used.
    for name in kwargs.args() {
        kwargs.get::<Value>(name)?;
    }
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut rest = sentence;
    while let Some(open) = rest.find('{') {
        out.push_str(&escape(&rest[..open]));
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (close, &after[..close])).filter(|(_, name)| kwargs.has(name)) {
            Some((close, name)) => {
                let value: Value = kwargs.get(name)?;
                if value.is_safe() {
                    out.push_str(&value.to_string());
                } else if !value.is_none() && !value.is_undefined() {
                    out.push_str(&escape_value(&value.to_string()));
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&escape("{"));
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    Ok(Value::from_safe_string(out))
}

/// The edition's language: the render context's `lang` (`en` when absent).
pub fn lang(state: &State) -> Lang {
    state.lookup("lang").and_then(|v| v.as_str().and_then(Lang::from_code)).unwrap_or_default()
}

/// `{{ 1420|thousands }}` → `1,420`; `1 420` in French.
fn thousands(state: &State, value: i64) -> String {
    lang(state).number(value)
}

/// `{{ 96|percent }}` → `96%`; `96 %` in French.
fn percent(state: &State, value: i64) -> String {
    lang(state).percent(value)
}

/// `{{ words.events|plural(n) }}`: of a content file's pair
/// `{ one = "…", other = "…" }`, the form for the count `n` in the
/// edition's language (French uses `one` for 0 and 1).
fn plural(state: &State, forms: Value, n: i64) -> Result<Value, minijinja::Error> {
    forms.get_attr(if lang(state).is_one(n.unsigned_abs()) { "one" } else { "other" })
}

pub(crate) fn parse_date(value: &str) -> Result<NaiveDate, minijinja::Error> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| minijinja::Error::new(ErrorKind::InvalidOperation, format!("`{value}` is not a date (YYYY-MM-DD)")))
}

/// `{{ "2025-06-19"|day_words }}` → `June 19th`; `19 juin`.
fn day_words(state: &State, value: String) -> Result<String, minijinja::Error> {
    Ok(lang(state).day_words(parse_date(&value)?))
}

/// `{{ "2025-10-07"|date_words }}` → `Tuesday, October 7th, 2025`; `mardi 7 octobre 2025`.
fn date_words(state: &State, value: String) -> Result<String, minijinja::Error> {
    Ok(lang(state).date_words(parse_date(&value)?))
}

/// `{{ "2024-02-08"|long_date }}` → `February 8, 2024`; `8 février 2024`.
fn long_date(state: &State, value: String) -> Result<String, minijinja::Error> {
    Ok(lang(state).long_date(parse_date(&value)?))
}

/// `{{ "2024-02-08"|month_year }}` → `February 2024`; `février 2024`.
fn month_year(state: &State, value: String) -> Result<String, minijinja::Error> {
    Ok(lang(state).month_year(parse_date(&value)?))
}

/// `{{ first|date_range(last) }}`: a range of days that always gives the
/// year (see [`Lang::date_range`]).
fn date_range(state: &State, first: String, last: String) -> Result<String, minijinja::Error> {
    Ok(lang(state).date_range(parse_date(&first)?, parse_date(&last)?))
}

/// `{{ "10:00:00"|time_words }}` → `10:00 a.m.`; `10 h`.
fn time_words(state: &State, value: String) -> Result<String, minijinja::Error> {
    let t = NaiveTime::parse_from_str(&value, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(&value, "%H:%M"))
        .map_err(|_| minijinja::Error::new(ErrorKind::InvalidOperation, format!("`{value}` is not a time")))?;
    Ok(lang(state).time(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_is_balanced_or_text() {
        assert_eq!(bold_parts("a **b** c"), vec![(false, "a "), (true, "b"), (false, " c")]);
        assert_eq!(bold_parts("a ** b"), vec![(false, "a "), (false, "**"), (false, " b")]);
        assert_eq!(with_bold("x **y**", |t| t.to_uppercase(), |b| format!("<{b}>")), "X <Y>");
    }

    #[test]
    fn escapes_by_markup() {
        assert_eq!(escape("a'/<\u{1}", Markup::Html), "a&#x27;&#x2f;&lt;\u{1}");
        assert_eq!(escape("a'/<\u{1}", Markup::Xml), "a&apos;/&lt;\u{FFFD}");
    }
}

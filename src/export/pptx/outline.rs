//! The deck's outline: `meeting-deck/pptx/outline.xml.j2` rendered with the
//! deck's figures (XML-escaped), then read into slides of paragraphs.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::PptxError;
use crate::templates::Templates;
use crate::templating::{self, Markup};

/// A word of a paragraph, with its weight and whether a space comes before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The word.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// A space before it.
    pub space: bool,
}

/// A paragraph: its style (`bullet`, `sub`, `plain`, `heading`, `number`,
/// `note`), size in points if given, and words.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// The style.
    pub style: String,
    /// The size, in points.
    pub size: Option<f64>,
    /// Whether the whole paragraph is bold.
    pub bold: bool,
    /// Its words.
    pub tokens: Vec<Token>,
    /// For `number`: the item's number (from 1); 0 for a piece that
    /// continues an item.
    pub number: usize,
}

impl Para {
    /// The paragraph's text, words joined as written.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 && t.space {
                out.push(' ');
            }
            out.push_str(&t.text);
        }
        out
    }
}

/// A column of a two-column slide.
#[derive(Debug, Clone, Default)]
pub struct Column {
    /// Its heading.
    pub title: String,
    /// Its paragraphs.
    pub paras: Vec<Para>,
}

/// One slide of the outline, before it is split where the PDF splits it.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// `title`, `section` or `content`.
    pub layout: String,
    /// `text`, `steps`, `actions`, `thanks` or `timeline`.
    pub kind: String,
    /// The small line above the title.
    pub kicker: Option<String>,
    /// The title.
    pub title: String,
    /// Body paragraphs.
    pub paras: Vec<Para>,
    /// Big numbers: value and label.
    pub callouts: Vec<(String, String)>,
    /// Columns (two-column slides).
    pub columns: Vec<Column>,
    /// Speaker notes.
    pub notes: Option<String>,
}

/// The outline of the deck.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The presentation's title.
    pub title: String,
    /// Its language, e.g. `en-CA`.
    pub lang: String,
    /// Its author, in the file's properties.
    pub author: String,
    /// The words at the foot of every slide.
    pub footer: String,
    /// The kicker of a slide that continues the one before.
    pub continued: String,
    /// The mark across every slide of a draft.
    pub draft: String,
    /// The logo image's description.
    pub logo_alt: String,
    /// The slides.
    pub slides: Vec<Unit>,
}

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    templating::escape(text, Markup::Xml)
}

fn xml_formatter(out: &mut minijinja::Output, _state: &mut State, value: &Value) -> Result<(), minijinja::Error> {
    let text = if value.is_safe() {
        value.to_string()
    } else if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        escape_xml(&value.to_string())
    };
    out.write_str(&text).map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// `**bold**` in a content file's text as `<b>bold</b>`, the rest escaped.
fn runs(value: String) -> Value {
    Value::from_safe_string(templating::with_bold(&value, escape_xml, |bold| format!("<b>{bold}</b>")))
}

/// Row references (`file › sheet › row 14`, …) as `file › sheet, rows
/// 2–9, 12 (8 rows)`, grouped by sheet, in the words of the deck's content
/// file (`[words.notes]`: `rows`, `row_count`, `no_rows`); a count is taken
/// as a number of rows.
pub fn rows_used(state: &State, value: Value) -> Result<String, minijinja::Error> {
    let lang = templating::lang(state);
    let notes = state.lookup("content").and_then(|c| c.get_attr("words").ok()).and_then(|w| w.get_attr("notes").ok());
    let word = |key: &str, n: usize| -> String {
        let forms = notes.as_ref().and_then(|w| w.get_attr(key).ok()).filter(|v| !v.is_undefined());
        let form = forms.map(|f| {
            if f.as_str().is_some() { f } else { f.get_attr(if lang.is_one(n as u64) { "one" } else { "other" }).unwrap_or_default() }
        });
        form.and_then(|f| f.as_str().map(str::to_string)).unwrap_or_default()
    };
    if let Some(n) = value.as_i64() {
        return Ok(crate::words::fill(&word("row_count", n as usize), &[("n", &lang.number(n))]));
    }
    let mut groups: Vec<(String, Vec<u64>)> = Vec::new();
    for item in value.try_iter()? {
        let s = item.to_string();
        let (place, row) = match s.rsplit_once(" › row ") {
            Some((place, row)) => (place.to_string(), row.trim().parse::<u64>().ok()),
            None => (s.clone(), None),
        };
        let at = match groups.iter().position(|(p, _)| *p == place) {
            Some(at) => at,
            None => {
                groups.push((place, Vec::new()));
                groups.len() - 1
            }
        };
        if let Some(r) = row {
            groups[at].1.push(r);
        }
    }
    if groups.is_empty() {
        return Ok(word("no_rows", 0));
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(place, mut rows)| {
            rows.sort_unstable();
            rows.dedup();
            let mut ranges: Vec<String> = Vec::new();
            let mut i = 0;
            while i < rows.len() {
                let mut j = i;
                while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
                    j += 1;
                }
                ranges.push(if j > i { format!("{}–{}", rows[i], rows[j]) } else { rows[i].to_string() });
                i = j + 1;
            }
            let n = rows.len();
            crate::words::fill(&word("rows", n), &[("place", &place), ("rows", &ranges.join(", ")), ("n", &lang.number(n as i64))])
        })
        .collect();
    Ok(parts.join("; "))
}

/// The environment for the PowerPoint templates: XML escaping, strict
/// undefined, the deck's word filters.
pub fn environment(templates: &Templates) -> Environment<'static> {
    let mut env = Environment::new();
    let loader_templates = templates.clone();
    env.set_loader(move |name| match loader_templates.read_string(name) {
        Ok(text) => Ok(Some(text)),
        Err(crate::templates::TemplateError::NotFound { .. }) => Ok(None),
        Err(err) => Err(minijinja::Error::new(ErrorKind::InvalidOperation, err.to_string())),
    });
    env.set_auto_escape_callback(|_| AutoEscape::Custom("xml".into()));
    env.set_formatter(xml_formatter);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build() {
        env.set_syntax(syntax);
    }
    templating::add_word_filters(&mut env);
    env.add_filter("runs", runs);
    env.add_filter("fill", |sentence: String, kwargs: minijinja::value::Kwargs| {
        templating::fill_in(&sentence, &kwargs, escape_xml, escape_xml)
    });
    env.add_filter("rows_used", rows_used);
    env.add_filter("xml", |s: String| Value::from_safe_string(escape_xml(&s)));
    env
}

/// Renders a PowerPoint template, naming the file and line of a mistake.
pub fn render(templates: &Templates, env: &Environment<'static>, name: &str, context: &impl serde::Serialize) -> Result<String, PptxError> {
    let located = |e: minijinja::Error| PptxError::Template {
        location: Box::new(crate::diag::Location::line(templates.display(e.name().unwrap_or(name)), e.line())),
        detail: e.to_string(),
    };
    let template = env.get_template(name).map_err(located)?;
    template.render(Value::from(minijinja::value::Serde(context))).map_err(located)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.as_ref() == name.as_bytes() {
            return Ok(Some(a.unescape_value().map_err(|e| e.to_string())?.into_owned()));
        }
    }
    Ok(None)
}

/// Where the reader is inside a slide.
enum Target {
    None,
    Title,
    Notes,
    Para,
}

/// Reads the rendered outline.
pub fn parse(xml: &str) -> Result<Outline, String> {
    let mut reader = Reader::from_str(xml);
    let mut outline = Outline { lang: "en-CA".into(), ..Outline::default() };
    let mut unit: Option<Unit> = None;
    let mut column: Option<Column> = None;
    let mut para: Option<Para> = None;
    let mut target = Target::None;
    let mut bold = 0usize;
    let mut pending_space = false;
    let mut text_buf = String::new();
    let mut numbers = 0usize;

    let add_text = |para: &mut Para, text: &str, bold: bool, pending_space: &mut bool| {
        for (i, piece) in text.split(breaks).enumerate() {
            if i > 0 {
                *pending_space = true;
            }
            if piece.is_empty() {
                continue;
            }
            let glue = !*pending_space && para.tokens.last().is_some();
            if glue && para.tokens.last().is_some_and(|t| t.bold == bold) {
                para.tokens.last_mut().expect("a token").text.push_str(piece);
            } else {
                let space = *pending_space && !para.tokens.is_empty();
                para.tokens.push(Token { text: piece.to_string(), bold, space });
            }
            *pending_space = false;
        }
    };

    loop {
        let read = reader.read_event().map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        if matches!(read, Event::Eof) {
            break;
        }
        // An empty element is its start and its end.
        let events = match read {
            Event::Empty(e) => {
                let end = e.to_end().into_owned();
                vec![Event::Start(e), Event::End(end)]
            }
            other => vec![other],
        };
        for event in events {
            let text = match &event {
                Event::Text(t) => Some(t.decode().map_err(|e| e.to_string())?.into_owned()),
                Event::CData(t) => Some(String::from_utf8_lossy(t).into_owned()),
                Event::GeneralRef(r) => {
                    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c.to_string())
                    } else {
                        let name = r.decode().map_err(|e| e.to_string())?;
                        Some(
                            match name.as_ref() {
                                "amp" => "&",
                                "lt" => "<",
                                "gt" => ">",
                                "quot" => "\"",
                                "apos" => "'",
                                other => return Err(format!("unknown entity `&{other};`")),
                            }
                            .to_string(),
                        )
                    }
                }
                _ => None,
            };
            if let Some(text) = text {
                match target {
                    Target::Title | Target::Notes => text_buf.push_str(&text),
                    Target::Para => {
                        if let Some(p) = para.as_mut() {
                            add_text(p, &text, bold > 0, &mut pending_space);
                        }
                    }
                    Target::None => {}
                }
                continue;
            }
            match event {
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    match name.as_str() {
                        "deck" => {
                            outline.title = attr(&e, "title")?.unwrap_or_default();
                            if let Some(lang) = attr(&e, "lang")? {
                                outline.lang = lang;
                            }
                            outline.author = attr(&e, "author")?.unwrap_or_default();
                            outline.footer = attr(&e, "footer")?.unwrap_or_default();
                            outline.continued = attr(&e, "continued")?.unwrap_or_default();
                            outline.draft = attr(&e, "draft")?.unwrap_or_default();
                            outline.logo_alt = attr(&e, "logo-alt")?.unwrap_or_default();
                        }
                        "slide" => {
                            unit = Some(Unit {
                                layout: attr(&e, "layout")?.unwrap_or_else(|| "content".into()),
                                kind: attr(&e, "kind")?.unwrap_or_else(|| "text".into()),
                                kicker: attr(&e, "kicker")?.filter(|k| !k.trim().is_empty()),
                                ..Unit::default()
                            });
                            numbers = 0;
                        }
                        "title" => {
                            target = Target::Title;
                            text_buf.clear();
                        }
                        "notes" => {
                            target = Target::Notes;
                            text_buf.clear();
                        }
                        "column" => column = Some(Column { title: attr(&e, "title")?.unwrap_or_default(), paras: Vec::new() }),
                        "callout" => {
                            if let Some(u) = unit.as_mut() {
                                u.callouts.push((attr(&e, "value")?.unwrap_or_default(), attr(&e, "label")?.unwrap_or_default()));
                            }
                        }
                        "p" => {
                            let style = attr(&e, "style")?.unwrap_or_else(|| "plain".into());
                            let number = if style == "number" {
                                numbers += 1;
                                numbers
                            } else {
                                0
                            };
                            para = Some(Para {
                                style,
                                size: attr(&e, "size")?.and_then(|s| s.parse().ok()),
                                bold: attr(&e, "bold")?.is_some_and(|b| b == "1" || b == "true"),
                                tokens: Vec::new(),
                                number,
                            });
                            target = Target::Para;
                            pending_space = false;
                        }
                        "b" => bold += 1,
                        "callouts" => {}
                        other => return Err(format!("unknown element `<{other}>`")),
                    }
                }
                Event::End(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    match name.as_str() {
                        "slide" => {
                            if let Some(u) = unit.take() {
                                outline.slides.push(u);
                            }
                        }
                        "title" => {
                            if let Some(u) = unit.as_mut() {
                                u.title = collapse(&text_buf);
                            }
                            target = Target::None;
                        }
                        "notes" => {
                            if let Some(u) = unit.as_mut() {
                                u.notes = Some(collapse(&text_buf)).filter(|n| !n.is_empty());
                            }
                            target = Target::None;
                        }
                        "column" => {
                            if let (Some(u), Some(c)) = (unit.as_mut(), column.take()) {
                                u.columns.push(c);
                            }
                        }
                        "p" => {
                            if let Some(p) = para.take() {
                                if let Some(c) = column.as_mut() {
                                    c.paras.push(p);
                                } else if let Some(u) = unit.as_mut() {
                                    u.paras.push(p);
                                }
                            }
                            target = Target::None;
                        }
                        "b" => bold = bold.saturating_sub(1),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
    Ok(outline)
}

/// Whitespace runs as single spaces, trimmed; a no-break space (as French
/// sets before `:` and `%`) stays as it is.
pub fn collapse(text: &str) -> String {
    text.split(breaks).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether a line may break at `c`: whitespace other than the no-break
/// spaces.
pub fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paragraphs_with_bold_words() {
        let o = parse(r#"<deck title="T &amp; U"><slide layout="content"><title>A &lt;b&gt;</title><p style="bullet">Attended <b>14</b> events, <b>x</b>y &amp; z</p></slide></deck>"#).unwrap();
        assert_eq!(o.title, "T & U");
        assert_eq!(o.slides[0].title, "A <b>");
        let p = &o.slides[0].paras[0];
        assert_eq!(p.text(), "Attended 14 events, xy & z");
        assert!(p.tokens[1].bold && !p.tokens[0].bold);
    }

    #[test]
    fn rows_are_grouped_into_ranges() {
        let v = Value::from(minijinja::value::Serde([
            "in/e.xlsx › Events › row 2",
            "in/e.xlsx › Events › row 3",
            "in/e.xlsx › Events › row 4",
            "in/e.xlsx › Events › row 9",
        ]));
        let render = |file: &str, lang: &str| {
            let content: toml::Table =
                toml::from_str(&std::fs::read_to_string(format!("report-templates/meeting-deck/{file}")).unwrap()).unwrap();
            let mut env = Environment::new();
            env.add_filter("rows_used", rows_used);
            let ctx = minijinja::context! { lang, content => Value::from(minijinja::value::Serde(&content)), v => v.clone(), none => Vec::<String>::new() };
            env.render_str("{{ v|rows_used }}; {{ none|rows_used }}; {{ 1|rows_used }}", ctx).unwrap()
        };
        assert_eq!(render("content.toml", "en"), "in/e.xlsx › Events, rows 2–4, 9 (4 rows); no rows; 1 row");
        assert_eq!(render("content.fr.toml", "fr"), "in/e.xlsx › Events, lignes 2–4, 9 (4 lignes); aucune ligne; 1 ligne");
    }
}

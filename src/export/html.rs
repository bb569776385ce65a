//! The HTML edition: one self-contained, accessible web page made from the
//! same figures as the PDF.
//!
//! A minijinja template (`<document>/main.html.j2`, overridable file by file
//! like the Typst ones) writes the page with HTML auto-escaping: every value
//! from the spreadsheets is escaped, so a cell holding `<b>` or `{{ 7*7 }}`
//! prints those characters. Charts are drawn once, by the theme's own Typst
//! chart functions: the template calls `chart("bar", data, ...)`, which
//! leaves a mark in the page; every chart of the page is then set on a page
//! of its own in one small Typst document, compiled in-process and exported
//! with `typst-svg`, and each mark is replaced by its chart as inline SVG
//! with `role="img"` and the chart's data-derived description as its
//! accessible name. The page needs no script and no network: the stylesheet
//! is inlined too (`inline_file`), and the glyphs of the charts are paths.
//! The built-in template draws its charts in HTML and CSS instead, from
//! the same chart descriptions (see `main.html.j2`), so that their words
//! are text; `chart` stays for templates that want the PDF's drawing.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use typst::foundations::Datetime;

use crate::compile::{self, CompileError};
use crate::diag::Diagnostics;
use crate::render::{self, RenderError, Rendered};
use crate::templates::{DocKind, Templates};
use crate::templating::{self, Markup};

/// Why the HTML edition could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The HTML template could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The charts did not compile.
    #[error(transparent)]
    Compile(#[from] CompileError),
}

/// The HTML template of a document, e.g. `annual-report/main.html.j2`.
pub fn template_path(kind: DocKind) -> String {
    format!("{}/main.html.j2", kind.folder())
}

/// Whether the document has an HTML edition (its folder has a
/// `main.html.j2`).
pub fn has_edition(templates: &Templates, kind: DocKind) -> bool {
    templates.read(&template_path(kind)).is_ok()
}

/// The default width a chart is drawn at, in points: the PDF's text width.
const CHART_WIDTH: f64 = 480.0;

/// One chart the template asked for.
#[derive(Debug, Clone)]
struct Chart {
    /// The theme's function, e.g. `bar-chart`.
    function: String,
    /// The chart's figures, as the PDF template passes them.
    data: serde_json::Value,
    /// Named arguments, as Typst code (`show-percent: false`).
    args: Vec<String>,
    /// The page width it is drawn at, in points.
    width: f64,
    /// Its accessible name.
    alt: String,
    /// In an edition whose description holds English data: the chart's
    /// title as its name, and its description with the English marked
    /// (see [`crate::marked`]), set visibly under the chart, which
    /// `aria-describedby` points at (a name is one string, where no word
    /// can be marked as English).
    described: Option<(String, String)>,
}

/// Makes the HTML edition of the document `kind` from `context`, the same
/// value its Typst template receives. Typst's warnings about the charts are
/// added to `warnings`. The same inputs give the same bytes.
pub fn html(
    kind: DocKind,
    context: &serde_json::Value,
    templates: &Templates,
    worlds: &compile::Worlds,
    today: Datetime,
    warnings: &mut Diagnostics,
) -> Result<Vec<u8>, HtmlError> {
    let charts: Arc<Mutex<Vec<Chart>>> = Arc::default();
    let env = environment(templates, charts.clone());
    let name = template_path(kind);
    let to_error = |err: minijinja::Error| {
        let file = err.name().map(|n| templates.display(n)).unwrap_or_else(|| templates.display(&name));
        let mut detail = err.detail().map(str::to_string).unwrap_or_else(|| err.kind().to_string());
        if let Some(snippet) = templating::snippet(templates, err.name().unwrap_or(&name), err.line()) {
            detail.push('\n');
            detail.push_str(&snippet);
        }
        RenderError::Template { location: Box::new(crate::diag::Location::line(file, err.line())), detail }
    };
    let page = env.get_template(&name).map_err(to_error)?.render(Value::from(minijinja::value::Serde(context))).map_err(to_error)?;
    let charts = std::mem::take(&mut *charts.lock().unwrap_or_else(|e| e.into_inner()));
    let brand = context.get("brand").map(ToString::to_string).unwrap_or_default();
    let svgs = draw(kind, &charts, templates, worlds, today, &brand, warnings)?;
    // English data in a French page: each in a span marked `lang="en"`.
    Ok(crate::marked::in_markup(&place_charts(&page, &svgs), "<span lang=\"en\">", "</span>", &["title"]).into_bytes())
}

/// The mark a chart leaves in the rendered page until it is drawn. An HTML
/// comment: escaped text from a cell can never spell one.
fn mark(n: usize) -> String {
    format!("<!--wecoss-chart-{n}-->")
}

/// The page with every chart mark replaced by its SVG.
fn place_charts(page: &str, svgs: &[String]) -> String {
    let mut out = String::with_capacity(page.len() + svgs.iter().map(String::len).sum::<usize>());
    let mut rest = page;
    while let Some(at) = rest.find("<!--wecoss-chart-") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "<!--wecoss-chart-".len()..];
        let parsed = after.split_once("-->").and_then(|(n, tail)| Some((n.parse::<usize>().ok()?, tail)));
        match parsed.and_then(|(n, tail)| Some((svgs.get(n)?, tail))) {
            Some((svg, tail)) => {
                out.push_str(svg);
                rest = tail;
            }
            None => {
                out.push_str("<!--wecoss-chart-");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The template environment: the templates as loader, HTML escaping for
/// `.html` templates, strict undefined, the text filters of the Typst
/// templates, and `chart`, `inline_file` and `rich`.
fn environment(templates: &Templates, charts: Arc<Mutex<Vec<Chart>>>) -> Environment<'static> {
    let mut env = Environment::new();
    let loader_templates = templates.clone();
    env.set_loader(move |name| match loader_templates.read_string(name) {
        Ok(text) => Ok(Some(text)),
        Err(crate::templates::TemplateError::NotFound { .. }) => Ok(None),
        Err(err) => Err(minijinja::Error::new(ErrorKind::InvalidOperation, err.to_string())),
    });
    env.set_auto_escape_callback(
        |name| {
            if name.ends_with(".html.j2") || name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None }
        },
    );
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true).build()
    {
        env.set_syntax(syntax);
    }
    templating::add_word_filters(&mut env);
    env.add_filter("rich", rich);
    env.add_filter("quoted", quoted);
    env.add_filter("description", description);
    let files = templates.clone();
    env.add_function("inline_file", move |path: String| -> Result<Value, minijinja::Error> {
        let text = files.read_string(&path).map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, e.to_string()))?;
        // Kept inside the element it is inlined in, whatever it holds.
        Ok(Value::from_safe_string(text.replace("</", "<\\/")))
    });
    env.add_function("chart", move |kind: String, data: Value, kwargs: Kwargs| -> Result<Value, minijinja::Error> {
        let chart = chart_call(&kind, &data, &kwargs)?;
        let mut charts = charts.lock().unwrap_or_else(|e| e.into_inner());
        charts.push(chart);
        Ok(Value::from_safe_string(mark(charts.len() - 1)))
    });
    env
}

/// `chart(kind, data, name=value, ...)`: the theme's `<kind>-chart` of
/// `data`, with named arguments (`show_percent=false` → `show-percent:
/// false`; a length such as `label_width="34%"`); `width` is the width it
/// is drawn at, in points (default 480, the PDF's text width).
fn chart_call(kind: &str, data: &Value, kwargs: &Kwargs) -> Result<Chart, minijinja::Error> {
    let invalid = |detail: String| minijinja::Error::new(ErrorKind::InvalidOperation, detail);
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return Err(invalid(format!("`{kind}` is not a chart kind (such as `bar`, `likert` or `timeline`)")));
    }
    let alt = data.get_attr("alt").ok().and_then(|a| a.as_str().map(|a| a.trim().to_string())).unwrap_or_default();
    let alt_marked = data.get_attr("alt_marked").ok().and_then(|a| a.as_str().map(|a| a.trim().to_string()));
    let title =
        data.get_attr("title").ok().and_then(|t| t.as_str().map(|t| crate::marked::strip(t).trim().to_string())).unwrap_or_default();
    let data: serde_json::Value = serde_json::to_value(data).map_err(|e| invalid(format!("the chart's data cannot be passed: {e}")))?;
    if alt.is_empty() {
        return Err(invalid(format!("the data given to `chart(\"{kind}\", ...)` has no `alt` text")));
    }
    let mut args = Vec::new();
    let mut width = CHART_WIDTH;
    for key in kwargs.args() {
        let value: Value = kwargs.get(key)?;
        if key == "width" {
            width = f64::try_from(value.clone())
                .ok()
                .filter(|w| (50.0..=2000.0).contains(w))
                .ok_or_else(|| invalid(format!("`width` is a number of points from 50 to 2000, not `{value}`")))?;
            continue;
        }
        let code = typst_literal(&value).or_else(|| typst_data(&value)).ok_or_else(|| {
            invalid(format!(
                "`{key}={value}`: a chart option is true, false, a number, a length such as \"34%\" or \"190pt\", or data (a list or a map)"
            ))
        })?;
        args.push(format!("{}: {code}", key.replace('_', "-")));
    }
    // Last year's bars under this year's: named for both, as in the PDF
    // (charts.typ's `previous_alt`, last year's description from its title).
    let previous = kwargs.get::<Option<Value>>("previous").ok().flatten().filter(|p| !p.is_undefined() && !p.is_none());
    let sentence = kwargs.get::<Option<Value>>("words").ok().flatten().and_then(|w| w.get_attr("previous_alt").ok());
    let with_previous = |alt: String, key: &str| match (&previous, sentence.as_ref().and_then(|s| s.as_str())) {
        (Some(then), Some(sentence)) => {
            let then_alt =
                then.get_attr(key).or_else(|_| then.get_attr("alt")).ok().and_then(|a| a.as_str().map(str::to_string)).unwrap_or_default();
            let title = then.get_attr("title").ok().and_then(|t| t.as_str().map(str::to_string)).unwrap_or_default();
            let described = then_alt.find(&title).filter(|_| !title.is_empty()).map_or(then_alt.as_str(), |at| &then_alt[at..]);
            crate::figures::report::fill(sentence, &[("alt", &alt), ("previous", described)])
        }
        _ => alt,
    };
    let described = alt_marked.filter(|_| !title.is_empty()).map(|marked| (title, with_previous(marked, "alt_marked")));
    let alt = with_previous(alt, "alt");
    Ok(Chart { function: format!("{kind}-chart"), data, args, width, alt, described })
}

/// A list or map option (a chart's data, such as last year's bars) as Typst
/// code that reads it as JSON data from a string literal, never as code.
fn typst_data(value: &Value) -> Option<String> {
    if !matches!(value.kind(), minijinja::value::ValueKind::Map | minijinja::value::ValueKind::Seq) {
        return None;
    }
    let json = serde_json::to_string(&serde_json::to_value(value).ok()?).ok()?;
    Some(format!("json(bytes({}))", render::string_literal(&crate::marked::strip(&json))))
}

/// A template's option value as Typst code: a boolean, a number, or a
/// length or ratio (`34%`, `190pt`); nothing else.
fn typst_literal(value: &Value) -> Option<String> {
    if let Ok(b) = bool::try_from(value.clone())
        && value.kind() == minijinja::value::ValueKind::Bool
    {
        return Some(b.to_string());
    }
    if value.kind() == minijinja::value::ValueKind::Number {
        return Some(value.to_string());
    }
    let text = value.as_str()?;
    let unit = ["pt", "%", "em", "in", "mm", "cm"].into_iter().find(|u| text.ends_with(u))?;
    let number = &text[..text.len() - unit.len()];
    (!number.is_empty() && number.parse::<f64>().is_ok()).then(|| text.to_string())
}

/// `{{ text|rich }}`: escaped HTML, with a balanced `**bold**` as `<strong>`
/// (the content files' one piece of markup).
fn rich(value: String) -> Value {
    Value::from_safe_string(templating::with_bold(&value, escape, |bold| format!("<strong>{bold}</strong>")))
}

/// `{{ text|quoted }}`: as [`rich`], with straight quotes made curly as
/// Typst's smart quotes make them in the PDF (`"a"` → “a”, `it's` → it’s),
/// so both editions print a content file's fixed words alike.
fn quoted(value: String) -> Value {
    let mut out = String::with_capacity(value.len() + 8);
    let mut before: Option<char> = None;
    for c in value.chars() {
        let opens = before.is_none_or(|b| b.is_whitespace() || "([{“‘".contains(b));
        out.push(match (c, opens) {
            ('"', true) => '“',
            ('"', false) => '”',
            ('\'', true) => '‘',
            ('\'', false) => '’',
            (c, _) => c,
        });
        before = Some(c);
    }
    rich(out)
}

/// The most characters of a page's `<meta name="description">`: what
/// search engines show.
const DESCRIPTION_CHARS: usize = 160;

/// `{{ text|description }}`: a content file's paragraph as a page's
/// description: plain text (no `**`, no language marks, one space between
/// words), cut at a word to at most [`DESCRIPTION_CHARS`] characters with
/// an ellipsis.
fn description(value: String) -> String {
    let plain = crate::marked::strip(&value).replace("**", "");
    let words: Vec<&str> = plain.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= DESCRIPTION_CHARS {
        return whole;
    }
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() + 2 > DESCRIPTION_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches([',', ';', ':', '.']).to_string() + "…"
}

/// Escapes text for HTML text and attribute values, as the templates'
/// auto-escaping does.
pub fn escape(text: &str) -> String {
    templating::escape(text, Markup::Html)
}

/// Draws every chart with the theme's chart functions, each on a page of
/// its own in one Typst document, and returns each as inline SVG.
fn draw(
    kind: DocKind,
    charts: &[Chart],
    templates: &Templates,
    worlds: &compile::Worlds,
    today: Datetime,
    brand: &str,
    warnings: &mut Diagnostics,
) -> Result<Vec<String>, HtmlError> {
    if charts.is_empty() {
        return Ok(Vec::new());
    }
    let mut source = String::from(
        "// The charts of the HTML edition, one a page, drawn by the theme's chart functions.\n\
         #import \"/theme.typ\": *\n\
         #import \"/charts.typ\": *\n\
         #set text(font: fonts.body, size: 10.5pt, fill: colors.ink, lang: \"en\", region: \"CA\")\n",
    );
    for chart in charts {
        let json = serde_json::to_string(&chart.data).map_err(std::io::Error::other).unwrap_or_default();
        let mut args = vec![format!("json(bytes({}))", render::string_literal(&crate::marked::strip(&json)))];
        args.extend(chart.args.iter().cloned());
        let _ = writeln!(
            source,
            "#page(width: {}pt, height: auto, margin: (x: 1pt, y: 4pt), fill: none, header: none, footer: none)[#{}({})]",
            chart.width,
            chart.function,
            args.join(", ")
        );
    }
    let main = format!("/{}/charts.typ", kind.folder());
    let rendered = Rendered { source, lines: Default::default(), brand: brand.to_string() };
    let (document, typst_warnings) = compile::compile_kept(worlds, &format!("{kind} (HTML charts)"), templates, &main, rendered, today)?;
    warnings.extend(typst_warnings);
    let pages = document.pages();
    if pages.len() != charts.len() {
        return Err(HtmlError::Compile(CompileError::Export(format!(
            "- the charts of the web page drew {} pages for {} charts; a chart function in `charts.typ` must fit on one page",
            pages.len(),
            charts.len()
        ))));
    }
    let options = typst_svg::SvgOptions::default();
    let mut defs = SharedDefs::default();
    let mut svgs: Vec<String> = pages
        .iter()
        .zip(charts)
        .enumerate()
        .map(|(n, (page, chart))| {
            let svg = defs.take(&compact(&typst_svg::svg(page, &options)));
            match &chart.described {
                Some((title, described)) => {
                    let id = format!("chart-desc-{}", n + 1);
                    let svg = accessible_svg(&svg, title).replacen(" focusable=", &format!(" aria-describedby=\"{id}\" focusable="), 1);
                    format!("{svg}\n<p class=\"chart-desc\" id=\"{id}\">{}</p>", escape(described))
                }
                None => accessible_svg(&svg, &chart.alt),
            }
        })
        .collect();
    if let Some(first) = svgs.first_mut() {
        first.insert_str(0, &defs.svg());
    }
    Ok(svgs)
}

/// An SVG from typst-svg made smaller without visible change: numbers to
/// two decimals (a hundredth of a point), and the default `fill-rule`
/// left out. Only for typst-svg's output, before any text is added.
fn compact(svg: &str) -> String {
    let svg = svg.replace(" fill-rule=\"nonzero\"", "");
    let mut out = String::with_capacity(svg.len());
    let mut decimals: Option<usize> = None;
    let mut prev_digit = false;
    for c in svg.chars() {
        match (c, decimals) {
            ('.', None) if prev_digit => {
                decimals = Some(0);
                out.push(c);
            }
            (d, Some(n)) if d.is_ascii_digit() => {
                if n < 2 {
                    out.push(d);
                }
                decimals = Some(n + 1);
            }
            _ => {
                decimals = None;
                out.push(c);
            }
        }
        prev_digit = c.is_ascii_digit();
    }
    out
}

/// The definitions (glyph outlines, clip paths, tilings) of every chart,
/// each once: typst-svg names each by a hash of its content, so the same
/// glyph in two charts has the same id and is stored once for the page.
#[derive(Default)]
struct SharedDefs {
    ids: std::collections::HashSet<String>,
    elements: String,
}

impl SharedDefs {
    /// Takes the `<defs>` out of `svg`, keeping each definition not yet
    /// seen; returns the rest.
    fn take(&mut self, svg: &str) -> String {
        let mut out = String::with_capacity(svg.len());
        let mut rest = svg;
        while let Some(at) = rest.find("<defs>") {
            out.push_str(&rest[..at]);
            let body = &rest[at + "<defs>".len()..];
            let Some(end) = body.find("</defs>") else {
                out.push_str(&rest[at..]);
                return out;
            };
            for element in top_elements(&body[..end]) {
                let id = element.split_once("id=\"").and_then(|(_, r)| r.split_once('"')).map(|(id, _)| id.to_string());
                if id.is_none_or(|id| self.ids.insert(id)) {
                    self.elements.push_str(element);
                }
            }
            rest = &body[end + "</defs>".len()..];
        }
        out.push_str(rest);
        out
    }

    /// The definitions as a hidden SVG of no size, for the page (not
    /// `display: none`, so that tilings in it still paint).
    fn svg(&self) -> String {
        if self.elements.is_empty() {
            return String::new();
        }
        format!(
            "<svg class=\"chart-defs\" aria-hidden=\"true\" focusable=\"false\" width=\"0\" height=\"0\" style=\"position: absolute; width: 0; height: 0; overflow: hidden\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>{}</defs></svg>",
            self.elements
        )
    }
}

/// The top-level elements of an XML fragment written by typst-svg (no
/// comments, no text between elements), each whole.
fn top_elements(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    let bytes = xml.as_bytes();
    while let Some(off) = xml[i..].find('<') {
        let at = i + off;
        let close = xml[at..].find('>').map_or(xml.len(), |e| at + e + 1);
        let tag = &xml[at..close];
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                out.push(&xml[start..close]);
            }
        } else if tag.ends_with("/>") {
            if depth == 0 {
                out.push(tag);
            }
        } else {
            if depth == 0 {
                start = at;
            }
            depth += 1;
        }
        i = close;
        if i >= bytes.len() {
            break;
        }
    }
    out
}

/// A chart's SVG made ready to inline: `role="img"` with `alt` as its
/// accessible name on the root.
fn accessible_svg(svg: &str, alt: &str) -> String {
    let svg = &svg[svg.find("<svg").unwrap_or(0)..];
    let svg = svg.replacen(" class=\"typst-doc\"", "", 1);
    let svg = svg.replacen("<svg", &format!("<svg class=\"chart-svg\" role=\"img\" aria-label=\"{}\" focusable=\"false\"", escape(alt)), 1);
    svg.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_replaced_and_others_kept() {
        let page = "<p>a</p><!--wecoss-chart-1--><!--wecoss-chart-0--><!--wecoss-chart-9--><!-- other -->";
        let out = place_charts(page, &["<svg>0</svg>".into(), "<svg>1</svg>".into()]);
        assert_eq!(out, "<p>a</p><svg>1</svg><svg>0</svg><!--wecoss-chart-9--><!-- other -->");
    }

    #[test]
    fn numbers_keep_two_decimals() {
        assert_eq!(
            compact("<path d=\"M 0 0m 2.050292969 3.2h 10.5\" fill-rule=\"nonzero\" x=\"-0.123\" id=\"g1A.2\"/>"),
            "<path d=\"M 0 0m 2.05 3.2h 10.5\" x=\"-0.12\" id=\"g1A.2\"/>"
        );
    }

    #[test]
    fn descriptions_are_plain_and_cut_at_a_word() {
        assert_eq!(description("A **bold**  start.".into()), "A bold start.");
        let long = "word ".repeat(60);
        let d = description(long);
        assert!(d.chars().count() <= DESCRIPTION_CHARS && d.ends_with("word…"), "{d}");
    }

    #[test]
    fn rich_escapes_and_bolds() {
        assert_eq!(rich("a **b** <i>".into()).to_string(), "a <strong>b</strong> &lt;i&gt;");
        assert_eq!(rich("a ** b".into()).to_string(), "a ** b");
    }

    #[test]
    fn options_are_literals_only() {
        assert_eq!(typst_literal(&Value::from(false)).as_deref(), Some("false"));
        assert_eq!(typst_literal(&Value::from("34%")).as_deref(), Some("34%"));
        assert_eq!(typst_literal(&Value::from("190pt")).as_deref(), Some("190pt"));
        assert_eq!(typst_literal(&Value::from("1pt) + read(\"/etc/passwd\")")), None);
        assert_eq!(typst_literal(&Value::from("pt")), None);
    }

    #[test]
    fn svgs_are_named_and_share_their_definitions() {
        let a = "<svg class=\"typst-doc\" viewBox=\"0 0 1 1\"><use xlink:href=\"#g1\"/><defs><symbol id=\"g1\" overflow=\"visible\"><path d=\"M 0 0\"/></symbol><symbol id=\"g2\"/></defs><defs><pattern id=\"t1\"><g><rect/></g></pattern></defs></svg>\n";
        let b =
            "<svg class=\"typst-doc\"><use xlink:href=\"#g2\"/><defs><symbol id=\"g2\"/><symbol id=\"g3\"><path/></symbol></defs></svg>";
        let mut defs = SharedDefs::default();
        let out = accessible_svg(&defs.take(a), "Bar chart of \"x\" & <y>");
        assert_eq!(
            out,
            "<svg class=\"chart-svg\" role=\"img\" aria-label=\"Bar chart of &quot;x&quot; &amp; &lt;y&gt;\" focusable=\"false\" viewBox=\"0 0 1 1\"><use xlink:href=\"#g1\"/></svg>"
        );
        assert_eq!(defs.take(b), "<svg class=\"typst-doc\"><use xlink:href=\"#g2\"/></svg>");
        assert_eq!(
            defs.elements,
            "<symbol id=\"g1\" overflow=\"visible\"><path d=\"M 0 0\"/></symbol><symbol id=\"g2\"/><pattern id=\"t1\"><g><rect/></g></pattern><symbol id=\"g3\"><path/></symbol>"
        );
    }
}

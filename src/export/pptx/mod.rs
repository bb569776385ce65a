//! The PowerPoint edition of the meeting deck: a native, editable `.pptx`
//! (Office Open XML) with the same slides, words and figures as the PDF.
//!
//! The words and slide order come from `meeting-deck/pptx/outline.xml.j2`;
//! slides the PDF deck continues over several pages are split at the same
//! words (see [`paginate`]); each slide's XML, the master, layouts and theme
//! come from the other templates in `meeting-deck/pptx/`. The package is
//! zipped with fixed timestamps, so the same inputs give the same bytes.

pub mod outline;
pub mod package;
pub mod paginate;
mod timeline;

use serde_json::{Value, json};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use crate::figures::deck::DeckFigures;
use crate::templates::Templates;
use outline::{Para, Unit};
use paginate::Part;

/// Why the PowerPoint deck could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PptxError {
    /// A PowerPoint template has a mistake.
    #[error("{location}: {detail}")]
    Template {
        /// The template file as shown, and the line if known.
        location: Box<crate::diag::Location>,
        /// What is wrong.
        detail: String,
    },
    /// The outline template wrote something that is not a deck outline.
    #[error("{file}: the outline it wrote cannot be read: {detail}")]
    Outline {
        /// The outline template, as shown.
        file: String,
        /// What is wrong.
        detail: String,
    },
    /// The slides do not follow the PDF deck's pages.
    #[error(
        "the PowerPoint deck was not written: its slides would differ from the PDF deck's ({0}); check `meeting-deck/pptx/outline.xml.j2` against `meeting-deck/main.typ.j2`"
    )]
    Pages(String),
    /// The zip could not be written.
    #[error("cannot write the PowerPoint file: {0}")]
    Zip(String),
}

/// `text` with what no font can show replaced (see
/// [`crate::glyphs::shown`]), keeping the marks of English text (see
/// [`crate::marked`]), which the slides turn into language marks: a
/// French deck's English activity names are read in English, and match
/// the PDF's words.
pub(crate) fn shown(text: String) -> String {
    use crate::marked::{CLOSE, OPEN};
    if !crate::marked::has_marks(&text) {
        return crate::glyphs::shown(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut piece = String::new();
    for c in text.chars() {
        if c == OPEN || c == CLOSE {
            out.push_str(&crate::glyphs::shown(std::mem::take(&mut piece)));
            out.push(c);
        } else {
            piece.push(c);
        }
    }
    out.push_str(&crate::glyphs::shown(piece));
    out
}

/// Points to EMU (914,400 per inch, 12,700 per point).
fn emu(pt: f64) -> i64 {
    (pt * 12700.0).round() as i64
}

/// The slide in points, as the PDF deck's pages.
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 540.0;
const MARGIN_X: f64 = 56.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 46.0;
const BODY_W: f64 = WIDTH - 2.0 * MARGIN_X;
/// No text on a slide is set smaller, in points.
const MIN_SIZE: f64 = 12.0;

/// The brand's colours the slides' shapes are drawn in, as PowerPoint
/// writes them (`0B4F6C`), from `brand.toml` (see [`crate::brand`]).
#[derive(Debug, Clone)]
pub(crate) struct Palette {
    ink: String,
    muted: String,
    primary: String,
    primary_dark: String,
    accent: String,
    tint: String,
    rule: String,
    paper: String,
    on_primary: String,
    marker: String,
    completed: String,
    in_progress: String,
    planned: String,
}

impl Palette {
    /// The palette of the resolved brand `brand` (the context's `brand`),
    /// or of the built-in brand when the context has none.
    fn of(brand: &Value) -> Self {
        let builtin = crate::brand::Brand::builtin();
        let get =
            |name: &str| brand.pointer(&format!("/srgb/{name}")).and_then(Value::as_str).map_or_else(|| builtin.srgb(name), str::to_string);
        Palette {
            ink: get("ink"),
            muted: get("muted"),
            primary: get("primary"),
            primary_dark: get("primary-dark"),
            accent: get("accent"),
            tint: get("tint"),
            rule: get("rule"),
            paper: get("paper"),
            on_primary: get("on-primary"),
            marker: get("marker"),
            completed: get("completed"),
            in_progress: get("in-progress"),
            planned: get("planned"),
        }
    }
}

/// What the PowerPoint deck is made from: the context the outline and
/// slide templates receive, and the typed figures the shapes are drawn
/// from (the same the context was serialised from).
pub struct Deck<'a> {
    /// What the deck's templates receive: the figures with the text no
    /// font can show replaced, and `draft` when asked for.
    pub context: &'a Value,
    /// The deck's figures.
    pub figures: &'a DeckFigures,
    /// Whether every slide is marked DRAFT.
    pub draft: bool,
}

/// Each page's text, in layout order, from a compiled deck.
pub fn page_texts(doc: &PagedDocument) -> Vec<String> {
    fn walk(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, out),
                FrameItem::Text(t) => {
                    out.push_str(t.text.as_str());
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    doc.pages()
        .iter()
        .map(|page| {
            let mut s = String::new();
            walk(&page.frame, &mut s);
            s
        })
        .collect()
}

/// The width of `text` in Noto Sans at `size` points (regular or bold),
/// from the embedded font's advances.
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    static FONTS: std::sync::OnceLock<[Option<ttf_parser::Face<'static>>; 2]> = std::sync::OnceLock::new();
    let fonts =
        FONTS.get_or_init(|| [ttf_parser::Face::parse(notosans::REGULAR_TTF, 0).ok(), ttf_parser::Face::parse(notosans::BOLD_TTF, 0).ok()]);
    let Some(font) = &fonts[usize::from(bold)] else { return text.chars().count() as f64 * size * 0.55 };
    let em = f64::from(font.units_per_em());
    text.chars().map(|c| font.glyph_index(c).and_then(|g| font.glyph_hor_advance(g)).map_or(0.6, |u| f64::from(u) / em)).sum::<f64>() * size
}

/// Lines a paragraph takes at `size` points in a box `width` points wide,
/// wrapped at spaces as PowerPoint does (a word wider than the box is cut).
fn lines(text: &str, size: f64, width: f64) -> f64 {
    let space = text_width(" ", size, false);
    let mut count = 0.0;
    for line in text.split('\n') {
        let mut n = 1.0;
        let mut used = 0.0;
        for word in line.split(outline::breaks).filter(|w| !w.is_empty()) {
            let w = text_width(word, size, false) * 1.04;
            if used > 0.0 && used + space + w > width {
                n += 1.0;
                used = 0.0;
            }
            if w > width {
                n += (w / width).floor();
                used = w % width;
            } else {
                used += if used > 0.0 { space + w } else { w };
            }
        }
        count += n;
    }
    count
}

/// A paragraph for the slide template.
#[derive(Debug, Clone, serde::Serialize)]
struct SlidePara {
    bullet: &'static str,
    level: u8,
    indent: bool,
    number: usize,
    numbered: bool,
    size: i64,
    color: String,
    heading: bool,
    runs: Vec<Run>,
}

/// A run of text in one weight and colour.
#[derive(Debug, Clone, serde::Serialize)]
struct Run {
    text: String,
    bold: bool,
    color: String,
}

impl SlidePara {
    /// The paragraph with every run in `color`.
    fn colored(mut self, color: &str) -> Self {
        self.color = color.to_string();
        for run in &mut self.runs {
            run.color = color.to_string();
        }
        self
    }
}

/// A paragraph for the slide template, at `scale`.
fn para_json(p: &Para, scale: f64, default_size: f64, palette: &Palette) -> SlidePara {
    let size = p.size.unwrap_or(default_size) * scale;
    let (bullet, level, color, bold) = match p.style.as_str() {
        "bullet" => ("■", 0, &palette.ink, p.bold),
        "bullet-cont" => ("", 0, &palette.ink, p.bold),
        "sub" => ("–", 1, &palette.ink, p.bold),
        "sub-cont" => ("", 1, &palette.ink, p.bold),
        "heading" => ("", 0, &palette.primary_dark, true),
        "note" => ("", 0, &palette.muted, p.bold),
        _ => ("", 0, &palette.ink, p.bold),
    };
    let numbered = p.style == "number" || p.style == "number-cont";
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<(String, bool)> = None;
    let run = |text: String, cb: bool| Run { text, bold: cb, color: if cb && !bold { palette.accent.clone() } else { color.clone() } };
    for t in &p.tokens {
        let b = t.bold || bold;
        match current.as_mut() {
            Some((text, cb)) if *cb == b => {
                if t.space {
                    text.push(' ');
                }
                text.push_str(&t.text);
            }
            _ => {
                let lead = if t.space && current.is_some() { " " } else { "" };
                if let Some((text, cb)) = current.take() {
                    runs.push(run(text, cb));
                }
                current = Some((format!("{lead}{}", t.text), b));
            }
        }
    }
    if let Some((text, cb)) = current {
        runs.push(run(text, cb));
    }
    SlidePara {
        bullet,
        level,
        indent: !bullet.is_empty() || p.style.ends_with("-cont") || numbered,
        number: if p.style == "number" { p.number } else { 0 },
        numbered,
        size: (size * 100.0).round() as i64,
        color: color.clone(),
        heading: p.style == "heading",
        runs,
    }
}

/// Paragraphs in a box: their JSON and the scale that makes them fit.
fn fit(paras: &[Para], width: f64, height: f64, default_size: f64, gap: f64, palette: &Palette) -> (Vec<SlidePara>, f64) {
    let measure = |scale: f64| -> f64 {
        paras
            .iter()
            .map(|p| {
                let size = p.size.unwrap_or(default_size) * scale;
                let indent = if p.style.starts_with("sub") {
                    44.0
                } else if p.style == "plain" || p.style == "heading" || p.style == "note" {
                    0.0
                } else {
                    22.0
                };
                lines(&p.text(), size, width - indent - 14.0) * size * 1.23 + gap * scale
            })
            .sum()
    };
    // Set smaller until it fits, never under 12 pt.
    let smallest = paras.iter().map(|p| p.size.unwrap_or(default_size)).fold(f64::INFINITY, f64::min);
    let mut scale: f64 = 1.0;
    while measure(scale) > height && smallest * (scale - 0.05) >= MIN_SIZE - 1e-9 {
        scale -= 0.05;
    }
    (paras.iter().map(|p| para_json(p, scale, default_size, palette)).collect(), scale)
}

/// The logo image `brand.toml` names (the context's `brand.logo.file`,
/// checked to exist when the brand was loaded), if any: its bytes,
/// extension and size in pixels.
fn logo(templates: &Templates, brand: &Value) -> Option<(Vec<u8>, &'static str, (u32, u32))> {
    let path = brand.pointer("/logo/file").and_then(Value::as_str)?;
    let bytes = templates.read(path).ok()?;
    let lower = path.to_ascii_lowercase();
    let ext = if lower.ends_with(".png") {
        "png"
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        "jpeg"
    } else {
        return None;
    };
    let size = package::image_size(&bytes)?;
    Some((bytes, ext, size))
}

/// Makes the `.pptx` of a meeting deck. `pages` is the text of each page of
/// the PDF deck made from the same figures (see [`page_texts`]), which says
/// where long slides continue.
pub fn deck(deck: &Deck<'_>, templates: &Templates, pages: &[String]) -> Result<Vec<u8>, PptxError> {
    let env = outline::environment(templates);
    let outline_name = "meeting-deck/pptx/outline.xml.j2";
    let xml = outline::render(templates, &env, outline_name, deck.context)?;
    let outline = outline::parse(&xml).map_err(|detail| PptxError::Outline { file: templates.display(outline_name), detail })?;
    let rows = deck.figures.timeline.as_ref().map_or(&[][..], |t| &t.rows[..]);
    let labels: Vec<String> = rows.iter().map(|r| shown(r.label.clone())).collect();
    let parts = paginate::paginate(&outline.slides, pages, &labels).map_err(PptxError::Pages)?;
    let brand = deck.context.get("brand").cloned().filter(|b| !b.is_null()).unwrap_or_else(|| crate::brand::Brand::builtin().to_json());
    let palette = Palette::of(&brand);
    let logo = logo(templates, &brand);

    let mut slides = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    // How many items (paragraphs that start an item) each unit's earlier
    // slides showed.
    let mut items_before: Vec<usize> = vec![0; outline.slides.len()];
    for (i, part) in parts.iter().enumerate() {
        let unit = &outline.slides[part.unit];
        let kicker = if part.index > 0 { Some(outline.continued.clone()) } else { unit.kicker.clone() };
        let starts = part.paras.iter().filter(|p| !p.style.ends_with("-cont") && p.style != "heading").count();
        let first = items_before[part.unit] + usize::from(part.paras.first().is_none_or(|p| !p.style.ends_with("-cont")));
        items_before[part.unit] += starts;
        let title = unique_title(unit, part, kicker.as_deref(), &outline.continued, first, &mut titles);
        let mut shapes = layout(
            unit,
            part,
            &title,
            kicker.as_deref(),
            deck.figures,
            Look { palette: &palette, logo: logo.as_ref().map(|l| (l.2.0, l.2.1, outline.logo_alt.as_str())) },
            pages.get(part.page).map(String::as_str),
        );
        if deck.draft {
            // `--draft`: a DRAFT mark across the slide, as on the PDF's pages.
            shapes.push(
                json!({ "type": "draft", "text": outline.draft, "x": emu(WIDTH / 2.0 - 300.0), "y": emu(HEIGHT / 2.0 - 70.0), "w": emu(600.0), "h": emu(140.0) }),
            );
        }
        // Optional keys the template may test are always present.
        for shape in &mut shapes {
            if let Value::Object(shape) = shape {
                for key in ["placeholder", "anchor", "name", "inset", "gap", "fill", "kicker", "behind", "outlined"] {
                    shape.entry(key).or_insert(Value::Null);
                }
            }
        }
        slides.push((
            unit.layout.clone(),
            json!({
                "number": i + 1,
                "layout": unit.layout,
                "title": title,
                "shapes": shapes,
                "notes": unit.notes.clone().filter(|_| part.index == 0 || unit.kind == "timeline" || unit.kind == "steps"),
                "footer": outline.footer,
            }),
        ));
    }
    package::write(templates, &env, &outline, &slides, deck.figures.meeting.date, logo.map(|(b, e, _)| (b, e)), &brand)
}

/// A slide's title, unique in the deck without a count (PowerPoint's
/// accessibility checker asks for unique titles): the unit's title, and
/// after " — " what tells it from a slide of the same title: the columns a
/// steps slide shows, or for a slide that continues another the word
/// `continued` and the numbers of the items (or timeline rows) on it.
/// `first` is the number of its first item. `titles` holds the titles so
/// far, with their kickers.
fn unique_title(unit: &Unit, part: &Part, kicker: Option<&str>, continued: &str, first: usize, titles: &mut Vec<String>) -> String {
    let key = |t: &str| format!("{}\n{t}", kicker.unwrap_or_default());
    let range = |a: usize, b: usize| if a >= b { a.to_string() } else { format!("{a}–{b}") };
    let mut candidates: Vec<String> = Vec::new();
    if part.index == 0 {
        candidates.push(unit.title.clone());
    }
    if let Some(head) = part.paras.first().filter(|p| p.style == "heading") {
        candidates.push(format!("{} — {}", unit.title, head.text().trim_end_matches([':', '\u{a0}', ' '])));
    }
    if unit.kind == "steps" {
        let cols: Vec<&str> = part.columns.iter().map(|c| c.title.as_str()).collect();
        candidates.push(format!("{} — {}", unit.title, cols.join(", ")));
    }
    let numbers: Vec<usize> = part.paras.iter().filter(|p| p.number > 0).map(|p| p.number).collect();
    let what = if unit.kind == "timeline" && !part.rows.is_empty() {
        Some(range(part.rows[0] + 1, part.rows[part.rows.len() - 1] + 1))
    } else if !numbers.is_empty() {
        Some(range(numbers[0], numbers[numbers.len() - 1]))
    } else if !part.paras.is_empty() {
        let starts = part.paras.iter().filter(|p| !p.style.ends_with("-cont") && p.style != "heading").count();
        Some(range(first.max(1), (first + starts).saturating_sub(1).max(first.max(1))))
    } else {
        None
    };
    if let Some(what) = &what {
        candidates.push(format!("{} — {continued} {what}", unit.title));
    }
    candidates.push(format!("{} — {continued} {}", unit.title, part.index + 1));
    let title =
        candidates.iter().find(|t| !titles.contains(&key(t))).cloned().unwrap_or_else(|| candidates.last().cloned().unwrap_or_default());
    titles.push(key(&title));
    title
}

/// The sizes of a key figure's number and words (points) so that both fit
/// a box `width` by `height` points: 44 and 15 when they fit, else smaller,
/// the words never under 12 pt.
fn callout_sizes(value: &str, label: &str, width: f64, height: f64) -> (f64, f64) {
    let steps = [(44.0, 15.0), (40.0, 14.0), (36.0, 13.0), (32.0, 12.0), (28.0, 12.0), (24.0, 12.0)];
    let need = |(v, l): (f64, f64)| {
        let value_w = text_width(value, v, true);
        let value_lines = if value_w > width { (value_w / width).ceil() } else { 1.0 };
        value_lines * v * 1.2 + lines(label, l, width) * l * 1.2 * 0.9
    };
    steps.into_iter().find(|&s| need(s) <= height).unwrap_or(steps[steps.len() - 1])
}

fn title_shape(title: &str, kicker: Option<&str>, size: f64, y: f64, palette: &Palette) -> (Value, f64) {
    let kh = if kicker.is_some() { 24.0 } else { 0.0 };
    let h = lines(title, size, BODY_W) * size * 1.15 + 8.0;
    (
        json!({ "type": "title", "x": emu(MARGIN_X), "y": emu(y - kh), "w": emu(BODY_W), "h": emu(h + kh),
                "text": title, "kicker": kicker, "size": (size * 100.0) as i64, "color": palette.primary }),
        y + h,
    )
}

/// The word mark's lines from the content file's `words.wordmark`, each
/// with its colour: the first two primary, the rest the accent.
fn wordmark_lines(figures: &DeckFigures, palette: &Palette) -> Vec<(String, String)> {
    let lines = figures.wordmark.iter();
    lines.enumerate().map(|(i, line)| (shown(line.clone()), if i < 2 { palette.primary.clone() } else { palette.accent.clone() })).collect()
}

/// The word mark's type size: 24 pt, or smaller so that its longest line
/// (bold, letter-spaced 1.4 pt) fits `width` points with room to spare for
/// a wider substitute font (DejaVu Sans Bold, which LibreOffice takes where
/// Noto Sans is not installed, sets the French lines a sixth wider).
fn wordmark_size(lines: &[(String, String)], width: f64) -> f64 {
    const SPARE: f64 = 1.2;
    let widest = lines.iter().map(|(l, _)| text_width(l, 24.0, true) + 1.4 * l.chars().count() as f64).fold(0.0, f64::max);
    if widest * SPARE <= width { 24.0 } else { (24.0 * width / (widest * SPARE)).floor().max(14.0) }
}

/// How a slide looks: the brand's colours, and the logo image's size and
/// description when there is one.
#[derive(Clone, Copy)]
struct Look<'a> {
    palette: &'a Palette,
    logo: Option<(u32, u32, &'a str)>,
}

/// The shapes of one slide, in reading order (which is the visual order:
/// top to bottom, left to right). `look` holds the colours and the logo
/// image's size and description.
fn layout(
    unit: &Unit,
    part: &Part,
    title: &str,
    kicker: Option<&str>,
    figures: &DeckFigures,
    look: Look<'_>,
    page: Option<&str>,
) -> Vec<Value> {
    let Look { palette, logo } = look;
    let mut shapes = Vec::new();
    match unit.layout.as_str() {
        "title" => {
            let left = (BODY_W - 40.0) / 2.7;
            let right_x = MARGIN_X + left + 40.0;
            let right_w = BODY_W - left - 40.0;
            let title_h = lines(&unit.title, 38.0, right_w) * 38.0 * 1.15 + 8.0;
            let (paras, _) = fit(&unit.paras, right_w, 150.0, 22.0, 4.0, palette);
            let total = title_h + 12.0 + 150.0;
            let y0 = ((HEIGHT - total) / 2.0).max(20.0);
            match logo {
                Some((w, h, alt)) => {
                    let bw = left - 44.0;
                    let bh = (bw * h as f64 / w.max(1) as f64).min(300.0);
                    shapes.push(json!({ "type": "panel", "x": emu(MARGIN_X), "y": emu(HEIGHT / 2.0 - bh / 2.0 - 22.0), "w": emu(left), "h": emu(bh + 44.0), "fill": palette.paper }));
                    shapes.push(
                        json!({ "type": "picture", "x": emu(MARGIN_X + 22.0), "y": emu(HEIGHT / 2.0 - bh / 2.0), "w": emu(bw), "h": emu(bh),
                        "descr": alt }),
                    );
                }
                None => {
                    let lines = wordmark_lines(figures, palette);
                    let size = wordmark_size(&lines, left - 46.0);
                    shapes.push(
                        json!({ "type": "wordmark", "x": emu(MARGIN_X), "y": emu(HEIGHT / 2.0 - 105.0), "w": emu(left), "h": emu(210.0),
                    "lines": lines, "size": (size * 100.0).round() as i64 }),
                    )
                }
            }
            shapes.push(
                json!({ "type": "title", "placeholder": "ctrTitle", "x": emu(right_x), "y": emu(y0), "w": emu(right_w), "h": emu(title_h),
                "text": title, "kicker": null, "size": 3800, "color": palette.on_primary }),
            );
            shapes.push(json!({ "type": "text", "placeholder": "subTitle", "x": emu(right_x), "y": emu(y0 + title_h + 12.0), "w": emu(right_w), "h": emu(150.0),
                "paras": paras.into_iter().map(|p| p.colored(&palette.on_primary)).collect::<Vec<_>>() }));
        }
        "section" => {
            let h = lines(title, 40.0, BODY_W - 40.0) * 40.0 * 1.15 + 16.0;
            let y = (HEIGHT - h) / 2.0 - 20.0;
            shapes.push(json!({ "type": "title", "x": emu(MARGIN_X + 32.0), "y": emu(y), "w": emu(BODY_W - 32.0), "h": emu(h),
                "text": title, "kicker": null, "size": 4000, "color": palette.primary, "anchor": "ctr" }));
            shapes.push(json!({ "type": "rect", "name": "Accent bar", "x": emu(MARGIN_X), "y": emu(y), "w": emu(8.0), "h": emu(h), "fill": palette.accent }));
        }
        _ => {
            let size = 30.0;
            let (t, mut y) = title_shape(title, kicker, size, TOP + 24.0, palette);
            shapes.push(t);
            y += 18.0;
            let bottom = HEIGHT - BOTTOM - 4.0;
            if part.callouts && !unit.callouts.is_empty() {
                let n = unit.callouts.len() as f64;
                let w = (BODY_W - 14.0 * (n - 1.0)) / n;
                for (i, (value, label)) in unit.callouts.iter().enumerate() {
                    let (value_size, label_size) = callout_sizes(value, label, w - 28.0, 102.0 - 18.0);
                    shapes.push(json!({ "type": "rect", "name": "Accent", "x": emu(MARGIN_X + i as f64 * (w + 14.0)), "y": emu(y), "w": emu(w), "h": emu(4.0), "fill": palette.accent }));
                    shapes.push(json!({ "type": "callout", "x": emu(MARGIN_X + i as f64 * (w + 14.0)), "y": emu(y + 4.0), "w": emu(w), "h": emu(102.0),
                        "value": value, "label": label, "fill": palette.tint, "accent": palette.accent,
                        "value_size": (value_size * 100.0).round() as i64, "label_size": (label_size * 100.0).round() as i64 }));
                }
                y += 106.0 + 14.0;
            }
            if unit.kind == "timeline" {
                // The note under the chart (activities left for the appendix), on its last slide.
                let note_h = if part.paras.is_empty() {
                    0.0
                } else {
                    15.0 * 1.4 * lines(&part.paras.iter().map(Para::text).collect::<Vec<_>>().join(" "), 15.0, BODY_W) + 8.0
                };
                shapes.extend(timeline::shapes(figures, &part.rows, &part.pieces, y, bottom - note_h, page, palette));
                if !part.paras.is_empty() {
                    let (paras, _) = fit(&part.paras, BODY_W, note_h, 15.0, 0.0, palette);
                    shapes.push(json!({ "type": "text", "name": "Note", "x": emu(MARGIN_X), "y": emu(bottom - note_h + 4.0), "w": emu(BODY_W), "h": emu(note_h - 4.0), "gap": 0, "paras": paras }));
                }
            } else if !part.columns.is_empty() {
                let n = part.columns.len() as f64;
                let w = (BODY_W - 24.0 * (n - 1.0)) / n;
                let h = bottom - 18.0 - y;
                for (i, col) in part.columns.iter().enumerate() {
                    let mut paras =
                        vec![Para { style: "heading".into(), size: Some(24.0), bold: true, tokens: tokens(&col.title), number: 0 }];
                    paras.extend(col.paras.iter().cloned());
                    let (json_paras, _) = fit(&paras, w - 32.0, h - 32.0, 20.0, 14.0, palette);
                    shapes.push(json!({ "type": "text", "name": col.title, "x": emu(MARGIN_X + i as f64 * (w + 24.0)), "y": emu(y), "w": emu(w), "h": emu(h),
                        "fill": palette.tint, "inset": emu(16.0), "gap": 1400, "paras": json_paras }));
                }
            } else if !part.paras.is_empty() {
                let gap = if unit.kind == "actions" { 12.0 } else { 10.0 };
                let (paras, _) = fit(&part.paras, BODY_W, bottom - y, 22.0, gap, palette);
                let anchor = if unit.kind == "thanks" { "ctr" } else { "t" };
                shapes.push(
                    json!({ "type": "text", "placeholder": "body", "x": emu(MARGIN_X), "y": emu(y), "w": emu(BODY_W), "h": emu(bottom - y),
                    "gap": (gap * 100.0) as i64, "paras": paras, "anchor": anchor }),
                );
            }
        }
    }
    shapes
}

fn tokens(text: &str) -> Vec<outline::Token> {
    text.split(outline::breaks)
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| outline::Token { text: w.to_string(), bold: true, space: i > 0 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_emu() {
        assert_eq!(emu(WIDTH), 12_192_000);
        assert_eq!(emu(HEIGHT), 6_858_000);
    }
}

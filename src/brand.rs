//! The brand file (`brand.toml` in the templates): the one place the
//! colours, fonts, logo and organisation names are written.
//!
//! It is read once per build, checked (keys and kinds as a content file is,
//! see [`crate::content`]; each colour a `#rrggbb` or the name of another;
//! the logo a file that exists, with a "did you mean" when only its case
//! differs; every text and chart-mark colour at WCAG AA contrast on its
//! background), and handed resolved to every format: Typst through
//! `sys.inputs.brand` (read by `theme.typ`), the web page's stylesheet and
//! the PowerPoint templates through the template context's `brand`.

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use crate::content::{Problem, Problems};
use crate::templates::{TemplateError, Templates};

/// The brand file's path below the templates root.
pub const FILE: &str = "brand.toml";

/// The WCAG AA contrast text needs on its background.
pub const TEXT_CONTRAST: f64 = 4.5;

/// The WCAG AA contrast a chart mark (a bar, an axis, a marker) needs.
pub const MARK_CONTRAST: f64 = 3.0;

/// Text colours and the backgrounds they are printed on. Each is checked at
/// [`TEXT_CONTRAST`]: every one of them also prints small somewhere.
pub const TEXT_PAIRS: &[(&str, &[&str])] = &[
    ("ink", &["paper", "tint"]),
    ("muted", &["paper", "tint"]),
    ("primary", &["paper", "tint"]),
    ("primary-dark", &["paper", "tint"]),
    ("accent", &["paper", "tint"]),
    // Timeline status labels and the meeting marker's label.
    ("completed", &["paper", "tint"]),
    ("in-progress", &["paper", "tint"]),
    ("planned", &["paper", "tint"]),
    ("marker", &["paper", "tint"]),
    // The title slide and the cover; a status label that fits only inside
    // its bar; the pillar openers.
    (
        "on-primary",
        &["primary", "primary-dark", "completed", "in-progress", "planned", "pillar-1", "pillar-2", "pillar-3", "pillar-4", "muted"],
    ),
];

/// Chart marks and the backgrounds they are drawn on, at [`MARK_CONTRAST`].
pub const MARK_PAIRS: &[(&str, &[&str])] = &[
    ("completed", &["paper", "tint"]),
    ("in-progress", &["paper", "tint"]),
    ("planned", &["paper", "tint"]),
    ("marker", &["paper", "tint"]),
    ("primary", &["paper", "tint"]),
    ("rule", &["paper", "tint"]),
];

/// The brand, resolved: every colour a `#rrggbb`.
#[derive(Debug, Clone, PartialEq)]
pub struct Brand {
    /// The organisation's name.
    pub name: String,
    /// Its short name.
    pub short_name: String,
    /// The logo image's path below the templates root (`/logo.png`), if one
    /// is set.
    pub logo: Option<String>,
    /// The body fonts, first choice first.
    pub fonts: Vec<String>,
    /// Every colour by name, as `#rrggbb` (lowercase).
    pub colors: BTreeMap<String, String>,
    /// The Likert scale's colours, most negative first.
    pub likert: Vec<String>,
    /// The Likert chart's grey (not answered) and light grey (pooled).
    pub likert_grey: String,
    /// See [`Brand::likert_grey`].
    pub likert_light: String,
}

impl Brand {
    /// Reads and checks the brand file of `templates` (the built-in one when
    /// the folder has none).
    pub fn load(templates: &Templates) -> Result<Brand, BrandError> {
        let text = templates.read_string(FILE)?;
        let file = templates.display(FILE);
        let table = crate::content::load(templates, FILE).map_err(|e| match e {
            crate::content::ContentError::Read(e) => BrandError::Read(e),
            crate::content::ContentError::Invalid(problems) => BrandError::Invalid(problems),
        })?;
        let mut problems = Vec::new();
        let brand = resolve(&table, &text, templates, &mut problems);
        problems.sort_by_key(|p: &Problem| p.line);
        match brand {
            Some(brand) if problems.is_empty() => Ok(brand),
            _ => Err(BrandError::Invalid(Problems { file, problems })),
        }
    }

    /// The built-in brand (as [`Brand::load`] of the built-in templates).
    pub fn builtin() -> Brand {
        Brand::load(&Templates::embedded()).expect("the built-in brand file is valid")
    }

    /// The colour `name` as `#rrggbb` (black if the brand has no such
    /// colour, which the checks rule out for the names they know).
    pub fn color(&self, name: &str) -> &str {
        self.colors.get(name).map_or("#000000", String::as_str)
    }

    /// The colour `name` as PowerPoint writes it: `0B4F6C`.
    pub fn srgb(&self, name: &str) -> String {
        srgb(self.color(name))
    }

    /// The brand as the templates receive it (`brand` in their context) and
    /// Typst reads it (`sys.inputs.brand`): names, logo, fonts, `colors`
    /// (`#rrggbb`), `srgb` (the same as PowerPoint writes them: `0B4F6C`)
    /// and `likert`.
    pub fn to_json(&self) -> Json {
        let srgbs: BTreeMap<&String, String> = self.colors.iter().map(|(k, v)| (k, srgb(v))).collect();
        json!({
            "organisation": { "name": self.name, "short_name": self.short_name },
            "logo": { "file": self.logo },
            "fonts": { "body": self.fonts },
            "colors": self.colors,
            "srgb": srgbs,
            "likert": { "tones": self.likert, "grey": self.likert_grey, "light": self.likert_light },
        })
    }
}

/// `#0b4f6c` → `0B4F6C`.
pub fn srgb(hex: &str) -> String {
    hex.trim_start_matches('#').to_ascii_uppercase()
}

/// Why the brand file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BrandError {
    /// The file could not be read.
    #[error(transparent)]
    Read(#[from] TemplateError),
    /// The file has mistakes, each at its line.
    #[error(transparent)]
    Invalid(#[from] Problems),
}

/// The brand from the checked table (`text` is the file, for lines), or
/// `None` with the problems added.
fn resolve(table: &Json, text: &str, templates: &Templates, problems: &mut Vec<Problem>) -> Option<Brand> {
    let str_at = |section: &str, key: &str| table.get(section).and_then(|s| s.get(key)).and_then(Json::as_str).unwrap_or("").to_string();
    let raw: BTreeMap<String, String> = table
        .get("colors")
        .and_then(Json::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default();
    let mut colors = BTreeMap::new();
    for (name, value) in &raw {
        match resolve_color(value, &raw) {
            Ok(hex) => {
                colors.insert(name.clone(), hex);
            }
            Err(why) => {
                problems.push(Problem { line: key_line(text, "colors", name), message: format!("`colors.{name} = \"{value}\"`: {why}") })
            }
        }
    }
    let likert_of = |key: &str, value: &str, problems: &mut Vec<Problem>| match resolve_color(value, &raw) {
        Ok(hex) => hex,
        Err(why) => {
            problems.push(Problem { line: key_line(text, "likert", key), message: format!("`likert.{key}`: `\"{value}\"`: {why}") });
            "#000000".to_string()
        }
    };
    let tones: Vec<String> = table
        .pointer("/likert/tones")
        .and_then(Json::as_array)
        .map(|a| a.iter().map(|v| likert_of("tones", v.as_str().unwrap_or(""), problems)).collect())
        .unwrap_or_default();
    if tones.len() < 3 {
        problems.push(Problem { line: key_line(text, "likert", "tones"), message: "`likert.tones` needs at least 3 colours".to_string() });
    }
    let likert_grey = likert_of("grey", &str_at("likert", "grey"), problems);
    let likert_light = likert_of("light", &str_at("likert", "light"), problems);
    let fonts: Vec<String> = table
        .pointer("/fonts/body")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    if fonts.is_empty() {
        problems.push(Problem { line: key_line(text, "fonts", "body"), message: "`fonts.body` needs at least one font".to_string() });
    }
    let logo = str_at("logo", "file");
    let logo = logo.trim();
    let logo = if logo.is_empty() {
        None
    } else {
        match check_logo(logo, templates) {
            Ok(path) => Some(path),
            Err(why) => {
                problems.push(Problem { line: key_line(text, "logo", "file"), message: format!("`logo.file = \"{logo}\"`: {why}") });
                None
            }
        }
    };
    let brand = Brand {
        name: str_at("organisation", "name"),
        short_name: str_at("organisation", "short_name"),
        logo,
        fonts,
        colors,
        likert: tones,
        likert_grey,
        likert_light,
    };
    if problems.is_empty() {
        contrast(&brand, text, problems);
    }
    Some(brand)
}

/// A colour value as `#rrggbb`: itself, or the colour it names (`"accent"`).
fn resolve_color(value: &str, raw: &BTreeMap<String, String>) -> Result<String, String> {
    let mut value = value.trim();
    let mut seen: Vec<&str> = Vec::new();
    while !value.starts_with('#') {
        match raw.get(value) {
            Some(next) if !seen.contains(&value) => {
                seen.push(value);
                value = next.trim();
            }
            Some(_) => return Err(format!("the colours {} name each other; write one of them as \"#rrggbb\"", seen.join(", "))),
            None if value.len() == 6 && value.chars().all(|c| c.is_ascii_hexdigit()) => {
                return Err(format!("write a colour with its #: \"#{value}\""));
            }
            None => {
                let near = crate::diag::did_you_mean(value, raw.keys().map(String::as_str));
                return Err(match near {
                    Some(near) => {
                        format!("not a colour: write \"#rrggbb\" (e.g. \"#336699\") or the name of another colour (did you mean `{near}`?)")
                    }
                    None => "not a colour: write \"#rrggbb\" (e.g. \"#336699\") or the name of another colour".to_string(),
                });
            }
        }
    }
    let hex = &value[1..];
    let hex: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        _ => hex.to_string(),
    };
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("not a colour: write six hexadecimal digits after the #, e.g. \"#336699\"".to_string());
    }
    Ok(format!("#{}", hex.to_ascii_lowercase()))
}

/// The logo's path for Typst (`/logo.png`) when the file is there and is
/// an image the documents can hold; else why not, with a "did you mean"
/// when a file's name differs only in case.
fn check_logo(logo: &str, templates: &Templates) -> Result<String, String> {
    let lower = logo.to_ascii_lowercase();
    if ![".png", ".jpg", ".jpeg"].iter().any(|ext| lower.ends_with(ext)) {
        return Err("the logo must be a PNG or JPEG image (a name ending in .png, .jpg or .jpeg)".to_string());
    }
    let path = format!("/{}", logo.trim_start_matches('/'));
    match templates.read(&path) {
        Ok(_) => Ok(path),
        Err(TemplateError::OutsideRoot { .. }) => Err("the logo must be in the templates folder".to_string()),
        Err(TemplateError::NotFound { .. }) => {
            let folder = templates.dir().map(|d| d.display().to_string()).unwrap_or_else(|| crate::templates::DEFAULT_DIR.to_string());
            let (sub, name) = logo.trim_start_matches('/').rsplit_once('/').unwrap_or(("", logo.trim_start_matches('/')));
            let near = templates.dir().and_then(|d| std::fs::read_dir(d.join(sub)).ok()).and_then(|entries| {
                entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).find(|n| n.eq_ignore_ascii_case(name) && n != name)
            });
            Err(match near {
                Some(near) => format!("there is no file `{name}` in `{folder}`; did you mean {near}? (names must match in capitals too)"),
                None => format!("there is no file `{name}` in `{folder}`: put the image there, or write \"\" for the word mark"),
            })
        }
        Err(err) => Err(err.to_string()),
    }
}

/// Checks every text and chart-mark pair (and each Likert tone with its
/// text) at WCAG AA, adding a problem at the line of the colour to change.
fn contrast(brand: &Brand, text: &str, problems: &mut Vec<Problem>) {
    let mut check = |fg: &str, bg: &str, min: f64, what: &str| {
        let (Some(f), Some(b)) = (brand.colors.get(fg), brand.colors.get(bg)) else { return };
        let r = ratio(f, b);
        if r < min {
            // The colour to change is the one staff edited last, which we
            // cannot know: name the foreground's line, and both keys.
            let line = key_line(text, "colors", fg);
            problems.push(Problem {
                line,
                message: format!(
                    "`colors.{fg}` ({f}) on `colors.{bg}` ({b}) has a contrast of {r:.2}:1; {what} needs {min}:1 (WCAG AA): make `{fg}` or `{bg}` darker or lighter"
                ),
            });
        }
    };
    for (fg, bgs) in TEXT_PAIRS {
        for bg in *bgs {
            check(fg, bg, TEXT_CONTRAST, "text");
        }
    }
    for (fg, bgs) in MARK_PAIRS {
        for bg in *bgs {
            check(fg, bg, MARK_CONTRAST, "a chart mark");
        }
    }
    let on = brand.color("on-primary");
    let paper = brand.color("paper");
    for (i, tone) in brand.likert.iter().enumerate() {
        let (text_r, mark_r) = (ratio(on, tone), ratio(tone, paper));
        if text_r < TEXT_CONTRAST || mark_r < MARK_CONTRAST {
            problems.push(Problem {
                line: key_line(text, "likert", "tones"),
                message: format!(
                    "`likert.tones` colour {} ({tone}): `on-primary` text on it has {text_r:.2}:1 (needs {TEXT_CONTRAST}:1) and on `paper` it has {mark_r:.2}:1 (needs {MARK_CONTRAST}:1, WCAG AA)",
                    i + 1
                ),
            });
        }
    }
}

/// The WCAG relative luminance of `#rrggbb`.
pub fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0)) / 255.0;
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
pub fn ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The line of `key` in the `[section]` of the TOML `text` (the section's
/// own line when the key is not written there, i.e. it takes the built-in
/// value).
fn key_line(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut in_section = false;
    let mut section_line = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_section = t.trim_start_matches('[').trim_end_matches(']').trim() == section;
            if in_section {
                section_line = Some(i + 1);
            }
            continue;
        }
        if in_section
            && let Some((k, _)) = t.split_once('=')
            && k.trim().trim_matches('"') == key
        {
            return Some(i + 1);
        }
    }
    section_line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_brand_is_valid_and_resolved() {
        let brand = Brand::builtin();
        assert_eq!(brand.color("primary"), "#0b4f6c");
        assert_eq!(brand.color("marker"), brand.color("accent"));
        assert_eq!(brand.likert.last().map(String::as_str), Some("#0b4f6c"));
        assert_eq!(brand.srgb("primary"), "0B4F6C");
    }

    #[test]
    fn colours_are_resolved_or_explained() {
        let raw: BTreeMap<String, String> =
            [("a", "#ABC"), ("b", "a"), ("c", "d"), ("d", "c")].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(resolve_color("b", &raw).unwrap(), "#aabbcc");
        assert!(resolve_color("c", &raw).unwrap_err().contains("name each other"));
        assert!(resolve_color("b4481c", &raw).unwrap_err().contains("\"#b4481c\""));
        assert!(resolve_color("#12345", &raw).is_err());
    }

    /// `theme.typ` reads the brand resolved by the tool (`sys.inputs`), or
    /// `brand.toml` itself when compiled on its own (a `--format typ`
    /// source given to the typst CLI): both give the same colours.
    #[test]
    fn the_theme_reads_the_brand_either_way() {
        let templates = Templates::embedded();
        let today = typst::foundations::Datetime::from_ymd(2025, 1, 1).expect("a date");
        let source = "#import \"/theme.typ\": *\n\
                      #assert.eq(colors.primary, rgb(\"#0b4f6c\"))\n\
                      #assert.eq(colors.marker, colors.accent)\n\
                      #assert.eq(likert-tones.last().fill, colors.primary)\n\
                      #assert.eq(logo, none)\n\
                      #set page(width: 20pt, height: 20pt)\n#box(fill: colors.primary)[x]\n";
        let json = Brand::builtin().to_json().to_string();
        for brand in [String::new(), json] {
            let world = crate::compile::DocWorld::with_brand(&templates, "/main.typ", source.to_string(), today, brand.clone());
            assert!(
                world.compile().is_ok(),
                "with brand {:?}: {}",
                !brand.is_empty(),
                world.compile().err().map(|e| e.to_string()).unwrap_or_default()
            );
        }
    }

    #[test]
    fn contrast_is_wcag() {
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    #[test]
    fn keys_are_found_in_their_section() {
        let text = "[a]\nx = 1\n[colors]\n\"x\" = 2\ny = 3\n";
        assert_eq!(key_line(text, "colors", "x"), Some(4));
        assert_eq!(key_line(text, "colors", "z"), Some(3));
    }
}

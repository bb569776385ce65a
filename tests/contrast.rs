//! The theme's colours reach WCAG AA contrast: 4.5:1 for text, 3:1 for
//! chart marks (bars, axis lines, markers). Ratios are computed from
//! `report-templates/theme.typ` itself, so a colour edited there is checked.

use std::collections::BTreeMap;

/// Text colours and the backgrounds they are printed on.
const TEXT: &[(&str, &[&str])] = &[
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
    // Title slide and cover; a status label that fits only inside its bar.
    ("on-primary", &["primary", "primary-dark", "completed", "in-progress", "planned"]),
];

/// Chart marks and the backgrounds they are drawn on.
const MARKS: &[(&str, &[&str])] = &[
    ("completed", &["paper", "tint"]),
    ("in-progress", &["paper", "tint"]),
    ("planned", &["paper", "tint"]),
    ("marker", &["paper", "tint"]),
    ("primary", &["paper", "tint"]),
    ("rule", &["paper", "tint"]),
];

/// Colours that are backgrounds only; every other colour must work as a
/// chart mark on paper.
const BACKGROUNDS: &[&str] = &["paper", "tint", "on-primary"];

fn theme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/report-templates/theme.typ")).unwrap()
}

/// Parses `#rrggbb` (or `#rgb`) into linear-light relative luminance.
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let hex: String = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_string() };
    assert_eq!(hex.len(), 6, "colour `#{hex}`");
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// The WCAG contrast ratio of two colours.
fn ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The text between `#let NAME = (` and its closing `)` line.
fn dictionary<'a>(theme: &'a str, name: &str) -> Option<&'a str> {
    let start = theme.find(&format!("#let {name} = ("))?;
    let rest = &theme[start..];
    let end = rest.find("\n)")?;
    Some(&rest[..end])
}

/// Every `rgb("#…")` found after `key` on one line, e.g. `ink: rgb("#1c2530")`.
fn rgb_after(line: &str, key: &str) -> Option<String> {
    let at = line.find(key)? + key.len();
    let rest = &line[at..];
    let open = rest.find("rgb(\"")? + 5;
    let close = rest[open..].find('"')?;
    Some(rest[open..open + close].to_string())
}

/// The `colors` dictionary: name → `#rrggbb`.
fn colors(theme: &str) -> BTreeMap<String, String> {
    let dict = dictionary(theme, "colors").expect("theme.typ defines `#let colors = (`");
    let mut out = BTreeMap::new();
    for line in dict.lines().skip(1) {
        let line = line.split("//").next().unwrap_or("").trim();
        if let Some((name, value)) = line.split_once(':')
            && value.trim_start().starts_with("rgb(")
        {
            out.insert(name.trim().to_string(), rgb_after(line, ":").expect("rgb(\"#…\")"));
        }
    }
    out
}

#[test]
fn colours_are_parsed() {
    let c = colors(&theme());
    for name in ["ink", "muted", "primary", "primary-dark", "accent", "paper", "tint", "rule", "on-primary"] {
        assert!(c.contains_key(name), "`{name}` missing from {c:?}");
    }
    assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
}

#[test]
fn theme_colours_reach_wcag_aa() {
    let c = colors(&theme());
    let get = |name: &str| c.get(name).unwrap_or_else(|| panic!("theme colour `{name}` is missing"));
    let mut failures = Vec::new();
    let mut check = |fg: &str, bg: &str, min: f64, what: &str| {
        let r = ratio(get(fg), get(bg));
        if r < min {
            failures.push(format!("{what} `{fg}` {} on `{bg}` {}: {r:.2}:1, needs {min}:1", get(fg), get(bg)));
        }
    };
    for (fg, bgs) in TEXT {
        for bg in *bgs {
            check(fg, bg, 4.5, "text");
        }
    }
    for (fg, bgs) in MARKS {
        for bg in *bgs {
            check(fg, bg, 3.0, "chart mark");
        }
    }
    for name in c.keys().filter(|n| !BACKGROUNDS.contains(&n.as_str())) {
        check(name, "paper", 3.0, "colour");
    }
    assert!(failures.is_empty(), "contrast below WCAG AA:\n{}", failures.join("\n"));
}

/// Likert segments carry their percentage in the segment's own text colour.
#[test]
fn likert_labels_reach_wcag_aa_on_their_segments() {
    let theme = theme();
    let Some(dict) = dictionary(&theme, "likert-tones") else { return };
    let c = colors(&theme);
    let mut tones = 0;
    for line in dict.lines() {
        let (Some(fill), Some(text)) = (rgb_after(line, "fill:"), line.split("text: colors.").nth(1)) else { continue };
        let text = text.trim_end_matches(|ch: char| ch == ')' || ch == ',' || ch.is_whitespace());
        let text_hex = c.get(text).unwrap_or_else(|| panic!("likert text colour `{text}` is not a theme colour"));
        let r = ratio(&fill, text_hex);
        assert!(r >= 4.5, "likert label `{text}` on {fill}: {r:.2}:1, needs 4.5:1");
        let mark = ratio(&fill, &c["paper"]);
        assert!(mark >= 3.0, "likert segment {fill} on paper: {mark:.2}:1, needs 3:1 as a chart mark");
        tones += 1;
    }
    assert!(tones >= 3, "likert-tones parsed: {tones}");
}

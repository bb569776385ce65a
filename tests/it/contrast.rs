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
    (
        "on-primary",
        &["primary", "primary-dark", "completed", "in-progress", "planned", "pillar-1", "pillar-2", "pillar-3", "pillar-4", "muted"],
    ),
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

/// Colour-vision deficiency simulation matrices of Machado, Oliveira and
/// Fernandes (2009), severity 1.0, applied to linear RGB.
const SIMULATIONS: &[(&str, [[f64; 3]; 3])] = &[
    ("normal vision", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
    ("protanopia", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    ("deuteranopia", [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
];

/// `#rrggbb` as linear-light RGB.
fn linear_rgb(hex: &str) -> [f64; 3] {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    [channel(0), channel(2), channel(4)]
}

/// The relative luminance of `hex` as seen with the simulation `m`.
fn simulated_luminance(hex: &str, m: &[[f64; 3]; 3]) -> f64 {
    let c = linear_rgb(hex);
    let seen: Vec<f64> = m.iter().map(|row| (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0)).collect();
    0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
}

/// The smallest contrast between two status colours, under every vision.
const STATUS_APART: f64 = 1.4;

/// Done, under way and planned differ in lightness, not only in hue: done
/// darkest, planned lightest, every pair at least 1.4:1 apart, with normal
/// vision and as simulated for protanopia and deuteranopia.
#[test]
fn status_colours_differ_in_lightness_under_colour_blindness() {
    let c = colors(&theme());
    let statuses = ["completed", "in-progress", "planned"];
    let hex: Vec<&String> = statuses.iter().map(|s| c.get(*s).unwrap_or_else(|| panic!("theme colour `{s}` is missing"))).collect();
    // The check itself: a red and a green that differ to most eyes look
    // alike to a deuteranope.
    let red = simulated_luminance("#cc0000", &SIMULATIONS[2].1);
    let green = simulated_luminance("#008800", &SIMULATIONS[2].1);
    assert!((red + 0.05).max(green + 0.05) / (red + 0.05).min(green + 0.05) < 1.05, "deuteranopia simulation");

    let mut failures = Vec::new();
    for (vision, m) in SIMULATIONS {
        let lum: Vec<f64> = hex.iter().map(|h| simulated_luminance(h, m)).collect();
        if !(lum[0] < lum[1] && lum[1] < lum[2]) {
            failures.push(format!("{vision}: lightness not ordered done < under way < planned: {lum:.3?}"));
        }
        for i in 0..3 {
            for j in i + 1..3 {
                let r = (lum[i].max(lum[j]) + 0.05) / (lum[i].min(lum[j]) + 0.05);
                if r < STATUS_APART {
                    failures.push(format!(
                        "{vision}: `{}` {} and `{}` {} are {r:.2}:1 apart, need {STATUS_APART}:1",
                        statuses[i], hex[i], statuses[j], hex[j]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "status colours too alike:\n{}", failures.join("\n"));
}

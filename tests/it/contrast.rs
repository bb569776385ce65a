//! The brand's colours reach WCAG AA contrast: 4.5:1 for text, 3:1 for
//! chart marks (bars, axis lines, markers). The check is the library's own
//! (`wecoss_report::brand`), run on every build: these tests run it on the
//! built-in `report-templates/brand.toml` and on edited copies.

use std::collections::BTreeMap;

use wecoss_report::brand::{self, Brand};

/// Colours that are backgrounds only; every other colour must work as a
/// chart mark on paper.
const BACKGROUNDS: &[&str] = &["paper", "tint", "on-primary"];

/// The built-in brand's colours: name → `#rrggbb`.
fn colors() -> BTreeMap<String, String> {
    Brand::builtin().colors
}

#[test]
fn colours_are_parsed() {
    let c = colors();
    for name in ["ink", "muted", "primary", "primary-dark", "accent", "paper", "tint", "rule", "on-primary"] {
        assert!(c.contains_key(name), "`{name}` missing from {c:?}");
    }
    assert!((brand::ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((brand::ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
}

/// Every pair the build checks passes in the built-in brand, and every
/// colour but a background is a chart mark on paper.
#[test]
fn brand_colours_reach_wcag_aa() {
    let c = colors();
    let mut failures = Vec::new();
    let mut check = |fg: &str, bg: &str, min: f64| {
        let r = brand::ratio(&c[fg], &c[bg]);
        if r < min {
            failures.push(format!("`{fg}` on `{bg}`: {r:.2}:1, needs {min}:1"));
        }
    };
    for (fg, bgs) in brand::TEXT_PAIRS {
        for bg in *bgs {
            check(fg, bg, brand::TEXT_CONTRAST);
        }
    }
    for (fg, bgs) in brand::MARK_PAIRS {
        for bg in *bgs {
            check(fg, bg, brand::MARK_CONTRAST);
        }
    }
    for name in c.keys().filter(|n| !BACKGROUNDS.contains(&n.as_str())) {
        check(name, "paper", brand::MARK_CONTRAST);
    }
    assert!(failures.is_empty(), "contrast below WCAG AA:\n{}", failures.join("\n"));
}

/// Likert segments carry their percentage in `on-primary`.
#[test]
fn likert_labels_reach_wcag_aa_on_their_segments() {
    let b = Brand::builtin();
    for tone in &b.likert {
        let r = brand::ratio(tone, b.color("on-primary"));
        assert!(r >= 4.5, "likert label on {tone}: {r:.2}:1, needs 4.5:1");
        let mark = brand::ratio(tone, b.color("paper"));
        assert!(mark >= 3.0, "likert segment {tone} on paper: {mark:.2}:1, needs 3:1 as a chart mark");
    }
    assert!(b.likert.len() >= 3);
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
    let c = colors();
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

//! Text the embedded fonts cannot show.
//!
//! Spreadsheet text may hold any Unicode: emoji, other scripts, zero-width
//! characters. A character that no embedded font has a glyph for would be
//! drawn as a `.notdef` box, which PDF/UA-1 and PDF/A forbid, so the export
//! would fail. Instead, every text value that can reach a document passes
//! through [`replace`] before figures are computed: each character no font
//! covers (together with the emoji modifiers, variation selectors and joined
//! characters that belong to it) becomes one visible [`PLACEHOLDER`], and the
//! tables stage warns, naming the cell. Private-use characters have no
//! agreed meaning (and PDF/A-2a forbids them), so they are replaced too.
//! Invisible characters (zero-width spaces and joiners, direction marks)
//! are kept: Typst draws nothing for them.
//!
//! "Covered" means what Typst's own font fallback sees: some font in
//! [`crate::fonts::fonts`] maps the character in its `cmap`.

use std::sync::OnceLock;

use crate::diag::{Diagnostics, Location};

/// What is printed in place of a character that cannot be shown.
pub const PLACEHOLDER: char = '□';

/// Characters dropped silently wherever they appear: PDF/UA forbids mapping
/// a glyph to them, and they never carry meaning (ingest already removes
/// them from cells; this catches file names and content files).
fn is_dropped(c: char) -> bool {
    matches!(c, '\0' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}') || (c.is_control() && !c.is_whitespace())
}

/// Whether `c` is in a Unicode private-use area.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Characters that only modify the character before them: variation
/// selectors, emoji skin tones, tag characters, the keycap mark.
fn is_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

/// Every code point some embedded font covers, as sorted, merged, inclusive
/// ranges.
fn covered() -> &'static [(u32, u32)] {
    static COVERED: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    COVERED.get_or_init(|| {
        let book = crate::fonts::fonts().book();
        let mut points: Vec<u32> = (0..).map_while(|i| book.info(i)).flat_map(|info| info.coverage.iter()).collect();
        points.sort_unstable();
        points.dedup();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for p in points {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == p => *end = p,
                _ => ranges.push((p, p)),
            }
        }
        ranges
    })
}

/// Whether some embedded font can draw `c` (and it is not a private-use
/// character).
pub fn can_show(c: char) -> bool {
    if c == ' ' || c.is_ascii_graphic() {
        return true;
    }
    if is_private_use(c) {
        return false;
    }
    let c = c as u32;
    let ranges = covered();
    let i = ranges.partition_point(|&(_, end)| end < c);
    ranges.get(i).is_some_and(|&(start, _)| start <= c)
}

/// Text with what cannot be shown replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The text as it will print.
    pub text: String,
    /// The characters that could not be shown, each once, in order.
    pub missing: Vec<char>,
}

impl Replaced {
    /// The warning for this text: which characters, and what prints instead.
    pub fn message(&self) -> String {
        const SHOWN: usize = 6;
        let names: Vec<String> = self.missing.iter().take(SHOWN).map(|c| format!("U+{:04X}", *c as u32)).collect();
        let list = match self.missing.len() {
            1 => format!("character {}", names[0]),
            n if n <= SHOWN => format!("characters {} and {}", names[..n - 1].join(", "), names[n - 1]),
            n => format!("characters {} and {} more", names.join(", "), n - SHOWN),
        };
        format!("{list} cannot be shown; printed as {PLACEHOLDER}")
    }
}

/// Replaces every character of `text` that no embedded font can show (with
/// what belongs to it) by one [`PLACEHOLDER`], and drops byte-order marks,
/// NULs and control characters. Returns `None` when nothing changed.
pub fn replace(text: &str) -> Option<Replaced> {
    if text.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut missing: Vec<char> = Vec::new();
    let mut changed = false;
    fn note(c: char, missing: &mut Vec<char>) {
        if !missing.contains(&c) {
            missing.push(c);
        }
    }
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if is_dropped(c) {
            changed = true;
            continue;
        }
        if can_show(c) || matches!(c, '\n' | '\r' | '\t') || (typst::text::is_default_ignorable(c) && !is_private_use(c)) {
            out.push(c);
            continue;
        }
        if c.is_whitespace() {
            // A space no font has (e.g. U+3000): an ordinary space.
            changed = true;
            out.push(' ');
            continue;
        }
        // One placeholder for the whole sequence: a flag's second regional
        // indicator, modifiers, and characters joined with a zero-width joiner.
        changed = true;
        note(c, &mut missing);
        if is_regional_indicator(c) && chars.get(i).copied().is_some_and(is_regional_indicator) {
            note(chars[i], &mut missing);
            i += 1;
        }
        loop {
            match (chars.get(i).copied(), chars.get(i + 1).copied()) {
                (Some(m), _) if is_modifier(m) => i += 1,
                (Some('\u{200D}'), Some(next)) if !can_show(next) && !is_dropped(next) => {
                    note(next, &mut missing);
                    i += 2;
                }
                _ => break,
            }
        }
        out.push(PLACEHOLDER);
    }
    changed.then_some(Replaced { text: out, missing })
}

/// [`replace`]s the text of a cell, warning at `location` (built only when
/// something was replaced) if a character could not be shown.
pub fn checked(text: String, location: impl FnOnce() -> Location, diags: &mut Diagnostics) -> String {
    match replace(&text) {
        None => text,
        Some(r) => {
            if !r.missing.is_empty() {
                diags.warning(location(), r.message());
            }
            r.text
        }
    }
}

/// [`replace`]s without a warning: for text already warned about elsewhere
/// (an answer option, once per cell it came from).
pub fn shown(text: String) -> String {
    replace(&text).map_or(text, |r| r.text)
}

/// Replaces what cannot be shown in every string of a JSON value (a
/// template's context), returning one warning message per string changed.
/// Cell text was already replaced by the tables stage; this catches the rest
/// (file and sheet names, content files), so no text can make an export fail.
pub fn clean_json(value: &mut serde_json::Value) -> Vec<String> {
    let mut warnings = Vec::new();
    clean_value(value, &mut warnings);
    warnings
}

fn clean_value(value: &mut serde_json::Value, warnings: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        // The marks of English text (see [`crate::marked`]) are kept: the
        // templates turn them into language marks. The text between them
        // is cleaned as any other.
        Value::String(s) if crate::marked::has_marks(s) => {
            let marks: Vec<char> = s.chars().filter(|c| [crate::marked::OPEN, crate::marked::CLOSE].contains(c)).collect();
            let mut out = String::with_capacity(s.len());
            for (i, piece) in s.split(marks.as_slice()).enumerate() {
                if let Some(mark) = i.checked_sub(1).and_then(|m| marks.get(m)) {
                    out.push(*mark);
                }
                let mut piece = Value::String(piece.to_string());
                clean_value(&mut piece, warnings);
                out.push_str(piece.as_str().unwrap_or_default());
            }
            *s = out;
        }
        Value::String(s) => {
            if let Some(r) = replace(s) {
                if !r.missing.is_empty() {
                    let excerpt: String = r.text.chars().take(60).collect();
                    warnings.push(format!("{} (in `{excerpt}`)", r.message()));
                }
                *s = r.text;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| clean_value(v, warnings)),
        Value::Object(map) => map.values_mut().for_each(|v| clean_value(v, warnings)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_latin_are_shown() {
        assert!((' '..='~').all(can_show));
        assert_eq!(replace("Plain text, 100%"), None);
        assert_eq!(replace("Café déjà vu – “quoted” • ✓"), None);
        assert!(can_show(PLACEHOLDER), "the placeholder itself has a glyph");
    }

    #[test]
    fn emoji_become_one_placeholder_each() {
        let r = replace("Smile 😀 flag 🇨🇦 family 👨\u{200D}👩\u{200D}👧 thumbs 👍🏽 end").unwrap();
        assert_eq!(r.text, "Smile □ flag □ family □ thumbs □ end");
        assert_eq!(r.missing[0], '😀');
        assert!(r.missing.contains(&'👩'));
        assert_eq!(replace("😀").unwrap().message(), "character U+1F600 cannot be shown; printed as □");
    }

    #[test]
    fn invisible_characters_are_kept_and_controls_dropped() {
        let text = "Zero\u{200B}width\u{200C}non\u{200D}joiner\u{2060} \u{200F}mark";
        assert_eq!(replace(text), None);
        let r = replace("\u{FEFF}bell\u{7} end").unwrap();
        assert_eq!(r.text, "bell end");
        assert!(r.missing.is_empty());
    }

    #[test]
    fn private_use_is_replaced() {
        let r = replace("logo \u{E000}").unwrap();
        assert_eq!(r.text, "logo □");
        assert_eq!(r.missing, vec!['\u{E000}']);
    }

    #[test]
    fn messages_list_a_few_characters() {
        let r = replace("你好世界").unwrap();
        assert_eq!(r.text, "□□□□");
        assert_eq!(r.message(), "characters U+4F60, U+597D, U+4E16 and U+754C cannot be shown; printed as □");
        let many: String = ('\u{4E00}'..'\u{4E10}').collect();
        assert!(replace(&many).unwrap().message().contains("and 10 more"));
    }

    #[test]
    fn json_strings_are_cleaned() {
        let mut v = serde_json::json!({ "files": ["inputs/😀.xlsx"], "n": 3, "ok": "fine" });
        let warnings = clean_json(&mut v);
        assert_eq!(v["files"][0], "inputs/□.xlsx");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("U+1F600"), "{warnings:?}");
    }
}

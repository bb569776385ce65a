//! Where a long word may break across lines.
//!
//! Spreadsheet text can hold words with no spaces that are wider than a
//! table column or the page: an event typed as one word, a file name, a
//! checksum. Typst breaks lines only at spaces, hyphens and the like, so such
//! a word would run over the next column or off the page. [`break_points`]
//! decides once, in Rust, where each long word may break: where a new
//! capitalised word starts, and every 16 letters of a longer stretch. The
//! Typst filters ([`crate::render`]) mark those points: text in markup gets
//! a hair of weak spacing, which breaks a line without adding a character to
//! the text (a PDF reader copies and finds the word whole); a string in data
//! gets a zero-width space. An email address is kept whole.

use std::sync::LazyLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

/// A word this long (in characters) or longer gets break points.
const LONG: usize = 22;

/// The most letters between two break points in a long word.
const STRETCH: usize = 16;

/// A zero-width space: a break point inside a string.
pub const ZWS: char = '\u{200B}';

/// The byte offsets in `text` before which a line may break, in order: in
/// each run of [`LONG`] or more characters that are neither white space nor
/// [`ZWS`] (and is not an email address), before a capital letter that
/// starts a new word after three or more letters, and after [`STRETCH`]
/// characters with no break (a hyphen already is one). The same rule the
/// templates' `breakable-words` show rule applied in Typst.
pub fn break_points(text: &str) -> Vec<usize> {
    static RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s\x{200B}]{22,}").expect("a valid pattern"));
    static EMAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+[.,;:]?$").expect("a valid pattern"));
    let mut points = Vec::new();
    if text.len() < LONG {
        return points;
    }
    for run in RUN.find_iter(text) {
        if EMAIL.is_match(run.as_str()) {
            continue;
        }
        let mut letters = 0;
        let mut prev = "";
        for (at, c) in run.as_str().grapheme_indices(true) {
            if letters >= STRETCH || (letters >= 3 && starts_word(prev, c)) {
                points.push(run.start() + at);
                letters = 0;
            }
            letters = if c == "-" { 0 } else { letters + 1 };
            prev = c;
        }
    }
    points
}

/// Whether `c` is a capital letter after the small letter `prev`.
fn starts_word(prev: &str, c: &str) -> bool {
    let upper = |s: &str| s.to_uppercase();
    let lower = |s: &str| s.to_lowercase();
    upper(c) == c && lower(c) != c && lower(prev) == prev && upper(prev) != prev
}

/// `text` with `mark` at each of its [`break_points`], each piece between
/// them passed through `piece` (an escape).
pub fn marked(text: &str, mark: &str, mut piece: impl FnMut(&str, &mut String)) -> String {
    let points = break_points(text);
    let mut out = String::with_capacity(text.len() + points.len() * mark.len());
    let mut from = 0;
    for at in points {
        piece(&text[from..at], &mut out);
        out.push_str(mark);
        from = at;
    }
    piece(&text[from..], &mut out);
    out
}

/// `text` with a [`ZWS`] at each of its [`break_points`], for a string that
/// Typst shows as text.
pub fn with_zws(text: &str) -> String {
    marked(text, "\u{200B}", |piece, out| out.push_str(piece))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        marked(text, "|", |piece, out| out.push_str(piece))
    }

    #[test]
    fn short_words_and_spaced_text_are_unchanged() {
        assert!(break_points("Community BBQ at Lakeview Park, with a long sentence of short words").is_empty());
        assert!(break_points("Windsor-Essex").is_empty());
    }

    #[test]
    fn a_long_word_breaks_where_words_start_and_every_sixteen_letters() {
        assert_eq!(shown("NeighbourhoodSafetyPlanningExpansion"), "Neighbourhood|Safety|Planning|Expansion");
        assert_eq!(shown("abcdefghijklmnopqrstuvwxyz0123"), "abcdefghijklmnop|qrstuvwxyz0123");
        // A hyphen is a break already: the count starts again after it.
        assert_eq!(shown("abcdefghijkl-mnopqrstuvwxyz"), "abcdefghijkl-mnopqrstuvwxyz");
        // Letters joined into one cluster are never split.
        let accents = "e\u{301}".repeat(20);
        assert_eq!(shown(&accents).matches('|').count(), 1);
        assert!(!shown(&accents).contains("|\u{301}"));
    }

    #[test]
    fn email_addresses_stay_whole() {
        assert!(break_points("write to someone.with.a.long.name@example-organisation.ca.").is_empty());
    }

    #[test]
    fn zero_width_spaces_already_there_count() {
        assert!(break_points("abcdefghijk\u{200B}lmnopqrstuvwxyz").is_empty());
        assert_eq!(with_zws("abcdefghijklmnopqrstuvwxyz0123"), "abcdefghijklmnop\u{200B}qrstuvwxyz0123");
    }
}

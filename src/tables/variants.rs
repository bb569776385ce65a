//! Category labels typed several ways (`Essex`, `essex`, `ESSEX `,
//! `Sainte-Therese` and `Sainte-Thérèse`) are one category: matched
//! ignoring case, spacing and accents, and printed the way most rows write
//! them (the first written, among equals). A note names the spellings
//! merged. Only columns that print as labels are merged (municipality,
//! sector, plan, channel, event type, project, pillar), never a survey
//! answer or consultation text, which no message may quote.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use super::Dataset;
use crate::diag::{Diagnostics, Location};

/// The key two spellings of one label share: lower case, no accents, one
/// space between words.
pub fn label_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    // ASCII (most labels) has no accents and lowercases byte by byte.
    if text.is_ascii() {
        for word in text.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
        return key;
    }
    let plain: String = text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
    for word in plain.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word.to_lowercase());
    }
    key
}

/// How each spelling of one label was written: its rows, and where it was
/// first met.
#[derive(Default)]
struct Spellings {
    /// spelling → (rows written so, order first met, where first met)
    seen: BTreeMap<String, (usize, usize, Location)>,
}

/// Merges the spellings of each labelled column, across every file.
pub(super) fn merge(data: &mut Dataset, diags: &mut Diagnostics) {
    let at = |s: &super::Source| Location::in_sheet(&s.file, s.sheet.as_deref()).at_row(s.row);
    macro_rules! merge_field {
        ($records:expr, $what:expr, $field:ident, $make:expr) => {{
            let mut groups: BTreeMap<String, Spellings> = BTreeMap::new();
            let mut order = 0;
            for r in $records.iter() {
                if let Some(text) = r.$field.as_deref() {
                    let g = groups.entry(label_key(text)).or_default();
                    order += 1;
                    let entry = g.seen.entry(text.to_string()).or_insert((0, order, at(&r.source)));
                    entry.0 += 1;
                }
            }
            let chosen = chosen(groups, $what, diags);
            if !chosen.is_empty() {
                for r in $records.iter_mut() {
                    if let Some(text) = r.$field.as_deref()
                        && let Some(to) = chosen.get(text)
                    {
                        r.$field = Some($make(to.as_str()));
                    }
                }
            }
        }};
    }
    let string = |s: &str| s.to_string();
    let text = |s: &str| crate::text::Text::from(s);
    merge_field!(data.events, "municipality", municipality, text);
    merge_field!(data.events, "event type", event_type, text);
    merge_field!(data.distribution, "municipality", municipality, text);
    merge_field!(data.distribution, "plan", plan, text);
    merge_field!(data.distribution, "channel", channel, text);
    merge_field!(data.focus_groups, "municipality", municipality, string);
    merge_field!(data.stakeholders, "municipality", municipality, string);
    merge_field!(data.stakeholders, "sector", sector, string);
    merge_field!(data.activities, "project", project, string);
    merge_field!(data.activities, "pillar", pillar, string);
}

/// For each label written more than one way: the spelling each other
/// spelling becomes, with a note naming them.
fn chosen(groups: BTreeMap<String, Spellings>, what: &str, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut to = BTreeMap::new();
    for g in groups.into_values().filter(|g| g.seen.len() > 1) {
        let mut all: Vec<(String, (usize, usize, Location))> = g.seen.into_iter().collect();
        // Most rows first, then first met.
        all.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
        let (main, (_, _, main_at)) = all.remove(0);
        let mut others: Vec<(String, usize)> = all.iter().map(|(s, (_, o, _))| (s.clone(), *o)).collect();
        others.sort_by_key(|o| o.1);
        let names: Vec<String> = others.iter().map(|(s, _)| format!("`{s}`")).collect();
        diags.note(main_at, format!("{what} `{main}` (also written {}) is counted as one", names.join(", ")));
        for (other, _) in others {
            to.insert(other, main.clone());
        }
    }
    to
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key as it was made before ASCII text had a path of its own.
    fn slow_key(text: &str) -> String {
        let plain: String = text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
        plain.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_ascii_path_gives_the_same_key() {
        for text in ["", "  ", "Essex", " LAKE\tShore \n", "a\u{b}b", "Sainte-Thérèse", "ÉCHÉANCE  Nord", "\u{212a}elvin", "İstanbul"]
        {
            assert_eq!(label_key(text), slow_key(text), "{text:?}");
        }
    }

    #[test]
    fn spellings_share_a_key() {
        assert_eq!(label_key(" ESSEX "), label_key("essex"));
        assert_eq!(label_key("Sainte-Thérèse"), label_key("sainte-therese"));
        assert_eq!(label_key("Lake  Shore"), "lake shore");
        assert_ne!(label_key("Lakeshore"), label_key("Lake Shore"));
    }
}

//! A translated content file (`content.fr.toml`) against its English twin
//! (`content.toml`): a French edition never falls back to an English
//! sentence. Each gap is named, all in one pass:
//!
//! - what the layout can do without (an item of a list, such as a pull
//!   quote or a project, or a pillar's introduction) is a **warning**, and
//!   the edition goes out without it: the two files need not move in
//!   lock-step, and English words are never printed in a French document;
//! - a sentence of the layout itself (a key) is an **error**: the edition
//!   would have a hole.

use serde_json::Value as Json;

use super::names::Names;
use crate::content::{Problem, Problems};
use crate::tables::normalize;

/// Tables whose keys differ by language by design: how each edition prints
/// names and answers.
const OWN_KEYS: &[&str] = &["names", "labels", "words.answers"];
/// Lists whose length may differ by language.
const ANY_LENGTH: &[&str] = &["words.wordmark", "words.months", "slides", "section_order"];
/// Tables whose keys are names in the data (matched through `[names]`).
const NAME_MAPS: &[&str] = &["pillar_intros"];

/// The gaps of the translated content file `file` (JSON `translated`,
/// whose `[names]` are `names`), against its English twin `english` (shown
/// as `english_file`): the warnings (what the edition goes out without,
/// one per list item or introduction), or the errors (one per key the
/// layout needs). `copy_to` is where to copy a built-in translated file to
/// edit it.
pub fn missing(
    english: &Json,
    english_file: &str,
    translated: &Json,
    names: &Names,
    file: &str,
    copy_to: Option<&str>,
) -> Result<Vec<Problem>, Problems> {
    let mut out = Vec::new();
    walk(english, translated, "", names, &mut out);
    let add = match copy_to {
        Some(copy) => format!("copy this file to `{copy}` and add them there, in this edition's language"),
        None => "add them in this edition's language".to_string(),
    };
    let add_one = match copy_to {
        Some(copy) => format!("copy this file to `{copy}` and add it there, in this edition's language, to print it"),
        None => "add it here, in this edition's language, to print it".to_string(),
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (place, detail) in out {
        match detail {
            Gap::Key => {
                errors.push(Problem { line: None, message: format!("`{place}` has no words here: `{english_file}` has it; {add}") })
            }
            Gap::Optional => warnings.push(Problem {
                line: None,
                message: format!("`{place}` is in `{english_file}` but not here: this edition goes out without it; {add_one}"),
            }),
            Gap::Items(en, here) => warnings.push(Problem {
                line: None,
                message: format!(
                    "`{place}` has {here} item{} here but {en} in `{english_file}`: this edition goes out with its own {here}; {add_one}",
                    crate::words::s(here as u64)
                ),
            }),
        }
    }
    if errors.is_empty() { Ok(warnings) } else { Err(Problems { file: file.to_string(), problems: errors }) }
}

/// What is missing at a place.
enum Gap {
    /// A key the layout needs.
    Key,
    /// An entry the layout can do without (a pillar's introduction).
    Optional,
    /// Items of a list (pull quotes, key activities): the English count and
    /// this file's. The lists are not matched item by item: each edition
    /// prints its own.
    Items(usize, usize),
}

fn walk(english: &Json, translated: &Json, at: &str, names: &Names, out: &mut Vec<(String, Gap)>) {
    match (english, translated) {
        (Json::Object(en), Json::Object(here)) => {
            for (key, value) in en {
                let place = if at.is_empty() { key_text(key) } else { format!("{at}.{}", key_text(key)) };
                if OWN_KEYS.contains(&place.as_str()) {
                    continue;
                }
                let found = here.get(key).or_else(|| {
                    // A pillar may be named as in the data or as printed.
                    let wanted = normalize(&names.print(key));
                    NAME_MAPS
                        .contains(&at)
                        .then(|| here.iter().find(|(k, _)| normalize(&names.print(k)) == wanted).map(|(_, v)| v))
                        .flatten()
                });
                match found {
                    Some(value_here) => walk(value, value_here, &place, names, out),
                    None if NAME_MAPS.contains(&at) => out.push((place, Gap::Optional)),
                    None => out.push((place, Gap::Key)),
                }
            }
        }
        (Json::Array(en), Json::Array(here)) => {
            if en.len() > here.len() && !ANY_LENGTH.contains(&at) {
                out.push((at.to_string(), Gap::Items(en.len(), here.len())));
            }
            for (i, (a, b)) in en.iter().zip(here).enumerate() {
                if a.is_object() {
                    walk(a, b, &format!("{at}[{}]", i + 1), names, out);
                }
            }
        }
        _ => {}
    }
}

/// A key as TOML writes it: bare, or in quotes when it is a name.
fn key_text(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        key.to_string()
    } else {
        format!("\"{key}\"")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_english_key_needs_its_translation() {
        let en = json!({
            "title": "Annual Report",
            "names": { "A": "B" },
            "pillar_intros": { "Harm Reduction": "…", "New Pillar": "…" },
            "quotes": [{ "text": "a" }, { "text": "b" }],
            "words": { "wordmark": ["A", "B", "C"], "headings": { "contents": "Contents", "privacy": "Privacy" } },
        });
        let fr = json!({
            "title": "Rapport annuel",
            "names": { "Harm Reduction": "Réduction des méfaits" },
            "pillar_intros": { "Réduction des méfaits": "…" },
            "quotes": [{ "text": "a" }],
            "words": { "wordmark": ["A"], "headings": { "contents": "Table des matières" } },
        });
        let names = Names::of(&fr);
        let problems = missing(&en, "annual-report/content.toml", &fr, &names, "annual-report/content.fr.toml", None).unwrap_err();
        let messages: Vec<&str> = problems.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert!(messages[0].starts_with("`words.headings.privacy` has no words here"), "{}", messages[0]);

        // Without the missing sentence, the rest are warnings: the edition
        // goes out without them.
        let mut fr = fr;
        fr["words"]["headings"]["privacy"] = json!("Confidentialité");
        let warnings = missing(&en, "annual-report/content.toml", &fr, &names, "annual-report/content.fr.toml", None).unwrap();
        let messages: Vec<&str> = warnings.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert!(
            messages[0].starts_with(
                "`pillar_intros.\"New Pillar\"` is in `annual-report/content.toml` but not here: this edition goes out without it"
            ),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].starts_with("`quotes` has 1 item here but 2 in `annual-report/content.toml`: this edition goes out with its own 1"),
            "{}",
            messages[1]
        );
        assert!(missing(&en, "x", &en, &Names::default(), "y", None).unwrap().is_empty());
    }
}

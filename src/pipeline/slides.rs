//! The deck's `slides` and the report's `section_order` in `content.toml`:
//! which parts of the document it shows, in which order. The templates (the
//! deck's `main.typ.j2` and `pptx/outline.xml.j2`, the report's
//! `main.typ.j2` and `main.html.j2`) go through the list; this module
//! checks it first, so a mistyped name is an error naming the file, never a
//! part silently left out.

use serde_json::Value as Json;

use crate::content::{Problem, Problems};
use crate::templates::DocKind;

/// The parts of the deck a `slides` entry may name, in the default order.
pub const DECK_SLIDES: &[&str] = &["title", "projects", "action items", "thank you", "consultation", "timeline", "focus groups"];

/// The prefix of an entry that shows one project's slides:
/// `project: Naloxone Training Expansion`.
pub const ONE_PROJECT: &str = "project: ";

/// The report's sections a `section_order` entry may name, in the default
/// order.
pub const REPORT_SECTIONS: &[&str] = &[
    "cover",
    "contents",
    "land acknowledgement",
    "message",
    "introduction",
    "year at a glance",
    "pillars",
    "workplan",
    "looking ahead",
    "partners",
    "about the data",
    "back cover",
];

/// The prefix of an entry that shows one pillar: `pillar: Harm Reduction`.
pub const ONE_PILLAR: &str = "pillar: ";

/// What a document's list is called and may hold.
struct List {
    key: &'static str,
    parts: &'static [&'static str],
    every: &'static str,
    one: &'static str,
    /// What `one` names, and where its names come from.
    one_what: &'static str,
    first: &'static str,
    doc: &'static str,
}

const DECK: List = List {
    key: "slides",
    parts: DECK_SLIDES,
    every: "projects",
    one: ONE_PROJECT,
    one_what: "project, named as in the activities table, e.g. `project: Naloxone Training Expansion`",
    first: "title",
    doc: "deck",
};

const REPORT: List = List {
    key: "section_order",
    parts: REPORT_SECTIONS,
    every: "pillars",
    one: ONE_PILLAR,
    one_what: "pillar, named as in `pillars`, e.g. `pillar: Harm Reduction`",
    first: "cover",
    doc: "report",
};

/// Checks the `slides` of a content file of `kind` (shown as `file`): it
/// starts with the title slide, every entry names a part of the deck, and
/// none shows the same thing twice (a repeated slide differs by what it
/// shows: another project).
pub fn check(kind: DocKind, content: &Json, file: &str) -> Result<(), Problems> {
    let list = match kind {
        DocKind::Deck => &DECK,
        DocKind::Report => &REPORT,
    };
    let Some(entries) = content.get(list.key).and_then(Json::as_array) else { return Ok(()) };
    let key = list.key;
    let mut problems = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut one = false;
    for entry in entries {
        let Some(entry) = entry.as_str() else { continue };
        let seen_as = if let Some(name) = entry.strip_prefix(list.one) {
            if name.trim().is_empty() {
                problems.push(problem(format!("`{key}` lists `{entry}` with no name: write one {}", list.one_what)));
                continue;
            }
            one = true;
            format!("{}{}", list.one, crate::tables::normalize(name))
        } else if list.parts.contains(&entry) {
            entry.to_string()
        } else {
            let hint = match crate::diag::did_you_mean(entry, list.parts.iter().copied().chain([list.one.trim_end()])) {
                Some(name) => format!("did you mean `{name}`? "),
                None => String::new(),
            };
            problems.push(problem(format!(
                "`{key}` lists `{entry}`, which is not a part of the {}; {hint}the parts are {}, and `{}NAME` for one {}",
                list.doc,
                list.parts.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "),
                list.one,
                list.one.trim_end_matches([':', ' '])
            )));
            continue;
        };
        if seen.contains(&seen_as) {
            problems.push(problem(format!(
                "`{key}` lists `{entry}` twice: it would repeat with the same title; list it once (a part shows again only for another {}: `{}NAME`)",
                list.one.trim_end_matches([':', ' ']),
                list.one
            )));
        }
        seen.push(seen_as);
    }
    if entries.first().and_then(Json::as_str) != Some(list.first) {
        problems.push(problem(format!(
            "`{key}` must start with `{}`: it holds the {}'s first heading, which screen readers and tagged PDF (PDF/UA) need first",
            list.first, list.doc
        )));
    }
    if one && seen.iter().any(|s| s == list.every) {
        problems.push(problem(format!(
            "`{key}` lists both `{every}` (every one) and `{one}…` lines, so one would show twice with the same title; keep `{every}`, or list each one you want as `{one}NAME`",
            every = list.every,
            one = list.one
        )));
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems { file: file.to_string(), problems }) }
}

fn problem(message: String) -> Problem {
    Problem { line: None, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(slides: serde_json::Value) -> Vec<String> {
        match check(DocKind::Deck, &serde_json::json!({ "slides": slides }), "content.toml") {
            Ok(()) => Vec::new(),
            Err(p) => p.problems.into_iter().map(|p| p.message).collect(),
        }
    }

    #[test]
    fn the_default_order_and_reorders_pass() {
        assert!(messages(serde_json::json!(DECK_SLIDES)).is_empty());
        assert!(messages(serde_json::json!(["title", "timeline", "project: B", "project: A"])).is_empty());
    }

    #[test]
    fn mistakes_are_named() {
        let m = messages(serde_json::json!(["title", "timline", "title", "projects", "project: X", "project: "]));
        assert_eq!(m.len(), 4, "{m:#?}");
        let first = messages(serde_json::json!(["timeline", "title"]));
        assert!(first.len() == 1 && first[0].contains("must start with `title`"), "{first:#?}");
        assert!(m[0].contains("`timline`") && m[0].contains("did you mean `timeline`"), "{}", m[0]);
        assert!(m.iter().any(|m| m.contains("`title` twice")), "{m:#?}");
        assert!(m.iter().any(|m| m.contains("both `projects`")), "{m:#?}");
        assert!(m.iter().any(|m| m.contains("with no name")), "{m:#?}");
    }

    #[test]
    fn report_sections_are_checked_too() {
        let check_report = |order: serde_json::Value| check(DocKind::Report, &serde_json::json!({ "section_order": order }), "c.toml");
        assert!(check_report(serde_json::json!(REPORT_SECTIONS)).is_ok());
        assert!(check_report(serde_json::json!(["cover", "pillar: Harm Reduction", "workplan", "pillar: Prevention"])).is_ok());
        let err = check_report(serde_json::json!(["cover", "workplna", "pillars", "pillar: X"])).unwrap_err();
        let text: Vec<String> = err.problems.into_iter().map(|p| p.message).collect();
        assert!(text[0].contains("did you mean `workplan`"), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("both `pillars`")), "{text:#?}");
    }
}

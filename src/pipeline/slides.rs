//! The deck's `slides` in `content.toml`: which parts of the deck it shows,
//! in which order. The templates (`main.typ.j2` and `pptx/outline.xml.j2`)
//! go through the list; this module checks it first, so a mistyped name is
//! an error naming the file, never a slide silently left out.

use serde_json::Value as Json;

use crate::content::{Problem, Problems};
use crate::templates::DocKind;

/// The parts of the deck a `slides` entry may name, in the default order.
pub const DECK_SLIDES: &[&str] = &["title", "projects", "action items", "thank you", "consultation", "timeline", "focus groups"];

/// The prefix of an entry that shows one project's slides:
/// `project: Naloxone Training Expansion`.
pub const ONE_PROJECT: &str = "project: ";

/// Checks the `slides` of a content file of `kind` (shown as `file`): it
/// starts with the title slide, every entry names a part of the deck, and
/// none shows the same thing twice (a repeated slide differs by what it
/// shows: another project).
pub fn check(kind: DocKind, content: &Json, file: &str) -> Result<(), Problems> {
    if kind != DocKind::Deck {
        return Ok(());
    }
    let Some(slides) = content.get("slides").and_then(Json::as_array) else { return Ok(()) };
    let mut problems = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut one_project = false;
    for entry in slides {
        let Some(entry) = entry.as_str() else { continue };
        let key = if let Some(name) = entry.strip_prefix(ONE_PROJECT) {
            if name.trim().is_empty() {
                problems.push(problem(format!("`slides` lists `{entry}` with no project: write its name as in the activities table, e.g. `project: Naloxone Training Expansion`")));
                continue;
            }
            one_project = true;
            format!("{ONE_PROJECT}{}", crate::tables::normalize(name))
        } else if DECK_SLIDES.contains(&entry) {
            entry.to_string()
        } else {
            let hint = match crate::diag::did_you_mean(entry, DECK_SLIDES.iter().copied().chain([ONE_PROJECT.trim_end()])) {
                Some(name) => format!("did you mean `{name}`? "),
                None => String::new(),
            };
            problems.push(problem(format!(
                "`slides` lists `{entry}`, which is not a part of the deck; {hint}the parts are {}, and `project: NAME` for one project",
                DECK_SLIDES.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            )));
            continue;
        };
        if seen.contains(&key) {
            problems.push(problem(format!(
                "`slides` lists `{entry}` twice: its slides would repeat with the same title; list it once (a part shows again only for another project: `project: NAME`)"
            )));
        }
        seen.push(key);
    }
    if slides.first().and_then(Json::as_str) != Some("title") {
        problems.push(problem(
            "`slides` must start with `title`: the title slide is the deck's first heading, which screen readers and tagged PDF (PDF/UA) need first".to_string(),
        ));
    }
    if one_project && seen.iter().any(|s| s == "projects") {
        problems.push(problem(
            "`slides` lists both `projects` (every project of the meeting) and `project: …` lines, so a project would show twice with the same title; keep `projects`, or list each project you want as `project: NAME`".to_string(),
        ));
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
        assert!(m.iter().any(|m| m.contains("with no project")), "{m:#?}");
    }
}

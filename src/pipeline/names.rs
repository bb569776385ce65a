//! How an edition prints the names found in the spreadsheets: the content
//! file's `[names]` table maps a pillar's, a working group's or a project's
//! name as typed in the data to the name the edition prints (`"Harm
//! Reduction" = "Réduction des méfaits"` in the French one). Names are
//! matched without regard to case or accents; a name not listed prints as
//! typed. The data is renamed before any figure is computed, and so are the
//! names the content file's settings match against it, so that either name
//! may be written there.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::tables::{Dataset, normalize};

/// The `[names]` of a content file.
#[derive(Debug, Clone, Default)]
pub struct Names(BTreeMap<String, String>);

/// The content file's settings that hold names matched against the data:
/// lists of names, single names, and lists of tables with their name keys.
const NAME_LISTS: &[&str] = &["pillars", "cross_cutting", "timeline_projects"];
const NAME_KEYS: &[&str] = &["safety_planning_project", "consultation_project"];
const TABLE_NAMES: &[(&str, &[&str])] = &[("groups", &["name", "projects"]), ("projects", &["name"]), ("quotes", &["section"])];
/// Maps whose keys are names in the data.
const NAME_MAPS: &[&str] = &["pillar_intros"];

impl Names {
    /// The `[names]` of a content file read as JSON (none when absent).
    pub fn of(content: &Json) -> Names {
        let map = content.get("names").and_then(Json::as_object).into_iter().flatten();
        Names(map.filter_map(|(k, v)| Some((normalize(k), v.as_str()?.trim().to_string()))).filter(|(_, v)| !v.is_empty()).collect())
    }

    /// Prints `typed` as `printed` in this edition.
    pub fn insert(&mut self, typed: &str, printed: String) {
        self.0.insert(normalize(typed), printed);
    }

    /// Adds `other`'s names to these.
    pub fn merge(&mut self, other: Names) {
        self.0.extend(other.0);
    }

    /// Whether no name is renamed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How `name` prints in this edition.
    pub fn print<'a>(&self, name: &'a str) -> Cow<'a, str> {
        match self.0.get(&normalize(name)) {
            Some(printed) => Cow::Owned(printed.clone()),
            None => Cow::Borrowed(name),
        }
    }

    fn rename(&self, name: &mut String) {
        if let Cow::Owned(printed) = self.print(name) {
            *name = printed;
        }
    }

    fn rename_opt(&self, name: &mut Option<String>) {
        if let Some(name) = name {
            self.rename(name);
        }
    }

    /// `data` with its pillar, group and project names as printed (the data
    /// itself when nothing is renamed).
    pub fn dataset<'a>(&self, data: &'a Dataset) -> Cow<'a, Dataset> {
        if self.0.is_empty() {
            return Cow::Borrowed(data);
        }
        let mut data = data.clone();
        for a in &mut data.activities {
            self.rename_opt(&mut a.project);
            self.rename_opt(&mut a.pillar);
        }
        for m in &mut data.meetings {
            self.rename(&mut m.group);
        }
        for e in &mut data.events {
            self.rename_opt(&mut e.project);
        }
        for d in &mut data.distribution {
            if let Some(p) = &d.project {
                let printed = self.print(p);
                if printed != p.as_str() {
                    d.project = Some(crate::text::Text::from(printed.as_ref()));
                }
            }
        }
        for f in &mut data.focus_groups {
            self.rename(&mut f.group);
        }
        Cow::Owned(data)
    }

    /// Renames, in a content file read as JSON, the names its settings match
    /// against the data, so they match the renamed data.
    pub fn content(&self, content: &mut Json) {
        if self.0.is_empty() {
            return;
        }
        let rename_json = |v: &mut Json| {
            if let Json::String(s) = v {
                self.rename(s);
            }
        };
        let rename_all = |v: &mut Json| match v {
            Json::Array(items) => items.iter_mut().for_each(rename_json),
            other => rename_json(other),
        };
        for key in NAME_LISTS.iter().chain(NAME_KEYS) {
            if let Some(v) = content.get_mut(*key) {
                rename_all(v);
            }
        }
        // The deck's `slides` name a project as `project: NAME`, the
        // report's `section_order` a pillar as `pillar: NAME`.
        for (key, prefix) in [("slides", super::slides::ONE_PROJECT), ("section_order", super::slides::ONE_PILLAR)] {
            for entry in content.get_mut(key).and_then(Json::as_array_mut).into_iter().flatten() {
                if let Json::String(s) = entry
                    && let Some(name) = s.strip_prefix(prefix)
                {
                    *s = format!("{prefix}{}", self.print(name));
                }
            }
        }
        for (table, keys) in TABLE_NAMES {
            for block in content.get_mut(*table).and_then(Json::as_array_mut).into_iter().flatten() {
                for key in *keys {
                    if let Some(v) = block.get_mut(*key) {
                        rename_all(v);
                    }
                }
            }
        }
        for map in NAME_MAPS {
            if let Some(Json::Object(entries)) = content.get_mut(*map) {
                *entries = std::mem::take(entries).into_iter().map(|(k, v)| (self.print(&k).into_owned(), v)).collect();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_print_as_listed_whatever_their_case_and_accents() {
        let names = Names::of(
            &serde_json::json!({ "names": { "Harm Reduction": "Réduction des méfaits", "Réduction des méfaits": "Harm Reduction" } }),
        );
        assert_eq!(names.print("harm reduction"), "Réduction des méfaits");
        assert_eq!(names.print("REDUCTION DES MEFAITS"), "Harm Reduction");
        assert_eq!(names.print("Other"), "Other");
        let mut content = serde_json::json!({
            "pillars": ["Harm Reduction", "Other"],
            "quotes": [{ "section": "harm reduction", "text": "Harm Reduction" }],
            "pillar_intros": { "Harm Reduction": "x" },
        });
        names.content(&mut content);
        assert_eq!(content["pillars"], serde_json::json!(["Réduction des méfaits", "Other"]));
        assert_eq!(content["quotes"][0]["section"], "Réduction des méfaits");
        assert_eq!(content["quotes"][0]["text"], "Harm Reduction", "words are not names");
        assert_eq!(content["pillar_intros"]["Réduction des méfaits"], "x");
    }
}

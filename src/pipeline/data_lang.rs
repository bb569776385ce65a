//! The data's texts in an edition's language. In the French edition each
//! text from the spreadsheets prints in French when the inputs give its
//! French (a column with a French suffix beside it, `Activity (FR)`; a row
//! of a `translations` table) or the content file does (`[labels]`, with
//! the French of the known category labels, and `[names]`); any other
//! text prints as typed, marked as English (see [`crate::marked`]) and
//! counted in the edition's [`Gap`]. Names of places and organisations
//! (municipality, neighbourhood, organisation) are never counted: they are
//! printed as typed unless a translation is given, an organisation's name
//! marked as English.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde_json::Value as Json;

use super::names::Names;
use crate::locale::Lang;
use crate::marked;
use crate::tables::{Answer, Dataset, QuestionType, Text, staff_text};

/// The French of the data's texts, for one edition.
#[derive(Debug, Default)]
pub struct DataLanguage {
    /// The text's key (see [`key`]) to its French.
    french: HashMap<String, String>,
}

/// The data's texts an edition prints untranslated: each text (as typed)
/// with the first place it comes from.
#[derive(Debug, Default, Clone)]
pub struct Gap {
    /// Text to the row or column it comes from.
    pub texts: BTreeMap<String, String>,
}

impl Gap {
    /// The one warning a build gives about the gap, if there is one.
    pub fn warning(&self) -> Option<String> {
        let n = self.texts.len() as u64;
        (n > 0).then(|| {
            format!(
                "the French edition prints {} of the spreadsheets in English (marked as English for screen readers); add their French in a column beside each, headed like it with ` (FR)` at the end (`Activity (FR)`), or in a `translations` sheet with the columns `English` and `French`; `wecoss-report check --lang fr` lists them",
                crate::words::count(n, "text")
            )
        })
    }
}

/// `v` renamed through `s` (see [`DataLanguage::dataset`]), as a shared
/// text: `None` when it prints as it is.
fn tr_text(s: &mut impl FnMut(&mut String, Role, &dyn Fn() -> String), v: &Text, role: Role, at: &dyn Fn() -> String) -> Option<Text> {
    let mut text = v.to_string();
    s(&mut text, role, at);
    (text != v.as_str()).then(|| Text::from(text))
}

/// What a text is, which decides whether it must be translated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Words: translated, or marked English and counted.
    Words,
    /// The name of an organisation: translated if given, else marked
    /// English, never counted.
    Organisation,
    /// The name of a place: translated if given, else as typed.
    Place,
    /// A survey answer: translated if given, else marked English, never
    /// counted (a rare answer is never named, not even by `check`).
    Answer,
    /// A text the built-in templates do not print (an activity's lead, an
    /// event's type, a distribution's channel, an action item's audience,
    /// a meeting's title): translated if given, else marked English, not
    /// counted.
    Unprinted,
}

/// A text's key: without case, and with its spaces and final full stop
/// evened out.
fn key(text: &str) -> String {
    let text = marked::strip(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").trim_end_matches('.').to_lowercase()
}

impl DataLanguage {
    /// The French of `data`'s texts: the content file's `[labels]`, beaten
    /// by a row of a `translations` table, beaten by a French column.
    pub fn of(data: &Dataset, content: &Json) -> DataLanguage {
        let mut french = HashMap::new();
        for (english, fr) in content.get("labels").and_then(Json::as_object).into_iter().flatten() {
            if let Some(fr) = fr.as_str().map(str::trim).filter(|f| !f.is_empty()) {
                french.insert(key(english), fr.to_string());
            }
        }
        // A `translations` row, then a French column beside the text (which
        // wins).
        for beside in [false, true] {
            for t in data.translations.iter().filter(|t| t.beside == beside) {
                french.insert(key(&t.english), Lang::Fr.typeset(&t.french));
            }
        }
        DataLanguage { french }
    }

    /// The French of `text`, if known.
    fn get(&self, text: &str) -> Option<&str> {
        self.french.get(&key(text)).map(String::as_str)
    }

    /// The names (pillars, working groups, projects) of `data` that `names`
    /// (`printed`) does not print otherwise, each as the French the inputs give or
    /// else marked English: added to `names`, so that the data and the
    /// content file's settings match them alike.
    pub fn names(&self, data: &Dataset, names: &mut Names, printed: &Names, gap: &mut Gap) {
        let mut all: Vec<(&str, String)> = Vec::new();
        for a in &data.activities {
            for n in [&a.project, &a.pillar].into_iter().flatten() {
                all.push((n, a.source.cite()));
            }
        }
        for m in &data.meetings {
            all.push((&m.group, m.source.cite()));
        }
        for e in &data.events {
            if let Some(p) = &e.project {
                all.push((p, e.source.cite()));
            }
        }
        for d in &data.distribution {
            if let Some(p) = &d.project {
                all.push((p, d.source.cite()));
            }
        }
        for f in &data.focus_groups {
            all.push((&f.group, f.source.cite()));
        }
        for (name, at) in all {
            if name == staff_text::WITHHELD || name.trim().is_empty() || printed.print(name) != name {
                continue;
            }
            let printed = match self.get(name) {
                Some(fr) => fr.to_string(),
                None => {
                    gap.texts.entry(name.to_string()).or_insert(at);
                    marked::mark(name)
                }
            };
            names.insert(name, printed);
        }
    }

    /// `data` with its texts in French, or marked English (counted in
    /// `gap`); the data itself for an English edition. Each distinct text
    /// is looked up once; the rows that share it share its French.
    pub fn dataset<'a>(&self, data: Cow<'a, Dataset>, lang: Lang, gap: &mut Gap) -> Cow<'a, Dataset> {
        if lang == Lang::En {
            return data;
        }
        let mut data = data.into_owned();
        let mut memo: [HashMap<String, Option<Text>>; 5] = Default::default();
        let mut tr = |v: &str, role: Role, at: &dyn Fn() -> String| -> Option<Text> {
            let memo = &mut memo[role as usize];
            if let Some(done) = memo.get(v) {
                return done.clone();
            }
            let done = self.text(v, role, at, gap).map(Text::from);
            memo.insert(v.to_string(), done.clone());
            done
        };
        let cite = |source: &crate::tables::Source| source.cite();
        for e in &mut data.events {
            let source = &e.source;
            if let Some(t) = tr(&e.name, Role::Words, &|| cite(source)) {
                e.name = t;
            }
            for (v, role) in [
                (&mut e.location, Role::Words),
                (&mut e.event_type, Role::Unprinted),
                (&mut e.municipality, Role::Place),
                (&mut e.neighbourhood, Role::Place),
            ] {
                if let Some(v) = v
                    && let Some(t) = tr(v, role, &|| cite(source))
                {
                    *v = t;
                }
            }
        }
        for d in &mut data.distribution {
            let source = &d.source;
            for (v, role) in [
                (&mut d.plan, Role::Words),
                (&mut d.channel, Role::Unprinted),
                (&mut d.event, Role::Unprinted),
                (&mut d.organization, Role::Organisation),
                (&mut d.municipality, Role::Place),
            ] {
                if let Some(v) = v
                    && let Some(t) = tr(v, role, &|| cite(source))
                {
                    *v = t;
                }
            }
        }
        let mut s = |v: &mut String, role: Role, at: &dyn Fn() -> String| {
            if let Some(t) = tr(v, role, at) {
                *v = t.to_string();
            }
        };
        for m in &mut data.meetings {
            let source = &m.source;
            if let Some(v) = &mut m.location {
                s(v, Role::Words, &|| cite(source));
            }
            if let Some(v) = &mut m.title {
                s(v, Role::Unprinted, &|| cite(source));
            }
        }
        for a in &mut data.activities {
            let source = &a.source;
            s(&mut a.activity, Role::Words, &|| cite(source));
            if let Some(v) = &mut a.owner {
                s(v, Role::Unprinted, &|| cite(source));
            }
        }
        for a in &mut data.action_items {
            let source = &a.source;
            s(&mut a.text, Role::Words, &|| cite(source));
            if let Some(v) = &mut a.audience {
                s(v, Role::Unprinted, &|| cite(source));
            }
        }
        for f in &mut data.focus_groups {
            let source = &f.source;
            for t in &mut f.themes {
                s(t, Role::Words, &|| cite(source));
            }
            if let Some(v) = &mut f.municipality {
                s(v, Role::Place, &|| cite(source));
            }
        }
        for st in &mut data.stakeholders {
            let source = &st.source;
            s(&mut st.organization, Role::Organisation, &|| cite(source));
            if let Some(v) = &mut st.sector {
                s(v, Role::Words, &|| cite(source));
            }
            if let Some(v) = &mut st.municipality {
                s(v, Role::Place, &|| cite(source));
            }
        }
        // Sheet names, as "About the data" and the speaker notes name them:
        // English identifiers (the out-of-place rows are found by them).
        for sheet in &mut data.sheets {
            if let Some(name) = &mut sheet.sheet {
                s(name, Role::Unprinted, &String::new);
            }
        }
        let mut sheets: HashMap<String, Text> = HashMap::new();
        let mut sheet_of = |source: &mut crate::tables::Source| {
            if let Some(sheet) = &mut source.sheet
                && !marked::has_marks(sheet)
            {
                *sheet = sheets.entry(sheet.to_string()).or_insert_with(|| Text::from(marked::mark(sheet))).clone();
            }
        };
        data.events.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.distribution.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.meetings.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.activities.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.action_items.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.focus_groups.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.stakeholders.iter_mut().for_each(|r| sheet_of(&mut r.source));
        data.out_of_place = std::mem::take(&mut data.out_of_place)
            .into_iter()
            .map(|(file, sheet, row)| (file, sheet.map(|sh| sheets.get(&sh).map_or(sh, |t| t.to_string())), row))
            .collect();
        for survey in &mut data.surveys {
            let at = match &survey.sheet {
                Some(sheet) => format!("{} › {sheet}", survey.file),
                None => survey.file.clone(),
            };
            let at = || at.clone();
            // Scale and yes/no answers print through the content file's
            // `[words.answers]` (see [`Self::answers`]); any other option is
            // renamed here, in the question and in every answer alike.
            let mut renamed: Vec<HashMap<String, Text>> = Vec::new();
            for q in &mut survey.questions {
                s(&mut q.text, Role::Words, &at);
                let mut map = HashMap::new();
                if matches!(q.kind, QuestionType::SingleChoice | QuestionType::MultiSelect) {
                    for o in &mut q.options {
                        let before = o.clone();
                        s(o, Role::Answer, &at);
                        if *o != before {
                            map.insert(before, Text::from(o.as_str()));
                        }
                    }
                }
                renamed.push(map);
            }
            for r in &mut survey.responses {
                if let Some(v) = &mut r.role
                    && let Some(t) = tr_text(&mut s, v, Role::Answer, &at)
                {
                    *v = t;
                }
                if let Some(v) = &mut r.municipality
                    && let Some(t) = tr_text(&mut s, v, Role::Place, &at)
                {
                    *v = t;
                }
                for (answer, map) in r.answers.iter_mut().zip(&renamed) {
                    if map.is_empty() {
                        continue;
                    }
                    match answer {
                        Some(Answer::One(t)) => {
                            if let Some(new) = map.get(t.as_str()) {
                                *t = new.clone();
                            }
                        }
                        Some(Answer::Many(list)) => {
                            for t in list.iter_mut() {
                                if let Some(new) = map.get(t.as_str()) {
                                    *t = new.clone();
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Cow::Owned(data)
    }

    /// The content file's `[words.answers]`, with the scale and yes/no
    /// answers of `data` it lacks: in French, or marked English (counted).
    pub fn answers(&self, data: &Dataset, content: &mut Json, gap: &mut Gap) {
        let Some(Json::Object(answers)) = content.pointer_mut("/words/answers") else { return };
        let known: Vec<String> = answers.keys().map(|k| crate::tables::normalize(k)).collect();
        for survey in &data.surveys {
            for q in survey.questions.iter().filter(|q| matches!(q.kind, QuestionType::Likert | QuestionType::YesNo)) {
                for o in &q.options {
                    if known.contains(&crate::tables::normalize(o)) || answers.contains_key(o) {
                        continue;
                    }
                    let printed = match self.get(o) {
                        Some(fr) => fr.to_string(),
                        None => {
                            gap.texts.entry(o.clone()).or_insert_with(|| survey.file.clone());
                            marked::mark(o)
                        }
                    };
                    answers.insert(o.clone(), Json::String(printed));
                }
            }
        }
    }

    /// The French of `text` (a `role` text), or it marked English: `None`
    /// when it prints as it is.
    fn text(&self, text: &str, role: Role, at: &dyn Fn() -> String, gap: &mut Gap) -> Option<String> {
        if text.trim().is_empty() || text == staff_text::WITHHELD || marked::has_marks(text) {
            return None;
        }
        if let Some(fr) = self.get(text) {
            return Some(fr.to_string());
        }
        match role {
            Role::Place => None,
            Role::Organisation | Role::Answer | Role::Unprinted => Some(marked::mark(text)),
            Role::Words => {
                gap.texts.entry(text.to_string()).or_insert_with(at);
                Some(marked::mark(text))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_french_or_marked_and_counted() {
        let content = serde_json::json!({ "labels": { "Hospital": "Hôpital" } });
        let mut data = Dataset::default();
        data.translations.push(crate::tables::Translation {
            english: "Launch survey.".into(),
            french: "Lancer le sondage".into(),
            at: "x".into(),
            beside: true,
        });
        for (english, french) in [("Hospital", "Centre hospitalier"), ("launch survey", "Autre")] {
            data.translations.push(crate::tables::Translation {
                english: english.into(),
                french: french.into(),
                at: "y".into(),
                beside: false,
            });
        }
        let tr = DataLanguage::of(&data, &content);
        let mut gap = Gap::default();
        let at = || "here".to_string();
        assert_eq!(tr.text("launch  Survey", Role::Words, &at, &mut gap).as_deref(), Some("Lancer le sondage"), "a column beats a row");
        assert_eq!(tr.text("hospital", Role::Words, &at, &mut gap).as_deref(), Some("Centre hospitalier"), "a row beats [labels]");
        assert_eq!(tr.text("Windsor", Role::Place, &at, &mut gap), None);
        assert_eq!(tr.text("Room B", Role::Words, &at, &mut gap), Some(marked::mark("Room B")));
        assert_eq!(tr.text("City Hall Library", Role::Organisation, &at, &mut gap), Some(marked::mark("City Hall Library")));
        assert_eq!(gap.texts.keys().collect::<Vec<_>>(), vec!["Room B"]);
    }
}

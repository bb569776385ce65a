//! The table kinds (events, distribution, survey, focus groups,
//! stakeholders, workplan, action items, meetings) and their columns, each
//! with the header aliases it is recognised by.

use std::sync::LazyLock;

use serde::Serialize;

/// One kind of table a sheet can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Community events attended.
    Events,
    /// Safety plans handed out.
    Distribution,
    /// Survey responses.
    Survey,
    /// Focus-group sessions.
    FocusGroups,
    /// Stakeholder organisations.
    Stakeholders,
    /// Workplan activities.
    Activities,
    /// Action items for working-group members.
    ActionItems,
    /// Working-group meetings.
    Meetings,
    /// Texts of the data and their French, for the French editions.
    Translations,
}

impl Kind {
    /// Every kind, in the order a sheet is tried against them.
    pub const ALL: [Kind; 9] = [
        Kind::Events,
        Kind::Distribution,
        Kind::Survey,
        Kind::FocusGroups,
        Kind::Stakeholders,
        Kind::Activities,
        Kind::ActionItems,
        Kind::Meetings,
        Kind::Translations,
    ];

    /// The kind's name as people say it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Events => "events",
            Kind::Distribution => "distribution",
            Kind::Survey => "survey",
            Kind::FocusGroups => "focus groups",
            Kind::Stakeholders => "stakeholders",
            Kind::Activities => "activities",
            Kind::ActionItems => "action items",
            Kind::Meetings => "meetings",
            Kind::Translations => "translations",
        }
    }

    /// Words that, found in a sheet or file name, break a classification tie
    /// in this kind's favour (normalized).
    pub fn name_hints(self) -> &'static [&'static str] {
        match self {
            Kind::Events => &["event"],
            Kind::Distribution => &["distribution", "distributed"],
            Kind::Survey => &["survey", "form", "responses"],
            Kind::FocusGroups => &["focus group"],
            Kind::Stakeholders => &["stakeholder"],
            Kind::Activities => &["activit", "workplan", "work plan"],
            Kind::ActionItems => &["action"],
            Kind::Meetings => &["meeting"],
            Kind::Translations => &["translation", "traduction"],
        }
    }

    /// The kind's columns.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Events => EVENTS,
            Kind::Distribution => DISTRIBUTION,
            Kind::Survey => SURVEY,
            Kind::FocusGroups => FOCUS_GROUPS,
            Kind::Stakeholders => STAKEHOLDERS,
            Kind::Activities => ACTIVITIES,
            Kind::ActionItems => ACTION_ITEMS,
            Kind::Meetings => MEETINGS,
            Kind::Translations => TRANSLATIONS,
        }
    }
}

/// One canonical column of a kind.
#[derive(Debug)]
pub struct Column {
    /// The canonical name.
    pub name: &'static str,
    /// Other headers that mean the same.
    pub aliases: &'static [&'static str],
    /// Whether a sheet must have it to be this kind.
    pub required: bool,
}

const fn req(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, required: true }
}

const fn opt(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, required: false }
}

const TOWN: &[&str] = &["town", "city", "community"];

static EVENTS: &[Column] = &[
    req("date", &["event date", "date of event"]),
    req("event", &["event name", "name", "title"]),
    opt("municipality", TOWN),
    opt("neighbourhood", &["neighborhood", "area"]),
    opt("location", &["venue", "site", "address"]),
    opt("event type", &["type", "category"]),
    opt("residents reached", &["people reached", "attendees", "attendance", "reach"]),
    opt("plans distributed", &["safety plans distributed", "plans handed out"]),
    opt("feedback responses", &["responses", "surveyed", "reviews completed"]),
    opt("felt more confident", &["more confident", "confident"]),
    opt("notes", &[]),
    // The project the event was for: its figures sit under that project in
    // the deck (or under the working group when no row names one).
    opt("project", &["initiative"]),
];

static DISTRIBUTION: &[Column] = &[
    req("date", &["date distributed", "distribution date"]),
    req("quantity", &["plans", "copies", "count", "qty", "number distributed"]),
    opt("plan", &["safety plan", "plan name"]),
    opt("municipality", TOWN),
    opt("channel", &["method", "distributed via", "source"]),
    opt("event", &["event name"]),
    opt("organization", &["organisation", "partner", "agency", "partner agency"]),
    opt("notes", &[]),
    opt("project", &["initiative"]),
];

/// The survey's submission-time headers, in order of preference.
pub static SUBMITTED: &[&str] = &[
    "submitted",
    "timestamp",
    "completion time",
    "submission time",
    "date submitted",
    "end date",
    "end time",
    "start date",
    "start time",
    "horodateur",
];

static SURVEY: &[Column] = &[
    req(
        "submitted",
        &["timestamp", "completion time", "submission time", "date submitted", "end date", "end time", "start date", "start time"],
    ),
    opt("municipality", &["community", "town", "city", "where do you live"]),
    opt("role", &["respondent type", "i am a"]),
];

static FOCUS_GROUPS: &[Column] = &[
    req("date", &["session date"]),
    req("group", &["focus group", "audience", "stakeholder group"]),
    opt("municipality", TOWN),
    opt("participants", &["number of participants", "attendees"]),
    opt("themes", &["key themes", "topics"]),
    opt("notes", &[]),
];

static STAKEHOLDERS: &[Column] = &[
    req("organization", &["organisation", "stakeholder", "agency"]),
    opt("sector", &["type"]),
    opt("municipality", TOWN),
    opt("contacted", &["invited", "reached out"]),
    opt("participated", &["attended", "took part"]),
];

static ACTIVITIES: &[Column] = &[
    req("activity", &["task", "step", "item"]),
    req("status", &[]),
    opt("project", &["initiative"]),
    opt("pillar", &["working group"]),
    opt("start", &["start date"]),
    opt("due", &["end", "end date", "due date", "deadline"]),
    opt("owner", &["lead"]),
];

static ACTION_ITEMS: &[Column] =
    &[req("action item", &["action", "ask", "request"]), opt("meeting", &["meeting date"]), opt("audience", &["for", "who"])];

static MEETINGS: &[Column] = &[
    req("date", &["meeting date"]),
    req("group", &["working group", "committee"]),
    opt("start time", &["start", "from"]),
    opt("end time", &["end", "to"]),
    opt("location", &["room", "venue"]),
    opt("title", &[]),
];

static TRANSLATIONS: &[Column] =
    &[req("english", &["english text", "anglais", "texte anglais"]), req("french", &["french text", "français", "texte français"])];

/// The French headers francophone partners use, as more aliases of a
/// kind's columns: matched like the others (without accents or case), not
/// listed in messages, which name the English ones.
static FRENCH: &[(Kind, &str, &[&str])] = &[
    (Kind::Events, "date", &["date de l'événement"]),
    (Kind::Events, "event", &["événement", "nom de l'événement"]),
    (Kind::Events, "municipality", &["municipalité", "ville"]),
    (Kind::Events, "neighbourhood", &["quartier"]),
    (Kind::Events, "location", &["lieu"]),
    (Kind::Events, "event type", &["type d'événement"]),
    (Kind::Events, "residents reached", &["résidents rejoints"]),
    (Kind::Events, "plans distributed", &["plans distribués"]),
    (Kind::Events, "feedback responses", &["réponses"]),
    (Kind::Events, "felt more confident", &["plus confiants"]),
    (Kind::Distribution, "date", &["date de distribution"]),
    (Kind::Distribution, "quantity", &["quantité"]),
    (Kind::Distribution, "plan", &["plan de sécurité"]),
    (Kind::Distribution, "municipality", &["municipalité", "ville"]),
    (Kind::Distribution, "organization", &["organisme", "partenaire"]),
    (Kind::Survey, "submitted", &["horodateur"]),
    (Kind::Survey, "municipality", &["municipalité", "ville"]),
    (Kind::FocusGroups, "date", &["date de la séance"]),
    (Kind::FocusGroups, "group", &["groupe"]),
    (Kind::FocusGroups, "municipality", &["municipalité", "ville"]),
    (Kind::FocusGroups, "participants", &["nombre de participants"]),
    (Kind::FocusGroups, "themes", &["thèmes"]),
    (Kind::Stakeholders, "organization", &["organisme"]),
    (Kind::Stakeholders, "sector", &["secteur"]),
    (Kind::Stakeholders, "municipality", &["municipalité", "ville"]),
    (Kind::Stakeholders, "contacted", &["contacté"]),
    (Kind::Stakeholders, "participated", &["a participé"]),
    (Kind::Activities, "activity", &["activité", "tâche"]),
    (Kind::Activities, "status", &["statut", "état"]),
    (Kind::Activities, "project", &["projet"]),
    (Kind::Events, "project", &["projet"]),
    (Kind::Distribution, "project", &["projet"]),
    (Kind::Activities, "pillar", &["pilier", "groupe de travail"]),
    (Kind::Activities, "start", &["début", "date de début"]),
    (Kind::Activities, "due", &["échéance", "fin", "date de fin"]),
    (Kind::Activities, "owner", &["responsable"]),
    (Kind::ActionItems, "action item", &["mesure à prendre"]),
    (Kind::ActionItems, "meeting", &["date de la réunion"]),
    (Kind::ActionItems, "audience", &["pour", "public"]),
    (Kind::Meetings, "date", &["date de la réunion"]),
    (Kind::Meetings, "group", &["groupe de travail", "comité"]),
    (Kind::Meetings, "start time", &["heure de début", "début"]),
    (Kind::Meetings, "end time", &["heure de fin", "fin"]),
    (Kind::Meetings, "location", &["lieu", "salle"]),
    (Kind::Meetings, "title", &["titre"]),
];

/// The French headers of `kind`'s column `column` (see [`FRENCH`]).
pub fn french_aliases(kind: Kind, column: &str) -> &'static [&'static str] {
    FRENCH.iter().find(|(k, c, _)| *k == kind && *c == column).map_or(&[], |(_, _, names)| names)
}

/// The language a column's header names with a suffix: the rule staff
/// follow to give a text column its French beside it. The suffix is a
/// language's code or name, `fr`, `french`, `français` (or `en`,
/// `english`, `anglais`), in any case, either in brackets at the end of
/// the header (`Activity (FR)`, `Activity [fr]`) or after a dash with
/// spaces around it (`Activity - FR`, `Activity – French`). It returns the
/// header without its suffix and the language; a header without one gives
/// `None` (its language is the data's own).
pub fn language_suffix(header: &str) -> Option<(&str, crate::locale::Lang)> {
    use crate::locale::Lang;
    let trimmed = header.trim();
    let lang_of = |word: &str| match fold_accents(&word.trim().to_lowercase()).as_str() {
        "fr" | "french" | "francais" => Some(Lang::Fr),
        "en" | "english" | "anglais" => Some(Lang::En),
        _ => None,
    };
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = trimmed.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
            && let Some(lang) = lang_of(&inner[at + 1..])
        {
            let base = inner[..at].trim_end();
            return (!base.is_empty()).then_some((base, lang));
        }
    }
    for dash in [" - ", " – ", " — "] {
        if let Some(at) = trimmed.rfind(dash)
            && let Some(lang) = lang_of(&trimmed[at + dash.len()..])
        {
            let base = trimmed[..at].trim_end();
            return (!base.is_empty()).then_some((base, lang));
        }
    }
    None
}

/// Survey form-tool metadata columns (normalized), dropped on read.
pub static SURVEY_METADATA: &[&str] =
    &["last modified time", "custom data", "score", "total score", "points", "feedback", "language", "collector"];

/// `text` without its accents (`Événement` → `Evenement`, `août` → `aout`),
/// so that a header or value typed with or without them matches.
pub fn fold_accents(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    // ASCII has no accents and is its own NFD and NFC (most cells are).
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

/// Normalizes a header for matching: lowercase; accents dropped; text in
/// parentheses dropped; every run of other than letters and digits becomes
/// one space; trimmed; a leading `number of`, `no of`, `num of` or `# of`
/// dropped.
pub fn normalize(header: &str) -> String {
    let mut without_parens = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => without_parens.push(c),
            _ => {}
        }
    }
    let lower = fold_accents(&without_parens.to_lowercase());
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let out = out.trim();
    for prefix in ["number of ", "no of ", "num of ", "of "] {
        if let Some(rest) = out.strip_prefix(prefix) {
            // `# of x` becomes ` of x`, trimmed to `of x`.
            if prefix != "of " || header.trim_start().starts_with('#') {
                return rest.to_string();
            }
        }
    }
    out.to_string()
}

/// Whether a normalized survey header is form-tool metadata: one of
/// [`SURVEY_METADATA`], optionally numbered (SurveyMonkey's `Custom Data 1`).
pub fn is_metadata(normalized: &str) -> bool {
    let unnumbered = normalized.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    SURVEY_METADATA.contains(&normalized) || SURVEY_METADATA.contains(&unnumbered)
}

/// Which column of `kind` a normalized header is, if any.
pub fn match_column(kind: Kind, normalized: &str) -> Option<usize> {
    let index = Kind::ALL.iter().position(|k| *k == kind)?;
    COLUMN_NAMES[index].iter().position(|names| names.iter().any(|name| name == normalized))
}

/// Every column's name, English aliases and French names, normalized once
/// (per kind in the order of [`Kind::ALL`], per column in its kind's order):
/// a header is matched against them for every sheet.
static COLUMN_NAMES: LazyLock<Vec<Vec<Vec<String>>>> = LazyLock::new(|| {
    Kind::ALL
        .iter()
        .map(|&kind| {
            kind.columns()
                .iter()
                .map(|col| {
                    std::iter::once(&col.name).chain(col.aliases).chain(french_aliases(kind, col.name)).map(|a| normalize(a)).collect()
                })
                .collect()
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ascii_keeps_it_as_written() {
        for text in ["", "Date of Event", "a\u{b}b\t", "~!@#$%^&*()"] {
            assert_eq!(fold_accents(text), text);
        }
        assert_eq!(fold_accents("Événement août"), "Evenement aout");
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize("Date of Event"), "date of event");
        assert_eq!(normalize("  Number of Participants "), "participants");
        assert_eq!(normalize("# of Plans"), "plans");
        assert_eq!(normalize("No. of copies"), "copies");
        assert_eq!(normalize("Qty (plans)"), "qty");
        assert_eq!(normalize("Felt more confident?!"), "felt more confident");
        assert_eq!(normalize("E-mail"), "e mail");
        assert_eq!(normalize("Neighbourhood/Area"), "neighbourhood area");
        assert_eq!(normalize("Date de l'Événement"), "date de l evenement");
        assert_eq!(normalize("ÉCHÉANCE"), "echeance");
    }

    #[test]
    fn columns_match() {
        assert_eq!(match_column(Kind::Events, &normalize("Date of Event")), Some(0));
        assert_eq!(match_column(Kind::Distribution, &normalize("Qty")), Some(1));
        assert_eq!(match_column(Kind::Meetings, &normalize("Working Group")), Some(1));
        assert_eq!(match_column(Kind::Events, &normalize("Budget")), None);
    }

    #[test]
    fn language_suffixes() {
        use crate::locale::Lang;
        assert_eq!(language_suffix("Activity (FR)"), Some(("Activity", Lang::Fr)));
        assert_eq!(language_suffix(" Activité [fr] "), Some(("Activité", Lang::Fr)));
        assert_eq!(language_suffix("Activity – Français"), Some(("Activity", Lang::Fr)));
        assert_eq!(language_suffix("Activity - EN"), Some(("Activity", Lang::En)));
        assert_eq!(language_suffix("Qty (plans)"), None);
        assert_eq!(language_suffix("Activity"), None);
        assert_eq!(language_suffix("(FR)"), None);
        assert_eq!(language_suffix("Year-FR"), None);
    }

    #[test]
    fn metadata() {
        assert!(is_metadata("custom data"));
        assert!(is_metadata(&normalize("Custom Data 1")));
        assert!(is_metadata(&normalize("Last modified time")));
        assert!(!is_metadata(&normalize("Feedback on the session")));
        assert!(!is_metadata(&normalize("Score the event from 1 to 5")));
    }
}

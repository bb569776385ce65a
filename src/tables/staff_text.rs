//! What staff type may print: the deny-by-default rule for every text cell
//! of the staff's own tables (events, distribution, focus groups,
//! stakeholders, activities, action items, meetings), chosen by what the
//! column is for, applied as each cell is read so that no output downstream
//! (PDF, web page, PowerPoint, `typ`, `json`, alt text, `check`, warnings)
//! ever sees a withheld value.
//!
//! - **Public labels** (event names, projects, activities, action items,
//!   organisations, municipalities, meeting titles…) are meant to be printed.
//!   The survey's detectors of identifying values run on them (phone numbers,
//!   emails, street addresses, postal codes, IP addresses, links with a
//!   query string, "my name is", a name beside contact details), and so do
//!   those of dates of birth, local phone numbers, French street addresses,
//!   ID, case and file numbers, social media handles, a person named with a
//!   title ("Dr. Lee") or after a personal word ("client Marcus"), and a full
//!   name beside words such as "home visit" or "memorial". A toll-free
//!   number (an organisation's phone line) is not a person's.
//! - **Venues** (the `location` of events and meetings) are public labels
//!   whose street address and postal code stay allowed: public buildings
//!   have addresses.
//! - **Consultation text** (focus-group themes and group labels) is written
//!   during sessions about people: on top of every detector above, a
//!   street address, a home's unit, a date, an age, initials, or a
//!   capitalised name (first and last, or one
//!   name with `'s`, or one name next to personal words such as "her son",
//!   "client", "resident") withholds the cell. Themes are printed only when
//!   they recur (see [`THEME_SESSIONS`]); group labels only when they are
//!   known (see [`for_edition`]).
//! - **Notes** columns are never kept: no record has a field for them.
//!
//! A withheld public label prints as the edition's placeholder (the data
//! holds [`WITHHELD`] until [`for_edition`] puts the edition's word in its
//! place); withheld consultation text is dropped. Either way a warning names
//! the cell and the kind of detail found, never the value.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::kinds::Kind;
use super::privacy::{self, Identifying};
use super::{Dataset, Text, normalize};

/// What a withheld public label holds in the data, until an edition prints
/// its own word for it.
pub const WITHHELD: &str = "[withheld]";

/// In how many sessions a focus-group theme must be raised to be named; the
/// others are counted together as "other themes".
pub const THEME_SESSIONS: u64 = 2;

/// What a staff-typed column is for, which decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A label meant to be printed.
    Label,
    /// A public venue: its street address is allowed.
    Venue,
    /// Text written during a consultation (focus-group themes and labels).
    Consultation,
}

/// What the column `column` of a table of `kind` is for.
pub fn purpose(kind: Kind, column: &str) -> Purpose {
    match (kind, column) {
        (Kind::Events | Kind::Meetings, "location") => Purpose::Venue,
        (Kind::FocusGroups, "themes" | "group") => Purpose::Consultation,
        _ => Purpose::Label,
    }
}

/// Words that make a capitalised word a place, an organisation or a
/// community rather than a person (compared lowercased, without accents).
const NOT_PEOPLE: &[&str] = &[
    // The region's municipalities and places.
    "amherstburg",
    "essex",
    "kingsville",
    "lakeshore",
    "lasalle",
    "leamington",
    "pelee",
    "tecumseh",
    "windsor",
    "county",
    "ontario",
    "canada",
    "detroit",
    "belle",
    "river",
    "harrow",
    "wheatley",
    "comber",
    "walkerville",
    "riverside",
    "sandwich",
    "ford",
    "city",
    "forest",
    "glade",
    "south",
    "north",
    "east",
    "west",
    "central",
    "downtown",
    "uptown",
    "old",
    "new",
    // Kinds of place.
    "island",
    "point",
    "park",
    "beach",
    "lake",
    "bay",
    "harbour",
    "marina",
    "street",
    "avenue",
    "road",
    "drive",
    "boulevard",
    "lane",
    "way",
    "square",
    "plaza",
    "mall",
    "centre",
    "center",
    "hall",
    "library",
    "branch",
    "hospital",
    "school",
    "college",
    "university",
    "church",
    "arena",
    "township",
    "town",
    "village",
    "market",
    "station",
    "terminal",
    "tunnel",
    "bridge",
    "trail",
    "highway",
    "line",
    "hotel",
    "motel",
    "shelter",
    "clinic",
    "campus",
    "ward",
    // Organisations and communities.
    "police",
    "service",
    "services",
    "health",
    "unit",
    "community",
    "working",
    "group",
    "council",
    "committee",
    "board",
    "association",
    "society",
    "network",
    "coalition",
    "alliance",
    "foundation",
    "agency",
    "program",
    "programme",
    "project",
    "strategy",
    "plan",
    "mental",
    "harm",
    "reduction",
    "prevention",
    "treatment",
    "recovery",
    "housing",
    "corporation",
    "indigenous",
    "black",
    "first",
    "nations",
    "métis",
    "metis",
    "inuit",
    "francophone",
    "anglophone",
    "english",
    "french",
    "canadian",
    "lgbtq",
    "pride",
    "youth",
    "seniors",
    "naloxone",
    "narcan",
    "anonymous",
    "narcotics",
    "alcoholics",
    "care",
    "public",
    "safety",
    "wellbeing",
    "justice",
    "enforcement",
    "education",
    "lived",
    "living",
    "experience",
    "advisory",
    "providers",
    "residents",
    "people",
    "families",
    "family",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "covid",
    // What events and sessions are called.
    "client",
    "clients",
    "day",
    "days",
    "night",
    "week",
    "weekend",
    "fair",
    "walk",
    "run",
    "festival",
    "workshop",
    "training",
    "session",
    "meeting",
    "appreciation",
    "fun",
    "open",
    "house",
    "forum",
    "summit",
    "conference",
    "drop",
    "breakfast",
    "lunch",
    "dinner",
    "social",
    "celebration",
    "awareness",
    "vigil",
    "memorial",
    "resource",
    "resources",
    "back",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "annual",
    "launch",
    "kickoff",
    "info",
    "information",
    "table",
    "booth",
    "pop",
    "up",
    "outreach",
    "support",
    "supports",
    "parents",
    "women",
    "men",
    "students",
    "staff",
    "team",
];

/// Personal words: a name beside one of them is a person's.
const PERSONAL: &str = r"(?i)\b(?:client|clients|resident|residents|participant|participants|patient|patients|son|daughter|child|kid|mother|mom|mum|father|dad|brother|sister|wife|husband|partner|boyfriend|girlfriend|friend|neighbou?r|cousin|uncle|aunt|nephew|niece|grandson|granddaughter|grandmother|grandfather|he|she|him|his|her|hers|they|them|their|overdose|overdosed|od|died|dies|death|passed|funeral|arrested|charged|evicted|homeless|uses|using|user|addict|addicted|diagnosed|hospitalized|hospitalised|pregnant|years|old|aged?|fils|fille|mère|père|frère|sœur|soeur|conjointe?|mari|femme|enfant|voisine?|amie?|surdose|décédée?|usager|usagère|résidente?|cliente?|patiente?)\b";

/// The detectors beyond the survey's.
struct Detectors {
    /// Toll-free numbers: an organisation's phone line.
    toll_free: Regex,
    /// A date of birth, said as such.
    birth: Regex,
    /// A person named with a title.
    titled: Regex,
    /// An age.
    age: Regex,
    /// A capitalised first and last name (or first name and initial).
    full_name: Regex,
    /// A capitalised word with `'s`.
    possessive: Regex,
    /// A capitalised word.
    capitalised: Regex,
    /// Personal words.
    personal: Regex,
    /// A lowercase personal word right before a capitalised name ("client
    /// Marcus", "her son Tyler").
    relation_name: Regex,
    /// Personal words that, beside a full name, make a label a person's.
    label_personal: Regex,
    /// ID numbers: a social insurance number, an Ontario health card, a
    /// client, case or file number.
    id_number: Regex,
    /// A social media handle.
    handle: Regex,
    /// A person's initials ("J.D.").
    initials: Regex,
    /// A local phone number without its area code ("555-0142").
    local_phone: Regex,
    /// A French street address ("412, rue Principale").
    rue: Regex,
    /// A home's unit ("apt 3", "unit 12").
    unit: Regex,
    /// A full date.
    date: Regex,
}

/// The patterns of [`Detectors`], in the order of its fields.
const PATTERNS: [&str; 17] = [
    r"(?:\+?1[\s.-]?)?(?:\(8(?:00|33|44|55|66|77|88)\)|8(?:00|33|44|55|66|77|88))[\s.-]?\d{3}[\s.-]?\d{4}",
    r"(?i)\b(?:born|dob|d\.o\.b\.?|date of birth|birth ?date|birthday|n[ée]e? le|date de naissance)\b\W{0,3}[\w ,./-]{0,12}\d",
    r"(?:^|[^\p{L}\p{N}\s]\s*|\b(?:with|by|and|for|from|to|avec|par|et|pour|de)\s+)(?:Dr|Mr|Mrs|Ms|Mx|Mme|Mlle|Miss|Prof|Sgt|Cst|Rev)\b\.?\s*\p{Lu}",
    r"(?i)\b(?:\d{1,2}\s*(?:y/?o|yrs?|years?[ -]old|ans)\b|aged? \d{1,2}\b|âgée? de \d{1,2}\b)",
    r"\p{Lu}[\p{Ll}'’]+(?:[ -]\p{Lu}[\p{Ll}'’]+)+|\p{Lu}\p{Ll}+ \p{Lu}\.(?:$|\s|,)",
    r"\b(\p{Lu}\p{Ll}+)['’]s\b",
    r"\b\p{Lu}\p{Ll}+\b",
    PERSONAL,
    r"\b(?:client|patient|resident|participant|son|daughter|child|mother|mom|mum|father|dad|brother|sister|wife|husband|partner|boyfriend|girlfriend|friend|neighbou?r|cousin|nephew|niece|fils|fille|mère|père|frère|sœur|soeur|conjointe?|voisine?|amie?|usager|usagère|cliente?|patiente?|résidente?)\s+\p{Lu}\p{Ll}+",
    r"(?i)\b(?:client|clients|patient|patients|his|her|son|daughter|wife|husband|mother|father|overdose|overdosed|died|funeral|memorial|in memory|visit|visits|home|family|case|fils|fille|surdose|visite|domicile|mémoire)\b",
    r"(?i)\b\d{3}[ -]\d{3}[ -]\d{3}\b|\b\d{4}[ -]?\d{3}[ -]?\d{3}[ -]?[a-z]{2}\b|\b(?:client|case|file|chart|patient|mrn|health card|ohip|sin|dossier)\s*(?:#|no\.?|number|num\.?|n°|id)?\s*:?\s*[a-z]{0,3}-?\d{3,}",
    r"(?:^|[\s(,;:])@[A-Za-z0-9_][A-Za-z0-9_.]{3,}",
    r"\b\p{Lu}\.\s?\p{Lu}\.(?:$|[^\p{L}]|\s)",
    r"(?:^|[^\d-])\d{3}[-.]\d{4}(?:$|[^\d-])",
    r"(?i)\b\d{1,6}[a-z]?,?\s+(?:rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\.|route|rang|place|promenade|croissant|allée)\s+\p{L}",
    r"(?i)\b(?:apt|apartment|appartement|app\.|unit|suite|room|chambre|logement)\s*#?\s*\d+",
    r"(?i)\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc)[a-zé]*\.? \d{4})\b",
];

static DETECTORS: LazyLock<Detectors> = LazyLock::new(|| {
    let mut compiled = compile_all(&PATTERNS).into_iter();
    let mut next = || compiled.next().expect("a pattern for every detector");
    Detectors {
        toll_free: next(),
        birth: next(),
        titled: next(),
        age: next(),
        full_name: next(),
        possessive: next(),
        capitalised: next(),
        personal: next(),
        relation_name: next(),
        label_personal: next(),
        id_number: next(),
        handle: next(),
        initials: next(),
        local_phone: next(),
        rue: next(),
        unit: next(),
        date: next(),
    }
});

/// `patterns` compiled, in their order. Compiling them (Unicode classes)
/// takes tens of milliseconds on the way of every build's reading, so they
/// are shared out between the machine's cores (up to two), and the survey's
/// detectors, always needed beside them, are made at the same time.
fn compile_all<const N: usize>(patterns: &[&'static str; N]) -> [Regex; N] {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let compile = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(pattern) = patterns.get(i) else { break done };
            done.push((i, Regex::new(pattern).expect("the staff-text patterns compile")));
        }
    };
    let mut compiled: Vec<(usize, Regex)> = std::thread::scope(|scope| {
        let survey = scope.spawn(privacy::prepare);
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(compile)).collect();
        let mut all = compile();
        for other in others {
            all.extend(other.join().expect("a pattern compiles without panicking"));
        }
        survey.join().expect("the survey's detectors compile");
        all
    });
    compiled.sort_by_key(|(i, _)| *i);
    let compiled: Vec<Regex> = compiled.into_iter().map(|(_, re)| re).collect();
    compiled.try_into().expect("every pattern is compiled once")
}

/// Whether `word` names a place, an organisation or a community.
fn not_a_person(word: &str) -> bool {
    let w = word.trim_end_matches(['\'', '’', 's']).to_lowercase();
    let w = w.trim_end_matches(['\'', '’']);
    NOT_PEOPLE.contains(&w) || NOT_PEOPLE.contains(&word.to_lowercase().as_str())
}

/// The personal detail a staff-typed `text`, in a column for `purpose`,
/// holds, as words for a message (never the value), or `None` when it may
/// print.
pub fn personal_detail(text: &str, purpose: Purpose) -> Option<&'static str> {
    let d = &*DETECTORS;
    // An organisation's toll-free line is not a person's.
    let text: Cow<str> = if purpose == Purpose::Consultation { Cow::Borrowed(text) } else { d.toll_free.replace_all(text, " ") };
    let found: Vec<Identifying> = privacy::identifying_values(&text)
        .into_iter()
        .filter(|kind| !(purpose == Purpose::Venue && matches!(kind, Identifying::StreetAddress | Identifying::PostalCode)))
        .collect();
    if let Some(&first) = found.iter().find(|k| **k == Identifying::Name).or(found.first()) {
        return Some(describe(first));
    }
    if d.birth.is_match(&text) {
        return Some("a date of birth");
    }
    if d.titled.is_match(&text) || d.relation_name.is_match(&text) {
        return Some("a person's name");
    }
    if d.local_phone.is_match(&text) {
        return Some("a phone number");
    }
    if purpose != Purpose::Venue && d.rue.is_match(&text) {
        return Some("a street address");
    }
    if d.id_number.is_match(&text) {
        return Some("an ID, case or file number");
    }
    if d.handle.is_match(&text) {
        return Some("a social media handle");
    }
    let person = |m: &str| !m.split([' ', '-']).any(|w| not_a_person(w.trim_end_matches('.')));
    if purpose != Purpose::Consultation {
        // A full name beside personal words ("Home visit Robin Tran").
        let named =
            d.full_name.find_iter(&text).any(|m| person(m.as_str())) || d.possessive.captures_iter(&text).any(|c| !not_a_person(&c[1]));
        if named && d.label_personal.is_match(&text) {
            return Some("a person's name");
        }
        return None;
    }
    if d.initials.is_match(&text) {
        return Some("a person's initials");
    }
    if d.unit.is_match(&text) {
        return Some("a street address");
    }
    if d.date.is_match(&text) {
        return Some("a date");
    }
    if d.age.is_match(&text) {
        return Some("a person's age");
    }
    // A capitalised name: first and last, or with `'s`, or beside personal
    // words; never a place's or an organisation's (a word of which names a
    // place, an organisation or a community).
    if d.full_name.find_iter(&text).any(|m| person(m.as_str())) {
        return Some("a person's name");
    }
    if d.possessive.captures_iter(&text).any(|c| !not_a_person(&c[1])) {
        return Some("a person's name");
    }
    let personal = d.personal.is_match(&text);
    // A capitalised word other than the first is a name when personal words
    // are near.
    if personal && d.capitalised.find_iter(&text).any(|m| m.start() > 0 && !not_a_person(m.as_str())) {
        return Some("a person's name");
    }
    None
}

/// The kind of detail found, for a message.
fn describe(kind: Identifying) -> &'static str {
    match kind {
        Identifying::Header | Identifying::Name => "a person's name",
        Identifying::Phone => "a phone number",
        Identifying::Email => "an email address",
        Identifying::StreetAddress => "a street address",
        Identifying::PostalCode => "a postal code",
        Identifying::IpAddress => "an IP address",
        Identifying::Link => "a link with personal parameters",
        Identifying::BirthDate => "a date of birth",
    }
}

/// The warning for a withheld cell (the value is never named).
pub fn message(found: &str, purpose: Purpose) -> String {
    match purpose {
        Purpose::Consultation => format!(
            "this cell looks like it holds personal details ({found}); it is withheld from every document until it is fixed (write categories, never people, places where someone lives or contact details)"
        ),
        _ => format!("this cell looks like it holds personal details ({found}); it prints as \"{WITHHELD}\" until it is fixed"),
    }
}

/// How an edition prints the staff's text: its word for a withheld label,
/// the focus-group labels it may name, and the kind other labels print as.
#[derive(Debug, Clone, Default)]
pub struct EditionText {
    /// Printed in place of a withheld label.
    pub withheld: String,
    /// A focus-group label not in the known list prints as this.
    pub session: String,
    /// Focus-group labels staff list as printable (besides working groups).
    pub labels: Vec<String>,
}

impl EditionText {
    /// The `[privacy]` words of a content file read as JSON.
    pub fn of(content: &serde_json::Value) -> EditionText {
        let word = |key: &str, default: &str| {
            content.pointer(&format!("/privacy/{key}")).and_then(serde_json::Value::as_str).unwrap_or(default).to_string()
        };
        let labels = content
            .pointer("/privacy/focus_group_labels")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let mut groups: Vec<String> = content
            .get("groups")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|g| g.get("name")?.as_str().map(str::to_string))
            .collect();
        groups.extend::<Vec<String>>(labels);
        EditionText { withheld: word("withheld", WITHHELD), session: word("community_session", "community session"), labels: groups }
    }
}

/// `data` as an edition prints it: a withheld label as the edition's word,
/// and a focus-group label that is neither a working group of the meetings
/// table nor listed in the content file as its kind.
pub fn for_edition<'a>(data: Cow<'a, Dataset>, words: &EditionText) -> Cow<'a, Dataset> {
    let known: BTreeSet<String> = data
        .meetings
        .iter()
        .map(|m| normalize(&m.group))
        .chain(words.labels.iter().map(|l| normalize(l)))
        .filter(|l| *l != normalize(WITHHELD))
        .collect();
    let needs = data.focus_groups.iter().any(|f| !known.contains(&normalize(&f.group))) || has_withheld(&data);
    if !needs {
        return data;
    }
    let mut data = data.into_owned();
    let word = if words.withheld.is_empty() { WITHHELD } else { words.withheld.as_str() };
    let s = |v: &mut String| {
        if v == WITHHELD {
            *v = word.to_string();
        }
    };
    let o = |v: &mut Option<String>| {
        if let Some(v) = v
            && v == WITHHELD
        {
            *v = word.to_string();
        }
    };
    let t = |v: &mut Option<Text>| {
        if v.as_deref() == Some(WITHHELD) {
            *v = Some(Text::from(word));
        }
    };
    for f in &mut data.focus_groups {
        if !known.contains(&normalize(&f.group)) {
            f.group = words.session.clone();
        }
        o(&mut f.municipality);
    }
    for e in &mut data.events {
        if e.name.as_str() == WITHHELD {
            e.name = Text::from(word);
        }
        [&mut e.municipality, &mut e.neighbourhood, &mut e.location, &mut e.event_type].into_iter().for_each(t);
        o(&mut e.project);
    }
    for d in &mut data.distribution {
        [&mut d.plan, &mut d.municipality, &mut d.channel, &mut d.event, &mut d.organization, &mut d.project].into_iter().for_each(t);
    }
    for m in &mut data.meetings {
        s(&mut m.group);
        o(&mut m.location);
        o(&mut m.title);
    }
    for a in &mut data.activities {
        s(&mut a.activity);
        [&mut a.project, &mut a.pillar, &mut a.owner].into_iter().for_each(o);
    }
    for a in &mut data.action_items {
        s(&mut a.text);
        o(&mut a.audience);
    }
    for st in &mut data.stakeholders {
        s(&mut st.organization);
        o(&mut st.sector);
        o(&mut st.municipality);
    }
    Cow::Owned(data)
}

/// Whether any label of `data` is withheld.
fn has_withheld(data: &Dataset) -> bool {
    let w = |v: &Option<String>| v.as_deref() == Some(WITHHELD);
    let t = |v: &Option<Text>| v.as_deref() == Some(WITHHELD);
    data.events.iter().any(|e| {
        e.name.as_str() == WITHHELD || [&e.municipality, &e.neighbourhood, &e.location, &e.event_type].into_iter().any(t) || w(&e.project)
    }) || data.distribution.iter().any(|d| [&d.plan, &d.municipality, &d.channel, &d.event, &d.organization, &d.project].into_iter().any(t))
        || data.meetings.iter().any(|m| m.group == WITHHELD || w(&m.location) || w(&m.title))
        || data.activities.iter().any(|a| a.activity == WITHHELD || [&a.project, &a.pillar, &a.owner].into_iter().any(w))
        || data.action_items.iter().any(|a| a.text == WITHHELD || w(&a.audience))
        || data.stakeholders.iter().any(|s| s.organization == WITHHELD || w(&s.sector) || w(&s.municipality))
        || data.focus_groups.iter().any(|f| w(&f.municipality))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_labels() {
        for (text, found) in [
            ("Pop-up with Dana Smith 519-555-0142", "a person's name"),
            ("Call 519 555 0142 for a ride", "a phone number"),
            ("RSVP dana@example.com", "an email address"),
            ("Visit at 12 Elm St", "a street address"),
            ("Pickup N9A 6T3", "a postal code"),
            ("Outreach (Dr. Patel)", "a person's name"),
            ("Follow up, DOB 1987-03-02", "a date of birth"),
            ("my name is Robin", "a person's name"),
            ("Home visit Robin Tran", "a person's name"),
            ("Memorial walk for Jane Doe", "a person's name"),
            ("Drive client Marcus to detox", "a person's name"),
            ("Renew card 1234-567-890-AB", "an ID, case or file number"),
            ("SIN 123 456 789", "an ID, case or file number"),
            ("Follow up on client #4471", "an ID, case or file number"),
            ("DM @jane_doe99 about the kit", "a social media handle"),
            ("Born March 3, 1979", "a date of birth"),
            ("call 555-0142 after 5", "a phone number"),
            ("Visite au 412, rue Principale", "a street address"),
        ] {
            assert_eq!(personal_detail(text, Purpose::Label), Some(found), "{text}");
        }
        for text in [
            "Kids Help Phone",
            "211 Ontario",
            "ConnexOntario Helpline 1-866-531-2600",
            "Harm Reduction Working Group",
            "Offer naloxone training at county library branches",
            "Windsor-Essex County Health Unit",
            "Back to school BBQ 2025",
            "Youth aged 12 to 18 workshop",
            "Resource Fair",
            "Client Appreciation Day",
            "Resident Safety Night",
            "Family Fun Day at Lanspeary Park",
            "Visit Windsor Public Library",
            "Room 2",
            "2024-2025 annual report",
            "Plans 2025-06",
        ] {
            assert_eq!(personal_detail(text, Purpose::Label), None, "{text}");
        }
        assert_eq!(personal_detail("Committee Room B, 350 City Hall Square W, N9A 6S1", Purpose::Venue), None);
        assert_eq!(personal_detail("Boardroom 2, 1005 Ouellette Ave", Purpose::Venue), None);
        assert!(personal_detail("Boardroom 2, 1005 Ouellette Ave, ask Jo 519-555-0142", Purpose::Venue).is_some());
    }

    #[test]
    fn consultation_text() {
        for text in [
            "Jane Doe's overdose",
            "Maria's overdose",
            "overdose at 412 Elm St",
            "Essex service providers (Dr. Patel, Sam Lee)",
            "her son Tyler",
            "client Marcus uses alone",
            "resident Jo Ann",
            "16 y/o using alone",
            "Sam Lee",
            "J.D., 34",
            "lives in apt 3 above the store",
            "seen 2025-03-02 at the shelter",
            "client #4471 relapsed",
        ] {
            assert!(personal_detail(text, Purpose::Consultation).is_some(), "{text}");
        }
        for text in [
            "housing",
            "Pelee Island",
            "Drouillard Road",
            "stigma in Leamington",
            "Downtown Windsor",
            "Essex Residents",
            "People with Lived and Living Experience",
            "Youth Advisory Group",
            "access to treatment",
            "policing and safety",
            "Windsor's downtown",
        ] {
            assert_eq!(personal_detail(text, Purpose::Consultation), None, "{text}");
        }
    }
}

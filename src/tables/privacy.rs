//! What a survey answer may be: the deny-by-default privacy rules applied
//! as a survey is read.
//!
//! A respondent's answer reaches a document only as a category of a closed
//! question (a recognised scale, or an option many respondents gave; the
//! figures stage pools the rarer ones unnamed). This module holds the rules
//! that decide, from a column's header and from its values, that a column
//! identifies people (it is dropped on read) or holds written comments (it
//! is only counted):
//! - header words that ask for a person's name or contact details, or for a
//!   comment;
//! - detectors of identifying values, whatever the header says: phone
//!   numbers, emails, street addresses, postal codes, IP addresses, links
//!   with a query string, a name given with contact details, and dates of
//!   birth (a column of dates long before the survey).
//!
//! Detectors name the kind of detail found, never the value, so messages
//! about a dropped column can be printed safely.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// How many respondents must give an answer before a column of typed
/// answers is read as a choice question (the default `--min-cell`); the
/// report then names only options given by at least `--min-cell`.
pub const MANY: usize = 5;

/// The kind of identifying detail found in a survey column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifying {
    /// A header that asks for a name, contact details or an ID.
    Header,
    /// A phone number.
    Phone,
    /// An email address.
    Email,
    /// A street address.
    StreetAddress,
    /// A Canadian postal code.
    PostalCode,
    /// An IP address.
    IpAddress,
    /// A link with a query string.
    Link,
    /// A person naming themselves ("my name is …").
    Name,
    /// Dates of birth.
    BirthDate,
}

impl Identifying {
    /// What was found, for messages (never the value itself).
    pub fn describe(self) -> &'static str {
        match self {
            Identifying::Header => "its header asks for a name, contact details or an ID",
            Identifying::Phone => "it holds phone numbers",
            Identifying::Email => "it holds email addresses",
            Identifying::StreetAddress => "it holds street addresses",
            Identifying::PostalCode => "it holds postal codes",
            Identifying::IpAddress => "it holds IP addresses",
            Identifying::Link => "it holds links with personal parameters",
            Identifying::Name => "it holds people's names",
            Identifying::BirthDate => "it holds dates of birth",
        }
    }
}

/// Header words (whole words of the loosely normalized header) that ask for
/// something identifying. A header holding any of them is dropped on read.
const IDENTIFYING_WORDS: &[&str] = &[
    "name",
    "names",
    "first name",
    "last name",
    "full name",
    "surname",
    "contact",
    "reach",
    "phone",
    "telephone",
    "mobile",
    "email",
    "e mail",
    "address",
    "postal",
    "postcode",
    "zip",
    "birth",
    "birthday",
    "born",
    "dob",
    "ip",
    "id",
    "respondent id",
    "collector id",
    "response id",
    // French (compared without accents).
    "nom",
    "prenom",
    "nom de famille",
    "courriel",
    "adresse",
    "telephone",
    "cellulaire",
    "code postal",
    "naissance",
    "joindre",
];

/// Header words that mark a question as open-ended, whatever its answers:
/// its answers are counted, never printed.
const OPEN_ENDED_WORDS: &[&str] = &[
    "comment",
    "comments",
    "thoughts",
    "anything else",
    "please specify",
    "specify",
    "explain",
    "why",
    "describe",
    "suggestion",
    "suggestions",
    "elaborate",
    "tell us",
    "in your own words",
    // French (compared without accents).
    "commentaire",
    "commentaires",
    "precisez",
    "preciser",
    "expliquez",
    "pourquoi",
    "decrivez",
    "autre chose",
    "dans vos mots",
];

/// Answers that say "nothing to add". In an open question they are not
/// comments, and they do not make a column of comments a choice question.
const FILLERS: &[&str] = &[
    "",
    "no",
    "nope",
    "none",
    "nil",
    "na",
    "n a",
    "not applicable",
    "nothing",
    "nothing to add",
    "nothing else",
    "no comment",
    "no comments",
    "no thanks",
    "not really",
    "not at this time",
    "anonymous",
    // French.
    "non",
    "aucun",
    "aucune",
    "rien",
    "s o",
    "sans objet",
    "non merci",
    "pas de commentaire",
    "pas vraiment",
    "anonyme",
];

/// The header lowercased, with every run of characters other than letters
/// and digits as one space, and (unlike [`super::normalize`]) the text in
/// parentheses kept: "Other (please specify)" asks for text.
fn loose(header: &str) -> String {
    let mut out = String::from(" ");
    for c in super::kinds::fold_accents(&header.to_lowercase()).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether the loosely normalized `text` holds one of `words` as whole words.
fn has_word(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(&format!(" {w} ")))
}

/// Whether a survey header asks for something that identifies a person.
pub fn identifying_header(header: &str) -> bool {
    has_word(&loose(header), IDENTIFYING_WORDS)
}

/// Whether a survey header asks for a written answer.
pub fn open_ended_header(header: &str) -> bool {
    has_word(&loose(header), OPEN_ENDED_WORDS)
}

/// Whether an answer says there is nothing to add ("No", "N/A", "None").
pub fn is_filler(answer: &str) -> bool {
    FILLERS.contains(&super::normalize(answer).as_str())
}

/// The detectors, in the order of [`DETECTED`].
static DETECTORS: LazyLock<(RegexSet, Regex)> = LazyLock::new(|| {
    let patterns = [
        // North American phone numbers: 519-555-0142, (519) 555 0142,
        // 519.555.0142, +1 519 555 0142, 5195550142, with an extension.
        r"(?:^|[^\d])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?:$|[^\d])",
        r"(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}",
        // A civic number, up to three words of street name, a street type.
        r"(?i)\b\d{1,6}[a-z]?\s+(?:[a-z][\w'.-]*\s+){1,3}(?:st|street|ave|avenue|rd|road|dr|drive|blvd|boulevard|cres|crescent|crt|court|ct|lane|ln|way|pl|place|terr|terrace|hwy|highway|line|sideroad|pkwy|parkway|cir|circle|trail|sq|square)\b",
        // Canadian postal codes (a full one, not only the area's first half).
        r"(?i)\b[abceghj-nprstvxy]\d[abceghj-nprstv-z][ -]?\d[abceghj-nprstv-z]\d\b",
        // IPv4 and IPv6 addresses.
        // (IPv6 written in full, or shortened with `::`; not a time of day).
        r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b|(?i)\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|(?i)\b(?:[0-9a-f]{1,4}:)+:[0-9a-f]{1,4}\b",
        // A link whose query string may carry personal parameters.
        r"(?i)(?:https?://|www\.)\S*\?\S*=",
        // A respondent naming someone: "my name is Dana", "ask for Sam Lee".
        r"(?:[Mm]y name is|[Cc]all me|[Aa]sk for) +\p{Lu}\p{Ll}+",
    ];
    let set = RegexSet::new(patterns).expect("the detectors compile");
    // A capitalized first and last name, for "a name next to contact details".
    let name = Regex::new(r"\b\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+\b").expect("the name pattern compiles");
    (set, name)
});

/// What each detector finds.
const DETECTED: [Identifying; 7] = [
    Identifying::Phone,
    Identifying::Email,
    Identifying::StreetAddress,
    Identifying::PostalCode,
    Identifying::IpAddress,
    Identifying::Link,
    Identifying::Name,
];

/// Makes the detectors now (they are otherwise made on first use), so that
/// it can be done beside other work.
pub fn prepare() {
    LazyLock::force(&DETECTORS);
}

/// Whether any of the detectors could match `answer`: each needs a digit
/// (phone numbers, civic numbers, postal codes, IPv4), an `@` (email), a
/// `:` (IPv6), a `?` (a link's query) or one of the phrases that give a
/// name. Most answers (words of a scale, categories) have none, and skip
/// the patterns. `is_numeric` takes in every Unicode digit that `\d` does.
fn may_identify(answer: &str) -> bool {
    answer.chars().any(|c| c.is_numeric() || matches!(c, '@' | ':' | '?'))
        || ["y name is", "all me", "sk for"].iter().any(|phrase| answer.contains(phrase))
}

/// The identifying detail an answer holds, if any. A first and last name
/// given with a phone number or an email is reported as a name.
pub fn identifying_value(answer: &str) -> Option<Identifying> {
    if answer.len() < 5 || !may_identify(answer) {
        return None;
    }
    let (set, name) = &*DETECTORS;
    let found = set.matches(answer);
    let first = found.iter().next().map(|i| DETECTED[i])?;
    let contact = matches!(first, Identifying::Phone | Identifying::Email);
    Some(if contact && name.is_match(answer) { Identifying::Name } else { first })
}

/// Every kind of identifying detail an answer holds (in the order of the
/// detectors), with a first and last name given with a phone number or an
/// email reported as a name too.
pub fn identifying_values(answer: &str) -> Vec<Identifying> {
    if answer.len() < 5 || !may_identify(answer) {
        return Vec::new();
    }
    let (set, name) = &*DETECTORS;
    let mut found: Vec<Identifying> = set.matches(answer).iter().map(|i| DETECTED[i]).collect();
    if found.iter().any(|k| matches!(k, Identifying::Phone | Identifying::Email)) && name.is_match(answer) {
        found.push(Identifying::Name);
    }
    found
}

/// Whether a date answered in a survey submitted in `latest_year` reads as
/// a date of birth: at least 12 years before it, and after 1900.
pub fn birth_year(year: i32, latest_year: i32) -> bool {
    (1900..=latest_year - 12).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifying_headers() {
        for h in [
            "What is your name? (optional)",
            "Your name",
            "First and last name",
            "Best way to reach you",
            "How can we reach you?",
            "Postal code",
            "Email Address",
            "Adresse e-mail / Email",
            "Phone number",
            "Date of birth",
            "Respondent ID",
            "IP Address",
        ] {
            assert!(identifying_header(h), "{h}");
        }
        for h in [
            "Where do you live?",
            "I am a...",
            "Identify your role",
            "Q7",
            "I feel safe in my neighbourhood.",
            "Which issues concern you most?",
            "Outreach events attended",
        ] {
            assert!(!identifying_header(h), "{h}");
        }
    }

    #[test]
    fn open_ended_headers() {
        for h in
            ["Other thoughts?", "Anything else you would like to share?", "Other (please specify)", "Why?", "Please explain", "Comments"]
        {
            assert!(open_ended_header(h), "{h}");
        }
        for h in ["What else should the coalition know?", "Q7", "Which issues concern you most? (select all that apply)"] {
            assert!(!open_ended_header(h), "{h}");
        }
    }

    #[test]
    fn detectors_find_realistic_details() {
        let cases = [
            ("Dana Smith 519-555-0142", Identifying::Name),
            ("call 519 555 0142 after 5", Identifying::Phone),
            ("(226) 555-0199", Identifying::Phone),
            ("+1 519.555.0170 ext 3", Identifying::Phone),
            ("5195550142", Identifying::Phone),
            ("resident421@example.com", Identifying::Email),
            ("Reach me at sam.lee+survey@mail.example.ca", Identifying::Email),
            ("My brother uses at 12 Elm St", Identifying::StreetAddress),
            ("455 Ouellette Ave apt 3", Identifying::StreetAddress),
            ("behind 3021 county road 20", Identifying::StreetAddress),
            ("N9A 6T3", Identifying::PostalCode),
            ("n8x4k2", Identifying::PostalCode),
            ("192.168.10.24", Identifying::IpAddress),
            ("2001:db8:85a3::8a2e:370:7334", Identifying::IpAddress),
            ("https://forms.example.com/r?uid=88412", Identifying::Link),
            ("my name is Robin, thanks", Identifying::Name),
        ];
        for (text, kind) in cases {
            assert_eq!(identifying_value(text), Some(kind), "{text}");
        }
    }

    #[test]
    fn the_quick_test_never_hides_what_the_detectors_find() {
        let (set, _) = &*DETECTORS;
        // Each found by a detector (a phone number in Arabic-Indic digits
        // too: `\d` is every Unicode digit), so each passes the quick test.
        for text in [
            "Dana Smith 519-555-0142",
            "resident421@example.com",
            "N9A 6T3",
            "2001:db8:85a3::8a2e:370:7334",
            "https://forms.example.com/r?uid=88412",
            "my name is Robin, thanks",
            "Please call me Sam",
            "ask for Jordan Lee",
            "\u{665}\u{661}\u{669}-\u{665}\u{665}\u{665}-\u{660}\u{661}\u{664}\u{662}",
        ] {
            assert!(set.is_match(text), "{text}");
            assert!(may_identify(text), "{text}");
        }
        for text in ["Strongly agree", "Windsor", "The naloxone training at the library was excellent."] {
            assert!(!may_identify(text), "{text}");
        }
    }

    #[test]
    fn detectors_pass_ordinary_answers() {
        for text in [
            "Windsor",
            "LaSalle",
            "Leamington",
            "Pelee Island",
            "N/A",
            "No",
            "Anonymous",
            "2025-06-19",
            "June 19, 2025",
            "2025/10/01 9:00:00 AM EST",
            "Strongly agree",
            "Housing; Stigma; Youth substance use",
            "1,420",
            "96%",
            "3 times a week",
            "Service provider",
            "The naloxone training at the library was excellent.",
            "Ages 25-34",
            "N9A",
            "https://www.example.org/naloxone",
            "I attended 2 events this summer",
            "10:30:00",
            "This is Windsor's best program",
        ] {
            assert_eq!(identifying_value(text), None, "{text}");
        }
    }

    #[test]
    fn fillers() {
        for f in ["No", "N/A", "none", "-", "Nothing to add.", "Anonymous", "n/a"] {
            assert!(is_filler(f), "{f}");
        }
        assert!(!is_filler("Housing"));
        assert!(!is_filler("Not sure"));
    }

    #[test]
    fn birth_years() {
        assert!(birth_year(1987, 2025));
        assert!(!birth_year(2025, 2025));
        assert!(!birth_year(2019, 2025));
        assert!(!birth_year(1850, 2025));
    }
}

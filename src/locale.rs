//! The languages of the editions, and how each writes numbers, counts,
//! dates and times. A leaf: it imports nothing of the crate.
//!
//! The locale data comes from maintained crates, not from tables written
//! here: numbers and plural forms from CLDR through icu4x (`icu_decimal`,
//! `icu_plurals`: `1 420` with a no-break space in Canadian French), month
//! and day names from glibc's locales through chrono (`unstable-locales`).
//! What is left here is each language's grammar of a date phrase: "from June
//! 19 to September 22, 2025" against "du 19 juin au 22 septembre 2025".

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{Locale, locale};
use icu_plurals::{PluralCategory, PluralRules};
use serde::{Deserialize, Serialize};

/// A no-break space (U+00A0), as French puts before `:` `;` `!` `?` `%` and
/// inside « guillemets ».
pub const NBSP: char = '\u{a0}';

/// The language of an edition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Canadian English, the default.
    #[default]
    En,
    /// Canadian French.
    Fr,
}

/// Each language's formatters, made once.
struct Formatters {
    decimal: DecimalFormatter,
    plurals: PluralRules,
}

impl Lang {
    /// Every language, in the order `--lang en,fr` writes them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The two-letter code: `en`, `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language tag with its region, as PDF, HTML and PowerPoint name
    /// it: `en-CA`, `fr-CA`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-CA",
            Lang::Fr => "fr-CA",
        }
    }

    /// The language of a two-letter code (any case), if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language's name in English, for messages: `French`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
        }
    }

    /// The content file of a template folder in this language:
    /// `content.toml`, `content.fr.toml`.
    pub fn content_file(self) -> &'static str {
        match self {
            Lang::En => "content.toml",
            Lang::Fr => "content.fr.toml",
        }
    }

    fn locale(self) -> Locale {
        match self {
            Lang::En => locale!("en-CA"),
            Lang::Fr => locale!("fr-CA"),
        }
    }

    fn formatters(self) -> &'static Formatters {
        static EN: OnceLock<Formatters> = OnceLock::new();
        static FR: OnceLock<Formatters> = OnceLock::new();
        let cell = match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        };
        cell.get_or_init(|| {
            let prefs = self.locale().into();
            Formatters {
                // Compiled-in CLDR data for both locales: these cannot fail.
                decimal: DecimalFormatter::try_new(prefs, Default::default()).expect("compiled CLDR decimal data"),
                plurals: PluralRules::try_new_cardinal(self.locale().into()).expect("compiled CLDR plural data"),
            }
        })
    }

    fn chrono(self) -> chrono::Locale {
        match self {
            Lang::En => chrono::Locale::en_CA,
            Lang::Fr => chrono::Locale::fr_CA,
        }
    }

    /// A whole number with the language's digit grouping: `1,420`, `1 420`
    /// (a no-break space).
    pub fn number(self, n: i64) -> String {
        self.formatters().decimal.format(&Decimal::from(n)).to_string()
    }

    /// A whole percentage: `96%`, `96 %` (a no-break space).
    pub fn percent(self, p: i64) -> String {
        match self {
            Lang::En => format!("{}%", self.number(p)),
            Lang::Fr => format!("{}{NBSP}%", self.number(p)),
        }
    }

    /// Whether `n` takes the singular form (`one`): 1 in English, 0 and 1
    /// in French.
    pub fn is_one(self, n: u64) -> bool {
        self.formatters().plurals.category_for(n) == PluralCategory::One
    }

    /// A month's name (`0` is January): `October`, `octobre`.
    pub fn month(self, month0: u32) -> String {
        let date = NaiveDate::from_ymd_opt(2000, month0 % 12 + 1, 1).unwrap_or_default();
        date.format_localized("%B", self.chrono()).to_string()
    }

    /// A month's short name, for axes: `Oct`, `oct.`. (glibc's `fr_CA`
    /// abbreviations are three letters, `jui` for both June and July; its
    /// `fr_FR` ones are the usual French abbreviations.)
    pub fn short_month(self, date: NaiveDate) -> String {
        let locale = match self {
            Lang::En => chrono::Locale::en_CA,
            Lang::Fr => chrono::Locale::fr_FR,
        };
        date.format_localized("%b", locale).to_string()
    }

    /// A day's number as a date writes it: `1er` for the first in French.
    fn day(self, date: NaiveDate) -> String {
        match (self, date.day()) {
            (Lang::Fr, 1) => "1er".to_string(),
            (_, d) => d.to_string(),
        }
    }

    /// A day and month: `June 19`, `19 juin`.
    pub fn day_month(self, date: NaiveDate) -> String {
        match self {
            Lang::En => format!("{} {}", self.month(date.month0()), date.day()),
            Lang::Fr => format!("{} {}", self.day(date), self.month(date.month0())),
        }
    }

    /// A date in full: `October 7, 2025`, `7 octobre 2025`.
    pub fn long_date(self, date: NaiveDate) -> String {
        match self {
            Lang::En => format!("{}, {}", self.day_month(date), date.year()),
            Lang::Fr => format!("{} {}", self.day_month(date), date.year()),
        }
    }

    /// A day as a sentence names it: `June 19th`, `19 juin`.
    pub fn day_words(self, date: NaiveDate) -> String {
        match self {
            Lang::En => format!("{} {}{}", self.month(date.month0()), date.day(), ordinal(date.day())),
            Lang::Fr => self.day_month(date),
        }
    }

    /// A date with its weekday: `Tuesday, October 7th, 2025`, `mardi 7
    /// octobre 2025`.
    pub fn date_words(self, date: NaiveDate) -> String {
        let weekday = date.format_localized("%A", self.chrono()).to_string();
        match self {
            Lang::En => format!("{weekday}, {}, {}", self.day_words(date), date.year()),
            Lang::Fr => format!("{weekday} {}", self.long_date(date)),
        }
    }

    /// A month of a year: `October 2025`, `octobre 2025`.
    pub fn month_year(self, date: NaiveDate) -> String {
        format!("{} {}", self.month(date.month0()), date.year())
    }

    /// A range of days that always gives the year: `from June 19 to
    /// September 22, 2025` (`du 19 juin au 22 septembre 2025`), both years
    /// across years, `on June 19, 2025` (`le 19 juin 2025`) for one day.
    pub fn date_range(self, first: NaiveDate, last: NaiveDate) -> String {
        let (a, b) = (first.min(last), first.max(last));
        let from = if a.year() == b.year() { self.day_month(a) } else { self.long_date(a) };
        match (self, a == b) {
            (Lang::En, true) => format!("on {}", self.long_date(a)),
            (Lang::En, false) => format!("from {from} to {}", self.long_date(b)),
            (Lang::Fr, true) => format!("le {}", self.long_date(a)),
            (Lang::Fr, false) => format!("du {from} au {}", self.long_date(b)),
        }
    }

    /// A time of day: `10:00 a.m.`, `12:30 p.m.`; `10 h`, `12 h 30`.
    pub fn time(self, t: NaiveTime) -> String {
        match self {
            Lang::En => format!("{} {}", t.format("%-I:%M"), if t.hour() < 12 { "a.m." } else { "p.m." }),
            Lang::Fr if t.minute() == 0 => format!("{}{NBSP}h", t.hour()),
            Lang::Fr => format!("{}{NBSP}h{NBSP}{:02}", t.hour(), t.minute()),
        }
    }

    /// Fixed words as the language sets them: in French, a space before
    /// `:` `;` `!` `?` `»` `%` and after `«` becomes a no-break space, so the
    /// sign never starts a line. Other languages' words are unchanged.
    pub fn typeset(self, text: &str) -> String {
        if self != Lang::Fr || !text.contains(' ') {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let glued = c == ' ' && (matches!(after, Some(':' | ';' | '!' | '?' | '»' | '%')) || before == Some('«'));
            out.push(if glued { NBSP } else { c });
        }
        out
    }
}

/// The English ordinal suffix of a day: 1st, 2nd, 3rd, 4th, 11th, 22nd.
fn ordinal(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_and_percents() {
        assert_eq!(Lang::En.number(1420), "1,420");
        assert_eq!(Lang::Fr.number(1420), "1\u{a0}420");
        assert_eq!(Lang::Fr.number(-1234567), "-1\u{a0}234\u{a0}567");
        assert_eq!(Lang::En.percent(96), "96%");
        assert_eq!(Lang::Fr.percent(96), "96\u{a0}%");
        assert!(Lang::En.is_one(1) && !Lang::En.is_one(0) && !Lang::En.is_one(2));
        assert!(Lang::Fr.is_one(0) && Lang::Fr.is_one(1) && !Lang::Fr.is_one(2));
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(Lang::Fr.long_date(d(2025, 10, 7)), "7 octobre 2025");
        assert_eq!(Lang::Fr.long_date(d(2025, 10, 1)), "1er octobre 2025");
        assert_eq!(Lang::En.long_date(d(2025, 10, 7)), "October 7, 2025");
        assert_eq!(Lang::Fr.date_range(d(2025, 6, 19), d(2025, 9, 22)), "du 19 juin au 22 septembre 2025");
        assert_eq!(Lang::Fr.date_range(d(2024, 12, 3), d(2025, 1, 15)), "du 3 décembre 2024 au 15 janvier 2025");
        assert_eq!(Lang::En.date_range(d(2025, 6, 19), d(2025, 9, 22)), "from June 19 to September 22, 2025");
        assert_eq!(Lang::Fr.date_range(d(2025, 6, 19), d(2025, 6, 19)), "le 19 juin 2025");
        assert_eq!(Lang::Fr.date_words(d(2025, 10, 7)), "mardi 7 octobre 2025");
        assert_eq!(Lang::En.date_words(d(2025, 10, 7)), "Tuesday, October 7th, 2025");
        assert_eq!(Lang::Fr.month_year(d(2024, 11, 5)), "novembre 2024");
        assert_eq!(Lang::Fr.short_month(d(2025, 7, 1)), "juil.");
        assert_eq!(Lang::En.short_month(d(2025, 7, 1)), "Jul");
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(Lang::Fr.time(t(10, 0)), "10\u{a0}h");
        assert_eq!(Lang::Fr.time(t(12, 30)), "12\u{a0}h\u{a0}30");
        assert_eq!(Lang::En.time(t(12, 0)), "12:00 p.m.");
        assert_eq!(Lang::En.time(t(10, 0)), "10:00 a.m.");
        assert_eq!([1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map(ordinal), ["st", "nd", "rd", "th", "th", "th", "th", "st", "nd", "rd"]);
    }

    #[test]
    fn french_spaces() {
        assert_eq!(
            Lang::Fr.typeset("But : « Autres réponses » ; 96 % !"),
            "But\u{a0}: «\u{a0}Autres réponses\u{a0}»\u{a0}; 96\u{a0}%\u{a0}!"
        );
        assert_eq!(Lang::Fr.typeset("https://wecoss.ca"), "https://wecoss.ca");
        assert_eq!(Lang::En.typeset("Goals : x"), "Goals : x");
    }
}

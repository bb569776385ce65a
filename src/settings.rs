//! Settings staff choose once: `wecoss.toml` in the working folder (the
//! folder the command runs in, where `init` writes it, beside `inputs/`).
//! Every command reads it; a flag given on the command line overrides it.
//! An unknown key is an error with a `did you mean`, so a typo is never
//! silently ignored.

use std::path::{Path, PathBuf};

use crate::locale::Lang;
use crate::tables::values::DateOrder;

/// The settings file's name, in the working folder.
pub const FILE: &str = "wecoss.toml";

/// The file `init` writes: every setting, explained, with its default.
pub const TEMPLATE: &str = include_str!("cli/init-settings.toml");

/// The settings read from the file; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// How to read numeric dates that no value in their column settles.
    pub date_order: Option<DateOrder>,
    /// The smallest count of people printed as a number.
    pub min_cell: Option<u64>,
    /// The editions' languages (`lang = "en,fr"`).
    pub lang: Option<Vec<Lang>>,
    /// Rows that repeat another row exactly but are records of their own,
    /// each as the warning names it (`events.xlsx › Events › row 14`); they
    /// are counted.
    pub count_repeats: Vec<String>,
}

/// The settings file is malformed: every problem found, in one pass.
#[derive(Debug, thiserror::Error)]
#[error("{}", problems.iter().map(|p| format!("{}: {p}", file.display())).collect::<Vec<_>>().join("\n"))]
pub struct SettingsError {
    /// The file.
    pub file: PathBuf,
    /// What is wrong, one problem each.
    pub problems: Vec<String>,
}

/// The keys understood, for `did you mean`.
const KEYS: [&str; 4] = ["date_order", "min_cell", "lang", "count_repeats"];

impl Settings {
    /// Reads `wecoss.toml` in `dir`; no file is no settings.
    pub fn load(dir: &Path) -> Result<Settings, SettingsError> {
        let file = dir.join(FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => Settings::parse(&text).map_err(|problems| SettingsError { file, problems }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(SettingsError { file, problems: vec![format!("cannot read the file: {e}")] }),
        }
    }

    /// Parses the file's text; returns every problem on failure.
    pub fn parse(text: &str) -> Result<Settings, Vec<String>> {
        let table: toml::Table = toml::from_str(text).map_err(|e| vec![syntax_problem(text, &e)])?;
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        for (key, value) in &table {
            match key.as_str() {
                "date_order" => match value.as_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("dmy") => settings.date_order = Some(DateOrder::Dmy),
                    Some("mdy") => settings.date_order = Some(DateOrder::Mdy),
                    _ => problems.push(format!("`date_order` is {value}, expected \"dmy\" (day first) or \"mdy\" (month first)")),
                },
                "min_cell" => match value.as_integer() {
                    Some(n) if n >= 1 => settings.min_cell = Some(n as u64),
                    _ => problems.push(format!("`min_cell` is {value}; it takes {}", expected("min_cell").unwrap_or_default())),
                },
                "count_repeats" => match value.as_array().map(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()) {
                    Some(Some(rows)) => settings.count_repeats = rows,
                    _ => problems.push(format!(
                        "`count_repeats` is {value}, expected a list of rows as the warnings name them, such as [\"events.xlsx › Events › row 14\"]"
                    )),
                },
                "lang" | "language" => match value.as_str().map(parse_langs) {
                    Some(Some(langs)) => settings.lang = Some(langs),
                    _ => problems.push(format!("`{key}` is {value}, expected \"en\", \"fr\" or \"en,fr\" (both editions)")),
                },
                other => {
                    let hint = crate::diag::did_you_mean(other, KEYS).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
                    let known: Vec<String> = KEYS.iter().map(|k| format!("`{k}`")).collect();
                    problems.push(format!("`{other}` is not a setting{hint} (the settings are {})", known.join(", ")));
                }
            }
        }
        if problems.is_empty() { Ok(settings) } else { Err(problems) }
    }
}

/// What the setting `key` takes, in plain words with an example.
fn expected(key: &str) -> Option<&'static str> {
    Some(match key {
        "date_order" => "\"dmy\" (day first) or \"mdy\" (month first), in quotes: date_order = \"dmy\"",
        "min_cell" => "a whole number of 1 or more, without quotes: min_cell = 5",
        "lang" | "language" => "\"en\", \"fr\" or \"en,fr\" (both editions), in quotes: lang = \"en,fr\"",
        "count_repeats" => "a list of rows as the warnings name them: count_repeats = [\"events.xlsx › Events › row 14\"]",
        _ => return None,
    })
}

/// A TOML syntax error in words staff can act on: the line, the setting on
/// it, and what that setting takes (not the parser's guess, such as
/// "invalid boolean" for `min_cell = forty-five`).
fn syntax_problem(text: &str, err: &toml::de::Error) -> String {
    let line_no = err.span().map(|s| text.as_bytes()[..s.start.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1);
    let line = line_no.and_then(|n| text.lines().nth(n - 1)).map(str::trim).unwrap_or("");
    let at = line_no.map(|n| format!("line {n}: ")).unwrap_or_default();
    match line.split_once('=') {
        Some((key, _)) if !line.starts_with('[') => {
            let key = key.trim().trim_matches('"');
            match expected(key) {
                Some(wanted) => format!("{at}`{line}` cannot be read: `{key}` takes {wanted}"),
                None => {
                    let hint = crate::diag::did_you_mean(key, KEYS).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default();
                    format!("{at}`{line}` cannot be read{hint}: write text in straight quotes, e.g. {key} = \"…\"")
                }
            }
        }
        _ => format!(
            "{at}`{line}` cannot be read: each line is a setting, `name = value` (see the comments `init` wrote), or a comment starting with #"
        ),
    }
}

/// `en`, `fr` or `en,fr` (any case, spaces allowed); `None` for anything
/// else.
fn parse_langs(text: &str) -> Option<Vec<Lang>> {
    let langs: Option<Vec<Lang>> = text.split(',').map(Lang::from_code).collect();
    langs.filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_valid_and_sets_nothing() {
        assert_eq!(Settings::parse(TEMPLATE), Ok(Settings::default()));
    }

    #[test]
    fn a_word_for_a_number_names_the_setting_and_what_it_takes() {
        let problems = Settings::parse("# mine\nmin_cell = forty-five\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("line 2: `min_cell = forty-five` cannot be read: `min_cell` takes a whole number"), "{problems:?}");
        assert!(!problems[0].contains("boolean"), "{problems:?}");
        let problems = Settings::parse("date_order = dmy\n").unwrap_err();
        assert!(problems[0].contains("`date_order` takes \"dmy\" (day first)"), "{problems:?}");
    }

    #[test]
    fn values_and_typos() {
        let s = Settings::parse("date_order = \"dmy\"\nmin_cell = 10\n").unwrap();
        assert_eq!(s, Settings { date_order: Some(DateOrder::Dmy), min_cell: Some(10), lang: None, count_repeats: Vec::new() });
        let s = Settings::parse("lang = \"en, FR\"\n").unwrap();
        assert_eq!(s.lang, Some(vec![Lang::En, Lang::Fr]));
        let problems = Settings::parse("lang = \"de\"\nlangue = \"fr\"\n").unwrap_err();
        assert!(problems[0].contains("`lang` is \"de\", expected \"en\", \"fr\" or \"en,fr\""), "{problems:?}");
        assert!(problems[1].contains("`langue` is not a setting; did you mean `lang`?"), "{problems:?}");
        let problems = Settings::parse("date_ordr = \"dmy\"\nmin_cell = 0\n").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`date_ordr` is not a setting; did you mean `date_order`?"), "{problems:?}");
        assert!(problems[1].contains("`min_cell` is 0"), "{problems:?}");
    }
}

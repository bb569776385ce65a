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
        let table: toml::Table = toml::from_str(text).map_err(|e| vec![e.to_string().trim().replace('\n', " ")])?;
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
                    _ => problems.push(format!("`min_cell` is {value}, expected a whole number of 1 or more, such as 5")),
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

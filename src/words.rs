//! Small helpers for the words every stage writes: counts with their plural,
//! thousands separators, OS errors in plain words. Of the crate it imports
//! only the leaf `locale` (the plural rule of each language).

use crate::locale::Lang;

/// `"s"` when `n` is not one, for a regular English plural: `row{}`.
pub fn s(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `n` and `noun`, with the noun's regular plural: `1 file`, `3 files`,
/// `1,420 rows`.
pub fn count(n: u64, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n as i64), s(n))
}

/// `1420` → `1,420`.
pub fn thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// A phrase with a count, in the form its number needs: `one` for 1 (and,
/// in French, 0), `other` for any other number. Each has a `{n}` field for the number.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Plural {
    /// The form for one: `{n} activity`.
    #[serde(default)]
    pub one: String,
    /// The form for every other number: `{n} activities`.
    #[serde(default)]
    pub other: String,
}

impl Plural {
    /// The form `lang` gives `n` (French says "0 projet"), its `{n}`
    /// replaced by `n` as written in `shown` (such as `1,420`); other fields
    /// stay for [`fill`].
    pub fn shown(&self, n: u64, shown: &str, lang: Lang) -> String {
        fill(if lang.is_one(n) { &self.one } else { &self.other }, &[("n", shown)])
    }

    /// The form `lang` gives `n`, its `{n}` replaced by `n` as `lang`
    /// writes it.
    pub fn of(&self, n: u64, lang: Lang) -> String {
        self.shown(n, &lang.number(n as i64), lang)
    }
}

/// `sentence` with each `{name}` field replaced by its value from `fields`;
/// a field not in `fields` stays as written.
pub fn fill(sentence: &str, fields: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut rest = sentence;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| fields.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, *v)));
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// An OS error in words, lowercase and without the error number:
/// "the disk is full", "permission denied" (never a temporary file's path).
pub fn io_words(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::NotADirectory => "a part of the path is a file, not a folder".to_string(),
        std::io::ErrorKind::QuotaExceeded => "the disk quota is used up".to_string(),
        std::io::ErrorKind::IsADirectory => "a folder has that name".to_string(),
        _ => {
            let text = err.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let text = text.split(" at path ").next().unwrap_or(text).to_string();
            let mut chars = text.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_plurals() {
        assert_eq!(count(1, "row"), "1 row");
        assert_eq!(count(1420, "row"), "1,420 rows");
        assert_eq!(count(0, "file"), "0 files");
        assert_eq!(thousands(-1234567), "-1,234,567");
        assert_eq!(fill("{n} of {total} {x}", &[("n", "3"), ("total", "4")]), "3 of 4 {x}");
        let p = Plural { one: "{n} row".into(), other: "{n} rows".into() };
        assert_eq!((p.of(1, Lang::En), p.of(1420, Lang::En)), ("1 row".to_string(), "1,420 rows".to_string()));
        assert_eq!((p.of(0, Lang::Fr), p.of(1420, Lang::Fr)), ("0 row".to_string(), "1\u{a0}420 rows".to_string()));
    }
}

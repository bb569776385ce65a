//! Small helpers for the words every stage writes: counts with their plural,
//! thousands separators, ordinals, OS errors in plain words. A leaf: it imports nothing of the crate.

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

/// The English ordinal suffix of a day: 1st, 2nd, 3rd, 4th, 11th, 22nd.
pub fn ordinal(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
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
        assert_eq!([1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map(ordinal), ["st", "nd", "rd", "th", "th", "th", "th", "st", "nd", "rd"]);
    }
}

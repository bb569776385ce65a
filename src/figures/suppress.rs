//! Small-cell suppression for counts of people, so no one can be singled
//! out from a small count.
//!
//! A count from 1 to `min - 1` prints as `<min`, with no percentage. Where a
//! total is shown beside a breakdown, a single suppressed cell could be
//! worked out from the total, so the next smallest cell is suppressed too.

use serde::Serialize;

use crate::locale::Lang;

/// One count as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// The count, or `None` when suppressed (never serialized otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
    /// The count as printed: `1,420` or `<5`.
    pub shown: String,
    /// The percentage of the breakdown's total as printed (`38%`), or empty
    /// when suppressed or when there is no total.
    pub percent: String,
    /// The fraction of the total for drawing (0 when suppressed).
    pub share: f64,
    /// Whether it is suppressed.
    pub suppressed: bool,
}

/// Which cells of a breakdown to suppress.
pub fn suppressed_cells(values: &[u64], min: u64, total_shown: bool) -> Vec<bool> {
    let mut out: Vec<bool> = values.iter().map(|&v| v > 0 && v < min).collect();
    if total_shown && out.iter().filter(|s| **s).count() == 1 {
        // Protect the lone suppressed cell: also hide the next smallest.
        if let Some((i, _)) = values.iter().enumerate().filter(|(i, v)| !out[*i] && **v > 0).min_by_key(|(i, v)| (**v, *i)) {
            out[i] = true;
        }
    }
    out
}

/// Formats a breakdown of people counts with suppression. `total` is the
/// denominator for percentages (usually the sum).
pub fn people(values: &[u64], total: u64, min: u64, total_shown: bool, lang: Lang) -> Vec<Count> {
    let hidden = suppressed_cells(values, min, total_shown);
    values
        .iter()
        .zip(hidden)
        .map(|(&v, suppressed)| {
            if suppressed {
                Count { value: None, shown: format!("<{min}"), percent: String::new(), share: 0.0, suppressed }
            } else {
                plain(v, total, lang)
            }
        })
        .collect()
}

/// Pools every label given fewer than `min` times into one item named
/// `other` (such as "Other answers"), placed last, unless `named` says the label is a
/// known category (a scale option, a municipality of the region). What a
/// respondent typed thus prints only when many typed the same. Returns the
/// items and how many labels were pooled.
pub fn pool_rare(items: Vec<(String, u64)>, min: u64, other: &str, named: impl Fn(&str) -> bool) -> (Vec<(String, u64)>, usize) {
    let (kept, rare): (Vec<_>, Vec<_>) = items.into_iter().partition(|(label, v)| *v >= min || named(label));
    let pooled = rare.len();
    let mut out = kept;
    if pooled > 0 {
        out.push((other.to_string(), rare.iter().map(|(_, v)| v).sum()));
    }
    (out, pooled)
}

/// Formats a count that is not of people (plans, events): never suppressed.
pub fn plain(v: u64, total: u64, lang: Lang) -> Count {
    let (percent, share) = match super::whole_percent(v, total) {
        Some(p) => (lang.percent(p as i64), v as f64 / total as f64),
        None => (String::new(), 0.0),
    };
    Count { value: Some(v), shown: lang.number(v as i64), percent, share, suppressed: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cells_are_hidden() {
        assert_eq!(suppressed_cells(&[28, 12, 3, 9], 5, false), [false, false, true, false]);
        // With a total beside it, the lone small cell needs a partner.
        assert_eq!(suppressed_cells(&[28, 12, 3, 9], 5, true), [false, false, true, true]);
        assert_eq!(suppressed_cells(&[28, 2, 3, 9], 5, true), [false, true, true, false]);
        assert_eq!(suppressed_cells(&[0, 7], 5, true), [false, false]);
    }

    #[test]
    fn rare_labels_are_pooled_unnamed() {
        let items = vec![
            ("Resident".to_string(), 40),
            ("Service provider".to_string(), 9),
            ("Dana's aunt".to_string(), 1),
            ("Teacher".to_string(), 3),
            ("Windsor".to_string(), 2),
        ];
        let (pooled, n) = pool_rare(items, 5, "Other answers", |l| l == "Windsor");
        assert_eq!(n, 2);
        let labels: Vec<&str> = pooled.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["Resident", "Service provider", "Windsor", "Other answers"]);
        assert_eq!(pooled[3].1, 4);
        let (same, n) = pool_rare(vec![("Yes".into(), 7)], 5, "Other answers", |_| false);
        assert_eq!((same.len(), n), (1, 0));
    }

    #[test]
    fn suppressed_counts_print_without_value_or_percent() {
        let counts = people(&[28, 3, 9], 40, 5, true, Lang::En);
        assert_eq!(counts[1].shown, "<5");
        assert_eq!(counts[1].value, None);
        assert_eq!(counts[1].percent, "");
        assert_eq!(counts[2].shown, "<5", "secondary suppression");
        assert_eq!(counts[0].shown, "28");
        assert_eq!(counts[0].percent, "70%");
    }
}

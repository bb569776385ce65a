//! Bar charts from counts: the top categories and "N others", alt text
//! that says the highest and lowest, and this year's chart paired with
//! last year's on one scale.

use std::collections::BTreeMap;

use serde::Serialize;

use super::*;

/// One bar of a bar chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// What the bar counts.
    pub label: String,
    /// The count.
    #[serde(flatten)]
    pub count: Count,
    /// The bar's length, 0 to 1 of the longest bar (0 when suppressed).
    /// The "N others" bar is drawn on the scale of the bars it follows,
    /// never setting it: at most 1, `clipped` when longer.
    pub length: f64,
    /// Whether it is the "N others" bar, the total of the smallest
    /// categories (drawn apart, in a lighter colour).
    pub others: bool,
    /// Whether its length is cut at the chart's width (an "N others" bar
    /// longer than every category's).
    pub clipped: bool,
}

/// A bar chart with its description: the one description of the chart
/// that the PDF, the web page and the deck each draw.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    /// The chart's kind: `bar`.
    pub kind: &'static str,
    /// The chart's title.
    pub title: String,
    /// The bars, in display order.
    pub bars: Vec<Bar>,
    /// The total of all bars, as printed (empty when not shown).
    pub total: String,
    /// The description for screen readers, from the data.
    pub alt: String,
    /// A caption printed under the chart: empty, or what was folded into
    /// the "N others" bar.
    pub note: String,
    /// For a multi-select question, the respondents who answered it, as
    /// printed: each bar's percent is of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondents: Option<String>,
    /// What the bars count (`plans`).
    pub unit: String,
    /// Whether the chart is drawn: not for a single category (one bar at
    /// 100% says nothing a sentence does not), which `sentence` states.
    pub drawn: bool,
    /// For a chart not drawn, the sentence printed instead: "Plans
    /// distributed by plan, 2025: Neighbourhood plan (1,234 plans)."
    pub sentence: String,
    /// Every category's value as a table (all of them, also those folded
    /// into "N others").
    pub table: DataTable,
}

/// The most bars a chart draws: few enough that a chart, also with last
/// year's bars under this year's, keeps to one page. A chart with more
/// categories shows the `MAX_BARS - 1` largest and one bar "N others"
/// carrying the rest's total; its data table gives every category.
pub const MAX_BARS: usize = 12;

/// Folds all but the `max - 1` largest items into one last item, "N
/// others", that carries their total. The kept items stay in their order.
/// Returns the items and, when folded, how many went into "others".
/// `others` names the last item (`{count}`).
pub fn top_and_others(items: Vec<(String, u64)>, max: usize, others: &str) -> (Vec<(String, u64)>, Option<usize>) {
    if items.len() <= max.max(2) {
        return (items, None);
    }
    let keep = max.max(2) - 1;
    let mut by_size: Vec<usize> = (0..items.len()).collect();
    by_size.sort_by(|&a, &b| items[b].1.cmp(&items[a].1).then(a.cmp(&b)));
    let mut kept = vec![false; items.len()];
    for &i in &by_size[..keep] {
        kept[i] = true;
    }
    let folded = items.len() - keep;
    let rest: u64 = items.iter().zip(&kept).filter(|(_, k)| !**k).map(|(i, _)| i.1).sum();
    let mut out: Vec<(String, u64)> = items.into_iter().zip(&kept).filter(|(_, k)| **k).map(|(i, _)| i).collect();
    out.push((fill(others, &[("count", &folded.to_string())]), rest));
    (out, Some(folded))
}

/// Builds a bar chart. `people` turns on suppression with `min`. Above
/// [`MAX_BARS`] categories, the smallest are folded into one "N others" bar,
/// and the caption and alt text say so. The description lists every value
/// when there are at most [`MAX_LISTED`]; else it names the highest and
/// lowest and the chart's data table goes to the PDF's appendix.
pub(super) fn bar_chart(
    words: &ReportWords,
    title: &str,
    what: &str,
    items: Vec<(String, u64)>,
    people: Option<u64>,
    show_total: bool,
) -> BarChart {
    let categories = items.len();
    let counts_of = |values: &[u64], total: u64| -> Vec<Count> {
        match people {
            Some(min) => suppress::people(values, total, min, show_total, words.language),
            None => values.iter().map(|&v| suppress::plain(v, total, words.language)).collect(),
        }
    };
    // Every category, for the data table.
    let all_values: Vec<u64> = items.iter().map(|(_, v)| *v).collect();
    let total: u64 = all_values.iter().sum();
    let all: Vec<(String, Count)> = items.iter().map(|(l, _)| l.clone()).zip(counts_of(&all_values, total)).collect();
    let (items, folded) = top_and_others(items, MAX_BARS, &words.labels.others);
    let values: Vec<u64> = items.iter().map(|(_, v)| *v).collect();
    let counts = counts_of(&values, total);
    let is_others = |i: usize| folded.is_some() && i + 1 == items.len();
    // The scale is the categories', never the "N others" bar's.
    let max = counts.iter().enumerate().filter(|(i, _)| !is_others(*i)).filter_map(|(_, c)| c.value).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = items
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, ((label, _), count))| {
            let length = count.value.map(|v| v as f64 / max as f64).unwrap_or(0.0);
            Bar { length: length.min(1.0), clipped: length > 1.0, others: is_others(i), label: label.clone(), count }
        })
        .collect();
    let total_shown = if show_total { words.language.number(total as i64) } else { String::new() };
    let mut table = DataTable::of_bars(words, title, &all, &total_shown, false);
    let marked = crate::marked::has_marks(title) || all.iter().any(|(l, _)| crate::marked::has_marks(l));
    // The extremes are named among the categories, not the "others" bar.
    let mut alt = if marked && words.language != Lang::En {
        // English data in another language's edition: no English word in
        // the description's sentences; the table, marked, gives them.
        table.in_appendix = true;
        words.alt.bar_chart_plain.clone()
    } else if all.len() <= MAX_LISTED {
        let mut alt = chart_alt(&words.alt, title, what, &[], words.language);
        if !all.is_empty() {
            alt.push(' ');
            alt.push_str(&listed(&words.alt, &all, what));
        }
        alt
    } else {
        table.in_appendix = true;
        chart_alt(&words.alt, title, what, if folded.is_some() { &bars[..bars.len() - 1] } else { &bars }, words.language)
    };
    let mut note = String::new();
    if let (Some(folded), Some(others)) = (folded, bars.last()) {
        note = folded_note(&words.alt, bars.len() - 1, categories, &others.label, folded, &others.count.shown, what);
        alt.push(' ');
        alt.push_str(&note);
    }
    // English data in another language's edition is never set inside a
    // sentence of that language (its language could not be marked there):
    // such a chart is drawn, its label a text of its own.
    let sentence = if categories == 1 && !(marked && words.language != Lang::En) {
        fill(&words.alt.one_category, &[("title", title), ("label", &all[0].0), ("count", &all[0].1.shown), ("unit", what)])
    } else {
        String::new()
    };
    BarChart {
        kind: "bar",
        title: title.to_string(),
        bars,
        total: total_shown,
        alt,
        note,
        respondents: None,
        unit: what.to_string(),
        drawn: sentence.is_empty(),
        sentence,
        table,
    }
}

/// The caption of a chart whose smallest bars are folded into one: "The 19
/// largest of 30 are shown; the bar “11 others” adds up the other 11 (836
/// plans)."
fn folded_note(words: &AltWords, kept: usize, categories: usize, others: &str, folded: usize, total: &str, what: &str) -> String {
    fill(
        &words.folded,
        &[
            ("kept", &kept.to_string()),
            ("categories", &thousands(categories as i64)),
            ("others", others),
            ("folded", &thousands(folded as i64)),
            ("total", total),
            ("unit", what),
        ],
    )
}

/// "Bar chart: Plans distributed by month, 2025. Highest July (412 plans),
/// lowest January (38)." Suppressed bars are described as such.
pub(super) fn chart_alt(words: &AltWords, title: &str, what: &str, bars: &[Bar], lang: Lang) -> String {
    let shown: Vec<&Bar> = bars.iter().filter(|b| !b.count.suppressed).collect();
    // A title that ends a sentence itself takes no second full stop.
    let pattern = if title.ends_with(['.', '?', '!']) { words.bar_chart.replace("{title}.", "{title}") } else { words.bar_chart.clone() };
    let mut alt = fill(&pattern, &[("title", title)]);
    if bars.is_empty() {
        return alt;
    }
    if let (Some(hi), Some(lo)) = (shown.iter().max_by_key(|b| b.count.value), shown.iter().rev().min_by_key(|b| b.count.value)) {
        alt.push(' ');
        if shown.len() > 1 {
            alt.push_str(&fill(
                &words.highest_lowest,
                &[
                    ("highest", &hi.label),
                    ("highest_count", &hi.count.shown),
                    ("lowest", &lo.label),
                    ("lowest_count", &lo.count.shown),
                    ("unit", what),
                ],
            ));
        } else {
            alt.push_str(&fill(&words.single, &[("label", &hi.label), ("count", &hi.count.shown), ("unit", what)]));
        }
    }
    let hidden = bars.len() - shown.len();
    if hidden > 0 {
        alt.push(' ');
        alt.push_str(&words.hidden.shown(hidden as u64, &lang.number(hidden as i64), lang));
    }
    alt
}

/// Draws two charts on one scale: each bar's length is of the longest
/// bar of either (an "N others" bar never sets the scale, and is cut at
/// it).
pub(super) fn common_scale(a: &mut BarChart, b: &mut BarChart) {
    let max = a.bars.iter().chain(&b.bars).filter(|b| !b.others).filter_map(|b| b.count.value).max().unwrap_or(0).max(1) as f64;
    for bar in a.bars.iter_mut().chain(b.bars.iter_mut()) {
        let length = bar.count.value.map(|v| v as f64 / max).unwrap_or(0.0);
        bar.length = length.min(1.0);
        bar.clipped = length > 1.0;
    }
}

/// This year's and last year's breakdown (`now`, `then`) as two charts
/// with the same categories in the same order (this year's ranking, then
/// those only last year had) on one scale. Past [`MAX_BARS`] categories,
/// the same smallest ones are folded into "N others" in both, and each
/// chart's caption says so.
pub(super) fn paired_charts(
    words: &ReportWords,
    title_now: &str,
    title_then: &str,
    what: &str,
    now: Vec<(String, u64)>,
    then: Vec<(String, u64)>,
) -> (BarChart, BarChart) {
    let value = |items: &[(String, u64)], label: &str| items.iter().find(|(l, _)| l == label).map_or(0, |(_, v)| *v);
    let mut labels: Vec<String> = now.iter().map(|(l, _)| l.clone()).collect();
    let mut only_then: Vec<&(String, u64)> = then.iter().filter(|(l, _)| !labels.contains(l)).collect();
    only_then.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    labels.extend(only_then.into_iter().map(|(l, _)| l.clone()));
    let categories = labels.len();
    let keep = if categories > MAX_BARS.max(2) { MAX_BARS.max(2) - 1 } else { categories };
    let side = |items: &[(String, u64)]| {
        let mut out: Vec<(String, u64)> = labels[..keep].iter().map(|l| (l.clone(), value(items, l))).collect();
        if keep < categories {
            out.push((
                fill(&words.labels.others, &[("count", &(categories - keep).to_string())]),
                labels[keep..].iter().map(|l| value(items, l)).sum(),
            ));
        }
        out
    };
    let mut a = bar_chart(words, title_now, what, side(&now), None, false);
    let mut b = bar_chart(words, title_then, what, side(&then), None, false);
    if keep < categories {
        for (chart, items) in [(&mut a, &now), (&mut b, &then)] {
            if let Some(last) = chart.bars.last_mut() {
                last.others = true;
            }
            // The table gives every category, the description its
            // extremes and where the table is.
            let values: Vec<u64> = labels.iter().map(|l| value(items, l)).collect();
            let total: u64 = values.iter().sum();
            let all: Vec<(String, Count)> =
                labels.iter().cloned().zip(values.iter().map(|&v| suppress::plain(v, total, words.language))).collect();
            chart.table = DataTable::of_bars(words, &chart.title, &all, "", false);
            chart.table.in_appendix = true;
            let others = chart.bars.last().map(|o| (o.label.clone(), o.count.shown.clone())).unwrap_or_default();
            chart.note = folded_note(&words.alt, keep, categories, &others.0, categories - keep, &others.1, what);
            let marked = crate::marked::has_marks(&chart.title) || all.iter().any(|(l, _)| crate::marked::has_marks(l));
            chart.alt = if marked && words.language != Lang::En {
                words.alt.bar_chart_plain.clone()
            } else {
                chart_alt(&words.alt, &chart.title, what, &chart.bars[..chart.bars.len() - 1], words.language)
            };
            chart.alt.push(' ');
            chart.alt.push_str(&chart.note);
        }
    }
    common_scale(&mut a, &mut b);
    (a, b)
}

/// Sums values by label and ranks them, largest first (ties by label).
pub(super) fn ranked<K: Ord + Into<String>>(items: impl Iterator<Item = (K, u64)>) -> Vec<(String, u64)> {
    let mut sums: BTreeMap<K, u64> = BTreeMap::new();
    for (k, v) in items {
        *sums.entry(k).or_default() += v;
    }
    let mut out: Vec<(String, u64)> = sums.into_iter().map(|(k, v)| (k.into(), v)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Sums values by label, keeping first-seen order.
pub(super) fn ranked_in_order(items: impl Iterator<Item = (String, u64)>) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for (k, v) in items {
        match out.iter_mut().find(|(l, _)| *l == k) {
            Some(e) => e.1 += v,
            None => out.push((k, v)),
        }
    }
    out
}

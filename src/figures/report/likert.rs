//! Likert charts: each statement a bar diverging from the neutral answer,
//! small counts pooled, "Not answered" apart, aligned across a section.

use serde::Serialize;

use super::*;

/// One segment of a diverging Likert bar.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// The option, `fewer than 5` (the privacy threshold) for the pooled
    /// small counts, or `Not answered`.
    pub label: String,
    /// Its count. For the pooled segment, `shown` is `<5` and `share` the
    /// pooled options' combined share.
    #[serde(flatten)]
    pub count: Count,
    /// Its position on the scale, 0 (most negative) to 1.
    pub tone: f64,
    /// `negative`, `neutral` or `positive` for a scale option; `pooled` for
    /// the suppressed options together; `not-answered`.
    pub kind: &'static str,
    /// For the pooled segment, the options it holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<String>,
}

/// A Likert question as a bar diverging from the neutral answer. Shares
/// are of the respondents who answered; the pooled small counts and "Not
/// answered" are drawn apart, after the scale, in grey.
#[derive(Debug, Clone, Serialize)]
pub struct LikertChart {
    /// The chart's kind: `likert`.
    pub kind: &'static str,
    /// The question.
    pub question: String,
    /// Respondents who answered it.
    pub answered: String,
    /// The segments: the scale's options in order (negative, neutral,
    /// positive), then the pooled `fewer than 5` segment when any option is
    /// suppressed, then `Not answered`.
    pub segments: Vec<Segment>,
    /// The share drawn left of the centre line: the shown negative options
    /// and half the neutral one.
    pub left: f64,
    /// The largest `left` of the section's charts, so that their centre
    /// lines align and statements compare.
    pub left_extent: f64,
    /// The largest share right of the centre of the section's charts.
    pub right_extent: f64,
    /// The largest pooled plus not-answered share of the section's charts.
    pub side_extent: f64,
    /// The combined share of suppressed segments.
    pub suppressed_share: f64,
    /// The description for screen readers.
    pub alt: String,
    /// Whether the chart carries the key to its colours: the first of a
    /// run of charts with the same answers (the others share its key).
    pub legend: bool,
    /// Every segment's value as a table.
    pub table: DataTable,
}

/// A Likert chart of `values` (one per option of `options`, in scale
/// order), out of `answered`, with `not_answered` respondents who left the
/// question blank.
pub(super) fn likert_chart(
    words: &ReportWords,
    question: &str,
    options: &[String],
    values: &[u64],
    answered: u64,
    not_answered: u64,
    min: u64,
) -> LikertChart {
    let counts = suppress::people(values, answered, min, true, words.language);
    let n = options.len();
    let steps = (n.max(2) - 1) as f64;
    // The neutral option is the middle one of an odd scale; an even scale
    // has none and its centre falls between the two middle options.
    let kind_of = |i: usize| {
        if n % 2 == 1 && i == n / 2 {
            "neutral"
        } else if 2 * i + 1 < n {
            "negative"
        } else {
            "positive"
        }
    };
    let suppressed_share =
        values.iter().zip(&counts).filter(|(_, c)| c.suppressed).map(|(v, _)| *v as f64).sum::<f64>() / answered.max(1) as f64;
    let mut segments: Vec<Segment> = options
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (o, count))| Segment { label: o.clone(), count, tone: i as f64 / steps, kind: kind_of(i), holds: Vec::new() })
        .collect();
    let left: f64 = segments
        .iter()
        .filter(|s| !s.count.suppressed)
        .map(|s| match s.kind {
            "negative" => s.count.share,
            "neutral" => s.count.share / 2.0,
            _ => 0.0,
        })
        .sum();
    let holds: Vec<String> = segments.iter().filter(|s| s.count.suppressed).map(|s| s.label.clone()).collect();
    let alt = &words.alt;
    let min_text = min.to_string();
    let mut described: Vec<String> = segments
        .iter()
        .filter(|s| !s.count.suppressed)
        .map(|s| fill(&alt.likert_segment, &[("option", &s.label), ("count", &s.count.shown), ("percent", &s.count.percent)]))
        .collect();
    if !holds.is_empty() {
        described.push(fill(&alt.likert_pooled, &[("options", &holds.join(&alt.list_and)), ("min", &min_text)]));
        segments.push(Segment {
            label: fill(&words.labels.fewer_than, &[("min", &min_text)]),
            count: Count { value: None, shown: format!("<{min}"), percent: String::new(), share: suppressed_share, suppressed: true },
            tone: 0.5,
            kind: "pooled",
            holds,
        });
    }
    let mut na = suppress::people(&[not_answered], not_answered, min, false, words.language).remove(0);
    // Drawn on the same scale as the answers (a share of those who
    // answered); when nobody answered there is no scale, only the legend.
    na.share = if na.suppressed || answered == 0 { 0.0 } else { not_answered as f64 / answered as f64 };
    na.percent = String::new();
    described.push(fill(&alt.likert_not_answered, &[("count", &na.shown)]));
    segments.push(Segment { label: words.labels.not_answered.clone(), count: na, tone: 0.5, kind: "not-answered", holds: Vec::new() });
    let answered_text = words.language.number(answered as i64);
    let rows: Vec<(String, Count)> = segments
        .iter()
        .map(|s| {
            let label = if s.holds.is_empty() { s.label.clone() } else { format!("{} ({})", s.label, s.holds.join(&alt.list_separator)) };
            (label, s.count.clone())
        })
        .collect();
    let mut table = DataTable::of_bars(words, question, &rows, "", true);
    let marked = crate::marked::has_marks(question) || options.iter().any(|o| crate::marked::has_marks(o));
    let alt = if marked && words.language != Lang::En {
        // English data in another language's edition: the table, marked,
        // gives the answers.
        table.in_appendix = true;
        alt.likert_plain.clone()
    } else {
        fill(&alt.likert, &[("answered", &answered_text), ("question", question), ("segments", &described.join(&alt.list_separator))])
    };
    LikertChart {
        kind: "likert",
        question: question.to_string(),
        answered: words.language.number(answered as i64),
        segments,
        left,
        left_extent: 0.0,
        right_extent: 0.0,
        side_extent: 0.0,
        suppressed_share,
        alt,
        legend: true,
        table,
    }
}

/// Gives every chart the section's common extents, so their centre lines
/// align.
pub(super) fn align_likert(charts: &mut [LikertChart]) {
    let right = |c: &LikertChart| {
        c.segments
            .iter()
            .filter(|s| !s.count.suppressed)
            .map(|s| match s.kind {
                "positive" => s.count.share,
                "neutral" => s.count.share / 2.0,
                _ => 0.0,
            })
            .sum::<f64>()
    };
    let side =
        |c: &LikertChart| c.segments.iter().filter(|s| matches!(s.kind, "pooled" | "not-answered")).map(|s| s.count.share).sum::<f64>();
    let l = charts.iter().map(|c| c.left).fold(0.0, f64::max);
    let r = charts.iter().map(right).fold(0.0, f64::max);
    let sd = charts.iter().map(side).fold(0.0, f64::max);
    // One key for each run of charts with the same answers.
    let mut previous: Option<Vec<String>> = None;
    for c in charts.iter_mut() {
        let options: Vec<String> = c.segments.iter().filter(|s| s.kind != "pooled").map(|s| s.label.clone()).collect();
        c.legend = previous.as_ref() != Some(&options);
        previous = Some(options);
    }
    for c in charts {
        c.left_extent = l;
        c.right_extent = r;
        c.side_extent = sd;
    }
}

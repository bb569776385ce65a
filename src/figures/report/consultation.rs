//! The consultation section: survey respondents by municipality and role
//! (rare answers pooled), Likert and multi-select questions, focus groups.

use std::collections::BTreeSet;

use super::*;

/// The municipalities of Windsor-Essex, always named in a breakdown.
pub(super) const REGION_MUNICIPALITIES: [&str; 9] =
    ["Amherstburg", "Essex", "Kingsville", "Lakeshore", "LaSalle", "Leamington", "Pelee", "Tecumseh", "Windsor"];

/// The municipalities a survey answer may be named as (normalized): the
/// region's, and those in the staff's own tables.
pub(super) fn known_municipalities(data: &Dataset) -> BTreeSet<String> {
    let staff = data
        .events
        .iter()
        .map(|e| e.municipality.as_deref())
        .chain(data.distribution.iter().map(|d| d.municipality.as_deref()))
        .chain(data.focus_groups.iter().map(|f| f.municipality.as_deref()))
        .chain(data.stakeholders.iter().map(|s| s.municipality.as_deref()))
        .flatten();
    REGION_MUNICIPALITIES.into_iter().chain(staff).map(normalize).collect()
}

/// A bar chart of what respondents answered, with the answers given by
/// fewer than `min` pooled unnamed (see [`suppress::pool_rare`]) and the
/// pooling said in its description.
pub(super) fn pooled_chart(
    words: &ReportWords,
    title: &str,
    items: Vec<(String, u64)>,
    min: u64,
    show_total: bool,
    named: impl Fn(&str) -> bool,
) -> BarChart {
    let other = &words.labels.other_answers;
    let (items, pooled) = suppress::pool_rare(items, min, other, named);
    let mut chart = bar_chart(words, title, &words.units.respondents, items, Some(min), show_total);
    if pooled > 0 {
        chart.alt.push(' ');
        chart.alt.push_str(&fill(&words.alt.pooled, &[("min", &min.to_string()), ("other_answers", other)]));
    }
    chart
}

/// Gives a multi-select chart's bars their percent of the `answered`
/// respondents (who could choose several, so they add up to more than
/// 100%). Suppressed bars keep `<5` with no percent; the pooled "Other
/// answers" (and an "N others" bar) counts choices, not people, so it has
/// none either.
pub(super) fn of_respondents(words: &ReportWords, chart: &mut BarChart, answered: u64) {
    // The "N others" bar of a folded chart also counts choices.
    let folded = if chart.note.is_empty() { usize::MAX } else { chart.bars.len().saturating_sub(1) };
    for (i, b) in chart.bars.iter_mut().enumerate() {
        let pooled = b.label == words.labels.other_answers || i == folded;
        match b.count.value {
            Some(v) if !b.count.suppressed && !pooled => {
                let p = whole_percent(v, answered);
                b.count.percent = p.map(|p| words.language.percent(p as i64)).unwrap_or_default();
                b.count.share = if answered > 0 { v as f64 / answered as f64 } else { 0.0 };
            }
            _ => {
                b.count.percent = String::new();
            }
        }
    }
    // The table's percents are the bars', of respondents too (a category
    // folded into "N others" shows none).
    if chart.table.columns.len() > 2 {
        for row in &mut chart.table.rows {
            row[2] = chart.bars.iter().find(|b| b.label == row[0] && !b.others).map(|b| b.count.percent.clone()).unwrap_or_default();
        }
    }
    let n = words.language.number(answered as i64);
    chart.alt.push(' ');
    chart.alt.push_str(&words.alt.multi_select.shown(answered, &n, words.language));
    chart.respondents = Some(n);
}

/// The consultation section: survey breakdowns and focus groups, with
/// small counts of people suppressed.
pub(super) fn consultation(
    data: &Dataset,
    responses: &[(&Survey, &crate::tables::Response)],
    focus: &[&crate::tables::FocusGroup],
    min: u64,
    label: &str,
    words: &ReportWords,
) -> Consultation {
    let not_answered = &words.labels.not_answered;
    let title = |pattern: &str| fill(pattern, &[("year", label)]);
    let n = responses.len() as u64;
    // What respondents typed prints only as an answer many gave, or as a
    // municipality the region or the staff's own tables know.
    let known = known_municipalities(data);
    let breakdown = |title: &str, pick: &dyn Fn(&crate::tables::Response) -> Option<String>, named: &dyn Fn(&str) -> bool| {
        let items = ranked(responses.iter().map(|(_, r)| (pick(r).unwrap_or_else(|| not_answered.clone()), 1)));
        (n > 0).then(|| pooled_chart(words, title, items, min, true, |l| l == not_answered || named(l)))
    };
    let by_municipality =
        breakdown(&title(&words.charts.respondents_by_municipality), &|r| r.municipality.as_deref().map(str::to_string), &|l| {
            known.contains(&normalize(l))
        });
    let by_role = if responses.iter().any(|(_, r)| r.role.is_some()) {
        breakdown(&title(&words.charts.respondents_by_role), &|r| r.role.as_deref().map(str::to_string), &|_| false)
    } else {
        None
    };

    let mut likert = Vec::new();
    let mut single = Vec::new();
    let mut multi = Vec::new();
    let mut yes_no = Vec::new();
    let mut free_text_questions = 0;
    let mut free_text_answers = 0;
    for survey in &data.surveys {
        let rows: Vec<_> = responses.iter().filter(|(s, _)| std::ptr::eq(*s, survey)).map(|(_, r)| *r).collect();
        if rows.is_empty() {
            continue;
        }
        for (qi, q) in survey.questions.iter().enumerate() {
            let answers: Vec<&crate::tables::Answer> = rows.iter().filter_map(|r| r.answers.get(qi).and_then(|a| a.as_ref())).collect();
            let answered = answers.len() as u64;
            let one = |a: &&crate::tables::Answer| match a {
                crate::tables::Answer::One(s) => Some(s.clone()),
                _ => None,
            };
            match q.kind {
                QuestionType::Likert => {
                    let values: Vec<u64> =
                        q.options.iter().map(|o| answers.iter().filter_map(one).filter(|a| a == o).count() as u64).collect();
                    let not_answered = rows.len() as u64 - answered;
                    let options: Vec<String> = q.options.iter().map(|o| words.answer(o)).collect();
                    likert.push(likert_chart(words, &q.text, &options, &values, answered, not_answered, min));
                }
                QuestionType::YesNo => {
                    let items = ranked(answers.iter().filter_map(one).map(|a| (words.answer(&a), 1)));
                    yes_no.push(bar_chart(words, &q.text, &words.units.respondents, items, Some(min), true));
                }
                QuestionType::SingleChoice => {
                    let items = ranked(answers.iter().filter_map(one).map(|a| (a, 1)));
                    single.push(pooled_chart(words, &q.text, items, min, true, |_| false));
                }
                QuestionType::MultiSelect => {
                    let items = ranked(
                        answers
                            .iter()
                            .flat_map(|a| match a {
                                crate::tables::Answer::Many(v) => v.to_vec(),
                                crate::tables::Answer::One(s) => vec![s.clone()],
                                _ => Vec::new(),
                            })
                            .map(|o| (o, 1)),
                    );
                    // Each option is its own count of people; no total of
                    // options is shown, so only primary suppression applies.
                    let mut chart = pooled_chart(words, &q.text, items, min, false, |_| false);
                    of_respondents(words, &mut chart, answered);
                    multi.push(chart);
                }
                QuestionType::FreeText => {
                    free_text_questions += 1;
                    free_text_answers += answered;
                }
                QuestionType::Number => {}
            }
        }
    }

    align_likert(&mut likert);
    let focus_groups = focus
        .iter()
        .map(|f| FocusRow {
            date: f.date,
            group: f.group.clone(),
            municipality: f.municipality.clone(),
            participants: match f.participants {
                Some(v) => suppress::people(&[v], v, min, false, words.language).remove(0),
                None => suppress::Count {
                    value: None,
                    shown: words.labels.participants_not_recorded.clone(),
                    percent: String::new(),
                    share: 0.0,
                    suppressed: false,
                },
            },
        })
        .collect();
    let themes = (!focus.is_empty() && focus.iter().any(|f| !f.themes.is_empty())).then(|| {
        let items = ranked(focus.iter().flat_map(|f| {
            let mut t: Vec<String> = f.themes.iter().map(|t| crate::tables::capitalize(t)).collect();
            t.sort();
            t.dedup();
            t.into_iter().map(|t| (t, 1))
        }));
        // Themes are categories: one raised in a single session could point
        // to the people in it, so it is counted, never named.
        let other = &words.labels.other_themes;
        let (items, pooled) = suppress::pool_rare(items, crate::tables::staff_text::THEME_SESSIONS, other, |_| false);
        let mut chart = bar_chart(words, &title(&words.charts.focus_group_themes), &words.units.sessions, items, None, false);
        if pooled > 0 {
            chart.alt.push(' ');
            chart.alt.push_str(&fill(&words.alt.themes_pooled, &[("other_themes", other)]));
        }
        chart
    });

    Consultation {
        responses: n,
        by_municipality,
        by_role,
        likert,
        single,
        multi,
        yes_no,
        free_text_questions,
        free_text_answers,
        focus_groups,
        focus_groups_by_month: None,
        focus_group_count: 0,
        themes,
    }
}

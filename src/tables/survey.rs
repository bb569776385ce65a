//! Survey exports: Microsoft Forms and Google Forms (one header row) and
//! SurveyMonkey (two header rows), with question types inferred from the
//! answers. Identifying and form-metadata columns are dropped here, at read
//! time, so no later stage can print them; free-text answers keep no text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Datelike;

use super::dates::DateScan;
use super::kinds::{self, normalize};
use super::ledger::Bucket;
use super::privacy::{self, Identifying};
use super::records::{Answer, Question, QuestionType, Response, Survey, Text, Texts};
use super::sheet::SheetMeta;
use super::survey_rows::{RowRef, SurveyRows};
use super::values;
use super::{ColumnDates, Dataset, Header, ReadOptions, SheetReport, is_date_column};
use crate::diag::{Diagnostics, Location};
use crate::glyphs;
use crate::ingest::Cell;

/// The scales recognized (agreement, satisfaction, safety, frequency), each
/// from most negative to most positive. Their options are the only answer
/// labels printed whatever their counts (small counts as `<5`).
pub const LIKERT_SCALES: [&[&str]; 14] = [
    &["strongly disagree", "disagree", "neutral", "agree", "strongly agree"],
    &["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"],
    &["strongly disagree", "somewhat disagree", "neither agree nor disagree", "somewhat agree", "strongly agree"],
    &["strongly disagree", "disagree", "agree", "strongly agree"],
    &["disagree", "neutral", "agree"],
    &["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"],
    &["very dissatisfied", "dissatisfied", "neither satisfied nor dissatisfied", "satisfied", "very satisfied"],
    &["very unsafe", "unsafe", "neutral", "safe", "very safe"],
    &["very unsafe", "unsafe", "neither safe nor unsafe", "safe", "very safe"],
    &["never", "rarely", "sometimes", "often", "always"],
    &["pas du tout d'accord", "pas d'accord", "neutre", "d'accord", "tout à fait d'accord"],
    &["pas du tout d'accord", "plutôt pas d'accord", "ni d'accord ni pas d'accord", "plutôt d'accord", "tout à fait d'accord"],
    &["fortement en désaccord", "en désaccord", "neutre", "d'accord", "fortement d'accord"],
    &["très insatisfait", "insatisfait", "neutre", "satisfait", "très satisfait"],
];

/// The most distinct answers a single-choice question may have.
pub const MAX_CHOICES: usize = 12;

/// One question's columns: a single column, or a SurveyMonkey run of option
/// columns.
struct QuestionColumns {
    text: String,
    /// `(position, option label)`; the label is `None` for a single column.
    columns: Vec<(usize, Option<String>)>,
}

/// Reads a survey sheet (every row of it, in `all`) whose header was found
/// at row `header.pos`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_survey(
    sheet: &SheetMeta,
    all: &SurveyRows,
    header: &Header,
    options: ReadOptions,
    data: &mut Dataset,
    report: &mut SheetReport,
    diags: &mut Diagnostics,
    texts: &mut Texts,
) {
    let head = all.get(header.pos);
    let sub =
        (header.pos + 1 < all.len()).then(|| all.get(header.pos + 1)).filter(|r| is_subheader(r.cells()) && r.index == head.index + 1);
    let after_head = header.pos + 1 + usize::from(sub.is_some());
    // A blank workbook's hint row, right under the header(s): skipped.
    let hint = (after_head < all.len()).then(|| all.get(after_head)).filter(|r| {
        r.index == head.index + 1 + u32::from(sub.is_some())
            && crate::blank::is_hint(r.cells().map(|c| c.display()).collect::<Vec<_>>().iter().map(String::as_str))
    });
    let first_data = after_head + usize::from(hint.is_some());
    let known: Vec<usize> = header.columns.iter().flatten().copied().collect();
    // The sheet's width. Rows of a workbook sheet span all its columns as
    // calamine's range has them (a streamed xlsx row stops at its last
    // cell, so the widest row says); a CSV's are as long as each line.
    let width = match &sheet.sheet {
        None => head.len().max(sub.map_or(0, |r| r.len())),
        Some(_) => (0..all.len()).map(|i| all.get(i).len()).max().unwrap_or(0),
    };

    // Group columns into questions, dropping identifying and metadata ones.
    let mut groups: Vec<QuestionColumns> = Vec::new();
    let mut dropped = 0;
    let mut dropping_run = false;
    let mut ignored = Vec::new();
    for pos in 0..width {
        let text = head.get(pos).map(Cell::display).unwrap_or_default();
        let label = sub.and_then(|r| r.get(pos)).map(Cell::display).filter(|s| !s.is_empty());
        if known.contains(&pos) {
            dropping_run = false;
            continue;
        }
        if text.is_empty() {
            // SurveyMonkey: a blank top cell continues the question on its left.
            if dropping_run {
                dropped += 1;
            } else if let (Some(group), Some(label), Some(sub)) = (groups.last_mut(), label, sub) {
                let label = glyphs::checked(label, || sheet.cell_location(sub.index, pos), diags);
                group.columns.push((pos, Some(label)));
            }
            continue;
        }
        let norm = normalize(&text);
        let asks_identity = privacy::identifying_header(&text);
        if asks_identity {
            diags.note(sheet.cell_location(head.index, pos), format!("column `{text}` was dropped: {}", Identifying::Header.describe()));
        }
        if asks_identity || kinds::is_metadata(&norm) || kinds::SUBMITTED.contains(&norm.as_str()) {
            dropped += 1;
            dropping_run = true;
            continue;
        }
        dropping_run = false;
        let label = label.filter(|l| !matches!(normalize(l).as_str(), "response" | "open ended response"));
        let text = glyphs::checked(text, || sheet.cell_location(head.index, pos), diags);
        let label = match (label, sub) {
            (Some(label), Some(sub)) => Some(glyphs::checked(label, || sheet.cell_location(sub.index, pos), diags)),
            (label, _) => label,
        };
        groups.push(QuestionColumns { text, columns: vec![(pos, label)] });
    }
    report.columns_ignored.clear();

    if let Some(sub) = sub {
        report.ledger.push(sub.index + 1, Bucket::Header);
    }
    if let Some(hint) = hint {
        report.ledger.push(hint.index + 1, Bucket::Hint);
        diags.note(sheet.location().at_row(hint.index + 1), "a blank workbook's hint row (every cell starts `e.g.`): skipped");
    }
    // The header row pasted again (an export appended to itself with its
    // header) is skipped: none of its cells is an answer.
    let known_texts: Vec<(usize, String)> =
        known.iter().filter_map(|&pos| head.get(pos).map(|c| (pos, normalize(&c.display())))).filter(|(_, t)| !t.is_empty()).collect();
    let header_again = |i: usize| {
        let row = all.get(i);
        !known_texts.is_empty() && known_texts.iter().all(|(pos, text)| row.get(*pos).is_some_and(|c| normalize(&c.display()) == *text))
    };
    let repeated_headers: std::collections::HashSet<usize> = (first_data..all.len()).filter(|&i| header_again(i)).collect();
    let rows = || (first_data..all.len()).filter(|i| !repeated_headers.contains(i)).map(|i| all.get(i));
    let orders = date_orders(sheet, header, rows(), options, diags);
    let submitted_pos = header.columns[0];
    // Exports often ask "What municipality do you live in?" instead of
    // naming the column: such a question is the municipality (or role).
    let municipality_pos = header.columns[1]
        .or_else(|| take_question(&mut groups, &["municipality", "where do you live", "town do you live", "city do you live"]));
    let role_pos = header.columns[2].or_else(|| take_question(&mut groups, &["your role", "respondent type", "which best describes you"]));

    // Deny by default: a column holding an identifying value in any row is
    // dropped whatever its header says, and said so without the value.
    let latest_year = submitted_pos
        .and_then(|pos| rows().filter_map(|r| orders[0].read(r.get(pos).unwrap_or(&Cell::Empty)).ok()).map(|d| d.year()).max());
    let mut identifying = |pos: usize, text: &str, per_cell: &HashMap<u32, usize>, diags: &mut Diagnostics| {
        // Cells are numbered as first met, so the first row's find is named.
        let mut numbers: Vec<u32> = per_cell.keys().copied().collect();
        numbers.sort_unstable();
        let found = numbers.into_iter().find_map(|n| identifying_cell(all.cell(n), latest_year))?;
        diags
            .warning(sheet.cell_location(head.index, pos), format!("column `{text}` was dropped and is not counted: {}", found.describe()));
        dropped += 1;
        Some(found)
    };
    let distinct = |pos: usize| {
        let mut per_cell: HashMap<u32, usize> = HashMap::new();
        for row in rows() {
            *per_cell.entry(row.number(pos)).or_default() += 1;
        }
        per_cell
    };
    let header_text = |pos: usize| head.get(pos).map(Cell::display).unwrap_or_default();
    let municipality_pos = municipality_pos.filter(|&pos| identifying(pos, &header_text(pos), &distinct(pos), diags).is_none());
    let role_pos = role_pos.filter(|&pos| identifying(pos, &header_text(pos), &distinct(pos), diags).is_none());

    // Infer each question's type from its answers: each distinct answer
    // and how often it was given.
    let mut questions = Vec::new();
    let mut kept = Vec::new();
    // Per question kept: its answers that are near misses of a scale
    // answer (normalized), with the scale answer each is close to.
    let mut near: Vec<HashMap<String, String>> = Vec::new();
    for group in groups {
        near.truncate(questions.len());
        near.resize(questions.len(), HashMap::new());
        let (kind, options_found) = if group.columns.len() > 1 || group.columns[0].1.is_some() {
            let labels = group.columns.iter().filter_map(|(_, l)| l.clone()).collect();
            (QuestionType::MultiSelect, labels)
        } else {
            let pos = group.columns[0].0;
            let per_cell = distinct(pos);
            if identifying(pos, &group.text, &per_cell, diags).is_some() {
                continue;
            }
            let mut answers: BTreeMap<String, usize> = BTreeMap::new();
            for (number, count) in per_cell {
                let cell = all.cell(number);
                if !cell.is_empty() {
                    *answers.entry(cell.display()).or_default() += count;
                }
            }
            let answers: Vec<(String, usize)> = answers.into_iter().collect();
            match infer_counted(&group.text, &answers) {
                (QuestionType::Likert, options) => (QuestionType::Likert, options),
                other => match likert_near_miss(&answers) {
                    // A scale question with typos: still a scale, and each
                    // typo an error at its cell (never a silent retype of
                    // the question as a choice).
                    Some((options, misses)) => {
                        near.push(misses);
                        (QuestionType::Likert, options)
                    }
                    None => other,
                },
            }
        };
        near.resize(questions.len() + 1, HashMap::new());
        if kind == QuestionType::FreeText {
            ignored.push(group.text.clone());
        }
        // Answer options print as read; a cell whose characters cannot be
        // shown is warned about once, as its answer is read below.
        let options_found = options_found.into_iter().map(glyphs::shown).collect();
        *report.questions.entry(kind).or_default() += 1;
        questions.push(Question { text: group.text.clone(), kind, options: options_found });
        kept.push(group);
    }
    let groups = kept;
    report.columns_dropped = dropped;

    // A one-column question's answer depends only on its cell: each
    // distinct cell is read once, with the warning to give where it occurs.
    // Per question: cell number → (answer, warning).
    type Read = HashMap<u32, (Option<Answer>, Option<String>)>;
    let mut read: Vec<Read> = vec![HashMap::new(); groups.len()];
    let mut responses = Vec::with_capacity(all.len().saturating_sub(first_data));
    for i in first_data..all.len() {
        let row = all.get(i);
        if repeated_headers.contains(&i) {
            report.ledger.push(row.index + 1, Bucket::RepeatedHeader);
            diags.note(sheet.location().at_row(row.index + 1), "the header row again: skipped");
            continue;
        }
        let cell = |pos: Option<usize>| pos.and_then(|p| row.get(p)).unwrap_or(&Cell::Empty);
        let Some(pos) = submitted_pos else { continue };
        let submitted_cell = cell(Some(pos));
        let submitted = match orders[0].read(submitted_cell) {
            Ok(dt) => dt,
            Err(expected) => {
                if !orders[0].ambiguous {
                    diags.error(sheet.cell_location(row.index, pos), format!("found {}, expected {expected}", found_kind(submitted_cell)));
                }
                report.ledger.push(row.index + 1, Bucket::Error);
                continue;
            }
        };
        let mut text_of = |pos: Option<usize>| match cell(pos) {
            // Printable as it is (no warning to give): the cell's own value.
            Cell::Text(t) if glyphs::replace(t).is_none() => Some(t.clone()),
            c => {
                let text = Some(c.display()).filter(|s| !s.is_empty())?;
                Some(texts.take(checked_answer(text, || sheet.cell_location(row.index, pos.unwrap_or(0)), diags)))
            }
        };
        let municipality = text_of(municipality_pos);
        let role = text_of(role_pos);
        let answers = groups
            .iter()
            .zip(&questions)
            .zip(read.iter_mut())
            .map(|((group, q), read)| {
                let (pos, label) = &group.columns[0];
                if group.columns.len() > 1 || label.is_some() {
                    return answer(q, group, |p| cell(Some(p)), texts);
                }
                let (answer, warning) = read.entry(row.number(*pos)).or_insert_with(|| {
                    let answer = answer(q, group, |p| cell(Some(p)), texts);
                    // Only an answer that prints is checked (free text never does).
                    let replaced = match (&answer, cell(Some(*pos))) {
                        (Some(Answer::One(_) | Answer::Many(_)), Cell::Text(text)) => glyphs::replace(text),
                        _ => None,
                    };
                    // Said without the characters: an answer never reaches a message.
                    let warning = replaced.as_ref().filter(|r| !r.missing.is_empty()).map(|_| UNSHOWN_ANSWER.to_string());
                    let answer = answer.map(|a| shown_answer(a, replaced.is_some(), texts));
                    (answer, warning)
                });
                if let Some(message) = warning {
                    diags.warning(sheet.cell_location(row.index, *pos), message.clone());
                }
                answer.clone()
            })
            .collect();
        let mut failed = false;
        for (q, group) in groups.iter().enumerate() {
            let Some(misses) = near.get(q).filter(|m| !m.is_empty()) else { continue };
            let pos = group.columns[0].0;
            if let Some(label) = misses.get(&normalize(&cell(Some(pos)).display())) {
                // Said without the answer itself: an answer never reaches a message.
                diags.error(
                    sheet.cell_location(row.index, pos),
                    format!("this answer is not one of the question's scale answers; it is close to `{label}`: correct the cell"),
                );
                failed = true;
            }
        }
        if failed {
            report.ledger.push(row.index + 1, Bucket::Error);
            continue;
        }
        responses.push(Response { submitted, municipality, role, answers, row: row.index + 1 });
        report.ledger.push(row.index + 1, Bucket::Counted);
    }
    report.rows_used = responses.len();
    data.surveys.push(Survey { file: sheet.file.clone(), sheet: sheet.sheet.clone(), questions, responses });
}

/// The warning for an answer with characters no font can show. It names
/// no character: an answer never reaches a message.
const UNSHOWN_ANSWER: &str = "an answer here has characters that cannot be shown; they print as □";

/// [`glyphs::checked`] for an answer: the warning names no character.
fn checked_answer(text: String, location: impl FnOnce() -> Location, diags: &mut Diagnostics) -> String {
    match glyphs::replace(&text) {
        None => text,
        Some(r) => {
            if !r.missing.is_empty() {
                diags.warning(location(), UNSHOWN_ANSWER);
            }
            r.text
        }
    }
}

/// What kind of value a survey cell holds, for messages that must not
/// quote it.
fn found_kind(cell: &Cell) -> &'static str {
    match cell {
        Cell::Empty => "an empty cell",
        Cell::Text(_) => "text",
        Cell::Number(_) => "a number",
        Cell::Bool(_) => "a true/false value",
        Cell::DateTime(_) | Cell::Time(_) => "a date or time",
        Cell::Error(_) => "an error value",
    }
}

/// The identifying detail a survey cell holds, if any: a detector's find,
/// or a date of birth (a date at least 12 years before the latest
/// response).
fn identifying_cell(cell: &Cell, latest_year: Option<i32>) -> Option<Identifying> {
    let birth = |year: i32| latest_year.is_some_and(|latest| privacy::birth_year(year, latest));
    match cell {
        Cell::DateTime(dt) => birth(dt.year()).then_some(Identifying::BirthDate),
        Cell::Text(text) => privacy::identifying_value(text).or_else(|| {
            let date = values::parse_text_date(text)?.resolve(Some(values::DateOrder::Mdy))?;
            birth(date.year()).then_some(Identifying::BirthDate)
        }),
        Cell::Number(_) => privacy::identifying_value(&cell.display()),
        _ => None,
    }
}

/// The day/month order of each date column of a survey (its `submitted`),
/// from its data rows; the orders' errors go into `diags`.
fn date_orders<'a>(
    sheet: &SheetMeta,
    header: &Header,
    rows: impl Iterator<Item = RowRef<'a>>,
    options: ReadOptions,
    diags: &mut Diagnostics,
) -> Vec<ColumnDates> {
    let mut scans: Vec<Option<DateScan>> = header
        .kind
        .columns()
        .iter()
        .zip(&header.columns)
        .map(|(spec, pos)| pos.filter(|_| is_date_column(spec.name)).map(DateScan::new))
        .collect();
    for row in rows {
        for scan in scans.iter_mut().flatten() {
            scan.observe_cell(row.index, row.get(scan.pos), sheet);
        }
    }
    scans
        .iter_mut()
        .map(|scan| match scan {
            Some(scan) => {
                let dates = scan.settle(sheet, options.clone());
                diags.extend(std::mem::take(&mut scan.diags));
                dates
            }
            None => ColumnDates::default(),
        })
        .collect()
}

/// Removes the first single-column question whose text contains one of
/// `phrases` and returns its column.
fn take_question(groups: &mut Vec<QuestionColumns>, phrases: &[&str]) -> Option<usize> {
    let i = groups.iter().position(|g| {
        let text = normalize(&g.text);
        g.columns.len() == 1 && g.columns[0].1.is_none() && phrases.iter().any(|p| text.contains(p))
    })?;
    Some(groups.remove(i).columns[0].0)
}

/// Whether a row is SurveyMonkey's second header row.
fn is_subheader<'c>(mut cells: impl Iterator<Item = &'c Cell>) -> bool {
    cells.any(|c| matches!(normalize(&c.display()).as_str(), "response" | "open ended response"))
}

/// One response's answer to one question.
fn answer<'c>(q: &Question, group: &QuestionColumns, cell: impl Fn(usize) -> &'c Cell, texts: &mut Texts) -> Option<Answer> {
    if q.kind == QuestionType::MultiSelect && group.columns.iter().any(|(_, l)| l.is_some()) {
        let chosen: Vec<Text> =
            group.columns.iter().filter(|(p, _)| !cell(*p).is_empty()).filter_map(|(_, l)| l.as_deref().map(|l| texts.get(l))).collect();
        return (!chosen.is_empty()).then_some(Answer::Many(Box::new(chosen)));
    }
    let c = cell(group.columns[0].0);
    if c.is_empty() {
        return None;
    }
    let text = c.display();
    Some(match q.kind {
        QuestionType::FreeText if privacy::is_filler(&text) => return None,
        QuestionType::FreeText => Answer::Text,
        QuestionType::Number => match c {
            Cell::Number(n) => Answer::Number(*n),
            _ => text.trim().parse().map(Answer::Number).unwrap_or(Answer::Text),
        },
        QuestionType::MultiSelect => Answer::Many(Box::new(split_options(&text).into_iter().map(|o| texts.take(o)).collect())),
        QuestionType::Likert => Answer::One(texts.take(canonical_option(&q.options, &text))),
        QuestionType::YesNo => Answer::One(texts.get(if values::parse_yes_no(c) == Ok(Some(true)) { "Yes" } else { "No" })),
        QuestionType::SingleChoice => Answer::One(texts.take(text)),
    })
}

/// A one-column answer as it will print: characters no font can show are
/// replaced (see [`glyphs`]); `changes` says its cell's text has some (or
/// other characters that do not print), which is warned about where it
/// occurs. Free-text answers keep no text, so they are never warned about;
/// a SurveyMonkey option label was checked with the header.
fn shown_answer(answer: Answer, changes: bool, texts: &mut Texts) -> Answer {
    if !changes {
        return answer;
    }
    let shown = |t: Text, texts: &mut Texts| texts.take(glyphs::shown(t.into()));
    match answer {
        Answer::One(s) => Answer::One(shown(s, texts)),
        Answer::Many(v) => Answer::Many(Box::new(v.into_iter().map(|s| shown(s, texts)).collect())),
        other => other,
    }
}

/// The option of `options` that matches `text` ignoring case.
fn canonical_option(options: &[String], text: &str) -> String {
    let norm = normalize(text);
    options.iter().find(|o| normalize(o) == norm).cloned().unwrap_or_else(|| text.to_string())
}

/// Splits a multi-select answer on `;` (or `,` when there is no `;`).
fn split_options(text: &str) -> Vec<String> {
    let sep = if text.contains(';') { ';' } else { ',' };
    text.split(sep).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// Infers a question's type and options from its non-empty answers.
///
/// Free text is the default: a question is only a choice when its answers
/// repeat, so a handful of comments can never be mistaken for options and
/// printed.
#[cfg(test)]
pub fn infer(question: &str, answers: &[String]) -> (QuestionType, Vec<String>) {
    let mut counted: BTreeMap<String, usize> = BTreeMap::new();
    for a in answers {
        *counted.entry(a.clone()).or_default() += 1;
    }
    infer_counted(question, &counted.into_iter().collect::<Vec<_>>())
}

/// [`infer`] from each distinct answer (in order) and how often it was given.
fn infer_counted(question: &str, answers: &[(String, usize)]) -> (QuestionType, Vec<String>) {
    if answers.is_empty() || privacy::open_ended_header(question) {
        return (QuestionType::FreeText, Vec::new());
    }
    let norms: BTreeSet<String> = answers.iter().map(|(a, _)| normalize(a)).collect();
    for scale in LIKERT_SCALES {
        // Compared as normalized (no case, accents or apostrophes), printed as written.
        let scale_norms: Vec<String> = scale.iter().map(|s| normalize(s)).collect();
        if norms.iter().all(|n| scale_norms.contains(n)) {
            let options = scale.iter().map(|s| capitalize(s)).collect();
            return (QuestionType::Likert, options);
        }
    }
    if norms.iter().all(|n| matches!(n.as_str(), "yes" | "no" | "y" | "n" | "oui" | "non")) {
        return (QuestionType::YesNo, vec!["Yes".into(), "No".into()]);
    }
    if answers.iter().all(|(a, _)| a.trim().parse::<f64>().is_ok()) {
        return (QuestionType::Number, Vec::new());
    }
    let recurring = |distinct: usize, total: usize| distinct * 2 <= total;
    let total: usize = answers.iter().map(|(_, n)| n).sum();
    if answers.iter().any(|(a, _)| a.chars().count() > 80) {
        return (QuestionType::FreeText, Vec::new());
    }
    // A column is a choice only when some answer other than "No", "N/A" or
    // "None" was given by many: a few written answers among such fillers
    // are comments, however short.
    let many = |n: usize| n >= privacy::MANY;
    let has_multi = answers.iter().any(|(a, _)| a.contains(';')) || answers.iter().any(|(a, _)| a.contains(", "));
    if has_multi {
        let mut pieces = 0;
        let mut options: BTreeMap<String, usize> = BTreeMap::new();
        for (a, n) in answers {
            let split = split_options(a);
            pieces += split.len() * n;
            for o in split {
                *options.entry(o).or_default() += n;
            }
        }
        let given_by_many = options.iter().any(|(o, &n)| many(n) && !privacy::is_filler(o));
        if options.len() <= MAX_CHOICES * 2 && recurring(options.len(), pieces) && given_by_many {
            return (QuestionType::MultiSelect, options.into_keys().collect());
        }
    }
    // `answers` holds each distinct answer once, in order.
    let given_by_many = answers.iter().any(|(a, n)| many(*n) && !privacy::is_filler(a));
    if answers.len() <= MAX_CHOICES && recurring(answers.len(), total) && given_by_many {
        return (QuestionType::SingleChoice, answers.iter().map(|(a, _)| a.clone()).collect());
    }
    (QuestionType::FreeText, Vec::new())
}

/// A question whose answers are a scale's but for a few typos (`Agre`,
/// `Stronlgy agree`): the scale's options, and each typo (normalized) with
/// the scale answer it is close to. Most answers (four in five) must be the
/// scale's own, and every other one within two edits of one of them.
fn likert_near_miss(answers: &[(String, usize)]) -> Option<(Vec<String>, HashMap<String, String>)> {
    let total: usize = answers.iter().map(|(_, n)| n).sum();
    for scale in LIKERT_SCALES {
        let scale_norms: Vec<String> = scale.iter().map(|s| normalize(s)).collect();
        let mut on_scale = 0;
        let mut misses = HashMap::new();
        let mut fits = true;
        for (answer, n) in answers {
            let norm = normalize(answer);
            if scale_norms.contains(&norm) {
                on_scale += n;
                continue;
            }
            let closest = scale_norms
                .iter()
                .zip(scale.iter())
                .map(|(s, label)| (crate::diag::edit_distance(&norm, s), label))
                .min_by_key(|(d, _)| *d)
                .filter(|(d, _)| *d <= 2 && norm.chars().count() >= 3);
            match closest {
                Some((_, label)) => drop(misses.insert(norm, capitalize(label))),
                None => {
                    fits = false;
                    break;
                }
            }
        }
        if fits && !misses.is_empty() && on_scale * 5 >= total * 4 {
            return Some((scale.iter().map(|s| capitalize(s)).collect(), misses));
        }
    }
    None
}

/// The text with its first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn likert_detection() {
        let (kind, options) = infer("The plan was clear", &strings(&["Agree", "strongly agree", "Neutral", "Agree"]));
        assert_eq!(kind, QuestionType::Likert);
        assert_eq!(options.first().map(String::as_str), Some("Strongly disagree"));
        assert_eq!(options.len(), 5);
        let (kind, options) = infer("Q", &strings(&["Agree", "Strongly disagree"]));
        assert_eq!(kind, QuestionType::Likert);
        assert!(!options.is_empty());
    }

    #[test]
    fn other_types() {
        assert_eq!(infer("Used a plan?", &strings(&["Yes", "No", "yes"])).0, QuestionType::YesNo);
        assert_eq!(infer("Age", &strings(&["34", "51"])).0, QuestionType::Number);
        let multi = strings(&["Housing; Stigma", "Stigma", "Housing; Youth", "Youth; Stigma"].repeat(2));
        assert_eq!(infer("Which issues", &multi).0, QuestionType::MultiSelect);
        let single = strings(&["Windsor", "Essex", "Windsor", "Windsor", "Essex"].repeat(2));
        assert_eq!(infer("Town", &single).0, QuestionType::SingleChoice);
        // No option given by five or more: nothing could be named.
        let few = strings(&["Windsor", "Essex", "Windsor", "Windsor", "Essex"]);
        assert_eq!(infer("Town", &few).0, QuestionType::FreeText);
    }

    #[test]
    fn other_scales_are_recognised() {
        let (kind, options) = infer("How satisfied were you?", &strings(&["Satisfied", "Very satisfied", "Dissatisfied"]));
        assert_eq!(kind, QuestionType::Likert);
        assert_eq!(options[0], "Very dissatisfied");
        assert_eq!(infer("How often?", &strings(&["Never", "Sometimes", "Often", "often"])).0, QuestionType::Likert);
        assert_eq!(infer("At night I feel", &strings(&["Unsafe", "Very safe", "Safe"])).0, QuestionType::Likert);
    }

    #[test]
    fn a_few_comments_among_fillers_are_free_text() {
        let mut answers = strings(&["No"; 12]);
        answers.extend(strings(&["N/A"; 6]));
        answers.extend(strings(&["None"; 5]));
        answers.push("The van came late twice".into());
        answers.push("Thanks".into());
        assert_eq!(infer("Q7", &answers).0, QuestionType::FreeText);
        // A choice among fillers stays a choice when an option was given by many.
        let mut answers = strings(&["No"; 6]);
        answers.extend(strings(&["Library"; 7]));
        answers.push("Word of mouth".into());
        assert_eq!(infer("Where did you hear of us?", &answers).0, QuestionType::SingleChoice);
    }

    #[test]
    fn comments_are_free_text() {
        let few = strings(&["My neighbour at 12 Elm St sells", "Thanks"]);
        assert_eq!(infer("Anything else?", &few).0, QuestionType::FreeText);
        assert_eq!(infer("Thoughts", &few).0, QuestionType::FreeText);
    }
}

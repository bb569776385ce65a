//! Rows counted once: a file that is a byte-for-byte copy of another
//! (`events-2025 - Copy.xlsx`) and a sheet whose rows are those of another
//! sheet are left out, with a warning naming both; rows repeated across
//! files (same date, same event, same figures) are warned about with both
//! places.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::{Dataset, Kind, Skipped, Source, normalize};
use crate::diag::{Diagnostics, Location, Severity};

/// At most this many repeated rows are named one by one per pair of files;
/// the rest are counted in one more warning.
const REPEATS_NAMED: usize = 5;

/// Leaves out copies of files and sheets (see the module docs), then warns
/// about rows repeated across files.
pub(crate) fn count_once(data: &mut Dataset, diags: &mut Diagnostics) {
    drop_copied_files(data, diags);
    drop_copied_sheets(data, diags);
    repeated_rows(data, diags);
}

/// A place: file and sheet.
type Place = (String, Option<String>);

fn place_name((file, sheet): &Place) -> String {
    match sheet {
        Some(sheet) => format!("{file} › {sheet}"),
        None => file.clone(),
    }
}

/// Of places holding the same thing, the one taken as the original: the
/// shortest name (a copy's name has something added: ` - Copy`, ` (2)`),
/// then the first in reading order.
fn original<'a>(places: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    places.enumerate().min_by_key(|(i, p)| (p.chars().count(), *i)).map(|(_, p)| p)
}

/// Files with the same bytes as another are left out, but one.
fn drop_copied_files(data: &mut Dataset, diags: &mut Diagnostics) {
    let mut by_hash: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in &data.files {
        by_hash.entry(f.sha256.as_str()).or_default().push(f.file.as_str());
    }
    let mut copies: Vec<(String, String)> = Vec::new();
    for f in &data.files {
        let same = &by_hash[f.sha256.as_str()];
        if same.len() > 1
            && let Some(first) = original(same.iter().copied())
            && first != f.file
        {
            copies.push((f.file.clone(), first.to_string()));
        }
    }
    if copies.is_empty() {
        return;
    }
    // The copies' own diagnostics are the originals' again.
    diags.retain(|d| !copies.iter().any(|(copy, _)| *copy == d.location.file));
    for (copy, original) in &copies {
        diags.warning(
            Location::file(copy.as_str()),
            format!("this file is a byte-for-byte copy of `{original}`; its rows are counted once, from `{original}` (delete one of the two)"),
        );
    }
    let of: HashMap<&str, &str> = copies.iter().map(|(c, o)| (c.as_str(), o.as_str())).collect();
    data.files.retain(|f| !of.contains_key(f.file.as_str()));
    for sheet in &mut data.sheets {
        if let Some(original) = of.get(sheet.file.as_str()) {
            sheet.skipped = Some(Skipped::Copy { of: original.to_string() });
            sheet.rows_used = 0;
        }
    }
    retain_records(data, |file, _| !of.contains_key(file));
}

/// Keeps the records whose (file, sheet) `keep` accepts.
fn retain_records(data: &mut Dataset, keep: impl Fn(&str, Option<&str>) -> bool) {
    fn by<T>(records: &mut Vec<T>, source: impl Fn(&T) -> &Source, keep: &impl Fn(&str, Option<&str>) -> bool) {
        records.retain(|r| {
            let s = source(r);
            keep(&s.file, s.sheet.as_deref())
        });
    }
    by(&mut data.events, |r| &r.source, &keep);
    by(&mut data.distribution, |r| &r.source, &keep);
    by(&mut data.focus_groups, |r| &r.source, &keep);
    by(&mut data.stakeholders, |r| &r.source, &keep);
    by(&mut data.activities, |r| &r.source, &keep);
    by(&mut data.action_items, |r| &r.source, &keep);
    by(&mut data.meetings, |r| &r.source, &keep);
    data.surveys.retain(|s| keep(&s.file, s.sheet.as_deref()));
}

/// A sheet whose records are those of a sheet before it (the same kind, the
/// same values row for row, wherever they sit) is left out.
fn drop_copied_sheets(data: &mut Dataset, diags: &mut Diagnostics) {
    // Only sheets that share their kind and row count with another can be copies.
    let mut sizes: HashMap<(Kind, usize), usize> = HashMap::new();
    for s in data.sheets.iter().filter(|s| s.skipped.is_none() && s.rows_used > 0) {
        if let Some(kind) = s.kind {
            *sizes.entry((kind, s.rows_used)).or_default() += 1;
        }
    }
    // A sheet with errors is never taken for a copy: its bad rows may differ.
    let with_errors: HashSet<Place> =
        diags.of(Severity::Error).map(|d| (d.location.file.clone(), d.location.sheet.clone())).collect();
    let candidates: HashSet<Place> = data
        .sheets
        .iter()
        .filter(|s| s.skipped.is_none() && s.kind.is_some_and(|k| sizes.get(&(k, s.rows_used)).is_some_and(|n| *n > 1)))
        .filter(|s| !with_errors.contains(&(s.file.clone(), s.sheet.clone())))
        .map(|s| (s.file.clone(), s.sheet.clone()))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let prints = fingerprints(data, &candidates);
    let mut same: HashMap<(Kind, u64), Vec<String>> = HashMap::new();
    for s in &data.sheets {
        let place = (s.file.clone(), s.sheet.clone());
        if let (Some(kind), Some(print)) = (s.kind, prints.get(&place)) {
            same.entry((kind, *print)).or_default().push(place_name(&place));
        }
    }
    let mut copies: HashMap<Place, String> = HashMap::new();
    for s in &data.sheets {
        let place = (s.file.clone(), s.sheet.clone());
        let (Some(kind), Some(print)) = (s.kind, prints.get(&place)) else { continue };
        let all = &same[&(kind, *print)];
        if all.len() > 1
            && let Some(first) = original(all.iter().map(String::as_str))
            && first != place_name(&place)
        {
            copies.insert(place, first.to_string());
        }
    }
    if copies.is_empty() {
        return;
    }
    // Problems in a copy are the original's again.
    diags.retain(|d| !copies.contains_key(&(d.location.file.clone(), d.location.sheet.clone())));
    for sheet in &mut data.sheets {
        let place = (sheet.file.clone(), sheet.sheet.clone());
        if let Some(original) = copies.get(&place) {
            diags.warning(
                sheet.location(),
                format!(
                    "this sheet has the same {} rows as `{original}`; they are counted once, from `{original}` (delete one of the two)",
                    sheet.rows_used,
                ),
            );
            sheet.skipped = Some(Skipped::Copy { of: original.clone() });
            sheet.rows_used = 0;
        }
    }
    retain_records(data, |file, sheet| !copies.contains_key(&(file.to_string(), sheet.map(str::to_string))));
}

/// A hash of the records of each sheet in `places`, without where they
/// came from, in row order.
fn fingerprints(data: &Dataset, places: &HashSet<Place>) -> HashMap<Place, u64> {
    let mut hashers: HashMap<Place, std::collections::hash_map::DefaultHasher> = HashMap::new();
    fn add<T: Serialize>(
        records: &[T],
        source: impl Fn(&T) -> &Source,
        places: &HashSet<Place>,
        hashers: &mut HashMap<Place, std::collections::hash_map::DefaultHasher>,
    ) {
        for r in records {
            let s = source(r);
            let place = (s.file.to_string(), s.sheet.as_ref().map(|t| t.to_string()));
            if !places.contains(&place) {
                continue;
            }
            let mut value = serde_json::to_value(r).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.remove("source");
            }
            value.to_string().hash(hashers.entry(place).or_default());
        }
    }
    add(&data.events, |r| &r.source, places, &mut hashers);
    add(&data.distribution, |r| &r.source, places, &mut hashers);
    add(&data.focus_groups, |r| &r.source, places, &mut hashers);
    add(&data.stakeholders, |r| &r.source, places, &mut hashers);
    add(&data.activities, |r| &r.source, places, &mut hashers);
    add(&data.action_items, |r| &r.source, places, &mut hashers);
    add(&data.meetings, |r| &r.source, places, &mut hashers);
    for survey in &data.surveys {
        let place = (survey.file.clone(), survey.sheet.clone());
        if places.contains(&place) {
            let h = hashers.entry(place).or_default();
            serde_json::to_string(&survey.questions).unwrap_or_default().hash(h);
            serde_json::to_string(&survey.responses).unwrap_or_default().hash(h);
        }
    }
    hashers.into_iter().map(|(place, h)| (place, h.finish())).collect()
}

/// Warns about a row of one file that repeats a row of another: an event
/// with the same date, name and figures, a distribution row with the same
/// date, quantity and details, a focus group with the same date, group and
/// participants. Both places are named; both rows are still counted.
fn repeated_rows(data: &Dataset, diags: &mut Diagnostics) {
    let text = |t: Option<&str>| t.map(normalize).unwrap_or_default();
    let events = data.events.iter().map(|e| {
        let key = format!(
            "{}|{}|{:?}|{:?}|{:?}|{:?}",
            e.date,
            normalize(&e.name),
            e.residents_reached,
            e.plans_distributed,
            e.feedback_responses,
            e.felt_more_confident
        );
        (key, &e.source)
    });
    repeats(events, "date, event and figures", diags);
    let plans = data.distribution.iter().map(|d| {
        let key = format!(
            "{}|{}|{}|{}|{}|{}|{}",
            d.date,
            d.quantity,
            text(d.plan.as_deref()),
            text(d.municipality.as_deref()),
            text(d.channel.as_deref()),
            text(d.event.as_deref()),
            text(d.organization.as_deref())
        );
        (key, &d.source)
    });
    repeats(plans, "date, quantity and details", diags);
    let groups = data
        .focus_groups
        .iter()
        .map(|f| (format!("{}|{}|{:?}", f.date, normalize(&f.group), f.participants), &f.source));
    repeats(groups, "date, group and participants", diags);
}

/// Warns about each row whose key was seen in another file before it.
fn repeats<'a>(rows: impl Iterator<Item = (String, &'a Source)>, same: &str, diags: &mut Diagnostics) {
    let mut first: HashMap<String, &Source> = HashMap::new();
    // Per (earlier file, later file): how many repeats.
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    let mut order: Vec<(&str, &str)> = Vec::new();
    for (key, source) in rows {
        let Some(earlier) = first.get(&key).copied() else {
            first.insert(key, source);
            continue;
        };
        if earlier.file == source.file {
            continue;
        }
        let pair = (earlier.file.as_str(), source.file.as_str());
        let n = pairs.entry(pair).or_insert_with(|| {
            order.push(pair);
            0
        });
        *n += 1;
        if *n <= REPEATS_NAMED {
            let at = |s: &Source| Location::in_sheet(&s.file, s.sheet.as_deref()).at_row(s.row);
            diags.warning(
                at(source),
                format!("this row repeats `{}` (same {same}) and both are counted; if they are one record, delete one of them", at(earlier)),
            );
        }
    }
    for (earlier, later) in order {
        let n = pairs[&(earlier, later)];
        if n > REPEATS_NAMED {
            diags.warning(
                Location::file(later),
                format!("{} more rows repeat rows of `{earlier}` (same {same}); every one is counted", n - REPEATS_NAMED),
            );
        }
    }
}

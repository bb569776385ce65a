//! Rows counted once: a file that is a byte-for-byte copy of another
//! (`events-2025 - Copy.xlsx`) and a sheet whose rows are those of another
//! sheet are left out, with a warning naming both; rows repeated across
//! files (same date, same event, same figures) are warned about with both
//! places.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::{Dataset, Kind, Skipped, Source};
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
            format!(
                "this file is a byte-for-byte copy of `{original}`; its rows are counted once, from `{original}` (delete one of the two)"
            ),
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
    let with_errors: HashSet<Place> = diags.of(Severity::Error).map(|d| (d.location.file.clone(), d.location.sheet.clone())).collect();
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
/// participants (text compared ignoring case). Both places are named; both
/// rows are still counted.
fn repeated_rows(data: &Dataset, diags: &mut Diagnostics) {
    repeats(&data.events, "date, event and figures", diags);
    repeats(&data.distribution, "date, quantity and details", diags);
    repeats(&data.focus_groups, "date, group and participants", diags);
}

/// A record compared across files.
trait Repeatable {
    fn source(&self) -> &Source;
    /// Hashes what makes two records the same.
    fn key(&self, h: &mut impl Hasher);
    /// Whether two records are the same.
    fn same(&self, other: &Self) -> bool;
}

/// Hashes text ignoring case, without allocating.
fn hash_text(text: Option<&str>, h: &mut impl Hasher) {
    if let Some(text) = text {
        for c in text.chars().flat_map(char::to_lowercase) {
            h.write_u32(c as u32);
        }
    }
    h.write_u8(0xff);
}

fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase)),
        (a, b) => a.is_none() && b.is_none(),
    }
}

impl Repeatable for super::Event {
    fn source(&self) -> &Source {
        &self.source
    }
    fn key(&self, h: &mut impl Hasher) {
        self.date.hash(h);
        hash_text(Some(&self.name), h);
        (self.residents_reached, self.plans_distributed, self.feedback_responses, self.felt_more_confident).hash(h);
    }
    fn same(&self, o: &Self) -> bool {
        self.date == o.date
            && same_text(Some(&self.name), Some(&o.name))
            && (self.residents_reached, self.plans_distributed, self.feedback_responses, self.felt_more_confident)
                == (o.residents_reached, o.plans_distributed, o.feedback_responses, o.felt_more_confident)
    }
}

impl Repeatable for super::Distribution {
    fn source(&self) -> &Source {
        &self.source
    }
    fn key(&self, h: &mut impl Hasher) {
        (self.date, self.quantity).hash(h);
        for t in [&self.plan, &self.municipality, &self.channel, &self.event, &self.organization] {
            hash_text(t.as_deref(), h);
        }
    }
    fn same(&self, o: &Self) -> bool {
        (self.date, self.quantity) == (o.date, o.quantity)
            && [
                (&self.plan, &o.plan),
                (&self.municipality, &o.municipality),
                (&self.channel, &o.channel),
                (&self.event, &o.event),
                (&self.organization, &o.organization),
            ]
            .iter()
            .all(|(a, b)| same_text(a.as_deref(), b.as_deref()))
    }
}

impl Repeatable for super::FocusGroup {
    fn source(&self) -> &Source {
        &self.source
    }
    fn key(&self, h: &mut impl Hasher) {
        self.date.hash(h);
        hash_text(Some(&self.group), h);
        self.participants.hash(h);
    }
    fn same(&self, o: &Self) -> bool {
        self.date == o.date && same_text(Some(&self.group), Some(&o.group)) && self.participants == o.participants
    }
}

/// Warns about each record that repeats one of another file read before it.
/// Records are sorted by a hash of their key (12 bytes each), so many rows
/// cost little; equal hashes are compared in full.
fn repeats<T: Repeatable>(records: &[T], same: &str, diags: &mut Diagnostics) {
    let Some(first) = records.first() else { return };
    if records.iter().all(|r| r.source().file == first.source().file) {
        return; // one file: nothing to repeat across files
    }
    let mut keys: Vec<(u64, u32)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            r.key(&mut h);
            (h.finish(), i as u32)
        })
        .collect();
    keys.sort_unstable();
    // (earlier, later) record positions, in reading order.
    let mut found: Vec<(u32, u32)> = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // The first record of each file in the run (a file may repeat its
        // own rows many times: those are not compared again).
        let mut firsts: Vec<u32> = Vec::new();
        for &(_, later) in run {
            let l = &records[later as usize];
            let file = &l.source().file;
            if let Some(&earlier) = firsts.iter().find(|&&i| records[i as usize].source().file != *file && records[i as usize].same(l)) {
                found.push((earlier, later));
            }
            if !firsts.iter().any(|&i| records[i as usize].source().file == *file) {
                firsts.push(later);
            }
        }
    }
    found.sort_unstable_by_key(|&(_, later)| later);
    // Per (earlier file, later file): how many repeats.
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    let mut order: Vec<(&str, &str)> = Vec::new();
    for (earlier, later) in found {
        let (earlier, later) = (records[earlier as usize].source(), records[later as usize].source());
        let pair = (earlier.file.as_str(), later.file.as_str());
        let n = pairs.entry(pair).or_insert_with(|| {
            order.push(pair);
            0
        });
        *n += 1;
        if *n <= REPEATS_NAMED {
            let at = |s: &Source| Location::in_sheet(&s.file, s.sheet.as_deref()).at_row(s.row);
            diags.warning(
                at(later),
                format!(
                    "this row repeats `{}` (same {same}) and both are counted; if they are one record, delete one of them",
                    at(earlier)
                ),
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

//! The read cache `watch` keeps between rebuilds: unchanged files are taken
//! from it, and what it gives is exactly what reading the folder afresh
//! gives, after a file changes, is removed, breaks or is mended.

use std::path::Path;

use wecoss_report::diag::Diagnostics;
use wecoss_report::tables::values::DateOrder;
use wecoss_report::tables::{self, Dataset, ReadCache, ReadOptions};

/// A copy of the sample inputs in a temporary folder.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(crate::support::samples()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The dataset and diagnostics as comparable text.
fn snapshot((data, diags): &(Dataset, Diagnostics)) -> (String, Vec<String>) {
    (serde_json::to_string(data).unwrap(), diags.iter().map(|d| d.to_string()).collect())
}

fn fresh(dir: &Path, options: ReadOptions) -> (String, Vec<String>) {
    snapshot(&tables::read_folder(dir, options, &mut |_, _, _| {}))
}

fn cached(dir: &Path, options: ReadOptions, cache: &mut ReadCache) -> (String, Vec<String>) {
    snapshot(&tables::read_folder_cached(dir, options, Some(cache), &mut |_, _, _| {}))
}

/// Rewrites a file with new contents and a later modification time.
fn rewrite(path: &Path, contents: &[u8]) {
    std::fs::write(path, contents).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options().append(true).open(path).unwrap().set_modified(later).unwrap();
}

#[test]
fn a_rebuild_reads_only_what_changed_and_gets_what_a_fresh_read_gets() {
    let dir = sample_copy();
    let options = ReadOptions::default();
    let mut cache = ReadCache::new();

    let first = cached(dir.path(), options.clone(), &mut cache);
    assert_eq!(cache.reused(), 0);
    assert_eq!(first, fresh(dir.path(), options.clone()));
    assert!(first.0.contains("Glengarry Fall Tenant Meeting"));

    // Nothing changed: every file comes from the cache.
    assert_eq!(cached(dir.path(), options.clone(), &mut cache), first);
    assert_eq!(cache.reused(), 9);

    // One survey answer added: that file alone is read again.
    let survey = dir.path().join("survey-google-forms.csv");
    let mut text = std::fs::read_to_string(&survey).unwrap();
    text.push_str("2025/10/20 1:00:00 PM EST,someone@example.com,Tecumseh,Resident,Agree,Agree,Agree,Agree,Housing,No,\n");
    rewrite(&survey, text.as_bytes());
    let changed = cached(dir.path(), options.clone(), &mut cache);
    assert_eq!(cache.reused(), 8);
    assert_eq!(changed, fresh(dir.path(), options.clone()));
    assert_ne!(changed, first, "the new answer is read");

    // Same size, modification time set back: still read again (Unix: the
    // status-change time moved).
    let before = std::fs::metadata(&survey).unwrap().modified().unwrap();
    let edited = std::fs::read_to_string(&survey).unwrap().replacen("Tecumseh", "Kingsvil", 1);
    std::fs::write(&survey, edited.as_bytes()).unwrap();
    std::fs::File::options().append(true).open(&survey).unwrap().set_modified(before).unwrap();
    let restored = cached(dir.path(), options.clone(), &mut cache);
    assert_eq!(restored, fresh(dir.path(), options.clone()));
    assert!(restored.0.contains("Kingsvil") && restored != changed, "the edit is read");
    assert_eq!(cache.reused(), 8);

    // A file removed is gone from the records.
    std::fs::remove_file(dir.path().join("focus-groups.xlsx")).unwrap();
    let removed = cached(dir.path(), options.clone(), &mut cache);
    assert_eq!(cache.reused(), 8);
    assert_eq!(removed, fresh(dir.path(), options.clone()));
    assert!(!removed.0.contains("focus-groups.xlsx"));

    // Other read options read every file again.
    let day_first = ReadOptions { date_order: Some(DateOrder::Dmy), ..ReadOptions::default() };
    assert_eq!(cached(dir.path(), day_first.clone(), &mut cache), fresh(dir.path(), day_first));
    assert_eq!(cache.reused(), 0);
}

#[test]
fn a_broken_file_is_reported_on_every_rebuild_until_it_is_mended() {
    let dir = sample_copy();
    let options = ReadOptions::default();
    let mut cache = ReadCache::new();
    let events = dir.path().join("events-2025.xlsx");
    let good = std::fs::read(&events).unwrap();
    let first = cached(dir.path(), options.clone(), &mut cache);

    rewrite(&events, b"not a workbook");
    for _ in 0..2 {
        let broken = cached(dir.path(), options.clone(), &mut cache);
        assert_eq!(cache.reused(), 8, "the broken file is read each time");
        assert_eq!(broken, fresh(dir.path(), options.clone()));
        assert!(broken.1.iter().any(|d| d.contains("events-2025.xlsx") && d.starts_with("error")), "{:?}", broken.1);
    }

    rewrite(&events, &good);
    assert_eq!(cached(dir.path(), options.clone(), &mut cache), first);
    assert_eq!(cache.reused(), 8);
}

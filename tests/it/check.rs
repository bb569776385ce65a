//! `wecoss-report check` as a user runs it: output snapshots (insta) on the
//! generated messy-but-valid and bad folders, and the exit codes.
//!
//! The binary runs with its working directory in a temporary folder and
//! `--inputs inputs`, so every path in the output is relative and the
//! snapshots are stable.

use std::path::Path;

use crate::support::fixtures;
use crate::support::*;

/// Runs `check` with `args` in `dir`; returns (exit code, stdout then
/// stderr: the report, then the problems).
fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["check", "--inputs", "inputs"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    if args.contains(&"--json") {
        return (out.status.code(), stdout(&out));
    }
    (out.status.code(), check_text(&out))
}

#[test]
fn check_on_a_messy_valid_folder() {
    let dir = tempfile::tempdir().unwrap();
    fixtures::messy_valid(dir.path());
    let (code, text) = check(dir.path(), &[]);
    assert_eq!(code, Some(0), "{text}");
    insta::assert_snapshot!("messy_valid", text);
}

#[test]
fn check_on_a_bad_folder() {
    let dir = tempfile::tempdir().unwrap();
    fixtures::bad(dir.path());
    let (code, text) = check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{text}");
    // One problem per line, each located.
    let errors: Vec<&str> = text.lines().skip_while(|l| *l != "errors:").skip(1).filter(|l| l.starts_with("  ")).collect();
    assert!(!stdout(&run_in(dir.path(), &["check", "--inputs", "inputs"])).contains("errors:"), "the problems are on stderr");
    assert_eq!(errors.len(), 14, "{text}");
    assert!(errors.iter().all(|l| l.trim_start().starts_with("inputs/")), "{text}");
    insta::assert_snapshot!("bad", text);
}

#[test]
fn check_json_on_a_bad_folder() {
    let dir = tempfile::tempdir().unwrap();
    fixtures::bad(dir.path());
    let (code, text) = check(dir.path(), &["--json"]);
    assert_eq!(code, Some(1), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["errors"], 14);
    insta::assert_snapshot!("bad_json", text);
}

#[test]
fn check_json_never_prints_identifying_values() {
    let dir = tempfile::tempdir().unwrap();
    fixtures::messy_valid(dir.path());
    for args in [&[][..], &["--json"][..]] {
        let (code, text) = check(dir.path(), args);
        assert_eq!(code, Some(0), "{text}");
        for secret in fixtures::PERSONAL {
            assert!(!text.contains(secret), "`{secret}` printed by check {args:?}");
        }
    }
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    fixtures::ambiguous_dates(dir.path());
    // Errors: 1.
    let (code, text) = check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("inputs/distribution.csv › A2: found `03/04/2025`"), "{text}");
    // The same folder with an order given: 0.
    for order in ["dmy", "mdy"] {
        let (code, text) = check(dir.path(), &["--date-order", order]);
        assert_eq!(code, Some(0), "--date-order {order}: {text}");
        assert!(text.contains("inputs/distribution.csv: distribution (2 rows used)"), "{text}");
    }
    // Usage errors: 2, from clap, with nothing on stdout.
    for bad in [&["check", "--bogus"][..], &["check", "--date-order", "ymd"][..], &["chekc"][..], &["check", "--inputs"][..]] {
        let out = run_in(dir.path(), bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{bad:?}");
    }
}

#[test]
fn check_on_the_samples_recognizes_every_sheet() {
    let out = run_in(samples().parent().unwrap(), &["check", "--inputs", "wecoss-2025"]);
    assert_eq!(out.status.code(), Some(0), "{}", check_text(&out));
    let text = check_text(&out);
    let lines: Vec<&str> = text.lines().skip(1).take_while(|l| l.starts_with("  ")).collect();
    let sheets: Vec<&str> = lines.iter().copied().filter(|l| !l.starts_with("    ")).collect();
    assert_eq!(sheets.len(), 12, "{text}");
    assert!(sheets.iter().all(|l| !l.ends_with(": skipped")), "{text}");
    // Each sheet's row ledger, under it: every row accounted for.
    let ledgers: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("    ")).collect();
    assert_eq!(ledgers.len(), 12, "{text}");
    assert!(text.contains("  wecoss-2025/events-2025.xlsx › Events: events (19 rows used)\n    row 3 blank, rows 5–23 counted (19), row 24 blank, row 25 totals (matches the sums)\n"), "{text}");
}

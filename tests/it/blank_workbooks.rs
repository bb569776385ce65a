//! The blank workbooks `init` writes to `blank-workbooks/`, one per table
//! kind: read back with calamine and openpyxl (headers, hint row, formats,
//! widths, drop-down lists), opened by LibreOffice, and read by `check`
//! and `build` as "no rows yet".

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use wecoss_report::blank;
use wecoss_report::tables::Kind;

use crate::support::{assert_ok, check_text, root, run_in, stderr};

/// `init` into `dir/work`; returns its `blank-workbooks/`.
fn init(dir: &Path) -> PathBuf {
    assert_ok(&run_in(dir, &["init", "--quiet", "work"]));
    dir.join("work").join(blank::DIR)
}

/// A kind's headers as its blank workbook writes them: its canonical
/// columns, capitalised (and, for the survey, the example statements).
fn headers(kind: Kind) -> Vec<String> {
    kind.columns()
        .iter()
        .map(|c| {
            let mut chars = c.name.chars();
            chars.next().unwrap().to_uppercase().chain(chars).collect()
        })
        .collect()
}

/// The Python with openpyxl (`target/xlsx-venv`, or `WECOSS_XLSX_PYTHON`).
fn python() -> PathBuf {
    let path = std::env::var_os("WECOSS_XLSX_PYTHON").map(PathBuf::from).unwrap_or_else(|| root().join("target/xlsx-venv/bin/python"));
    assert!(
        path.exists(),
        "openpyxl is needed: run `bash .ci/test`, or `python3 -m venv target/xlsx-venv && target/xlsx-venv/bin/pip install openpyxl==3.1.5` (or set WECOSS_XLSX_PYTHON)"
    );
    path
}

#[test]
fn init_writes_one_blank_workbook_per_kind_that_calamine_reads() {
    let dir = tempfile::tempdir().unwrap();
    let blank_dir = init(dir.path());
    let mut names: Vec<String> = std::fs::read_dir(&blank_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let mut expected: Vec<String> = Kind::ALL.iter().map(|&k| blank::file_name(k)).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert!(
        std::fs::read_dir(dir.path().join("work/inputs")).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains("blank"))
    );
    for kind in Kind::ALL {
        let path = blank_dir.join(blank::file_name(kind));
        let mut book = open_workbook_auto(&path).unwrap();
        assert_eq!(book.sheet_names(), [blank::sheet_name(kind)], "{}", path.display());
        let range = book.worksheet_range(&blank::sheet_name(kind)).unwrap();
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(Data::to_string).collect()).collect();
        assert_eq!(rows.len(), 2, "a header row and a hint row: {rows:?}");
        assert_eq!(rows[0][..kind.columns().len()], headers(kind)[..], "{}", path.display());
        assert!(rows[1].iter().all(|h| h.starts_with("e.g. ")), "{:?}", rows[1]);
        assert!(rows[1][0].ends_with("this hint row is skipped"), "{:?}", rows[1]);
    }
    // `init` again keeps them.
    let again = run_in(dir.path(), &["init", "work"]);
    assert_ok(&again);
    assert!(!crate::support::stdout(&again).contains("blank-workbooks"));
}

#[test]
fn blank_workbooks_check_and_build_as_no_rows_yet() {
    let dir = tempfile::tempdir().unwrap();
    let blank_dir = init(dir.path());
    let work = dir.path().join("fresh");
    std::fs::create_dir_all(work.join("inputs")).unwrap();
    for kind in Kind::ALL {
        std::fs::copy(blank_dir.join(blank::file_name(kind)), work.join("inputs").join(blank::file_name(kind))).unwrap();
    }
    let check = run_in(&work, &["check"]);
    assert_ok(&check);
    let text = check_text(&check);
    for kind in Kind::ALL {
        let line = format!("inputs/{} › {}: {} (0 rows used", blank::file_name(kind), blank::sheet_name(kind), kind.name());
        assert!(text.contains(&line), "`{line}` in:\n{text}");
    }
    assert_eq!(text.matches("no rows yet (row 2 hint)").count(), Kind::ALL.len(), "{text}");
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
    let json = run_in(&work, &["check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for sheet in v["sheets"].as_array().unwrap() {
        let hint = sheet["ledger"].as_array().unwrap().iter().find(|r| r["bucket"] == "hint").expect("a hint run");
        assert_eq!((hint["first"].as_u64(), hint["last"].as_u64()), (Some(2), Some(2)), "{sheet:#}");
        assert_eq!(sheet["rows_used"], 0, "{sheet:#}");
    }
    // `build`: one error that says why, not a cascade.
    let build = run_in(&work, &["build", "--quiet"]);
    assert_eq!(build.status.code(), Some(1));
    let err = stderr(&build);
    assert_eq!(err.lines().filter(|l| l.contains("error")).count(), 1, "{err}");
    assert!(err.contains("error: no rows yet:"), "{err}");

    // A row typed below the hint is counted; the hint row stays skipped.
    std::fs::write(
        work.join("inputs/late-events.csv"),
        "Date,Event\ne.g. 2025-06-19 · this hint row is skipped,e.g. Community Safety Fair\n2025-06-19,Harm Reduction Fair\n",
    )
    .unwrap();
    let check = run_in(&work, &["check"]);
    let text = check_text(&check);
    assert!(text.contains("row 2 hint, row 3 counted (1)"), "{text}");
}

#[test]
fn blank_workbooks_in_openpyxl_have_formats_and_drop_downs() {
    let dir = tempfile::tempdir().unwrap();
    let blank_dir = init(dir.path());
    let out = Command::new(python()).arg(root().join("tests/it/blank_check/check_blank.py")).arg(&blank_dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pillars = blank::built_in_pillars();
    assert!(pillars.len() >= 4, "{pillars:?}");
    for kind in Kind::ALL {
        let book = &report[blank::file_name(kind)];
        let headers_read: Vec<&str> = book["headers"].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
        assert_eq!(headers_read[..kind.columns().len()], headers(kind).iter().map(String::as_str).collect::<Vec<_>>()[..]);
        assert_eq!(book["header_bold"], true);
        assert_eq!(book["freeze"], "A2", "the header row is frozen");
        assert_eq!(book["rows"], 2);
        for (i, width) in book["widths"].as_array().unwrap().iter().enumerate() {
            let hint = book["hints"][i].as_str().unwrap();
            assert!(width.as_f64().unwrap() >= (hint.chars().count().min(60) as f64), "column {i} fits its hint `{hint}`");
        }
        // Date columns show dates as 2025-06-19; time columns as 10:00 AM.
        for (i, name) in headers_read.iter().enumerate() {
            let format = book["formats"][i].as_str().unwrap();
            match *name {
                "Date" | "Start" | "Due" | "Submitted" | "Meeting" => assert_eq!(format, "yyyy-mm-dd", "{kind:?} {name}"),
                "Start time" | "End time" => assert_eq!(format, "h:mm AM/PM", "{kind:?} {name}"),
                _ => assert_eq!(format, "General", "{kind:?} {name}"),
            }
        }
        // A drop-down for each status, pillar, municipality and Likert column.
        let lists: Vec<(String, String, bool)> = book["validations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                assert_eq!(v["type"], "list");
                (v["range"].as_str().unwrap().to_string(), v["list"].as_str().unwrap().to_string(), v["dropdown_shown"].as_bool().unwrap())
            })
            .collect();
        let mut expected = Vec::new();
        for (i, name) in headers_read.iter().enumerate() {
            let letter = (b'A' + i as u8) as char;
            let items: Vec<String> = match *name {
                "Status" => blank::STATUSES.iter().map(|s| s.to_string()).collect(),
                "Pillar" => pillars.clone(),
                "Municipality" => blank::MUNICIPALITIES.iter().map(|s| s.to_string()).collect(),
                _ if kind == Kind::Survey && i >= kind.columns().len() => blank::LIKERT.iter().map(|s| s.to_string()).collect(),
                _ => continue,
            };
            expected.push((format!("{letter}2:{letter}{}", blank::ROWS + 1), format!("\"{}\"", items.join(",")), true));
        }
        assert_eq!(lists, expected, "{kind:?}");
    }
    // Each kind with a municipality, and the activities' status and pillar, has its list.
    assert_eq!(report["activities.xlsx"]["validations"].as_array().unwrap().len(), 2);
    assert_eq!(report["survey.xlsx"]["validations"].as_array().unwrap().len(), 3);
}

#[test]
fn blank_workbooks_open_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let blank_dir = init(dir.path());
    let out = dir.path().join("csv");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display()))
        .args(["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir"])
        .arg(&out);
    for kind in Kind::ALL {
        cmd.arg(blank_dir.join(blank::file_name(kind)));
    }
    let result = cmd.output().expect("LibreOffice is installed (Debian package libreoffice-calc or -impress)");
    let said = format!("{}{}", String::from_utf8_lossy(&result.stdout), String::from_utf8_lossy(&result.stderr));
    assert!(result.status.success(), "{said}");
    assert!(!said.to_lowercase().contains("error"), "{said}");
    // Saved by LibreOffice as ODS, each drop-down is still a list shown
    // as a drop-down (`table:display-list="unsorted"`).
    let mut cmd = Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display()))
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&out);
    for kind in Kind::ALL {
        cmd.arg(blank_dir.join(blank::file_name(kind)));
    }
    let result = cmd.output().unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    for kind in Kind::ALL {
        let ods = std::fs::File::open(out.join(blank::file_name(kind)).with_extension("ods")).unwrap();
        let mut zip = zip::ZipArchive::new(ods).unwrap();
        let mut content = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("content.xml").unwrap(), &mut content).unwrap();
        let lists = content.matches("<table:content-validation ").count();
        let shown = content.matches("table:display-list=\"unsorted\"").count();
        let expected = kind.columns().iter().filter(|c| ["status", "pillar", "municipality"].contains(&c.name)).count()
            + if kind == Kind::Survey { headers_of_statements() } else { 0 };
        assert_eq!((lists, shown), (expected, expected), "{kind:?}");
    }
    for kind in Kind::ALL {
        let csv = std::fs::read_to_string(out.join(blank::file_name(kind)).with_extension("csv")).expect(&said);
        let first = csv.lines().next().unwrap();
        assert!(first.starts_with(&headers(kind).join(",")), "{kind:?}: {first}");
        assert!(csv.lines().nth(1).unwrap().starts_with("e.g. "), "{csv}");
    }
}

/// How many example statements (Likert columns) the blank survey has.
fn headers_of_statements() -> usize {
    let book = blank::workbook(Kind::Survey, &blank::built_in_pillars()).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(book)).unwrap();
    let range = book.worksheet_range("Survey").unwrap();
    range.rows().next().unwrap().len() - Kind::Survey.columns().len()
}

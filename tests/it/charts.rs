//! The report's survey charts tell the truth at a glance: Likert charts in
//! scale order with small counts pooled and "Not answered" last, and
//! multi-select charts with each option's % of respondents. Checked on an
//! invented survey against counts made here from the same rows.

use std::path::{Path, PathBuf};

use crate::support::*;

const LIKERT: &str = "The coalition listens to residents.";
const MULTI: &str = "Which supports would help your street? (select all that apply)";

/// Respondent `i` of 40: (Likert answer, multi-select answers).
fn answers(i: usize) -> (&'static str, &'static str) {
    // 11 strongly agree, 9 agree, 7 neutral, 3 disagree, 2 strongly
    // disagree, 8 blank.
    let likert = match i {
        0..=10 => "Strongly agree",
        11..=19 => "Agree",
        20..=26 => "Neutral",
        27..=29 => "Disagree",
        30..=31 => "Strongly disagree",
        _ => "",
    };
    let multi = match i % 8 {
        0 => "Street lighting; Needle drop boxes",
        1 => "Needle drop boxes",
        2 => "Street lighting; Outreach workers; Needle drop boxes",
        3 => "Outreach workers",
        4 => "",
        5 => "Street lighting",
        6 => {
            if i == 6 {
                "Street lighting; Benches"
            } else {
                "Outreach workers; Street lighting"
            }
        }
        _ => "Needle drop boxes; Street lighting",
    };
    (likert, multi)
}

fn inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    let rows: Vec<Vec<String>> = std::iter::once(vec!["Timestamp".to_string(), LIKERT.to_string(), MULTI.to_string()])
        .chain((0..40).map(|i| {
            let (l, m) = answers(i);
            vec![format!("2025-05-{:02} 10:00", 1 + i % 28), l.to_string(), m.to_string()]
        }))
        .collect();
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("street-survey.csv"), &slices);
    inputs
}

fn figures(inputs: &Path) -> serde_json::Value {
    let result = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--format", "json"]);
    assert_ok(&result);
    crate::support::json_figures(stdout(&result))
}

#[test]
fn likert_segments_run_negative_to_positive_then_pooled_then_not_answered() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path());
    let v = figures(&inputs);
    let chart = v["consultation"]["likert"].as_array().unwrap().iter().find(|c| c["question"] == LIKERT).expect("the statement is charted");
    let segs = chart["segments"].as_array().unwrap();
    let labels: Vec<&str> = segs.iter().map(|s| s["label"].as_str().unwrap()).collect();
    let kinds: Vec<&str> = segs.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "fewer than 5", "Not answered"], "{segs:?}");
    assert_eq!(kinds, ["negative", "negative", "neutral", "positive", "positive", "pooled", "not-answered"]);

    // Independent counts of the fixture rows.
    let count = |want: &str| (0..40).filter(|&i| answers(i).0 == want).count();
    let blank = count("");
    assert_eq!(chart["answered"], (40 - blank).to_string());
    assert_eq!(segs[6]["shown"], blank.to_string(), "not answered: the survey's respondents who left it blank");
    assert_eq!(segs[4]["shown"], count("Strongly agree").to_string());
    // 3 and 2 are under 5: suppressed and pooled, named by the pooled segment.
    assert_eq!(segs[0]["shown"], "<5");
    assert_eq!(segs[1]["shown"], "<5");
    assert_eq!(segs[5]["holds"], serde_json::json!(["Strongly disagree", "Disagree"]));
    assert!(segs[5]["percent"].as_str().unwrap().is_empty());
    // Centred on the neutral answer: left of centre is half the neutral share.
    let answered = (40 - blank) as f64;
    let left = chart["left"].as_f64().unwrap();
    assert!((left - count("Neutral") as f64 / 2.0 / answered).abs() < 1e-9, "{left}");
    let alt = chart["alt"].as_str().unwrap();
    assert!(alt.contains("Strongly disagree and Disagree fewer than 5 each"), "{alt}");
    assert!(alt.ends_with(&format!("not answered {blank}.")), "{alt}");

    // The key (one for the section's charts) names every answer of the
    // scale in order, then the pooled and "Not answered" greys; the counts
    // are in the description above.
    let out = dir.path().join("out");
    let result = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let text = pdf_text(&out.join("annual-report-2025.pdf"));
    let at = text.find(LIKERT).expect("the statement prints");
    assert_in_order(&text[at..], &["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "Fewer than 5", "Not answered"]);
}

#[test]
fn multi_select_gives_each_option_as_a_percent_of_respondents() {
    let dir = tempfile::tempdir().unwrap();
    let v = figures(&inputs(dir.path()));
    let chart = v["consultation"]["multi"].as_array().unwrap().iter().find(|c| c["title"] == MULTI).expect("the question is charted");
    let answered = (0..40).filter(|&i| !answers(i).1.is_empty()).count();
    assert_eq!(chart["respondents"], answered.to_string());
    let chose = |option: &str| (0..40).filter(|&i| answers(i).1.split("; ").any(|o| o == option)).count();
    let bars = chart["bars"].as_array().unwrap();
    for option in ["Street lighting", "Needle drop boxes", "Outreach workers"] {
        let bar = bars.iter().find(|b| b["label"] == option).unwrap_or_else(|| panic!("{option} in {bars:?}"));
        let n = chose(option);
        assert!(n >= 5);
        assert_eq!(bar["shown"], n.to_string(), "{option}");
        let percent = (n * 200 + answered) / (answered * 2);
        assert_eq!(bar["percent"], format!("{percent}%"), "{option}: {n} of {answered}");
    }
    // The option one respondent chose is pooled, with no percent.
    assert!(!bars.iter().any(|b| b["label"] == "Benches"), "{bars:?}");
    let other = bars.iter().find(|b| b["label"] == "Other answers").expect("pooled");
    assert_eq!((other["shown"].as_str(), other["percent"].as_str()), (Some("<5"), Some("")));
    assert!(chart["alt"].as_str().unwrap().contains(&format!("{answered} respondents answered")));
}

/// Planned work is drawn as outlined bars: the sample report's PDF strokes
/// with the brand's planned colour (read from `brand.toml`), where filled
/// bars would only fill with it.
#[test]
fn planned_bars_are_outlined() {
    let brand = wecoss_report::brand::Brand::builtin();
    let hex = &brand.color("planned")[1..];
    let rgb: Vec<f64> = (0..3).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap() as f64 / 255.0).collect();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_ok(&run(&["report", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap()]));
    let pdf = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|x| x == "pdf")).unwrap();
    let Ok(q) = std::process::Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(&pdf).arg("-").output() else {
        eprintln!("qpdf is not installed; skipped");
        return;
    };
    let text = String::from_utf8_lossy(&q.stdout);
    // Colour operators: three numbers then `SCN`/`RG` (stroke) or `scn`/`rg` (fill).
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_planned = |w: &[&str]| w.iter().zip(&rgb).all(|(s, c)| s.parse::<f64>().is_ok_and(|v| (v - c).abs() < 0.002));
    let strokes = words.windows(4).filter(|w| matches!(w[3], "SCN" | "RG") && is_planned(&w[..3])).count();
    assert!(strokes > 0, "no stroke in the planned colour #{hex}");
}

/// A text as the PDF's tag tree and the figures both give it: no language
/// marks, one space between words, straight apostrophes, lower case.
fn plain(text: &str) -> String {
    text.replace(['\u{E000}', '\u{E001}'], "").replace(['’', '‘'], "'").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// What a screen reader gets of a tagged PDF's charts (tests/it/pdf_charts.py,
/// with pikepdf): every figure's description, and every table's cells.
fn pdf_charts(pdf: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let python = std::env::var_os("WECOSS_PDF_PYTHON").map(PathBuf::from).unwrap_or_else(|| root().join("target/ci-venv/bin/python"));
    assert!(python.exists(), "pikepdf is needed: run `bash .ci/test` (it makes target/ci-venv), or set WECOSS_PDF_PYTHON");
    let out = std::process::Command::new(python).arg(root().join("tests/it/pdf_charts.py")).arg(pdf).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let figures = v["figures"].as_array().unwrap().iter().map(|f| plain(f.as_str().unwrap())).collect();
    let tables = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_array().unwrap().iter().map(|c| plain(c.as_str().unwrap())).collect())
        .collect();
    (figures, tables)
}

/// Every chart of the figures with its data table (bar and Likert charts),
/// and the timeline's table.
fn chart_tables(value: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("kind").is_some_and(|k| k == "bar" || k == "likert") && map.contains_key("table") {
                out.push(value["table"].clone());
            }
            if let Some(t) = map.get("timeline_table").filter(|t| !t.is_null()) {
                out.push(t.clone());
            }
            map.iter().filter(|(k, _)| *k != "content" && *k != "chart_tables").for_each(|(_, v)| chart_tables(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| chart_tables(v, out)),
        _ => {}
    }
}

/// Builds the report of `inputs` for `year` in `lang` and checks, on the
/// PDF's tag tree, that every value of every chart of the figures reaches a
/// screen reader: in a figure's description ("January 115", or for a count
/// under the privacy threshold its category), or in a tagged table's row
/// (its cells in order). Returns how many values were found each way.
fn every_chart_value_is_read(inputs: &Path, year: &str, lang: &str) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = run(&[
        "report",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--year",
        year,
        "--lang",
        lang,
        "--format",
        "pdf,json",
    ]);
    assert_ok(&result);
    let text = stdout(&result);
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    let figures = stream.next().unwrap().unwrap()["documents"][0]["figures"].clone();
    let pdf = text[stream.byte_offset()..].lines().map(PathBuf::from).find(|p| p.extension().is_some_and(|e| e == "pdf")).unwrap();
    let (alts, tables) = pdf_charts(&pdf);
    let mut charts = Vec::new();
    chart_tables(&figures, &mut charts);
    assert!(charts.len() >= 8, "{} charts", charts.len());
    let (mut in_alt, mut in_table) = (0, 0);
    for chart in &charts {
        let number = chart["number"].as_str().unwrap();
        if !number.is_empty() {
            // A chart whose table is in the appendix: its description says which.
            let number = plain(number);
            let points =
                |a: &String| a.match_indices(&number).any(|(at, _)| !a[at + number.len()..].starts_with(|c: char| c.is_ascii_digit()));
            assert!(alts.iter().any(points), "no description points to table {number}");
        }
        for row in chart["rows"].as_array().unwrap() {
            let cells: Vec<String> = row.as_array().unwrap().iter().map(|c| plain(c.as_str().unwrap())).collect();
            let (label, shown) = (&cells[0], &cells[1]);
            let said = if shown.starts_with('<') || shown.is_empty() {
                // Under the threshold: the description names it among the
                // pooled ("Disagree and Agree fewer than 5 each").
                let name = label.split(" (").next().unwrap();
                alts.iter().any(|a| a.contains(name))
            } else {
                alts.iter().any(|a| a.contains(&format!("{label} {shown}")))
            };
            if said {
                in_alt += 1;
            } else if tables.iter().any(|t| t.windows(cells.len()).any(|w| w == cells.as_slice())) {
                in_table += 1;
            } else {
                panic!(
                    "the value `{label}` = `{shown}` of the chart `{}` is neither in a description nor in a tagged table",
                    chart["caption"]
                );
            }
        }
    }
    (in_alt, in_table)
}

#[test]
fn every_chart_value_of_the_sample_reaches_a_screen_reader() {
    let (alt, table) = every_chart_value_is_read(&samples(), "2025", "en");
    assert!(alt > 50 && table > 20, "{alt} values in descriptions, {table} in tables");
    let (alt, table) = every_chart_value_is_read(&samples(), "2025", "fr");
    assert!(alt > 50 && table > 20, "French: {alt} values in descriptions, {table} in tables");
}

#[test]
fn every_chart_value_of_a_stress_year_reaches_a_screen_reader() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    crate::support::stress::write(&inputs);
    let (alt, table) = every_chart_value_is_read(&inputs, &crate::support::stress::YEAR.to_string(), "en");
    assert!(alt > 20 && table > 50, "{alt} values in descriptions, {table} in tables");
}

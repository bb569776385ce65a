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

    // The legend names them in the same order.
    let out = dir.path().join("out");
    let result = run(&["report", "--year", "2025", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let text = pdf_text(&out.join("annual-report-2025.pdf"));
    let at = text.find(LIKERT).expect("the statement prints");
    assert_in_order(
        &text[at..],
        &[
            &format!("Neutral: {}", count("Neutral")),
            &format!("Agree: {}", count("Agree")),
            &format!("Strongly agree: {}", count("Strongly agree")),
            "Fewer than 5 each: Strongly disagree, Disagree",
            &format!("Not answered: {blank}"),
        ],
    );
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

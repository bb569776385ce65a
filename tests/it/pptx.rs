//! The PowerPoint edition of the meeting deck (issue 19), checked by real
//! readers: python-pptx (PyPI `python-pptx`, in the venv `.ci/run` makes at
//! `target/pptx-venv`, or `WECOSS_PPTX_PYTHON`) and LibreOffice Impress
//! (Debian `libreoffice-impress`), plus the package's own integrity.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::stress;
use crate::support::*;

/// The Python that has python-pptx.
pub(crate) fn python() -> PathBuf {
    let path = std::env::var_os("WECOSS_PPTX_PYTHON").map(PathBuf::from).unwrap_or_else(|| root().join("target/pptx-venv/bin/python"));
    assert!(
        path.exists(),
        "python-pptx is needed: run `.ci/run`, or `python3 -m venv target/pptx-venv && target/pptx-venv/bin/pip install python-pptx==1.0.2` (or set WECOSS_PPTX_PYTHON)"
    );
    path
}

/// Builds the deck of `inputs` as PDF and PowerPoint into `out`.
fn build_deck(inputs: &Path, out: &Path, meeting: &str) -> (PathBuf, PathBuf) {
    let result =
        run(&["deck", "--meeting", meeting, "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "pdf,pptx"]);
    assert_ok(&result);
    let pdf = out.join(format!("meeting-deck-{meeting}.pdf"));
    let pptx = pdf.with_extension("pptx");
    assert!(pdf.is_file() && pptx.is_file(), "both editions are written:\n{}", stdout(&result));
    (pdf, pptx)
}

/// Runs `deck` on the sample's meeting into `out` in `format`, with the
/// `extra` arguments.
fn sample_deck(out: &Path, format: &str, extra: &[&str]) -> std::process::Output {
    let samples = samples();
    let mut args =
        vec!["deck", "--meeting", "2025-10-07", "--inputs", samples.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", format];
    args.extend_from_slice(extra);
    run(&args)
}

/// LibreOffice's PDF of `pptx` (headless), failing on any error or repair message.
pub(crate) fn libreoffice_pdf(pptx: &Path, to: &str) -> PathBuf {
    let out = pptx.parent().unwrap().join("libreoffice");
    let profile = pptx.parent().unwrap().join("lo-profile");
    let result = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&out)
        .arg(pptx)
        .output()
        .expect("LibreOffice is installed (Debian package libreoffice-impress)");
    let said = format!("{}{}", String::from_utf8_lossy(&result.stdout), String::from_utf8_lossy(&result.stderr));
    assert!(result.status.success(), "LibreOffice failed:\n{said}");
    let lower = said.to_lowercase();
    assert!(!lower.contains("error") && !lower.contains("repair") && !lower.contains("corrupt"), "LibreOffice complained:\n{said}");
    let ext = to.split(':').next().unwrap();
    let made = out.join(pptx.file_name().unwrap()).with_extension(ext);
    assert!(made.is_file(), "LibreOffice wrote nothing:\n{said}");
    made
}

/// Runs `tests/it/pptx_check/check_deck.py` and returns its report.
pub(crate) fn check_deck(pptx: &Path, pdf: &Path, lo: Option<&Path>) -> serde_json::Value {
    let mut cmd = Command::new(python());
    cmd.arg(root().join("tests/it/pptx_check/check_deck.py")).arg(pptx).arg(pdf);
    if let Some(lo) = lo {
        cmd.arg(lo);
    }
    let out = cmd.output().expect("python runs");
    assert!(out.status.success(), "check_deck.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("check_deck.py prints JSON")
}

pub(crate) fn assert_no_problems(report: &serde_json::Value, what: &str) {
    let problems = report["problems"].as_array().unwrap();
    assert!(problems.is_empty(), "{what}:\n{}", problems.iter().map(|p| p.as_str().unwrap_or_default()).collect::<Vec<_>>().join("\n"));
}

pub(crate) fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("a page count")
}

/// The parts of a zip, by name.
pub(crate) fn parts(pptx: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(pptx).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().to_string(), data);
    }
    out
}

/// Reads XML to its end, checking that it is well-formed; returns every
/// element's name and attributes, in order.
fn elements(name: &str, xml: &[u8]) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                let mut attrs = BTreeMap::new();
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    attrs.insert(String::from_utf8_lossy(a.key.as_ref()).into_owned(), a.unescape_value().unwrap().into_owned());
                }
                out.push((String::from_utf8_lossy(e.name().as_ref()).into_owned(), attrs));
            }
            Ok(_) => {}
            Err(err) => panic!("{name} is not well-formed XML: {err}"),
        }
        buf.clear();
    }
    out
}

/// Every part has a content type, every relationship resolves, every XML
/// part is well-formed, and every shape lies inside its slide.
pub(crate) fn assert_package_sound(pptx: &Path) {
    let parts = parts(pptx);
    let types = elements("[Content_Types].xml", &parts["[Content_Types].xml"]);
    let defaults: BTreeSet<String> = types.iter().filter(|(n, _)| n == "Default").map(|(_, a)| a["Extension"].to_lowercase()).collect();
    let overrides: BTreeSet<String> = types.iter().filter(|(n, _)| n == "Override").map(|(_, a)| a["PartName"].clone()).collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap().to_lowercase();
        assert!(overrides.contains(&format!("/{name}")) || defaults.contains(&ext), "part `{name}` has no content type");
    }
    for name in &overrides {
        assert!(parts.contains_key(name.trim_start_matches('/')), "content type for missing part `{name}`");
    }
    let (w, h) = (12_192_000i64, 6_858_000i64);
    for (name, data) in &parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let els = elements(name, data);
        if name.ends_with(".rels") {
            let base = name.replace("_rels/", "").trim_end_matches(".rels").to_string();
            let dir = Path::new(&base).parent().unwrap_or(Path::new(""));
            for (_, a) in els.iter().filter(|(n, _)| n == "Relationship") {
                if a.get("TargetMode").is_some_and(|m| m == "External") {
                    continue;
                }
                let mut path = dir.to_path_buf();
                for part in a["Target"].split('/') {
                    match part {
                        ".." => {
                            path.pop();
                        }
                        p => path.push(p),
                    }
                }
                let target = path.to_string_lossy().replace('\\', "/");
                assert!(
                    parts.contains_key(target.trim_start_matches('/')),
                    "{name}: relationship `{}` points at missing `{target}`",
                    a["Id"]
                );
            }
        }
        if name.starts_with("ppt/slides/slide") {
            assert!(
                els.iter().any(|(n, a)| n == "p:ph" && a.get("type").is_some_and(|t| t == "title" || t == "ctrTitle")),
                "{name} has no title placeholder"
            );
            assert!(
                !els.iter().any(|(n, _)| n == "p:pic") || els.iter().filter(|(n, _)| n == "p:cNvPr").all(|(_, a)| a.contains_key("name"))
            );
            let mut off = None;
            for (n, a) in &els {
                match n.as_str() {
                    "a:off" => off = Some((a["x"].parse::<i64>().unwrap(), a["y"].parse::<i64>().unwrap())),
                    "a:ext" if a.contains_key("cx") => {
                        let (x, y) = off.take().unwrap_or((0, 0));
                        let (cx, cy) = (a["cx"].parse::<i64>().unwrap(), a["cy"].parse::<i64>().unwrap());
                        assert!(
                            x >= 0 && y >= 0 && x + cx <= w && y + cy <= h,
                            "{name}: a shape at ({x}, {y}) of {cx} × {cy} EMU leaves the slide"
                        );
                    }
                    _ => {}
                }
            }
        }
    }
    let pres = elements("presentation.xml", &parts["ppt/presentation.xml"]);
    let size = pres.iter().find(|(n, _)| n == "p:sldSz").expect("a slide size");
    assert_eq!((size.1["cx"].as_str(), size.1["cy"].as_str()), ("12192000", "6858000"), "16:9 slides");
}

#[test]
fn sample_deck_in_powerpoint_matches_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, pptx) = build_deck(&samples(), dir.path(), "2025-10-07");
    assert_package_sound(&pptx);
    let lo = libreoffice_pdf(&pptx, "pdf");
    assert_eq!(pdf_pages(&lo), pdf_pages(&pdf), "LibreOffice's PDF has one page per slide");
    let report = check_deck(&pptx, &pdf, Some(&lo));
    assert_no_problems(&report, "the sample deck");
    let titles: Vec<&str> = report["titles"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    assert!(
        titles.iter().any(|t| t.contains("Accomplishments to date") && t.contains("Strengthening Community Safety and Wellbeing")),
        "{titles:?}"
    );
    assert!(titles.contains(&"Key Activities & Timelines"), "{titles:?}");

    // Native parts: the theme names Noto Sans; text carries en-CA; the
    // timeline is shapes (bars named with their status), not a picture.
    let parts = parts(&pptx);
    let theme = String::from_utf8_lossy(&parts["ppt/theme/theme1.xml"]).into_owned();
    assert!(theme.contains("typeface=\"Noto Sans\""), "the theme's fonts are Noto Sans");
    let slides: Vec<String> =
        (1..=pdf_pages(&pdf)).map(|n| String::from_utf8_lossy(&parts[&format!("ppt/slides/slide{n}.xml")]).into_owned()).collect();
    assert!(slides.iter().all(|s| !s.contains("<p:pic")), "the built-in word mark is text, and no slide is a picture");
    assert!(slides[0].contains("WINDSOR-ESSEX") && slides[0].contains("lang=\"en-CA\""));
    let timeline = slides.iter().find(|s| s.contains("Key Activities &amp; Timelines")).unwrap();
    assert!(
        timeline.contains("name=\"Bar: Applied for Community Safety and Policing grant: Completed\""),
        "a bar per activity, named with its status"
    );
    assert!(timeline.contains("<a:prstDash val=\"dash\"/>"), "the meeting line");
    let core = String::from_utf8_lossy(&parts["docProps/core.xml"]).into_owned();
    assert!(core.contains("<dc:language>en-CA</dc:language>"));
    // Speaker notes on the data slides say where the figures come from.
    let notes: Vec<String> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/notesSlides/notesSlide"))
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("events-2025.xlsx › Events, rows") && n.contains("Events attended: 14")),
        "accomplishments notes cite the event rows"
    );
    assert!(notes.iter().any(|n| n.contains("Timeline of")), "timeline notes");
}

#[test]
fn stress_deck_in_powerpoint_matches_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    stress::write(&inputs);
    let (pdf, pptx) = build_deck(&inputs, &dir.path().join("out"), stress::MEETING);
    assert_package_sound(&pptx);
    let lo = libreoffice_pdf(&pptx, "pdf");
    assert_eq!(pdf_pages(&lo), pdf_pages(&pdf));
    let report = check_deck(&pptx, &pdf, Some(&lo));
    assert_no_problems(&report, "the stress deck");
    let size = std::fs::metadata(&pptx).unwrap().len();
    eprintln!("stress deck: {} slides, {size} bytes", report["slides"]);
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (_, one) = build_deck(&samples(), a.path(), "2025-10-07");
    let (_, two) = build_deck(&samples(), b.path(), "2025-10-07");
    assert!(std::fs::read(one).unwrap() == std::fs::read(two).unwrap(), "two builds of the same inputs differ");
}

const HOSTILE: [&str; 11] =
    ["#read(\"/etc/passwd\")", "]", "$x^2$", "*bold*", "<b>", "{{ 7*7 }}", "\\", "&amp; & <p:sp>", "]]>", "\"quoted' '", "<!-- x -->"];

#[test]
fn hostile_cell_text_prints_literally_in_powerpoint() {
    let dir = tempfile::tempdir().unwrap();
    let group = format!("Group {}", HOSTILE.join(" "));
    let activities: Vec<String> = HOSTILE.iter().map(|h| format!("Step {h} end")).collect();
    let refs: Vec<&str> = activities.iter().map(String::as_str).collect();
    let inputs = minimal_inputs(dir.path(), &group, &refs);
    let (pdf, pptx) = build_deck(&inputs, &dir.path().join("out"), "2025-10-07");
    assert_package_sound(&pptx);
    let report = check_deck(&pptx, &pdf, None);
    assert_no_problems(&report, "the hostile deck");
    let titles: Vec<&str> = report["titles"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    assert!(titles.contains(&format!("WECOSS {group} Meeting").as_str()), "the group prints literally in the title: {titles:?}");
    // python-pptx read every step back as typed.
    let mut cmd = Command::new(python());
    cmd.args(["-c", "import sys\nfrom pptx import Presentation\nfor s in Presentation(sys.argv[1]).slides:\n  for sh in s.shapes:\n    if sh.has_text_frame:\n      for p in sh.text_frame.paragraphs: print(''.join(r.text for r in p.runs))"]).arg(&pptx);
    let text = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    for a in &activities {
        assert!(text.lines().any(|l| l == a), "step `{a}` reads back literally:\n{text}");
    }
    assert!(!text.contains("49") && !text.contains("root:x:0"));
}

#[test]
fn edits_in_powerpoint_survive_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let (_, pptx) = build_deck(&samples(), dir.path(), "2025-10-07");
    // Edit a bullet and move a bar with python-pptx, then let LibreOffice
    // open the file and save it again, and read what it saved.
    let edited = dir.path().join("edited/meeting-deck-2025-10-07.pptx");
    std::fs::create_dir_all(edited.parent().unwrap()).unwrap();
    let script = r#"
import sys
from pptx import Presentation
from pptx.util import Emu
prs = Presentation(sys.argv[1])
done = set()
for s in prs.slides:
    for sh in s.shapes:
        if sh.has_text_frame and 'bullet' not in done:
            for p in sh.text_frame.paragraphs:
                if p.runs and p.runs[0].text.startswith('Create neighbourhood safety plans'):
                    p.runs[0].text = 'Edited bullet for the test'
                    for r in p.runs[1:]:
                        r.text = ''
                    done.add('bullet')
        if sh.name.startswith('Bar: ') and 'bar' not in done:
            sh.left = Emu(sh.left + 254000)
            done.add('bar')
prs.save(sys.argv[2])
print(','.join(sorted(done)))
"#;
    let out = Command::new(python()).args(["-c", script]).arg(&pptx).arg(&edited).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "bar,bullet");
    let saved = libreoffice_pdf(&edited, "pdf");
    let text = pdf_text(&saved);
    assert!(text.contains("Edited bullet for the test"), "the edited bullet shows:\n{text}");
    assert!(!text.contains("Create neighbourhood safety plans for Leamington"));
    // And LibreOffice saves it again as PowerPoint, which python-pptx opens.
    let resaved = libreoffice_pdf(&edited, "pptx:Impress MS PowerPoint 2007 XML");
    let out = Command::new(python())
        .args(["-c", "import sys\nfrom pptx import Presentation\nprint(len(Presentation(sys.argv[1]).slides))"])
        .arg(&resaved)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), pdf_pages(&saved).to_string());
}

#[test]
fn broken_outline_template_names_the_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates/meeting-deck/pptx");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("outline.xml.j2"), "<deck>\n<slide><title>{{ meeting.nope }}</title></slide>\n</deck>\n").unwrap();
    let out = dir.path().join("out");
    let result = sample_deck(&out, "pdf,pptx", &["--templates", dir.path().join("templates").to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(err.contains("outline.xml.j2:2"), "the template and line are named: {err}");
    assert!(!out.join("meeting-deck-2025-10-07.pptx").exists() && !out.join("meeting-deck-2025-10-07.pdf").exists(), "nothing is written");

    // An outline that leaves out a slide the PDF has is refused, not written.
    std::fs::write(
        templates.join("outline.xml.j2"),
        "<deck title=\"x\"><slide layout=\"title\"><title>WECOSS {{ meeting.group }} Meeting</title></slide></deck>\n",
    )
    .unwrap();
    let result = sample_deck(&out, "pptx", &["--templates", dir.path().join("templates").to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("its slides would differ from the PDF deck's"), "{}", stderr(&result));
    assert!(!out.join("meeting-deck-2025-10-07.pptx").exists());
}

#[test]
fn a_logo_in_the_templates_is_a_picture_with_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let templates = templates_with_logo(dir.path());
    let out = dir.path().join("out");
    let result = sample_deck(&out, "pdf,pptx", &["--templates", templates.to_str().unwrap()]);
    assert_ok(&result);
    let pptx = out.join("meeting-deck-2025-10-07.pptx");
    assert_package_sound(&pptx);
    let report = check_deck(&pptx, &out.join("meeting-deck-2025-10-07.pdf"), None);
    assert_no_problems(&report, "the deck with a logo");
    let parts = parts(&pptx);
    assert!(
        parts.get("ppt/media/logo.png").is_some_and(|b| *b == std::fs::read(templates.join("logo.png")).unwrap()),
        "the logo is embedded as is"
    );
    let title = String::from_utf8_lossy(&parts["ppt/slides/slide1.xml"]).into_owned();
    assert!(
        title.contains("<p:pic>") && title.contains("descr=\"Windsor-Essex Community Opioid &amp; Substance Strategy logo\""),
        "{title}"
    );
    assert!(!title.contains("WINDSOR-ESSEX"), "the logo replaces the word mark");
}

#[test]
fn a_deck_with_little_data_matches_the_pdf() {
    // No project for the group, no action items, no focus groups, and a
    // timeline of 22 months whose narrow months show their initials.
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[&["Meeting Date", "Working Group"], &["2025-06-18", "Harm Reduction Circle"], &["2025-10-07", "Harm Reduction Circle"]],
    );
    write_csv(&inputs.join("events.csv"), &[&["Date", "Event"], &["2025-07-01", "Street fair"]]);
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Pillar", "Activity", "Status", "Start", "Due"],
            &["Other work", "Elsewhere", "A step long ago", "Planned", "2024-01-01", "2024-02-01"],
        ],
    );
    let (pdf, pptx) = build_deck(&inputs, &dir.path().join("out"), "2025-10-07");
    assert_package_sound(&pptx);
    let report = check_deck(&pptx, &pdf, None);
    assert_no_problems(&report, "the deck with little data");
    let titles: Vec<&str> = report["titles"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    assert!(titles.contains(&"Project Update") && titles.contains(&"Action Items for WECOSS Working Group Members"), "{titles:?}");
}

#[test]
fn a_draft_deck_is_marked_draft_on_every_slide() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = sample_deck(&out, "pdf,pptx", &["--draft"]);
    assert_ok(&result);
    let pptx = out.join("meeting-deck-2025-10-07.pptx");
    assert_package_sound(&pptx);
    assert_no_problems(&check_deck(&pptx, &out.join("meeting-deck-2025-10-07.pdf"), None), "the draft deck");
    let parts = parts(&pptx);
    let slides: Vec<_> = parts.iter().filter(|(n, _)| n.starts_with("ppt/slides/slide")).collect();
    assert!(
        !slides.is_empty() && slides.iter().all(|(_, x)| String::from_utf8_lossy(x).contains("name=\"DRAFT mark\"")),
        "every slide is marked"
    );
}

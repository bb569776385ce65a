//! The deck's slides from `slides` in `content.toml`: reordered, hidden
//! and repeated (one project each time) in a copied templates folder, the
//! PDF and the PowerPoint deck follow in the same order; a mistyped name
//! is an error naming the file.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::support::{assert_ok, run_in, samples, stderr};

/// The meeting whose deck features three projects.
const MEETING: &str = "2025-09-24";

/// `init` into `dir/work`, with `slides` in the deck's `content.toml` set
/// to `slides` (a TOML list).
fn work_with_slides(dir: &Path, slides: &str) -> std::path::PathBuf {
    assert_ok(&run_in(dir, &["init", "--quiet", "work"]));
    let work = dir.join("work");
    let content = work.join("report-templates/meeting-deck/content.toml");
    let text = std::fs::read_to_string(&content).unwrap();
    let line = text.lines().find(|l| l.starts_with("slides = ")).expect("content.toml lists its slides").to_string();
    std::fs::write(&content, text.replace(&line, &format!("slides = {slides}"))).unwrap();
    work
}

/// Builds the deck for [`MEETING`] in `work` as PDF and PowerPoint.
fn build(work: &Path) -> std::process::Output {
    let inputs = samples().display().to_string();
    Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["deck", "--meeting", MEETING, "--inputs", &inputs, "--format", "pdf,pptx"])
        .current_dir(work)
        .env("WECOSS_TODAY", "2026-01-15")
        .output()
        .unwrap()
}

/// Each PDF page's text, whitespace collapsed.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).split('\u{c}').map(crate::support::collapse).filter(|p| !p.is_empty()).collect()
}

/// Each PowerPoint slide's title, in slide order (the text of its title
/// placeholder).
fn pptx_titles(pptx: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(pptx).unwrap()).unwrap();
    let mut titles = Vec::new();
    for n in 1.. {
        let Ok(mut part) = zip.by_name(&format!("ppt/slides/slide{n}.xml")) else { break };
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        let title = xml
            .split("<p:sp>")
            .find(|sp| sp.contains("type=\"title\"") || sp.contains("type=\"ctrTitle\""))
            .map(|sp| sp.split("<a:t>").skip(1).map(|t| t.split("</a:t>").next().unwrap()).collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        titles.push(title.replace("&amp;", "&"));
    }
    titles
}

/// The position of the first item that contains `needle`.
fn first(items: &[String], needle: &str) -> usize {
    items.iter().position(|t| t.contains(needle)).unwrap_or_else(|| panic!("no `{needle}` in {items:#?}"))
}

#[test]
fn slides_reordered_hidden_and_repeated_in_pdf_and_powerpoint() {
    let dir = tempfile::tempdir().unwrap();
    let work = work_with_slides(
        dir.path(),
        r#"["title", "timeline", "project: Youth Prevention Workshops", "thank you", "project: Strengthening Community Safety and Wellbeing"]"#,
    );
    let out = build(&work);
    assert_ok(&out);
    let pdf = work.join(format!("out/meeting-deck-{MEETING}.pdf"));
    let pages = pdf_pages(&pdf);
    let titles = pptx_titles(&pdf.with_extension("pptx"));
    assert_eq!(titles.len(), pages.len(), "the same slides: {titles:#?}");
    for (what, items) in [("PDF", &pages), ("PowerPoint", &titles)] {
        // Reordered: the timeline comes right after the title slide.
        assert!(items[0].contains("Treatment and Recovery Working Group"), "{what}: {items:#?}");
        assert!(items[1].contains("Key Activities & Timelines"), "{what}: {items:#?}");
        // Repeated: one project's slides, then the other's, each titled by its project.
        let youth = first(items, "Project Update: Youth Prevention Workshops");
        let thanks = first(items, "Thank You!");
        let safety = first(items, "Project Update: Strengthening Community Safety and Wellbeing");
        assert!(1 < youth && youth < thanks && thanks < safety, "{what}: {items:#?}");
        assert!(items[youth..thanks].iter().all(|t| !t.contains("Strengthening Community Safety")), "{what}: {items:#?}");
        // Hidden: the action items, the consultation, the focus groups (the
        // PDF's kicker) and the third project.
        for hidden in ["Action Items for WECOSS", "Project Update: WECOSS Action Plan Consultation", "FOCUS GROUP"] {
            assert!(items.iter().all(|t| !t.contains(hidden)), "{what} shows `{hidden}`: {items:#?}");
        }
        assert!(items.iter().all(|t| !t.starts_with("WECOSS Action Plan Consultation")), "{what}: {items:#?}");
    }
    // The focus group slide's title is the group's name alone.
    assert!(titles.iter().all(|t| t != "Treatment and Recovery Working Group"), "{titles:#?}");
    // The repeated section slides differ by their project, never by a counter.
    let sections: Vec<&String> = titles.iter().filter(|t| t.starts_with("2025 Project Update")).collect();
    assert_eq!(sections.len(), 2, "{titles:#?}");
    assert_ne!(sections[0], sections[1]);
    assert!(sections.iter().all(|t| !t.contains("(2)") && !t.contains(" 2 ")), "{sections:?}");
}

#[test]
fn a_mistyped_or_repeated_slide_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let work = work_with_slides(dir.path(), r#"["title", "timline", "projects", "title"]"#);
    let out = build(&work);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("report-templates/meeting-deck/content.toml"), "{err}");
    assert!(err.contains("`timline`") && err.contains("did you mean `timeline`"), "{err}");
    assert!(err.contains("`title` twice"), "{err}");
    assert!(!work.join(format!("out/meeting-deck-{MEETING}.pdf")).exists());
    // The title slide comes first (the deck's first heading).
    let dir = tempfile::tempdir().unwrap();
    let work = work_with_slides(dir.path(), r#"["timeline", "title"]"#);
    let err = stderr(&build(&work));
    assert!(err.contains("`slides` must start with `title`"), "{err}");
}

/// The headings of the report's contents page (its second page), in order.
fn contents(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-f", "2", "-l", "2", "-raw"]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(" . . ."))
        .map(|l| l.split(" . .").next().unwrap().trim().to_string())
        .collect()
}

#[test]
fn report_sections_reordered_hidden_and_repeated_in_pdf_and_web_page() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&run_in(dir.path(), &["init", "--quiet", "work"]));
    let work = dir.path().join("work");
    let order = r#"section_order = ["cover", "contents", "pillar: Harm Reduction", "year at a glance", "pillar: Enforcement and Justice", "about the data"]"#;
    for file in ["content.toml", "content.fr.toml"] {
        let path = work.join("report-templates/annual-report").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().find(|l| l.starts_with("section_order = ")).expect("content.toml lists its sections").to_string();
        std::fs::write(&path, text.replace(&line, order)).unwrap();
    }
    let inputs = samples().display().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["report", "--year", "2025", "--inputs", &inputs, "--format", "pdf,html", "--lang", "en,fr"])
        .current_dir(&work)
        .output()
        .unwrap();
    assert_ok(&out);
    let headings = contents(&work.join("out/annual-report-2025.pdf"));
    let at = |h: &str| headings.iter().position(|x| x == h).unwrap_or_else(|| panic!("no `{h}` in {headings:#?}"));
    // Reordered and repeated: one pillar, the year at a glance, another pillar.
    assert_eq!(headings[0], "Harm Reduction", "{headings:#?}");
    assert!(at("Harm Reduction") < at("Year at a glance"), "{headings:#?}");
    assert!(at("Year at a glance") < at("Enforcement and Justice"), "{headings:#?}");
    assert!(at("Enforcement and Justice") < at("About the data"), "{headings:#?}");
    // Hidden.
    for hidden in
        ["Message from the Co-Chairs", "About WECOSS", "Prevention and Education", "Workplan progress", "Looking ahead", "Our Partners"]
    {
        assert!(!headings.iter().any(|h| h == hidden), "`{hidden}` shows: {headings:#?}");
    }
    // The web page follows the same order, and its contents link only to
    // sections it has.
    let html = std::fs::read_to_string(work.join("out/annual-report-2025.html")).unwrap();
    let h2: Vec<&str> = html.split("<h2 id=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    assert_eq!(h2[..5], ["contents-title", "pillar-2-2", "glance", "pillar-4-4", h2[4]], "{h2:?}");
    // "About the data" is followed by its methods note.
    assert_eq!(h2[h2.len() - 2..], ["about", "methods"], "{h2:?}");
    assert!(!h2.iter().any(|id| ["message", "introduction", "pillar-1-1", "workplan", "ahead", "partners"].contains(id)), "{h2:?}");
    for link in html.split("href=\"#").skip(1).map(|s| s.split('"').next().unwrap()) {
        assert!(html.contains(&format!("id=\"{link}\"")), "the contents link to `#{link}`, which the page lacks");
    }
    assert!(!html.contains("class=\"back-cover\""), "the back cover is hidden");
    // The French edition names the same pillars, as it prints them.
    let french = contents(&work.join("out/rapport-annuel-2025.pdf"));
    assert_eq!(french[0], "Réduction des méfaits", "{french:#?}");
    assert!(!french.iter().any(|h| h == "Prévention et éducation"), "{french:#?}");
}

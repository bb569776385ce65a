//! The annual report's HTML edition (issue 17): one self-contained page with
//! the same figures as the PDF and the JSON of the same run, its semantics
//! (language, title, landmarks, skip link, headings in order, tables with
//! captions and header cells, charts as named images with their data), the
//! escaping of hostile cells, identical bytes for identical inputs, several
//! formats in one run; and, in headless Chromium, axe-core, reflow at 320 px,
//! the charts' accessible names and screenshots.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;
use serde_json::Value;

/// Builds the report of `inputs` as PDF, HTML and JSON in one run; returns
/// the figures (JSON), the HTML and the PDF's text.
fn build_all(inputs: &Path, out: &Path, extra: &[&str]) -> (Value, String, String) {
    let mut args = vec!["report", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "pdf,html,json"];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert_ok(&result);
    let text = stdout(&result);
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Value>();
    let printed: Value = stream.next().expect("the figures are printed").expect("the figures are JSON");
    let figures = printed["documents"][0]["figures"].clone();
    let rest = &text[stream.byte_offset()..];
    let paths: Vec<PathBuf> = rest.lines().filter(|l| !l.trim().is_empty()).map(PathBuf::from).collect();
    let html_path = paths.iter().find(|p| p.extension().is_some_and(|e| e == "html")).expect("an HTML file is written");
    let pdf_path = paths.iter().find(|p| p.extension().is_some_and(|e| e == "pdf")).expect("a PDF is written");
    let html = std::fs::read_to_string(html_path).unwrap();
    (figures, html, pdf_text(pdf_path))
}

/// HTML text decoded: the character references the page uses.
pub(crate) fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// The page's visible text, roughly: tags and the charts' SVG removed,
/// references decoded, whitespace collapsed.
pub(crate) fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        out.push(' ');
        let tail = &rest[at..];
        let end = if tail.starts_with("<svg") || tail.starts_with("<style") {
            let close = if tail.starts_with("<svg") { "</svg>" } else { "</style>" };
            tail.find(close).map_or(tail.len(), |e| e + close.len())
        } else {
            tail.find('>').map_or(tail.len(), |e| e + 1)
        };
        rest = &tail[end..];
    }
    out.push_str(rest);
    collapse(&unescape(&out))
}

/// Every opening tag named `name` (`<th ...>`), whole.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter(|(at, _)| html[at + open.len()..].starts_with([' ', '>']))
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap() + 1])
        .collect()
}

/// The headline figures of the year: (name, as printed).
fn headline(figures: &Value) -> Vec<(&'static str, String)> {
    headline_in(figures, commas, |p| format!("{p}%"))
}

/// The headline figures of the year, each number written by `number` and
/// the percentage by `percent`: (name, as printed).
pub(crate) fn headline_in(figures: &Value, number: impl Fn(u64) -> String, percent: impl Fn(u64) -> String) -> Vec<(&'static str, String)> {
    let k = &figures["kpis"];
    let mut out: Vec<(&'static str, String)> = [
        "events",
        "residents_reached",
        "plans_year",
        "plans_total",
        "survey_responses",
        "focus_groups",
        "stakeholders_engaged",
        "projects",
    ]
    .into_iter()
    .map(|name| (name, number(k[name].as_u64().unwrap_or_else(|| panic!("kpi `{name}` is a number")))))
    .collect();
    if let Some(p) = k["confident_percent"].as_u64() {
        out.push(("confident_percent", percent(p)));
    }
    out
}

/// Checks the page's structure and content against the figures of the
/// same run and the PDF's text.
fn check_page(html: &str, figures: &Value, pdf: &str) {
    // One self-contained file: no script, no stylesheet or image fetched.
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..200]);
    assert!(html.contains("<html lang=\"en-CA\">"));
    let title =
        format!("<title>WECOSS {} {}</title>", figures["content"]["title"].as_str().unwrap(), figures["year"]["label"].as_str().unwrap());
    assert!(html.contains(&title), "the page's title is {title}");
    for never in ["<script", "<link", "<img", "<iframe", " src=", "@import", "url(http", "url(//"] {
        assert!(!html.contains(never), "the page holds `{never}`: it must need no script and no network");
    }
    assert_eq!(tags(html, "style").len(), 1, "one inline stylesheet");
    // Landmarks and the skip link, first in the page.
    for landmark in ["header", "nav", "main", "footer"] {
        assert_eq!(tags(html, landmark).len(), 1, "one <{landmark}>");
    }
    let body = &html[html.find("<body>").unwrap() + "<body>".len()..];
    assert!(body.trim_start().starts_with("<a class=\"skip-link\" href=\"#main\">"), "the skip link comes first");
    assert!(tags(html, "main")[0].contains("id=\"main\""));
    // Headings: one h1, then no level skipped.
    let mut levels = Vec::new();
    for (at, _) in html.match_indices("<h") {
        if let Some(d) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10))
            && html[at + 3..].starts_with([' ', '>'])
        {
            levels.push(d);
        }
    }
    assert_eq!(levels.first(), Some(&1), "the page starts with its h1");
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "one h1");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "a heading level is skipped: h{} then h{} in {levels:?}", pair[0], pair[1]);
    }
    // The same sections as the PDF: every heading below the title is one
    // of the PDF's too.
    for (at, _) in html.match_indices("<h") {
        let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else { continue };
        if level < 2 || !html[at + 3..].starts_with([' ', '>']) {
            continue;
        }
        let start = at + html[at..].find('>').unwrap() + 1;
        let end = start + html[start..].find("</h").unwrap();
        // Typst sets cell text's straight quotes curly.
        let heading = page_text(&html[start..end]).replace('\'', "’");
        assert!(pdf.contains(&heading), "the heading `{heading}` is not in the PDF");
    }
    // Contents: every link goes to an id of the page.
    let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    let targets: Vec<&str> = nav.match_indices("href=\"#").map(|(at, _)| &nav[at + 7..at + 7 + nav[at + 7..].find('"').unwrap()]).collect();
    assert!(targets.len() >= 8, "{targets:?}");
    for t in targets {
        assert!(html.contains(&format!("id=\"{t}\"")), "the contents link to `#{t}`, which the page lacks");
    }
    // Tables: a caption each, every header cell scoped, numbers right-aligned.
    let tables = html.matches("<table").count();
    assert!(tables >= 10, "{tables} tables");
    assert_eq!(html.matches("<caption").count(), tables, "every table has a caption");
    for th in tags(html, "th") {
        assert!(th.contains(" scope=\"") || th.contains(" id=\""), "a header cell without scope or id: {th}");
    }
    assert!(html.contains("<td class=\"num\">") && html.contains("<th scope=\"col\" class=\"num\">"));
    // Charts: drawn in HTML from the figures' chart descriptions, their
    // words as text (no SVG, no glyph outlines), each titled and with its
    // data table in a <details>; a chart of one category is its sentence.
    assert!(!html.contains("<svg") && !html.contains("<use"), "chart text is drawn as glyph outlines");
    let mut charts = Vec::new();
    collect_charts(figures, &mut charts);
    assert!(charts.len() >= 8, "{} charts", charts.len());
    let mut drawn = 0;
    for chart in &charts {
        if chart["drawn"] == false {
            assert!(html.contains(&format!("<p>{}</p>", escape(chart["sentence"].as_str().unwrap()))), "{chart}");
            continue;
        }
        drawn += 1;
        let title = chart["title"].as_str().or(chart["question"].as_str()).unwrap();
        // Last year's breakdown is drawn in this year's chart.
        let grouped = ["previous_by_municipality", "previous_by_plan"].iter().any(|k| std::ptr::eq(&figures["safety"][*k], *chart));
        assert!(grouped || html.contains(&format!("<figcaption class=\"chart-title\">{}", escape(title))), "the chart `{title}` is drawn");
        // Every row of its data table is on the page.
        for row in chart["table"]["rows"].as_array().unwrap() {
            let cells: Vec<&str> = row.as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            let first = format!("<th scope=\"row\">{}</th>", escape(cells[0]));
            assert!(html.contains(&first), "{first}");
        }
    }
    assert!(html.matches("<details>").count() >= drawn, "each chart has its data in a <details>");
    // The appendix's long tables are in boxes of their own.
    if let Some((_, appendix)) = html.split_once("<section aria-labelledby=\"appendix\"") {
        assert!(appendix.contains("<details>"), "the appendix's tables are folded");
    }
    // The same headline figures as the PDF and the JSON.
    let text = page_text(html);
    for (name, shown) in headline(figures) {
        assert!(html.contains(&format!("<p class=\"tile-value\">{shown}</p>")), "the tile `{name}` shows {shown}");
        assert!(pdf.contains(&shown), "the PDF shows {name} = {shown}");
    }
    assert!(
        text.contains(&format!("The survey received {} responses", commas(figures["kpis"]["survey_responses"].as_u64().unwrap())))
            || figures["kpis"]["survey_responses"] == 0
    );
    // Every bar's figure is in its chart's table as in the JSON, with the
    // same suppression: a suppressed bar shows `<5` and no count.
    let mut bars = Vec::new();
    collect_bars(figures, &mut bars);
    assert!(!bars.is_empty());
    for bar in bars.iter().filter(|b| b["others"] != true) {
        let row = format!(
            "<th scope=\"row\">{}</th><td class=\"num\">{}</td>",
            escape(bar["label"].as_str().unwrap()),
            escape(bar["shown"].as_str().unwrap())
        );
        assert!(html.contains(&row), "{row}");
    }
    let min = figures["min_cell"].as_u64().unwrap();
    for bar in bars.iter().filter(|b| b["suppressed"] == true) {
        assert_eq!(bar["shown"], format!("<{min}"), "{bar}");
    }
}

/// Every chart of the figures (bar and Likert charts, by their `kind`),
/// and the timeline's table as the chart of the timeline.
fn collect_charts<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.get("kind").is_some_and(|k| k == "bar" || k == "likert") && map.contains_key("table") {
                out.push(value);
            }
            map.iter().filter(|(k, _)| *k != "content").for_each(|(_, v)| collect_charts(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_charts(v, out)),
        _ => {}
    }
}

/// Every bar of every bar chart in the figures.
fn collect_bars<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::Array(bars)), Some(_)) = (map.get("bars"), map.get("alt")) {
                out.extend(bars.iter());
            }
            map.values().for_each(|v| collect_bars(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_bars(v, out)),
        _ => {}
    }
}

/// HTML-escapes as the page does (minijinja's escaping).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

#[test]
fn the_sample_as_a_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let (figures, html, pdf) = build_all(&samples(), &dir.path().join("out"), &["--year", "2025"]);
    check_page(&html, &figures, &pdf);
    assert!(html.len() <= 150 * 1024, "the sample page is {} KB, over 150 KB", html.len() / 1024);
    // A meta description from the report's introduction.
    let intro = figures["content"]["introduction"]["paragraphs"][0].as_str().unwrap().replace("**", "");
    let first_words: String = intro.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    assert!(html.contains(&format!("<meta name=\"description\" content=\"{}", escape(&first_words))), "{first_words}");
    let mut bars = Vec::new();
    collect_bars(&figures, &mut bars);
    assert!(bars.iter().any(|b| b["suppressed"] == true), "the sample suppresses some count");
    assert!(html.contains("<td class=\"num\">&lt;5</td>"));
    // Free text never reaches the page (counted only).
    assert!(html.contains("written comments were received"));
}

#[test]
fn identical_inputs_give_identical_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        let result =
            run(&["report", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "html", "--year", "2025"]);
        assert_ok(&result);
        assert_eq!(stdout(&result).trim(), out.join("annual-report-2025.html").to_str().unwrap(), "only the page is written");
        pages.push(std::fs::read(out.join("annual-report-2025.html")).unwrap());
    }
    assert!(pages[0] == pages[1], "two builds of the same inputs differ");
}

#[test]
fn hostile_cells_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "{{ 7*7 }}",
        "&amp;",
        "<!--wecoss-chart-0-->",
        "#read(\"/etc/passwd\")",
        "]]></svg>",
    ];
    let mut events: Vec<Vec<String>> = vec![vec!["Date".into(), "Event".into(), "Municipality".into(), "Plans Distributed".into()]];
    let mut dist: Vec<Vec<String>> = vec![vec!["Date".into(), "Quantity".into(), "Plan".into(), "Municipality".into()]];
    for (i, h) in hostile.iter().enumerate() {
        events.push(vec![format!("2025-08-{:02}", i + 1), format!("Fair {h}"), format!("Village {h}"), "4".into()]);
        dist.push(vec![format!("2025-08-{:02}", i + 1), "4".into(), format!("Leaflet {h}"), format!("Village {h}")]);
    }
    for (name, rows) in [("events.csv", &events), ("distribution.csv", &dist)] {
        let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        write_csv(&inputs.join(name), &slices);
    }
    let (figures, html, _) = build_all(&inputs, &dir.path().join("out"), &["--year", "2025"]);
    assert!(
        !html.contains("<script") && !html.contains("<img") && !html.contains("onerror=alert(1)>"),
        "markup from a cell reached the page"
    );
    assert!(!html.contains("]]></svg>"));
    let text = page_text(&html);
    for h in hostile {
        for prefix in ["Fair", "Village", "Leaflet"] {
            assert!(text.contains(&format!("{prefix} {h}")), "`{prefix} {h}` prints literally");
        }
    }
    assert!(!text.contains("Fair 49"));
    // Charts hold the cells too, as escaped text (the chart mark a cell
    // spells stays text), and every chart is drawn.
    let label = escape(&format!("Village {}", hostile[1]));
    assert!(html.contains(&format!("<span class=\"bar-label\">{label}</span>")), "{label}");
    let mut charts = Vec::new();
    collect_charts(&figures, &mut charts);
    let titles = charts.iter().filter(|c| c["drawn"] != false).filter_map(|c| c["title"].as_str()).collect::<Vec<_>>();
    for title in titles {
        assert!(html.contains(&format!("<figcaption class=\"chart-title\">{}</figcaption>", escape(title))), "{title}");
    }
}

#[test]
fn build_writes_several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = run(&[
        "build",
        "--inputs",
        samples().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "pdf,html",
        "--meeting",
        "2025-10-07",
        "--year",
        "2025",
    ]);
    assert_ok(&result);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert!(names.contains(&"annual-report-2025.pdf".to_string()) && names.contains(&"annual-report-2025.html".to_string()), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("meeting-deck-2025-10-07") && n.ends_with(".pdf")), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("meeting-deck") && n.ends_with(".html")), "the deck has no HTML edition: {names:?}");
    // The deck alone as HTML is a usage error that says where HTML is.
    let result = run(&[
        "deck",
        "--inputs",
        samples().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "html",
        "--meeting",
        "2025-10-07",
    ]);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(stderr(&result).contains("has no HTML edition") && stderr(&result).contains("report --format html"), "{}", stderr(&result));
    let result = run(&["report", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "pdf,word"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(stderr(&result).contains("html"), "the formats are listed: {}", stderr(&result));
}

#[test]
fn the_page_follows_overridden_templates() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates/annual-report");
    std::fs::create_dir_all(&templates).unwrap();
    let css = std::fs::read_to_string(root().join("report-templates/annual-report/style.css")).unwrap();
    std::fs::write(templates.join("style.css"), css.replace("max-width: 48rem;", "max-width: 50rem;")).unwrap();
    // The colours come from the brand file.
    let brand = std::fs::read_to_string(root().join("report-templates/brand.toml")).unwrap();
    std::fs::write(dir.path().join("templates/brand.toml"), brand.replace("accent = \"#b4481c\"", "accent = \"#7a2e10\"")).unwrap();
    let out = dir.path().join("out");
    let templates_dir = dir.path().join("templates");
    let build = || {
        run(&[
            "report",
            "--inputs",
            samples().to_str().unwrap(),
            "--templates",
            templates_dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "html",
        ])
    };
    let result = build();
    assert_ok(&result);
    let html = std::fs::read_to_string(out.join("annual-report-2025.html")).unwrap();
    assert!(html.contains("--accent: #7a2e10;") && !html.contains("--accent: #b4481c;"));
    assert!(html.contains("max-width: 50rem;") && !html.contains("max-width: 48rem;"));
    // A mistake in the HTML template names the file and line.
    std::fs::write(templates.join("main.html.j2"), "<!DOCTYPE html>\n<p>{{ kpis.evnets|thousands }}</p>\n").unwrap();
    let result = build();
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("main.html.j2:2"), "{}", stderr(&result));
    assert!(std::fs::read_to_string(out.join("annual-report-2025.html")).unwrap() == html, "the last good page is kept");
}

/// The web page's colours are the brand's: every colour of `brand.toml`
/// is set as a CSS variable in the page, and `style.css` writes none of its
/// own.
#[test]
fn the_stylesheet_has_the_brands_colours() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_ok(&run(&["report", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "html"]));
    let page = std::fs::read_to_string(out.join("annual-report-2025.html")).unwrap();
    let brand = wecoss_report::brand::Brand::builtin();
    for (name, hex) in &brand.colors {
        assert!(page.contains(&format!("--{name}: {hex};")), "the page sets --{name} to brand.toml's {hex}");
    }
    assert!(brand.colors.len() >= 16, "{:?}", brand.colors);
    // The page's text is in the brand's first font, then the reader's own
    // sans-serif fonts: never the PDFs' monospace or serif fallbacks.
    let stack = page.split("--body-font: ").nth(1).and_then(|r| r.split(';').next()).expect("the page sets --body-font");
    assert!(stack.starts_with(&format!("\"{}\"", brand.fonts[0])) && stack.ends_with("sans-serif"), "{stack}");
    assert!(!stack.contains("Mono") && !stack.contains("Serif") && !stack.contains("Computer Modern"), "{stack}");
    let css = std::fs::read_to_string(root().join("report-templates/annual-report/style.css")).unwrap();
    let hex = regex::Regex::new(r"#[0-9a-fA-F]{3,6}\b").unwrap();
    assert!(!hex.is_match(&css), "style.css writes a colour of its own: {:?}", hex.find(&css));
}

// ------------------------------------------------------------ in Chromium

/// Where the browser test finds Chromium and the npm packages: the
/// environment `.ci/run` sets, else the usual places.
pub(crate) fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("WECOSS_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().map(PathBuf::from).find(|p| p.exists()));
    let modules = std::env::var_os("WECOSS_NODE_MODULES").map(PathBuf::from).unwrap_or_else(|| root().join("target/ci-node/node_modules"));
    let mut missing = Vec::new();
    match &chromium {
        Some(p) if p.exists() => {}
        _ => missing.push("Chromium (Debian package `chromium`; or set WECOSS_CHROMIUM to the browser)".to_string()),
    }
    for package in ["puppeteer-core", "axe-core"] {
        if !modules.join(package).is_dir() {
            missing.push(format!("npm `{package}` in {} (or set WECOSS_NODE_MODULES)", modules.display()));
        }
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node (Debian package `nodejs`)".into());
    }
    if missing.is_empty() {
        Ok((chromium.unwrap(), modules))
    } else {
        Err(format!("the browser tests need {}; `bash .ci/run` installs them all", missing.join(", ")))
    }
}

/// Opens `page` in headless Chromium (tests/it/browser/check-html.cjs), with
/// its screenshots in `shots`.
pub(crate) fn in_chromium(page: &Path, shots: &Path) -> Value {
    browser_script("check-html.cjs", &[page.as_os_str(), shots.as_os_str()], shots)
}

/// Runs the browser check `script` of tests/it/browser with `args` in node,
/// Chromium and the npm packages found by [`browser_tools`], `shots` made
/// first; returns the JSON it prints.
pub(crate) fn browser_script(script: &str, args: &[&std::ffi::OsStr], shots: &Path) -> Value {
    let (chromium, modules) = browser_tools().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(shots).unwrap();
    let out = Command::new("node")
        .arg(root().join("tests/it/browser").join(script))
        .args(args)
        .env("WECOSS_CHROMIUM", chromium)
        .env("NODE_PATH", modules)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "the browser check failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the browser check prints JSON")
}

/// The page's checks in Chromium that hold for every page, in any
/// language: no request, no axe-core violation on a phone or a desktop, no
/// sideways scrolling. Returns the browser's findings for more checks.
pub(crate) fn browser_checks(html_path: &Path, shots: &Path) -> Value {
    let result = in_chromium(html_path, shots);
    assert_eq!(result["requests"], serde_json::json!([]), "the page asked the network for something");
    for at in ["axe_phone", "axe_desktop"] {
        let violations = result[at].as_array().unwrap();
        assert!(violations.is_empty(), "axe-core ({at}): {}", serde_json::to_string_pretty(violations).unwrap());
    }
    for at in ["narrow", "large_text"] {
        let w = &result[at];
        assert!(w["scrollWidth"].as_u64() <= w["viewport"].as_u64(), "horizontal scrolling ({at}): {w}");
    }
    result
}

/// The page's errors by the Nu Html Checker (npm `vnu-jar`, run by Java)
/// and by pa11y's HTML_CodeSniffer at WCAG 2 AA (driving Debian's
/// Chromium), as messages; both from `target/ci-node` (`.ci/test`).
pub(crate) fn validators(page: &Path) -> (Vec<String>, Vec<String>) {
    let (chromium, modules) = browser_tools().unwrap_or_else(|e| panic!("{e}"));
    let jar = modules.join("vnu-jar/build/dist/vnu.jar");
    let pa11y = modules.join(".bin/pa11y");
    assert!(jar.exists() && pa11y.exists(), "vnu-jar and pa11y are needed in {}: run `bash .ci/test`", modules.display());
    let out = Command::new("java").arg("-jar").arg(&jar).args(["--errors-only", "--format", "json"]).arg(page).output().expect("java runs");
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|_| panic!("vnu: {}", String::from_utf8_lossy(&out.stderr)));
    let vnu = report["messages"].as_array().unwrap().iter().map(|m| format!("{}: {}", m["lastLine"], m["message"])).collect();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pa11y.json");
    let settings = serde_json::json!({
        "chromeLaunchConfig": { "executablePath": chromium, "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] },
        "standard": "WCAG2AA",
        "runners": ["htmlcs"],
        "timeout": 120000,
    });
    std::fs::write(&config, settings.to_string()).unwrap();
    let out = Command::new(&pa11y)
        .arg("--config")
        .arg(&config)
        .args(["--reporter", "json", "--level", "error"])
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .output()
        .expect("pa11y runs");
    let issues: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("pa11y: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
    let pa11y = issues
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "error")
        .map(|i| format!("{}: {} ({})", i["code"], i["message"], i["selector"]))
        .collect();
    (vnu, pa11y)
}

/// Everything checked in the browser, for one page.
fn check_in_chromium(html_path: &Path, figures: &Value, shots: &Path) {
    let result = browser_checks(html_path, shots);
    assert_eq!(result["narrow"]["viewport"], 320);
    // A phone, every table open: every visible word at least 12 px, the
    // page no wider than the screen, no chart drawn as an image of text.
    let phone = &result["phone"];
    assert_eq!(phone["viewport"], 375);
    assert!(phone["texts"].as_u64().unwrap() > 100, "{phone}");
    assert_eq!(phone["small"], serde_json::json!([]), "text under 12 px at 375 px");
    assert!(phone["scrollWidth"].as_u64() <= phone["viewport"].as_u64(), "horizontal scrolling at 375 px: {phone}");
    assert_eq!((phone["glyph_uses"].as_u64(), phone["chart_svgs"].as_u64()), (Some(0), Some(0)), "chart text as glyph outlines");
    let mut charts = Vec::new();
    collect_charts(figures, &mut charts);
    // Last year's breakdowns are drawn in this year's chart (a bar under
    // each of this year's).
    let grouped = ["previous_by_municipality", "previous_by_plan"].iter().filter(|k| figures["safety"][**k]["drawn"] == true).count();
    let drawn = charts.iter().filter(|c| c["drawn"] != false).count() - grouped + usize::from(!figures["timeline"].is_null());
    assert_eq!(phone["charts"].as_u64(), Some(drawn as u64), "every chart of the figures is drawn");
    // The Nu Html Checker and pa11y (HTML_CodeSniffer, WCAG 2 AA): no error.
    let (vnu, pa11y) = validators(html_path);
    assert!(vnu.is_empty(), "the Nu Html Checker: {vnu:#?}");
    assert!(pa11y.is_empty(), "pa11y: {pa11y:#?}");
    let text = collapse(result["text"].as_str().unwrap());
    for (name, shown) in headline(figures) {
        assert!(text.contains(&shown), "the page's text shows {name} = {shown}");
    }
    // Print: no skip link, no data boxes (the charts print), no contents.
    assert_eq!(result["print"], serde_json::json!({ "skip_link": "none", "details": "none" }), "the print stylesheet");
    for shot in ["phone-top.png", "phone-glance.png", "desktop-top.png", "desktop-chart.png"] {
        let bytes = std::fs::read(shots.join(shot)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000, "{shot} is a screenshot");
    }
}

#[test]
fn the_sample_page_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (figures, _, _) = build_all(&samples(), &out, &["--year", "2025"]);
    let shots = std::env::var_os("WECOSS_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| dir.path().join("shots"));
    check_in_chromium(&out.join("annual-report-2025.html"), &figures, &shots.join("sample"));
}

#[test]
fn the_stress_year_page_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    crate::support::stress::write(&inputs);
    let out = dir.path().join("out");
    let (figures, html, pdf) = build_all(&inputs, &out, &["--year", &crate::support::stress::YEAR.to_string()]);
    check_page(&html, &figures, &pdf);
    assert!(html.len() <= 400 * 1024, "the stress year's page is {} KB, over 400 KB", html.len() / 1024);
    let shots = std::env::var_os("WECOSS_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| dir.path().join("shots"));
    check_in_chromium(&out.join(format!("annual-report-{}.html", crate::support::stress::YEAR)), &figures, &shots.join("stress"));
}

#[test]
fn watch_rebuilds_the_page_when_asked_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let templates = dir.path().join("templates/annual-report");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::create_dir_all(&templates).unwrap();
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    let css = std::fs::read_to_string(root().join("report-templates/annual-report/style.css")).unwrap();
    std::fs::write(templates.join("style.css"), &css).unwrap();
    let page = dir.path().join("out/annual-report-2025.html");
    let mut watch = Watch::start(
        dir.path(),
        &[
            "--inputs",
            "inputs",
            "--templates",
            "templates",
            "--out",
            "out",
            "--meeting",
            "2025-10-07",
            "--year",
            "2025",
            "--format",
            "pdf,html",
        ],
    );
    let seen = watch.wait_for(0, "the first build", |l| l.starts_with("out: built ") || l.starts_with("out: build failed"));
    assert!(watch.text().contains("annual-report-2025.html") && watch.text().contains("annual-report-2025.pdf"), "{}", watch.text());
    assert!(std::fs::read_to_string(&page).unwrap().contains("max-width: 48rem;"));
    // The page's stylesheet is edited: the page is rebuilt.
    std::fs::write(templates.join("style.css"), css.replace("max-width: 48rem;", "max-width: 50rem;")).unwrap();
    let seen =
        watch.wait_for(seen, "the rebuild after the edit", |l| l.starts_with("out: rebuilt ") && l.contains("annual-report-2025.html"));
    assert!(std::fs::read_to_string(&page).unwrap().contains("max-width: 50rem;"));
    // The brand file is edited: the page and the PDF follow.
    let brand = std::fs::read_to_string(root().join("report-templates/brand.toml")).unwrap();
    std::fs::write(dir.path().join("templates/brand.toml"), brand.replace("accent = \"#b4481c\"", "accent = \"#7a2e10\"")).unwrap();
    watch.wait_for(seen, "the rebuild after the brand edit", |l| l.starts_with("out: rebuilt ") && l.contains("annual-report-2025.html"));
    assert!(std::fs::read_to_string(&page).unwrap().contains("--accent: #7a2e10;"));
}

#[test]
fn a_draft_page_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = run(&["report", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "html", "--draft"]);
    assert_ok(&result);
    let html = std::fs::read_to_string(out.join("annual-report-2025.html")).unwrap();
    let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
    assert!(header.contains("<p class=\"draft-banner\">Draft: not for publication</p>"), "the draft mark is in the header landmark");
    let result = run(&["report", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "html"]);
    assert_ok(&result);
    assert!(!std::fs::read_to_string(out.join("annual-report-2025.html")).unwrap().contains("draft-banner\">"));
}

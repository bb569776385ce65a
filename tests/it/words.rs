//! Clear words for staff: mistakes in a content file are named in the
//! content file, at their line, in plain words (unknown keys with a did-you-
//! mean, wrong types, curly quotes, quotes inside text); a warning is said
//! once per `watch` session and never with `--quiet`; `init`'s README.txt
//! stands alone; the deck's fixed words come from its content file.

use std::path::Path;
use std::process::Output;

use crate::support::*;

/// The built-in content file of a document (`meeting-deck`, `annual-report`).
fn builtin_content(doc: &str) -> String {
    std::fs::read_to_string(root().join(format!("report-templates/{doc}/content.toml"))).unwrap()
}

/// Writes `content` as `templates/<doc>/content.toml` under `dir`.
fn write_content(dir: &Path, doc: &str, content: &str) {
    let folder = dir.join("templates").join(doc);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("content.toml"), content).unwrap();
}

/// The one-based line of `content` that contains `needle`.
fn line_of(content: &str, needle: &str) -> usize {
    content.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("`{needle}` not in the file")) + 1
}

/// Runs a command on the samples with `dir/templates` as the templates folder.
fn run_with_templates(dir: &Path, command: &[&str]) -> Output {
    let samples = samples();
    let mut args = command.to_vec();
    args.extend(["--inputs", samples.to_str().unwrap(), "--templates", "templates", "--out", "out"]);
    run_in(dir, &args)
}

fn deck(dir: &Path, extra: &[&str]) -> Output {
    run_with_templates(dir, &[&["deck", "--meeting", "2025-10-07"], extra].concat())
}

#[test]
fn misspelled_content_key_is_named_in_the_content_file() {
    let dir = tempfile::tempdir().unwrap();
    let content = builtin_content("meeting-deck").replacen("\npurpose = ", "\npurpse = ", 1);
    write_content(dir.path(), "meeting-deck", &content);
    let result = deck(dir.path(), &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    let line = line_of(&content, "purpse = ");
    assert!(
        err.contains(&format!(
            "error: templates/meeting-deck/content.toml:{line}: unknown key `purpse` in `[[projects]]` (did you mean `purpose`?)"
        )),
        "{err}"
    );
    assert!(!err.contains("main.typ.j2"), "the template the user never edited is not blamed:\n{err}");
    assert!(!dir.path().join("out").exists(), "nothing written");
    insta::assert_snapshot!("misspelled_content_key", redacted(&result, dir.path()));
}

#[test]
fn every_content_mistake_in_one_run_with_types_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let content = builtin_content("annual-report")
        .replacen("\npillars = ", "\npilars = ", 1)
        .replacen("\nsigned = ", "\nsinged = ", 1)
        .replacen("website = \"wecoss.ca\"", "website = [\"wecoss.ca\"]", 1)
        .replacen("[sections]\n", "[sections]\ncolour = \"blue\"\n", 1);
    write_content(dir.path(), "annual-report", &content);
    let result = run_with_templates(dir.path(), &["report", "--year", "2025"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    let file = "templates/annual-report/content.toml";
    assert_in_order(
        &err,
        &[
            &format!(
                "error: {file}:{}: `website` must be text in quotes, like `website = \"…\"` (found a list)",
                line_of(&content, "website = ")
            ),
            &format!("error: {file}:{}: unknown key `pilars` (did you mean `pillars`?)", line_of(&content, "pilars = ")),
            &format!("error: {file}:{}: unknown key `singed` in `[message]` (did you mean `signed`?)", line_of(&content, "singed = ")),
            &format!("error: {file}:{}: unknown key `colour` in `[sections]`; the keys here are ", line_of(&content, "colour = ")),
        ],
    );
    // Pillar introductions are a table of names chosen by staff: a new
    // pillar is not an unknown key.
    assert!(!err.contains("Youth"), "{err}");
}

#[test]
fn new_pillar_intro_and_missing_keys_build() {
    let dir = tempfile::tempdir().unwrap();
    // An older or shorter file: only some keys. The rest come from the
    // built-in copy; a new pillar's introduction is accepted.
    write_content(
        dir.path(),
        "annual-report",
        "title = \"Year in Review\"\n\n[pillar_intros]\n\"Harm Reduction\" = \"Safer supplies, closer to people.\"\n\"Youth\" = \"Work with young people.\"\n",
    );
    write_content(dir.path(), "meeting-deck", "[thank_you]\ntitle = \"Merci beaucoup!\"\n");
    let result = run_with_templates(dir.path(), &["build", "--meeting", "2025-10-07", "--year", "2025"]);
    assert_ok(&result);
    let report = pdf_text(&dir.path().join("out/annual-report-2025.pdf"));
    assert!(report.contains("Year in Review"), "{report}");
    assert!(report.contains("Safer supplies, closer to people."), "{report}");
    assert!(report.contains("Message from the Co-Chairs"), "the built-in words fill the rest:\n{report}");
    let deck = pdf_text(&dir.path().join("out/meeting-deck-2025-10-07.pdf"));
    assert!(deck.contains("Merci beaucoup!"), "{deck}");
    assert!(deck.contains("WECOSS Action Plan Consultation"), "{deck}");
}

#[test]
fn a_key_used_by_an_edited_template_is_known() {
    let dir = tempfile::tempdir().unwrap();
    let content = format!("subtitle = \"Prepared for partners\"\n{}", builtin_content("meeting-deck"));
    write_content(dir.path(), "meeting-deck", &content);
    // With the built-in template, nothing uses `subtitle`: a mistake.
    let result = deck(dir.path(), &[]);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("content.toml:1: unknown key `subtitle`"), "{}", stderr(&result));
    // An edited template that prints it: a key of its own.
    let template = std::fs::read_to_string(root().join("report-templates/meeting-deck/main.typ.j2")).unwrap();
    let closing = "{{ content.thank_you.closing|rich }}";
    assert!(template.contains(closing));
    let template = template.replacen(closing, "{{ content.thank_you.closing|rich }} {{ content.subtitle }}", 1);
    std::fs::write(dir.path().join("templates/meeting-deck/main.typ.j2"), template).unwrap();
    let result = deck(dir.path(), &[]);
    assert_ok(&result);
    let text = pdf_text(&dir.path().join("out/meeting-deck-2025-10-07.pdf"));
    assert!(text.contains("Prepared for partners"), "{text}");
}

#[test]
fn toml_syntax_errors_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let content = builtin_content("meeting-deck")
        .replacen("title = \"Thank You!\"", "title = “Thank You!”", 1)
        .replacen("none = \"No activities", "none = \"No \"planned\" activities", 1)
        .replacen("[focus_group]", "[focus_group", 1);
    write_content(dir.path(), "meeting-deck", &content);
    let result = deck(dir.path(), &[]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    let file = "templates/meeting-deck/content.toml";
    let (curly, inner, header) = (line_of(&content, "“Thank You!”"), line_of(&content, "\"planned\""), line_of(&content, "[focus_group"));
    assert_in_order(
        &err,
        &[
            &format!("error: {file}:{curly}: use straight quotes \"…\" (this line has curly quotes)"),
            &format!("> {curly:>4} | title = “Thank You!”"),
            &format!("error: {file}:{inner}: a quote inside text must be written \\\""),
            &format!("error: {file}:{header}: unclosed table, expected `]`"),
        ],
    );
    insta::assert_snapshot!("toml_syntax_errors", redacted(&result, dir.path()));

    // The same as JSON: one diagnostic per problem, with its line.
    let result = deck(dir.path(), &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("JSON on stdout");
    assert_eq!(v["errors"], 3);
    assert_eq!(v["diagnostics"][0]["kind"], "content");
    assert_eq!(v["diagnostics"][0]["location"]["line"], curly);
    assert_eq!(v["diagnostics"][1]["location"]["line"], inner);
}

#[test]
fn wrong_type_in_a_block_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let content = builtin_content("meeting-deck").replacen("key_activities = [", "key_activities = \"one\"\nold_list = [", 1);
    write_content(dir.path(), "meeting-deck", &content);
    let result = deck(dir.path(), &[]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains(&format!(
            "content.toml:{}: `key_activities` in `[[projects]]` must be a list of text in square brackets, like `key_activities = [\"…\", \"…\"]` (found text)",
            line_of(&content, "key_activities = ")
        )),
        "{err}"
    );
    assert!(err.contains("unknown key `old_list` in `[[projects]]`"), "{err}");
}

#[test]
fn init_readme_stands_alone() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&run_in(dir.path(), &["init", "site"]));
    let readme = std::fs::read_to_string(dir.path().join("site/README.txt")).unwrap();
    assert!(!readme.to_lowercase().contains("project readme"), "README.txt points elsewhere:\n{readme}");
    // It says what each table needs, by the names the tool matches.
    let lower = readme.to_lowercase();
    for kind in wecoss_report::tables::Kind::ALL {
        let line = lower
            .lines()
            .find(|l| l.contains(&format!("{}:", kind.name())))
            .unwrap_or_else(|| panic!("README.txt does not name the `{}` table:\n{readme}", kind.name()));
        for column in kind.columns().iter().filter(|c| c.required) {
            let after = &line[line.find(&format!("{}:", kind.name())).unwrap()..];
            assert!(after.contains(column.name), "README.txt: `{}` needs `{}`:\n{line}", kind.name(), column.name);
        }
    }
    assert!(readme.lines().count() < 70, "README.txt is one page");
}

// ------------------------------------------------------------------ watch

fn is_build_line(line: &str) -> bool {
    line.starts_with("out: built ") || line.starts_with("out: rebuilt ") || line.starts_with("out: build failed")
}

/// A CSV no table kind fits: read with a warning that it was skipped. Each
/// file gets its own remark, so none is a copy of another.
fn unknown_sheet(path: &Path) {
    let remark = format!("a quiet quarter ({})", path.file_name().unwrap().to_string_lossy());
    write_csv(path, &[&["Quarter", "Remarks"], &["Q3", &remark]]);
}

#[test]
fn watch_says_each_warning_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    unknown_sheet(&inputs.join("summary.csv"));
    let mut watch = Watch::start(dir.path(), &["--inputs", "inputs", "--out", "out", "--meeting", "2025-10-07"]);
    let mut seen = watch.wait_for(0, "the first build", is_build_line);
    assert!(watch.lines()[seen - 1].starts_with("out: built "), "{}", watch.text());
    watch.wait_for(0, "the summary warning", |l| l.starts_with("err: warning: ") && l.contains("summary.csv"));

    // A rebuild that brings a new warning: only the new one is said, and
    // the ones said before are counted, not repeated.
    unknown_sheet(&inputs.join("notes.csv"));
    seen = watch.wait_for(seen, "the rebuild", |l| l.starts_with("out: rebuilt ") && l.contains("notes.csv"));
    watch.wait_for(0, "the new warning", |l| l.starts_with("err: warning: ") && l.contains("notes.csv"));
    let first = watch.wait_for(0, "the count of repeats", is_count_of_repeats);
    let repeats = |line: &str| line.trim_start_matches("err: (").split(' ').next().and_then(|n| n.parse::<usize>().ok()).unwrap();
    let before = repeats(&watch.lines()[first - 1]);
    assert!(before >= 1, "the summary warning at least: {}", watch.text());

    // Another rebuild: no warning is said again, and the new one joins the count.
    write_csv(&inputs.join("events.csv"), &[&["Date", "Event"], &["2025-07-01", "Summer BBQ"]]);
    watch.wait_for(seen, "the second rebuild", |l| l.starts_with("out: rebuilt ") && l.contains("events.csv"));
    let second = watch.wait_for(first, "the second count of repeats", is_count_of_repeats);
    assert_eq!(repeats(&watch.lines()[second - 1]), before + 1, "{}", watch.text());
    watch.settle();
    let lines = watch.lines();
    let warnings: Vec<&String> = lines.iter().filter(|l| l.starts_with("err: warning: ")).collect();
    for w in &warnings {
        assert_eq!(warnings.iter().filter(|x| x == &w).count(), 1, "said once: {w}\n{}", watch.text());
    }
    assert!(warnings.iter().any(|l| l.contains("summary.csv")) && warnings.iter().any(|l| l.contains("notes.csv")), "{}", watch.text());
}

/// `(2 warnings shown before still apply; not repeated)`.
fn is_count_of_repeats(line: &str) -> bool {
    line.starts_with("err: (")
        && (line.ends_with(" warning shown before still applies; not repeated)")
            || line.ends_with(" warnings shown before still apply; not repeated)"))
}

#[test]
fn watch_quiet_hides_warnings_but_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    unknown_sheet(&inputs.join("summary.csv"));
    let mut watch = Watch::start(dir.path(), &["--quiet", "--inputs", "inputs", "--out", "out", "--meeting", "2025-10-07"]);
    let seen = watch.wait_for(0, "the first build", is_build_line);
    write_csv(&inputs.join("late.csv"), &[&["Date Distributed", "Qty"], &["2025-07-02", "-5"]]);
    watch.wait_for(seen, "the failed rebuild", |l| l.starts_with("out: build failed"));
    watch.wait_for(0, "the located error", |l| l.starts_with("err: error: ") && l.contains("late.csv"));
    watch.settle();
    let text = watch.text();
    assert!(!text.contains("warning"), "no warning with --quiet:\n{text}");
}

#[test]
fn build_names_the_mistakes_of_both_content_files_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path(), "meeting-deck", &builtin_content("meeting-deck").replacen("purpose =", "purpse =", 1));
    write_content(dir.path(), "annual-report", &builtin_content("annual-report").replacen("\nsigned = ", "\nsinged = ", 1));
    let result = run_with_templates(dir.path(), &["build", "--meeting", "2025-10-07"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(err.contains("meeting-deck/content.toml") && err.contains("`purpse`"), "{err}");
    assert!(err.contains("annual-report/content.toml") && err.contains("`singed`"), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing written");

    let result = run_with_templates(dir.path(), &["build", "--meeting", "2025-10-07", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&result)).unwrap();
    let files: Vec<&str> = json["diagnostics"].as_array().unwrap().iter().map(|d| d["location"]["file"].as_str().unwrap()).collect();
    assert!(
        files.iter().any(|f| f.ends_with("meeting-deck/content.toml")) && files.iter().any(|f| f.ends_with("annual-report/content.toml")),
        "{json:#}"
    );
}

/// The annual report's fixed words come from its content file: a
/// templates folder that rewords a few of them (a chart title and
/// description from the figures, a heading and a sentence of the
/// templates, a word drawn by charts.typ, a web-page-only word) finds them
/// in the PDF, the web page and the JSON, and the built-in words are gone.
#[test]
fn report_words_come_from_the_content_file() {
    let dir = tempfile::tempdir().unwrap();
    let swaps = [
        ("plans_by_month = \"Plans distributed by month, {year}\"", "plans_by_month = \"Safety plans handed out each month of {year}\""),
        ("bar_chart = \"Bar chart: {title}.\"", "bar_chart = \"Chart of bars: {title}.\""),
        ("completed = \"Completed\"", "completed = \"Finished work\""),
        ("year_at_a_glance = \"Year at a glance\"", "year_at_a_glance = \"The year in figures\""),
        ("focus_groups = \"No focus groups were held in {year}.\"", "focus_groups = \"Not one focus group met during {year}.\""),
        ("total = \"Total: {total}\"", "total = \"All together: {total}\""),
        ("skip_link = \"Skip to the report\"", "skip_link = \"Jump to the report itself\""),
        (
            "projects = { one = \"**{n}** project\", other = \"**{n}** projects\" }",
            "projects = { one = \"**{n}** venture\", other = \"**{n}** ventures\" }",
        ),
    ];
    let mut content = builtin_content("annual-report");
    for (old, new) in swaps {
        assert!(content.contains(old), "`{old}` is in the built-in content file");
        content = content.replacen(old, new, 1);
    }
    write_content(dir.path(), "annual-report", &content);
    // The samples have no focus group in 2024: its report says so.
    let json = run_with_templates(dir.path(), &["report", "--year", "2025", "--format", "json"]);
    assert_ok(&json);
    let figures = crate::support::json_figures(stdout(&json));
    assert_eq!(figures["safety"]["by_month"]["title"], "Safety plans handed out each month of 2025");
    let alt = figures["safety"]["by_month"]["alt"].as_str().unwrap();
    assert!(alt.starts_with("Chart of bars: Safety plans handed out each month of 2025. "), "{alt}");
    assert_eq!(figures["status"]["bars"][0]["label"], "Finished work");

    let built = run_with_templates(dir.path(), &["report", "--year", "2025", "--format", "pdf,html"]);
    assert_ok(&built);
    let pdf = collapse(&pdf_text(&dir.path().join("out/annual-report-2025.pdf")));
    let page = std::fs::read_to_string(dir.path().join("out/annual-report-2025.html")).unwrap();
    // The page's text, after its style sheet (whose comments name parts).
    let html = page.rsplit("</style>").next().unwrap().to_string();
    for (edition, text) in [("PDF", &pdf), ("HTML", &html)] {
        for words in ["Safety plans handed out each month of 2025", "Finished work", "The year in figures"] {
            assert!(text.contains(words), "{edition}: `{words}`");
        }
        for words in ["Plans distributed by month, 2025", "Year at a glance"] {
            assert!(!text.contains(words), "{edition}: `{words}` is gone");
        }
        let covered = text.find("workplan covered").map(|at| &text[at..]).unwrap_or_default();
        assert!(covered.split(" in ").next().is_some_and(|w| w.ends_with(" ventures")), "{edition}: {covered:.60}");
    }
    // The charts' total, in both editions.
    assert!(pdf.contains("All together: ") && !pdf.contains("Total: "), "the charts' total");
    assert!(html.contains("All together: ") && !html.contains("Total: "), "the web page's charts' total");
    // The chart's description is the PDF's (the web page draws its charts
    // as text, each titled, its values in a table).
    assert!(
        html.contains("<figcaption class=\"chart-title\">Safety plans handed out each month of 2025</figcaption>"),
        "the chart's title"
    );
    assert!(html.contains("Jump to the report itself") && !html.contains("Skip to the report"), "a word of the web page only");

    // A year with no focus group: the no-data sentence, its year filled in.
    let empty = run_with_templates(dir.path(), &["report", "--year", "2019", "--format", "pdf,html"]);
    assert_ok(&empty);
    let pdf = collapse(&pdf_text(&dir.path().join("out/annual-report-2019.pdf")));
    let html = std::fs::read_to_string(dir.path().join("out/annual-report-2019.html")).unwrap();
    assert!(pdf.contains("Not one focus group met during 2019.") && html.contains("Not one focus group met during 2019."));
}

/// The report's words are checked like the rest of its content file: a
/// misspelled key and a plural given as text are named at their lines.
#[test]
fn report_words_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let content = builtin_content("annual-report").replacen("\nplans_by_plan = ", "\nplans_by_plann = ", 1).replacen(
        "\nhidden = { one = ",
        "\nhidden = \"values hidden\"\nhiden = { one = ",
        1,
    );
    write_content(dir.path(), "annual-report", &content);
    let result = run_with_templates(dir.path(), &["report", "--year", "2025"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    let file = "templates/annual-report/content.toml";
    assert!(err.contains(&format!("{file}:{}: unknown key `plans_by_plann`", line_of(&content, "plans_by_plann"))), "{err}");
    assert!(err.contains("did you mean `plans_by_plan`?"), "{err}");
    assert!(err.contains(&format!("{file}:{}: ", line_of(&content, "hidden = \"values"))), "{err}");
}

/// Every `<a:t>` text of a PowerPoint file's slides and notes, joined by
/// spaces, XML entities decoded.
fn pptx_text(pptx: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(pptx).unwrap()).unwrap();
    let mut names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    names.sort();
    let mut words = Vec::new();
    for name in names.iter().filter(|n| n.starts_with("ppt/slides/slide") || n.starts_with("ppt/notesSlides/")) {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        for run in xml.split("<a:t>").skip(1) {
            let text = run.split("</a:t>").next().unwrap_or_default();
            words.push(text.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
    }
    words.join(" ")
}

#[test]
fn deck_words_from_the_content_file_print_in_the_pdf_and_powerpoint_decks() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = builtin_content("meeting-deck");
    // A few of the deck's fixed words, in other words: a plain title, a
    // sentence with fields in another order, a count's plural form, the
    // timeline's words from the figures, a speaker note.
    let replace = [
        ("steps_completed = \"Steps Completed\"", "steps_completed = \"Tasks Finished Lately\""),
        (
            "other = \"{count} safety plans distributed, in addition to the {before} distributed prior to {date}.\"",
            "other = \"Before {date} we handed out {before} plans; since then, {count} more.\"",
        ),
        ("other = \"community events attended\"", "other = \"outreach gatherings joined\""),
        ("marker = \"this meeting, {date}\"", "marker = \"our get-together of {date}\""),
        ("planned = \"Planned\"", "planned = \"Scheduled Later\""),
        ("events = \"Events attended: {count}, counted from {rows}.\"", "events = \"Gatherings tallied: {count}; see {rows}.\""),
    ];
    let mut content = builtin.clone();
    for (from, to) in replace {
        assert_eq!(content.matches(from).count(), 1, "`{from}` once in the built-in content.toml");
        content = content.replace(from, to);
    }
    write_content(dir.path(), "meeting-deck", &content);
    let result = deck(dir.path(), &["--format", "pdf,pptx"]);
    assert_ok(&result);
    let out = dir.path().join("out");
    let pdf = collapse(&pdf_text(&out.join("meeting-deck-2025-10-07.pdf")));
    let pptx = collapse(&pptx_text(&out.join("meeting-deck-2025-10-07.pptx")));
    for (what, text) in [("PDF", &pdf), ("PowerPoint", &pptx)] {
        // The fields in their new order: the date, then both counts.
        assert_in_order(text, &["Before June 19, 2025 we handed out ", " plans; since then, ", " more."]);
        for words in ["Tasks Finished Lately", "outreach gatherings joined", "our get-together of October 7", "Scheduled Later"] {
            assert!(text.contains(words), "`{words}` in the {what} deck:\n{text}");
        }
        for old in ["Steps Completed", "community events attended", "this meeting, October 7"] {
            assert!(!text.contains(old), "the old words `{old}` are gone from the {what} deck:\n{text}");
        }
    }
    assert!(pptx.contains("Gatherings tallied: ") && pptx.contains("; see "), "the speaker notes' words:\n{pptx}");
}

#[test]
fn a_misspelled_field_in_a_deck_sentence_is_named_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let from = "no_events = \"No community events were recorded {range}.\"";
    let builtin = builtin_content("meeting-deck");
    assert_eq!(builtin.matches(from).count(), 1);
    // A field the sentence's built-in copy lacks, and one left out (allowed:
    // a translation may not need it).
    let content = builtin
        .replace(from, "no_events = \"No community events were recorded {rnage}.\"")
        .replace("marker = \"this meeting, {date}\"", "marker = \"this meeting\"");
    write_content(dir.path(), "meeting-deck", &content);
    let result = deck(dir.path(), &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    let line = line_of(&content, "{rnage}");
    assert!(
        err.contains(&format!(
            "error: templates/meeting-deck/content.toml:{line}: `no_events` in `[words.accomplishments]` has `{{rnage}}`, a field the tool does not fill in (did you mean `{{range}}`?)"
        )),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "only the misspelled field is a problem:\n{err}");
    assert!(!dir.path().join("out").exists(), "nothing written");
}

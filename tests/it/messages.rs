//! The main error messages, as a person sees them (insta snapshots), their
//! exit codes, and the same errors as `--json`.
//!
//! Temp folder paths are replaced by `[TMP]`. Runs use `--quiet` so only the
//! errors are shown. Update with `INSTA_UPDATE=always cargo test --test messages`
//! (or `cargo insta review`) after a deliberate change.

use std::path::Path;
use std::process::Output;

use crate::support::*;

/// Runs the sample deck with a templates folder whose deck template is
/// `template`; returns the run.
fn deck_with_template(dir: &Path, template: &str, extra: &[&str]) -> Output {
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("meeting-deck")).unwrap();
    std::fs::write(templates.join("meeting-deck/main.typ.j2"), template).unwrap();
    let mut args = vec!["--quiet"];
    args.extend(extra);
    sample_deck_with_templates(dir, &templates, Path::new("out"), &args)
}

#[test]
fn missing_meeting() {
    let result = run(&["deck", "--quiet", "--meeting", "2025-10-08", "--inputs", samples().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    insta::assert_snapshot!("missing_meeting", stderr(&result));
}

#[test]
fn bad_cell() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    write_csv(
        &inputs.join("late.csv"),
        &[&["Date Distributed", "Qty"], &["2025-07-02", "twelve"], &["2025-07-09", "-5"], &["June 31, 2025", "3"]],
    );
    let result = run_in(dir.path(), &["build", "--quiet", "--inputs", "inputs", "--out", "out"]);
    assert_eq!(result.status.code(), Some(1));
    insta::assert_snapshot!("bad_cell", redacted(&result, dir.path()));
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn mistyped_column() {
    let dir = tempfile::tempdir().unwrap();
    write_csv(&dir.path().join("inputs/events.csv"), &[&["Date", "Evnt Name", "Plans Distributed"], &["2025-07-01", "Summer BBQ", "3"]]);
    let result = run_in(dir.path(), &["check", "--inputs", "inputs"]);
    // Its file name says `events`: an error, not a skipped sheet (a build would print 0 events).
    assert_eq!(result.status.code(), Some(1));
    insta::assert_snapshot!("mistyped_column", check_text(&result));
}

#[test]
fn template_error() {
    let dir = tempfile::tempdir().unwrap();
    let template = "#let title = [WECOSS]\n= {{ meeting.group }}\n\n{{ meeting.date|date_wrds }}\n";
    let result = deck_with_template(dir.path(), template, &[]);
    assert_eq!(result.status.code(), Some(1));
    let err = redacted(&result, dir.path());
    assert!(err.contains("[TMP]/templates/meeting-deck/main.typ.j2:4"), "{err}");
    insta::assert_snapshot!("template_error", err);
}

/// A Typst mistake on line 5 of the template, which is line 3 of the
/// generated source (the comment and a block tag write nothing).
const TYPST_MISTAKE: &str = "{#- The deck, shortened. -#}\n#set page(width: 400pt, height: 200pt)\n{% set who = meeting.group %}\n= {{ who }}\n#text(fill: colours.primary)[Thank you]\n";

#[test]
fn typst_error_points_at_the_template_line() {
    let dir = tempfile::tempdir().unwrap();
    let result = deck_with_template(dir.path(), TYPST_MISTAKE, &[]);
    assert_eq!(result.status.code(), Some(1));
    let err = redacted(&result, dir.path());
    assert!(err.contains("unknown variable: colours"), "{err}");
    assert!(err.contains("in template [TMP]/templates/meeting-deck/main.typ.j2:5"), "{err}");
    assert!(err.contains("#text(fill: colours.primary)[Thank you]"), "{err}");
    insta::assert_snapshot!("typst_error", err);
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn typst_error_in_the_theme_points_at_the_calling_template_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("theme.typ"), "#let greet(name) = text(fill: colours.primary, name)\n").unwrap();
    let template = "#import \"/theme.typ\": *\n\n#greet[{{ meeting.group }}]\n";
    let result = deck_with_template(dir.path(), template, &[]);
    assert_eq!(result.status.code(), Some(1));
    let err = redacted(&result, dir.path());
    assert!(err.contains("[TMP]/templates/theme.typ:1"), "{err}");
    assert!(err.contains("in template [TMP]/templates/meeting-deck/main.typ.j2:3"), "{err}");
}

#[test]
fn built_in_template_lines_are_named_as_built_in() {
    // Slide layouts without `title-slide` break the built-in deck template:
    // the error names the built-in template's file and line.
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let layout = std::fs::read_to_string(root().join("report-templates/deck-layout.typ")).unwrap();
    std::fs::write(templates.join("deck-layout.typ"), layout.replace("#let title-slide(", "#let old-title-slide(")).unwrap();
    let samples = samples();
    let result = run_in(
        dir.path(),
        &["deck", "-q", "--meeting", "2025-10-07", "--inputs", samples.to_str().unwrap(), "--templates", "templates", "--out", "out"],
    );
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    let template = std::fs::read_to_string(root().join("report-templates/meeting-deck/main.typ.j2")).unwrap();
    let line = template.lines().position(|l| l.starts_with("#title-slide(")).unwrap() + 1;
    assert!(err.contains(&format!("in template report-templates/meeting-deck/main.typ.j2:{line} (built in)")), "{err}");
}

#[test]
fn typst_error_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let result = deck_with_template(dir.path(), TYPST_MISTAKE, &["--json"]);
    assert_eq!(result.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("JSON on stdout");
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["kind"], "typst");
    assert_eq!(d["message"], "unknown variable: colours");
    assert_eq!(d["location"]["template"], "meeting-deck/main.typ.j2");
    assert_eq!(d["location"]["line"], 5);
    assert_eq!(d["typst"]["line"], 3);
    assert_eq!(v["errors"], 1);
}

#[test]
fn template_and_figures_errors_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let result = deck_with_template(dir.path(), "{{ meeting.date|date_wrds }}\n", &["--json"]);
    assert_eq!(result.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("JSON on stdout");
    assert_eq!(v["diagnostics"][0]["kind"], "template");
    assert_eq!(v["diagnostics"][0]["location"]["line"], 1);

    let result = run(&["deck", "--json", "--meeting", "2025-10-08", "--inputs", samples().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("JSON on stdout");
    let message = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("did you mean 2025-10-07"), "{message}");
}

#[test]
fn package_import() {
    let dir = tempfile::tempdir().unwrap();
    let result = deck_with_template(dir.path(), "#import \"@preview/cetz:0.3.4\": canvas\n", &[]);
    assert_eq!(result.status.code(), Some(1));
    insta::assert_snapshot!("package_import", redacted(&result, dir.path()));
}

#[test]
fn mistyped_command_is_a_usage_error() {
    let result = run(&["biuld"]);
    assert_eq!(result.status.code(), Some(2));
    let err = stderr(&result);
    assert!(err.contains("similar subcommand") && err.contains("build"), "{err}");
    insta::assert_snapshot!("mistyped_command", err);

    let result = run(&["deck", "--meeting", "next tuesday"]);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
}

#[test]
fn quiet_and_verbose() {
    let samples = samples();
    let dir = tempfile::tempdir().unwrap();
    let args = ["deck", "--meeting", "2025-10-07", "--inputs", samples.to_str().unwrap(), "--out", "out"];
    let quiet = run_in(dir.path(), &[&args[..], &["--quiet"]].concat());
    assert_ok(&quiet);
    assert_eq!(stderr(&quiet), "", "nothing but errors with --quiet");
    assert!(stdout(&quiet).contains("meeting-deck-2025-10-07.pdf"), "the paths written are still printed");

    let verbose = run_in(dir.path(), &[&args[..], &["--verbose"]].concat());
    assert_ok(&verbose);
    let err = stderr(&verbose);
    assert!(err.contains("read 9 files"), "{err}");
    assert!(err.contains("totals row skipped"), "notes shown: {err}");
    assert!(err.contains("meeting-deck-2025-10-07: compiled in"), "{err}");

    // Piped stderr gets no progress bar or spinner.
    let normal = run_in(dir.path(), &args);
    assert_ok(&normal);
    let err = stderr(&normal);
    assert!(!err.contains('\r') && !err.contains("\u{1b}[") && !err.contains("compiling"), "{err:?}");
}

#[test]
fn a_build_with_json_gives_its_warnings_and_files_as_json() {
    // A group the deck's content file does not name: a warning, as text
    // without `--json`, and in the JSON result with it (nothing on stderr).
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Made-up Working Group", &["Plan the consultation"]);
    let args = ["deck", "--meeting", "2025-10-07", "--inputs", "inputs", "--out", "out"];
    let text = run_in(dir.path(), &args);
    assert_ok(&text);
    assert!(stderr(&text).contains("warning: inputs/meetings.csv: `Made-up Working Group` is not named"), "{}", stderr(&text));

    let result = run_in(dir.path(), &[&args[..], &["--json"]].concat());
    assert_ok(&result);
    assert!(!stderr(&result).contains("warning:"), "{}", stderr(&result));
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("JSON on stdout");
    assert_eq!(v["errors"], 0);
    assert_eq!(v["written"][0], "out/meeting-deck-2025-10-07.pdf");
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["location"]["file"], "inputs/meetings.csv");
    assert!(d["message"].as_str().unwrap().contains("`Made-up Working Group` is not named"), "{v:#}");
}

/// A word where `wecoss.toml` wants a number names the setting, its line
/// and what it takes, not the TOML parser's guess ("invalid boolean").
#[test]
fn a_settings_mistake_names_the_setting_and_what_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wecoss.toml"), "# mine\nmin_cell = forty-five\n").unwrap();
    let result = run_in(dir.path(), &["build", "--inputs", samples().to_str().unwrap(), "--out", "out"]);
    assert_eq!(result.status.code(), Some(2));
    let err = stderr(&result);
    assert!(
        err.contains("wecoss.toml: line 2: `min_cell = forty-five` cannot be read: `min_cell` takes a whole number of 1 or more, without quotes: min_cell = 5"),
        "{err}"
    );
    assert!(!err.contains("boolean"), "{err}");
    assert!(err.lines().count() <= 2, "{err}");
}

/// `build` where there is no `inputs/` (outside the working folder): one
/// plain sentence saying where to run it, not "(os error 2)".
#[test]
fn build_outside_the_working_folder_says_where_to_run_it() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["build", "check", "deck", "report", "meetings"] {
        let result = run_in(dir.path(), &[command]);
        assert_eq!(result.status.code(), Some(2), "{command}");
        let err = stderr(&result);
        assert!(err.contains("there is no inputs folder `inputs` here"), "{command}: {err}");
        assert!(err.contains("run the command in the working folder `init` made"), "{command}: {err}");
        assert!(!err.contains("os error"), "{command}: {err}");
        assert_eq!(err.lines().count(), 1, "{command}: {err}");
    }
}

/// A numeric date no value settles points at the setting in `wecoss.toml`.
#[test]
fn an_ambiguous_date_points_at_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = crate::support::fixtures::ambiguous_dates(dir.path());
    let result = run_in(dir.path(), &["check", "--inputs", inputs.to_str().unwrap()]);
    let err = stderr(&result);
    assert!(err.contains("set `date_order = \"dmy\"` (or `\"mdy\"`) in `wecoss.toml` for every build"), "{err}");
    let result = run_in(dir.path(), &["deck", "--inputs", inputs.to_str().unwrap(), "--meeting", "03/04/2025"]);
    assert!(stderr(&result).contains("set `date_order = \"dmy\"` (or `\"mdy\"`) in `wecoss.toml`"), "{}", stderr(&result));
}

/// One missing `)` in `theme.typ`, inside the multi-line list of line 99:
/// a few lines naming the edited line, not the dozens of errors that
/// follow from it, nor the line where the list starts.
#[test]
fn one_missing_paren_in_the_theme_prints_a_few_lines_at_the_edited_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let theme = std::fs::read_to_string(root().join("report-templates/theme.typ")).unwrap();
    let edited = theme.lines().position(|l| l.trim() == "\"planned\": colors.planned,").expect("the status colours") + 1;
    let opened = theme.lines().position(|l| l.starts_with("#let status-color(status) = (")).unwrap() + 1;
    std::fs::write(templates.join("theme.typ"), theme.replace("\"planned\": colors.planned,", "\"planned\": colors.at(\"planned\","))
        .unwrap();
    let result = sample_deck_with_templates(dir.path(), &templates, Path::new("out"), &[]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains(&format!("templates/theme.typ:{edited}:")), "{err}");
    assert!(err.contains("a `(` on this line is not closed"), "{err}");
    assert!(err.contains("add its `)`") && err.contains(&format!("the `(` of line {opened}")), "{err}");
    assert!(!err.contains("already in code mode") && !err.contains("while importing"), "{err}");
    assert_eq!(err.matches("error:").count(), 2, "one error (under its heading): {err}");
    assert!(err.lines().count() <= 10, "{} lines:\n{err}", err.lines().count());
}

/// `rgb(#b4481c)`: told to quote the colour, not to remove the `#` (which
/// leads to "unknown variable: b4481c").
#[test]
fn an_unquoted_colour_is_told_to_quote_it() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let theme = std::fs::read_to_string(root().join("report-templates/theme.typ")).unwrap();
    let line = theme.lines().position(|l| l.starts_with("#let likert-grey =")).unwrap() + 1;
    let theme = theme.replace("#let likert-grey = brand-color(brand.likert.grey)", "#let likert-grey = rgb(#b4481c)");
    std::fs::write(templates.join("theme.typ"), theme).unwrap();
    let result = sample_deck_with_templates(dir.path(), &templates, Path::new("out"), &[]);
    let err = stderr(&result);
    assert!(err.contains(&format!("templates/theme.typ:{line}:")), "{err}");
    assert!(err.contains("a colour is written in quotes: rgb(\"#b4481c\")"), "{err}");
    assert!(!err.contains("try removing the `#`"), "{err}");
}

/// `build --help` says which meeting `build` makes the deck for as the
/// code chooses it (and the README says).
#[test]
fn build_help_names_the_meeting_the_deck_is_for() {
    let help = stdout(&run(&["--help"]));
    assert!(help.contains("next meeting on or after today"), "{help}");
    assert!(!help.contains("most recent meeting date"), "{help}");
}

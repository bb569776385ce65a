//! Templates are sandboxed: no file outside the templates folder, no package.

use std::path::Path;

use crate::support::*;

/// Builds the sample deck with a templates override folder whose deck
/// template is `template`, and returns the failed run's stderr.
fn deck_with_template(dir: &Path, template: &str) -> String {
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("meeting-deck")).unwrap();
    std::fs::write(templates.join("meeting-deck/main.typ.j2"), template).unwrap();
    let out = dir.join("out");
    let result = sample_deck_with_templates(dir, &templates, &out, &[]);
    assert_eq!(result.status.code(), Some(1), "the build must fail:\n{}", stderr(&result));
    assert!(!out.join("meeting-deck-2025-10-07.pdf").exists(), "no PDF from a failed build");
    stderr(&result)
}

#[test]
fn reading_outside_the_templates_folder_fails() {
    let dir = tempfile::tempdir().unwrap();
    let err = deck_with_template(dir.path(), "#read(\"../../../../../../etc/passwd\")\n");
    assert!(err.contains("did not compile"), "{err}");
    assert!(err.to_lowercase().contains("access denied") || err.contains("outside"), "{err}");
    assert!(!err.contains("root:x:0"), "{err}");

    let err = deck_with_template(dir.path(), "#read(\"/etc/passwd\")\n");
    assert!(err.contains("not found") || err.contains("does not exist"), "{err}");
    assert!(!err.contains("root:x:0"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_templates_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", templates.join("leak.txt")).unwrap();
    let err = deck_with_template(dir.path(), "#read(\"/leak.txt\")\n");
    assert!(err.to_lowercase().contains("access denied"), "{err}");
    assert!(!err.contains("root:x:0"), "{err}");
}

#[test]
fn package_imports_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let err = deck_with_template(dir.path(), "#import \"@preview/cetz:0.3.4\": canvas\n");
    assert!(err.contains("@preview/cetz:0.3.4"), "{err}");
    assert!(err.contains("not available"), "{err}");
    assert!(err.contains("main.typ"), "names the file: {err}");
}

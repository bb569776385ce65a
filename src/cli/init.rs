//! `init`: a working folder for staff: `inputs/` with the sample workbooks,
//! `blank-workbooks/` with an empty workbook per table kind to copy into
//! `inputs/` and fill in, `report-templates/` copied out of the binary,
//! `out/`, `README.txt` and the settings file `wecoss.toml`.
//! Existing files are never overwritten.

use std::path::{Path, PathBuf};

use super::args::InitArgs;
use wecoss_report::output::WriteError;
use wecoss_report::pipeline::Error;
use wecoss_report::templates::{self, DEFAULT_DIR, EMBEDDED, SAMPLES};

/// The one-page guide written as `README.txt`.
pub const README: &str = include_str!("init-readme.txt");

/// Runs `init`; prints every file created.
pub fn run(args: &InitArgs) -> Result<Vec<PathBuf>, Error> {
    let created = create(&args.dir)?;
    let dir = args.dir.display();
    if created.is_empty() {
        println!("`{dir}` is already set up; no file was changed");
    } else {
        for path in &created {
            println!("{}", path.display());
        }
        let cd = if args.dir == Path::new(".") { String::new() } else { format!("cd {dir} && ") };
        eprintln!(
            "created {} file{} in `{dir}` (existing files were kept). next: `{cd}wecoss-report watch`, then open `out/`; README.txt explains the rest",
            created.len(),
            wecoss_report::words::s(created.len() as u64)
        );
    }
    Ok(created)
}

/// Creates the working folder below `dir`; returns the files created.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write(WriteError::Write { path, source })
    };
    for sub in ["inputs", "out", DEFAULT_DIR, wecoss_report::blank::DIR] {
        let path = dir.join(sub);
        std::fs::create_dir_all(&path).map_err(err(&path))?;
    }
    let inputs = dir.join("inputs");
    let mut created = templates::copy_out(&SAMPLES, &inputs).map_err(err(&inputs))?;
    let tpl = dir.join(DEFAULT_DIR);
    created.extend(templates::copy_out(&EMBEDDED, &tpl).map_err(err(&tpl))?);
    let blank = dir.join(wecoss_report::blank::DIR);
    let books = wecoss_report::blank::workbooks(&wecoss_report::blank::built_in_pillars())
        .map_err(|e| Error::Write(WriteError::Write { path: blank.clone(), source: std::io::Error::other(e) }))?;
    for (name, bytes) in books {
        let path = blank.join(name);
        if !path.exists() {
            std::fs::write(&path, bytes).map_err(err(&path))?;
            created.push(path);
        }
    }
    for (name, text) in [("README.txt", README), (wecoss_report::settings::FILE, wecoss_report::settings::TEMPLATE)] {
        let path = dir.join(name);
        if !path.exists() {
            std::fs::write(&path, text).map_err(err(&path))?;
            created.push(path);
        }
    }
    Ok(created)
}

//! The pipeline benchmark: issue #35's targets beside a DIY peer, then wall
//! time and peak memory per stage.
//!
//! ```text
//! cargo bench --bench pipeline -- [DIR ...] [--runs K]
//! cargo bench --bench pipeline -- --targets [--runs K]
//! ```
//!
//! With no `DIR` (or with `--targets` alone), it first measures the targets
//! of issue #35, each as a ratio beside the DIY peer
//! (`benches/peer/peer_pipeline.py`: pandas reads the workbooks, Jinja2
//! renders Typst, typst-py compiles a 12-slide deck and a 10-page report) in
//! `K` paired runs (default 11), each run a fresh process, the peer and ours
//! in turn, alternating which goes first:
//!
//! - the seed-like build (`samples/wecoss-2025`, a deck and a report) ≥ 10×
//!   faster than the peer's build of the same folder;
//! - a big year (`target/stress-2025`, 150 events, made with the
//!   `make-stress` example's generator if missing) ≥ 4× faster than the
//!   peer's small build;
//! - every edition of the samples (`--lang en,fr --format pdf,html,pptx`)
//!   ≥ 3× faster than the peer's small build;
//! - a one-cell edit under `watch` (an answer of
//!   `survey-google-forms.csv` changed on a copy of the samples, then
//!   `build` again in the same process, as `watch` does once the file has
//!   settled) rebuilt in ≤ 25% of the cold sample build.
//!
//! Each ratio is the median over the pairs of peer ÷ ours (wall time of the
//! whole process, as a user waits for it); the medians and the CPU times
//! are printed beside it. The peer needs Python 3 with `pandas openpyxl
//! python-calamine jinja2 typst`, looked for in `target/peer-venv` (or
//! `WECOSS_PEER_PYTHON`); without them its rows say so and how to install
//! them, and the rest is measured.
//!
//! Then, with no `DIR`, it measures `samples/wecoss-2025`, `target/large-500000`
//! and `target/large-500000-inline` (the same rows with inline strings), each
//! generated first, with `examples/make-large.rs`, if missing. For each
//! folder it runs, each in a fresh child process, `K` times (default 21 for
//! small folders, 3 for large ones), and prints the medians:
//!
//! - the stages of `build` one after another: ingest (read and type every
//!   input), figures (deck and report figures, as template contexts), render
//!   (minijinja → Typst), compile deck, compile report (Typst), write (PDF
//!   export and atomic write); with the peak RSS of each stage (VmHWM, reset
//!   before each stage through `/proc/self/clear_refs`);
//! - the baseline: a bare calamine read of the same files (open each
//!   workbook, walk every cell of every sheet through `worksheet_range`; a
//!   CSV file is walked with the `csv` crate);
//! - the whole cold process, `wecoss-report -q build --inputs DIR`, as a user
//!   runs it (the documents compile in parallel there);
//! - a watch rebuild: on a copy of the folder, `build` run again in the same
//!   process after `events-2025.xlsx` changes, as `watch` does (Typst's
//!   caches warm, unchanged files' records kept), against the cold process;
//!   and again after the largest file changes (the worst case).
//!
//! ```text
//! cargo bench --bench pipeline -- --memory
//! ```
//!
//! measures instead the peak memory (VmHWM) of the reading cases of issue
//! #28, each in a fresh process, against its target: `build` of a folder
//! with a 50 MB events CSV (generated into `target/events-csv-50mb`; target
//! 300 MB), `check` of a sheet that spans a huge range but holds few cells
//! (`tests/corpus/poi-51535.xls`: four cells at the corners of 65,536 × 256,
//! which calamine would allocate whole; refused with the limit; target
//! 200 MB), and the reading of the large inline-string folder (target
//! 100 MB). Measured on 2 shared cores (2026-12-07): 264 MB, 11 MB and 96–98 MB.

#[path = "../tests/it/support/files.rs"]
mod files;
#[path = "../examples/make-large.rs"]
#[allow(dead_code)]
mod make_large;
#[path = "../tests/it/support/stress.rs"]
mod stress;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use wecoss_report::diag::{Diagnostics, Severity};
use wecoss_report::pipeline::{self, DocumentOptions, Inputs, Request, Run, Selection, Session, Silent, produce};

/// The allocator the binary uses (see `src/main.rs`), so that the stages
/// measured here allocate as `wecoss-report` does.
#[global_allocator]
static ALLOCATOR: wecoss_report::alloc::Allocator = wecoss_report::alloc::Allocator;

/// The workbook changed before the measured rebuild (staff's usual edit).
const CHANGED: &str = "events-2025.xlsx";

/// Rows of the generated folder measured by default.
const LARGE_ROWS: usize = 500_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--worker") {
        return worker(&args[1], Path::new(&args[2]), Path::new(&args[3]));
    }
    if args.first().map(String::as_str) == Some("--memory") {
        return memory_targets();
    }
    let mut dirs = Vec::new();
    let mut runs = None;
    let mut only_targets = false;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|k| k.parse::<usize>().ok()),
            "--targets" => only_targets = true,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        targets(runs.unwrap_or(11));
        if only_targets {
            return;
        }
        dirs.push(PathBuf::from(make_large::SAMPLES));
        // The large folder twice: text as shared strings (as Excel saves),
        // and as inline strings (as constant-memory writers save).
        for strings in [make_large::Strings::Shared, make_large::Strings::Inline] {
            let large = make_large::default_dir_with(LARGE_ROWS, strings);
            if !large.join("distribution-large.xlsx").exists() || !large.join("survey-large.xlsx").exists() {
                eprintln!("generating {} ({LARGE_ROWS} rows, {strings:?} strings)…", large.display());
                make_large::generate_with(LARGE_ROWS, &large, strings).expect("generate the large inputs");
            }
            dirs.push(large);
        }
    }
    println!("machine: {} cores; {}", cores(), load());
    for dir in dirs {
        let bytes: u64 = wecoss_report::ingest::find_files(&dir)
            .expect("inputs folder")
            .iter()
            .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .sum();
        let k = runs.unwrap_or(if bytes > 4 << 20 { 3 } else { 21 });
        measure(&dir, k);
    }
}

/// Measures one folder `k` times and prints the table.
fn measure(dir: &Path, k: usize) {
    let out = tempfile::tempdir().expect("temp dir");
    let mut stages: BTreeMap<usize, (String, Vec<f64>, Vec<u64>)> = BTreeMap::new();
    let mut cells = 0;
    let mut baseline = (Vec::new(), Vec::new());
    let mut cold = Vec::new();
    let mut cold_cpu = 0.0;
    let mut rebuild = (Vec::new(), Vec::new(), Vec::new());
    let mut largest = 0;
    for _ in 0..k {
        for (i, (name, secs, kb)) in child("stages", dir, out.path()).into_iter().enumerate() {
            let entry = stages.entry(i).or_insert_with(|| (name, Vec::new(), Vec::new()));
            entry.1.push(secs);
            entry.2.push(kb);
        }
        let base = child("baseline", dir, out.path());
        baseline.0.push(base[0].1);
        baseline.1.push(base[0].2);
        cells = base[1].2;
        let (started, cpu_before) = (Instant::now(), children_cpu());
        let status = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
            .args(["-q", "build", "--inputs"])
            .arg(dir)
            .arg("--out")
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run wecoss-report");
        cold.push(started.elapsed().as_secs_f64());
        cold_cpu += children_cpu() - cpu_before;
        assert!(status.success(), "wecoss-report build failed on {}", dir.display());
        let twice = child("rebuild", dir, out.path());
        rebuild.0.push(twice[0].1);
        rebuild.1.push(twice[1].1);
        rebuild.2.push(twice[2].1);
        largest = twice[3].2;
    }
    println!();
    println!("## {} ({} cells, {} runs, medians)", dir.display(), wecoss_report::words::thousands(cells as i64), k);
    println!();
    println!("| stage | wall | peak RSS |");
    println!("|---|---:|---:|");
    let mut total = 0.0;
    for (name, secs, kb) in stages.values() {
        let s = median(secs);
        total += s;
        println!("| {name} | {} | {} |", ms(s), mb(median_u(kb)));
    }
    println!("| **stages, one after another** | {} | |", ms(total));
    let ingest = median(&stages[&0].1);
    let base = median(&baseline.0);
    println!("| baseline: bare calamine `worksheet_range` read | {} | {} |", ms(base), mb(median_u(&baseline.1)));
    println!("| **ingest ÷ baseline** | {:.2} | |", ingest / base);
    let cold = median(&cold);
    println!("| **`wecoss-report build`, cold process** | {} | |", ms(cold));
    // CPU time is steadier than wall time on a shared machine.
    println!("| its CPU time (user + system, mean) | {} | |", ms(cold_cpu / k as f64));
    let (first, second, third) = (median(&rebuild.0), median(&rebuild.1), median(&rebuild.2));
    println!("| build in-process, first | {} | |", ms(first));
    println!("| rebuild (as `watch`) after `{CHANGED}` changes | {} | |", ms(second));
    println!("| **rebuild ÷ cold process** | {:.0}% | |", 100.0 * second / cold);
    println!("| rebuild after the largest file ({}) changes | {} ({:.0}%) | |", mb_bytes(largest), ms(third), 100.0 * third / cold);
}

/// Runs this binary as a worker and parses its `name\tseconds\tkB` lines.
fn child(mode: &str, dir: &Path, out: &Path) -> Vec<(String, f64, u64)> {
    let output =
        Command::new(std::env::current_exe().expect("own path")).args(["--worker", mode]).arg(dir).arg(out).output().expect("run worker");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "worker {mode} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.parse().ok()?, f.next()?.parse().ok()?))
        })
        .collect()
}

/// One measurement in a fresh process; prints `name\tseconds\tkB` lines.
fn worker(mode: &str, dir: &Path, out: &Path) {
    match mode {
        "baseline" => {
            reset_peak();
            let started = Instant::now();
            let cells = bare_read(dir);
            println!("baseline\t{}\t{}", started.elapsed().as_secs_f64(), peak_kb());
            println!("cells\t0\t{cells}");
        }
        "stages" => stages(dir, out),
        "rebuild" => {
            // On a copy, whose files can be touched: build, then rebuild as
            // `watch` does (same process, files kept in a `ReadCache`) after
            // one small workbook changes, then after the largest one does.
            let (copy, mut files) = copy_inputs(dir);
            files.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
            let small = files.iter().find(|p| p.ends_with(CHANGED)).unwrap_or(&files[0]);
            let largest = files.last().expect("an input");
            let request = pdf_request(copy.path(), out);
            let mut session = Session::keeping();
            for (name, touch) in [("first", None), ("second", Some(small)), ("third", Some(largest))] {
                if let Some(path) = touch {
                    let file = std::fs::File::options().append(true).open(copy.path().join(path.file_name().expect("file name")));
                    file.and_then(|f| f.set_modified(std::time::SystemTime::now())).expect("touch an input");
                }
                let started = Instant::now();
                pipeline::build(&request, &mut session).into_result().expect("build");
                println!("{name}\t{}\t{}", started.elapsed().as_secs_f64(), peak_kb());
            }
            println!("largest\t0\t{}", std::fs::metadata(largest).map(|m| m.len()).unwrap_or(0));
        }
        "watch" => watch_edits(dir, out),
        "read" => {
            let inputs = Inputs { dir: dir.to_path_buf(), ..Inputs::default() };
            let (data, _) = pipeline::read(&inputs, &mut Session::new(), &Silent);
            black_box(&data);
            println!("read\t0\t{}", peak_kb());
        }
        "build" => {
            let request = pdf_request(dir, out);
            black_box(pipeline::build(&request, &mut Session::new()).into_result().expect("build"));
            println!("build\t0\t{}", peak_kb());
        }
        other => panic!("unknown worker mode {other}"),
    }
}

/// Where the peer's Python is looked for, unless `WECOSS_PEER_PYTHON` says.
const PEER_VENV: &str = "target/peer-venv";

/// The DIY peer: its Python (with the packages it imports) and script.
struct Peer {
    python: PathBuf,
    script: PathBuf,
}

impl Peer {
    /// The peer, or why it cannot run (with how to install what it needs).
    fn find() -> Result<Peer, String> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let python = std::env::var_os("WECOSS_PEER_PYTHON").map(PathBuf::from).unwrap_or_else(|| root.join(PEER_VENV).join("bin/python"));
        let script = root.join("benches/peer/peer_pipeline.py");
        let imports = Command::new(&python)
            .args(["-c", "import pandas, openpyxl, python_calamine, jinja2, typst"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        match imports {
            Ok(status) if status.success() => Ok(Peer { python, script }),
            _ => Err(format!(
                "the peer is skipped: {} cannot import its packages. Install them with \
                 `python3 -m venv {PEER_VENV} && {PEER_VENV}/bin/pip install pandas openpyxl python-calamine jinja2 typst` \
                 (or set WECOSS_PEER_PYTHON to a Python that has them)",
                python.display()
            )),
        }
    }

    /// The peer's build of `dir` into `out`, as a command. It reads the
    /// workbooks with calamine: with its openpyxl engine, pandas reads the
    /// samples' `.ods` through `odfpy`, which is not among its packages.
    fn command(&self, dir: &Path, out: &Path) -> Command {
        let mut command = Command::new(&self.python);
        command.arg(&self.script).arg(dir).arg(out).args(["--engine", "calamine"]);
        command
    }
}

/// Runs `command` to the end (it must succeed), its output dropped; returns
/// its wall time and CPU time (user + system), in seconds.
fn timed(mut command: Command, what: &str) -> (f64, f64) {
    let (started, cpu_before) = (Instant::now(), children_cpu());
    let status = command.stdout(std::process::Stdio::null()).status().unwrap_or_else(|e| panic!("run {what}: {e}"));
    let wall = started.elapsed().as_secs_f64();
    assert!(status.success(), "{what} failed");
    (wall, children_cpu() - cpu_before)
}

/// The stress year, written with the `make-stress` generator if missing.
fn stress_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/stress-2025");
    if !dir.join("events.csv").exists() {
        eprintln!("generating {}…", dir.display());
        stress::write(&dir);
    }
    dir
}

/// Issue #35's targets, each a ratio beside the peer, from `k` paired runs.
fn targets(k: usize) {
    let samples = PathBuf::from(make_large::SAMPLES);
    let stress = stress_dir();
    let peer = Peer::find();
    let out = tempfile::tempdir().expect("temp dir");
    // `args` start with the command: `build` (its documents written to
    // `out`) or `check` (whose listing of every sheet is not wanted here).
    let ours = |dir: &Path, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wecoss-report"));
        command.arg("-q").args(args).arg("--inputs").arg(dir);
        if args.first() == Some(&"build") {
            command.arg("--out").arg(out.path());
        } else {
            command.stderr(std::process::Stdio::null());
        }
        command
    };
    let editions = ["build", "--lang", "en,fr", "--format", "pdf,html,pptx"];
    // The floors (no goal): what no template can go below on this machine.
    // Reading and checking the samples alone, and a build whose two
    // documents are one line each (Typst's fixed cost: its library, fonts
    // and a PDF/UA export).
    let one_line = one_line_templates();
    let one_line_args = ["build", "--templates", one_line.path().to_str().expect("a UTF-8 temp path")];
    let cases: [(&str, &Path, &[&str], Option<f64>); 5] = [
        ("seed-like build (`samples/wecoss-2025`: deck and report, English PDF)", &samples, &["build"], Some(10.0)),
        ("a big year (`target/stress-2025`: 150 events, deck and report)", &stress, &["build"], Some(4.0)),
        ("every edition of the samples (en, fr × PDF, HTML, PPTX)", &samples, &editions, Some(3.0)),
        ("floor: reading and checking the samples alone (`check`, no document)", &samples, &["check"], None),
        ("floor: the samples built with one-line templates (Typst's fixed cost)", &samples, &one_line_args, None),
    ];
    println!("machine: {} cores; {} (before the targets)", cores(), load());
    // Per case: (wall, cpu) of ours; the peer's, paired by run.
    let mut times: Vec<Vec<(f64, f64)>> = vec![Vec::new(); cases.len()];
    let mut peer_times = Vec::new();
    for run in 0..k {
        let run_peer = |peer_times: &mut Vec<(f64, f64)>| {
            if let Ok(peer) = &peer {
                peer_times.push(timed(peer.command(&samples, &out.path().join("peer")), "the peer"));
            }
        };
        if run % 2 == 0 {
            run_peer(&mut peer_times);
        }
        for ((_, dir, args, _), times) in cases.iter().zip(&mut times) {
            times.push(timed(ours(dir, args), "wecoss-report"));
        }
        if run % 2 == 1 {
            run_peer(&mut peer_times);
        }
    }
    let watch: Vec<f64> = child("watch", &samples, out.path()).into_iter().map(|(_, secs, _)| secs).collect();
    let after = load();
    println!();
    println!("## Targets of issue #35 ({k} paired runs, medians; each run a fresh process)");
    println!();
    let peer_wall: Vec<f64> = peer_times.iter().map(|t| t.0).collect();
    match &peer {
        Ok(_) => println!(
            "The peer's small build (`benches/peer/peer_pipeline.py samples/wecoss-2025`): {} wall, {} CPU.",
            ms(median(&peer_wall)),
            ms(median(&peer_times.iter().map(|t| t.1).collect::<Vec<_>>()))
        ),
        Err(why) => println!("{why}."),
    }
    println!();
    println!("| target | ours: wall (CPU) | peer ÷ ours, median of pairs | CPU: peer ÷ ours | goal | met |");
    println!("|---|---:|---:|---:|---:|---|");
    for ((name, _, _, goal), times) in cases.iter().zip(&times) {
        let wall: Vec<f64> = times.iter().map(|t| t.0).collect();
        let cpu: Vec<f64> = times.iter().map(|t| t.1).collect();
        let (ratio, cpu_ratio, r) = if peer.is_ok() {
            let ratios: Vec<f64> = peer_wall.iter().zip(&wall).map(|(p, o)| p / o).collect();
            let cpu_ratios: Vec<f64> = peer_times.iter().zip(&cpu).map(|(p, o)| p.1 / o.max(0.01)).collect();
            let r = median(&ratios);
            (format!("{r:.1}×"), format!("{:.1}×", median(&cpu_ratios)), Some(r))
        } else {
            ("(no peer)".to_string(), "(no peer)".to_string(), None)
        };
        let (goal, met) = match (goal, r) {
            (None, _) => (String::new(), ""),
            (Some(goal), Some(r)) => (format!("≥ {goal:.0}×"), if r >= *goal { "✓" } else { "✗" }),
            (Some(goal), None) => (format!("≥ {goal:.0}×"), "?"),
        };
        println!("| {name} | {} ({}) | {ratio} | {cpu_ratio} | {goal} | {met} |", ms(median(&wall)), ms(median(&cpu)));
    }
    let cold = median(&times[0].iter().map(|t| t.0).collect::<Vec<_>>());
    let rebuild = median(&watch);
    let share = 100.0 * rebuild / cold;
    println!(
        "| one-cell edit, rebuilt as `watch` does ({} edits) | {} | {share:.0}% of the cold seed-like build | | ≤ 25% | {} |",
        watch.len(),
        ms(rebuild),
        if share <= 25.0 { "✓" } else { "✗" }
    );
    println!();
    println!("machine: {} cores; {} (after the targets)", cores(), after);
}

/// A templates folder whose deck and report are one line each, for the
/// floor of a build: what Typst costs before any design.
fn one_line_templates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for doc in ["annual-report", "meeting-deck"] {
        std::fs::create_dir_all(dir.path().join(doc)).expect("folder");
        std::fs::write(
            dir.path().join(doc).join("main.typ.j2"),
            "#set document(title: \"WECOSS\")\n#set text(font: \"Noto Sans\", lang: \"en\")\nOne line.\n",
        )
        .expect("write a one-line template");
    }
    dir
}

/// On a copy of `dir` (the samples), builds as `watch` does, then changes
/// one cell of `survey-google-forms.csv` and builds again in the same
/// session, eleven times; prints each rebuild's time, counted from the
/// moment the edited file is written and closed (settled). Between
/// rebuilds Typst's cache is trimmed as `watch` trims it.
fn watch_edits(dir: &Path, out: &Path) {
    const EDITED: &str = "survey-google-forms.csv";
    let (copy, _) = copy_inputs(dir);
    let file = copy.path().join(EDITED);
    let original = std::fs::read_to_string(&file).expect("read the survey");
    // One answer changed: the first `Agree` of the first response.
    let edited = original.replacen(",Agree,", ",Neutral,", 1);
    assert_ne!(original, edited, "{EDITED} has no `Agree` answer to change");
    let request = pdf_request(copy.path(), out);
    let mut session = Session::keeping();
    pipeline::build(&request, &mut session).into_result().expect("first build");
    for i in 0..11 {
        std::fs::write(&file, if i % 2 == 0 { &edited } else { &original }).expect("edit the survey");
        let started = Instant::now();
        pipeline::build(&request, &mut session).into_result().expect("rebuild");
        println!("rebuild\t{}\t0", started.elapsed().as_secs_f64());
        typst::comemo::evict(10);
    }
}

/// The peak memory of issue #28's reading cases, each in a fresh process,
/// against its target.
fn memory_targets() {
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    // A 50 MB events CSV beside the samples.
    let csv = target.join("events-csv-50mb");
    if !csv.join("events-large.csv").exists() {
        eprintln!("generating {}…", csv.display());
        std::fs::create_dir_all(&csv).expect("folder");
        for path in wecoss_report::ingest::find_files(Path::new(make_large::SAMPLES)).expect("samples") {
            std::fs::copy(&path, csv.join(path.file_name().expect("name"))).expect("copy a sample");
        }
        events_csv(&csv.join("events-large.csv"), 50_000_000);
    }
    // A sheet whose four cells span 65,536 × 256.
    let claim = tempfile::tempdir().expect("temp dir");
    std::fs::copy(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/poi-51535.xls"), claim.path().join("51535.xls"))
        .expect("copy the corpus file");
    let inline = make_large::default_dir_with(LARGE_ROWS, make_large::Strings::Inline);
    if !inline.join("distribution-large.xlsx").exists() {
        make_large::generate_with(LARGE_ROWS, &inline, make_large::Strings::Inline).expect("generate the large inputs");
    }
    let out = tempfile::tempdir().expect("temp dir");
    println!("| case | peak RSS | target |");
    println!("|---|---:|---:|");
    for (name, mode, dir, target_mb) in [
        ("build, a 50 MB events CSV and the samples", "build", csv.as_path(), 300),
        ("check, 4 cells spanning 65,536 × 256 (51535.xls, refused)", "read", claim.path(), 200),
        ("read, the large inline-string folder", "read", inline.as_path(), 100),
    ] {
        let started = Instant::now();
        let kb = child(mode, dir, out.path())[0].2;
        let mark = if kb / 1024 <= target_mb { "✓" } else { "✗" };
        println!("| {name} | {} ({:.1} s) | {target_mb} MB {mark} |", mb(kb), started.elapsed().as_secs_f64());
    }
}

/// Writes an events CSV of about `bytes` bytes: ten columns, dates over ten
/// years, from a fixed seed.
fn events_csv(path: &Path, bytes: usize) {
    use std::io::Write;
    const MUNICIPALITIES: [&str; 9] =
        ["Windsor", "LaSalle", "Tecumseh", "Lakeshore", "Amherstburg", "Essex", "Kingsville", "Leamington", "Pelee Island"];
    const NAMES: [&str; 8] =
        ["Summer BBQ", "Street Festival", "Pool Party", "Harvest Fair", "Safety Walk", "Library Talk", "Block Party", "Farmers Market"];
    const TYPES: [&str; 4] = ["Community event", "Workshop", "Info booth", "Door-to-door"];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the CSV"));
    let mut written = 0;
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let header = "Date,Event,Municipality,Neighbourhood,Location,Event Type,Residents Reached,Plans Distributed,Feedback Responses,Felt More Confident\n";
    out.write_all(header.as_bytes()).expect("write");
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
    while written < bytes {
        let date = start + chrono::Duration::days(next(3650) as i64);
        let responses = next(40);
        let line = format!(
            "{date},{} {},{},Area {},Hall {},{},{},{},{responses},{}\n",
            NAMES[next(8) as usize],
            next(1000),
            MUNICIPALITIES[next(9) as usize],
            next(6),
            next(300),
            TYPES[next(4) as usize],
            5 + next(500),
            next(200),
            next(responses + 1),
        );
        out.write_all(line.as_bytes()).expect("write");
        written += line.len();
    }
}

/// Today, for the default meeting.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A build of the inputs in `dir` as PDFs into `out`, everything selected.
fn pdf_request<'a>(dir: &Path, out: &'a Path) -> Request<'a> {
    Request {
        inputs: Inputs { dir: dir.to_path_buf(), ..Inputs::default() },
        options: DocumentOptions::pdf(out),
        selection: Selection::all(today()),
        run: Run::default(),
    }
}

/// A copy of the inputs in `dir`, whose files can be changed, and the
/// original files.
fn copy_inputs(dir: &Path) -> (tempfile::TempDir, Vec<PathBuf>) {
    let copy = tempfile::tempdir().expect("temp dir");
    let files = wecoss_report::ingest::find_files(dir).expect("inputs folder");
    for path in &files {
        std::fs::copy(path, copy.path().join(path.file_name().expect("file name"))).expect("copy an input");
    }
    (copy, files)
}

/// The stages of `build`, one after another, each timed with its peak RSS.
fn stages(dir: &Path, out: &Path) {
    let inputs = Inputs { dir: dir.to_path_buf(), ..Inputs::default() };
    let outputs = DocumentOptions::pdf(out);
    let session = &mut Session::new();
    let stage = |name: &str, f: &mut dyn FnMut()| {
        reset_peak();
        let started = Instant::now();
        f();
        println!("{name}\t{}\t{}", started.elapsed().as_secs_f64(), peak_kb());
    };
    let mut data = None;
    stage("ingest", &mut || {
        let (read, diags) = pipeline::read(&inputs, session, &Silent);
        assert!(!diags.has_errors(), "{:?}", diags.of(Severity::Error).collect::<Vec<_>>());
        data = Some(read);
    });
    let data = data.expect("data");
    let templates = outputs.templates();
    let mut docs = Vec::new();
    stage("figures", &mut || docs = pipeline::documents(&data, &Selection::all(today()), &templates, &inputs.dir).expect("figures").0);
    let run = Run::default();
    let mut rendered = Vec::new();
    stage("render", &mut || {
        rendered = docs
            .iter()
            .map(|d| {
                let context = produce::template_context(d, false, &mut Diagnostics::new());
                produce::render_document(d, &context, &templates, &run).expect("render")
            })
            .collect()
    });
    let mut compiled = Vec::new();
    let mut rendered = rendered.into_iter().map(Some).collect::<Vec<_>>();
    for (label, kind) in [("compile deck", pipeline::DocKind::Deck), ("compile report", pipeline::DocKind::Report)] {
        stage(label, &mut || {
            for (doc, source) in docs.iter().zip(rendered.iter_mut()).filter(|(d, _)| d.kind == kind) {
                let source = source.take().expect("rendered");
                let document = produce::compile_document(doc, &templates, source, session, &run, &mut Diagnostics::new());
                compiled.push((doc, document.expect("compile")));
            }
        });
    }
    stage("write (PDF export, atomic write)", &mut || {
        for (doc, document) in &compiled {
            let pdf = wecoss_report::export::pdf::export(document, &doc.name, produce::timestamp(doc.date, None), outputs.pdf_standard);
            let files = [(outputs.dir.join(&doc.name).with_extension("pdf"), pdf.expect("export"))];
            wecoss_report::output::write_all(&files, &|_| {}).expect("write");
        }
    });
}

/// Opens every workbook under `dir` with calamine and walks every cell of
/// every sheet through `worksheet_range`; a CSV is walked with `csv`.
/// Returns the number of non-empty cells.
fn bare_read(dir: &Path) -> u64 {
    use calamine::{Data, Reader};
    let mut cells = 0u64;
    for path in wecoss_report::ingest::find_files(dir).expect("inputs folder") {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&path).expect("csv");
            for record in reader.records() {
                cells += record.expect("record").iter().filter(|f| !black_box(f).is_empty()).count() as u64;
            }
            continue;
        }
        let mut book = calamine::open_workbook_auto(&path).expect("workbook");
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).expect("sheet");
            for row in range.rows() {
                for cell in row {
                    if *black_box(cell) != Data::Empty {
                        cells += 1;
                    }
                }
            }
        }
    }
    cells
}

/// Resets the peak RSS of this process (Linux 4.0+).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak RSS of this process since the last reset, in kB.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn median_u(v: &[u64]) -> u64 {
    let mut v = v.to_vec();
    v.sort_unstable();
    v[v.len() / 2]
}

fn ms(secs: f64) -> String {
    format!("{:.0} ms", secs * 1000.0)
}

fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

fn mb_bytes(bytes: u64) -> String {
    if bytes < 1_000_000 { format!("{:.0} kB", bytes as f64 / 1e3) } else { format!("{:.1} MB", bytes as f64 / 1e6) }
}

/// The CPU time of this process's waited-for children so far, in seconds
/// (`cutime` + `cstime` of `/proc/self/stat`, in clock ticks of 1/100 s).
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 16 and 17 (1-based) are the 14th and 15th after the name.
    (ticks(13) + ticks(14)) / 100.0
}

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn load() -> String {
    let avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!("load average {}", avg.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

//! `preview`: the live page on 127.0.0.1, behind its token.
//!
//! - In Chromium (tests/it/browser/check-preview.cjs): the page shows the
//!   deck's slides, the report's web edition, the download links, the
//!   problems, the figures and the row ledger; an input edited (a bad
//!   cell, then its fix) shows on the page by itself; axe-core finds
//!   nothing, in English and in French. The time from writing the file to
//!   the page showing it is printed (`--nocapture`), never asserted.
//! - Over raw HTTP: nothing without the token, nothing outside `out/`
//!   (`..`, encoded slashes and dots, backslashes, hidden files, symbolic
//!   links out), no other host name, nothing but `GET` and `HEAD`; the
//!   server listens on 127.0.0.1 only.
//! - `--no-open` opens nothing (the double-click start's opening is in
//!   `double_click.rs`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::*;

/// A copy of the samples in `dir/inputs`.
fn sample_inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    inputs
}

/// Starts `preview` in `dir` with `args`, opening nothing; returns it and
/// the page's address once the first build is done.
fn start(dir: &Path, args: &[&str]) -> (Watch, String) {
    let mut all = vec!["--no-open", "--meeting", "2025-10-07"];
    all.extend_from_slice(args);
    let mut preview = Watch::command(dir, "preview", &all);
    let at = preview.wait_for(0, "the page's address", |l| l.starts_with("out: preview: http://"));
    let url = preview.lines()[at - 1].trim_start_matches("out: preview: ").to_string();
    preview.wait_for(at, "the first build", |l| l.starts_with("out: built ") || l.starts_with("out: build failed"));
    (preview, url)
}

/// `127.0.0.1:PORT` and `/TOKEN/` of a page's address.
fn split(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let slash = rest.find('/').unwrap();
    (rest[..slash].to_string(), rest[slash..].to_string())
}

/// One raw HTTP request (the path exactly as given, never normalised);
/// returns the status and the body.
fn request(addr: &str, method: &str, target: &str, host: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(LIMIT)).unwrap();
    write!(stream, "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer") + 4;
    let head = String::from_utf8_lossy(&answer[..head_end]).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("a status");
    let body = &answer[head_end..];
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { (status, dechunk(body)) } else { (status, body.to_vec()) }
}

/// A chunked body's bytes.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&body[..end]).trim(), 16).expect("a chunk size");
        if size == 0 {
            break;
        }
        bytes.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 2 + size + 2..];
    }
    bytes
}

/// `GET target` naming the server's own host.
fn get(addr: &str, target: &str) -> (u16, Vec<u8>) {
    request(addr, "GET", target, addr)
}

/// The page's state, as the page reads it.
fn state(url: &str) -> Value {
    let (addr, base) = split(url);
    let (status, body) = get(&addr, &format!("{base}state.json"));
    assert_eq!(status, 200);
    serde_json::from_slice(&body).unwrap()
}

#[test]
fn preview_serves_nothing_without_its_token_and_nothing_outside_out() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Prevention", &["Naloxone training"]);
    // A secret beside `out/`, and links to it from inside.
    std::fs::write(dir.path().join("secret.pdf"), b"%PDF secret").unwrap();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.pdf"), dir.path().join("out/leak.pdf")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("out/up")).unwrap();
    }
    let (preview, url) = start(dir.path(), &[]);
    let (addr, base) = split(&url);
    let token = base.trim_matches('/');
    assert_eq!(token.len(), 32, "{url}");

    // The page, its files, a document: with the token.
    let (status, page) = get(&addr, &base);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&page));
    assert!(String::from_utf8_lossy(&page).contains("<h1>WECOSS reports: live preview</h1>"));
    for file in ["page.js", "page.css", "state.json", "version"] {
        assert_eq!(get(&addr, &format!("{base}{file}")).0, 200, "{file}");
    }
    let deck = state(&url)["decks"][0]["pdf"].as_str().expect("a deck PDF").to_string();
    let (status, pdf) = get(&addr, &format!("{base}out/{deck}"));
    assert_eq!(status, 200);
    assert!(pdf == std::fs::read(dir.path().join("out").join(&deck)).unwrap(), "the deck's PDF, byte for byte");
    assert_eq!(request(&addr, "HEAD", &format!("{base}out/{deck}"), &addr).0, 200);

    // Without the token, or with another: nothing, not even the page.
    let wrong: String = token.chars().rev().collect();
    for target in [
        "/",
        "/state.json",
        "/page.js",
        &format!("/out/{deck}"),
        &format!("/{wrong}/"),
        &format!("/{wrong}/state.json"),
        &format!("/{}/", &token[..31]),
        &format!("/{token}x/"),
        &format!("/{}/", token.to_uppercase()),
        &format!("/{token}"),
    ] {
        let (status, body) = get(&addr, target);
        assert_eq!(status, 404, "{target}");
        assert!(!String::from_utf8_lossy(&body).contains("WECOSS"), "{target}");
    }

    // Nothing outside `out/`: traversal, encoded slashes and dots,
    // backslashes, hidden files, symbolic links out of it.
    for path in [
        "../secret.pdf",
        "out/../../secret.pdf",
        "%2e%2e/secret.pdf",
        "out/%2e%2e/secret.pdf",
        "out/..%2fsecret.pdf",
        "out/..%2Fsecret.pdf",
        "out/%2e%2e%2fsecret.pdf",
        "out/%2E%2E%2F%2E%2E%2Fsecret.pdf",
        "out/..%5csecret.pdf",
        "out/..\\secret.pdf",
        "out/%252e%252e%252fsecret.pdf",
        "out/.wecoss-last-build.json",
        "out/%2ewecoss-last-build.json",
        "out/leak.pdf",
        "out/up/secret.pdf",
        "out/up/out/leak.pdf",
        "out//etc/passwd",
        "out/%2fetc%2fpasswd",
        "out/",
    ] {
        let (status, body) = get(&addr, &format!("{base}{path}"));
        // Not found; or, for a character no request may hold, a bad request.
        assert!(status == 404 || (status == 400 && path.contains('\\')), "{path}: {status}");
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{path}");
    }
    assert_eq!(get(&addr, &format!("/{token}/../{token}/out/../../secret.pdf")).0, 404);

    // Another host name (a DNS rebinding) is refused, and so is anything
    // but reading.
    assert_eq!(request(&addr, "GET", &base, "attacker.example").0, 403);
    assert_eq!(request(&addr, "GET", &base, &format!("attacker.example:{}", addr.rsplit(':').next().unwrap())).0, 403);
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(request(&addr, method, &format!("{base}state.json"), &addr).0, 405, "{method}");
    }
    drop(preview);
}

#[test]
fn preview_listens_on_127_0_0_1_only_and_opens_nothing_with_no_open() {
    let dir = tempfile::tempdir().unwrap();
    minimal_inputs(dir.path(), "Prevention", &["Naloxone training"]);
    let side = tempfile::tempdir().unwrap();
    let (opener, record) = crate::double_click::recording_opener(side.path());
    let opener = opener.display().to_string();
    let mut preview = Watch::command_with(dir.path(), "preview", &["--no-open"], &[("WECOSS_OPENER", &opener)]);
    let at = preview.wait_for(0, "the page's address", |l| l.starts_with("out: preview: http://"));
    preview.wait_for(at, "the first build", |l| l.starts_with("out: built ") || l.starts_with("out: build failed"));
    let url = preview.lines()[at - 1].trim_start_matches("out: preview: ").to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let (addr, _) = split(&url);
    let port: u16 = addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!(!record.exists(), "--no-open opened {:?}", std::fs::read_to_string(&record));

    // Another loopback address of this computer is not listened on (as it
    // would be on 0.0.0.0), nor is IPv6.
    #[cfg(target_os = "linux")]
    {
        assert!(TcpStream::connect(("127.0.0.2", port)).is_err(), "listening beyond 127.0.0.1");
        assert!(TcpStream::connect(("::1", port)).is_err(), "listening on IPv6");
        // The kernel's list of listening sockets: this port on 127.0.0.1 only.
        let listening = |table: &str| -> Vec<String> {
            std::fs::read_to_string(table)
                .unwrap_or_default()
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let fields: Vec<&str> = l.split_whitespace().collect();
                    let local = *fields.get(1)?;
                    let (_, p) = local.rsplit_once(':')?;
                    (u16::from_str_radix(p, 16).ok()? == port && fields.get(3) == Some(&"0A")).then(|| local.to_string())
                })
                .collect()
        };
        assert_eq!(listening("/proc/net/tcp"), vec![format!("0100007F:{port:04X}")]);
        assert_eq!(listening("/proc/net/tcp6"), Vec::<String>::new());
    }
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
    drop(preview);
}

// ------------------------------------------------------------ in Chromium

/// Opens the page in headless Chromium (tests/it/browser/check-preview.cjs),
/// making `edits` one after another; screenshots go to `shots`.
fn in_chromium(url: &str, shots: &Path, edits: &Value) -> Value {
    std::fs::create_dir_all(shots).unwrap();
    let edits_file = shots.join("edits.json");
    std::fs::write(&edits_file, edits.to_string()).unwrap();
    crate::html::browser_script("check-preview.cjs", &[url.as_ref(), shots.as_os_str(), edits_file.as_os_str()], shots)
}

/// No axe-core violation in `found[at]`.
fn no_violations(found: &Value, at: &str) {
    let violations = found[at].as_array().unwrap_or_else(|| panic!("no {at}: {found}"));
    assert!(violations.is_empty(), "axe-core ({at}): {}", serde_json::to_string_pretty(violations).unwrap());
}

/// How many sheets `check` lists in `inputs`.
fn sheets_checked(inputs: &Path) -> usize {
    let check = run_in(inputs.parent().unwrap(), &["check", "--json", "--inputs", inputs.to_str().unwrap()]);
    let sheets: Value = serde_json::from_slice(&check.stdout).unwrap();
    sheets["sheets"].as_array().unwrap().len()
}

/// What every page shows once built, in any language: each slide image of
/// each deck, the report's frame and links, the ledger of every sheet
/// `check` lists (`sheets`), nothing asked of another server, no axe-core
/// violation.
fn first_look(found: &Value, out: &Path, sheets: usize) {
    let first = &found["first"];
    assert_eq!(first["status"], "built", "{first}");
    // The slides: one image per PNG page of the deck written in `out/`
    // (the deck named by its PowerPoint file), each loaded.
    let links = first["links"].as_array().unwrap();
    let pptx = links.iter().find_map(|l| l["href"].as_str().filter(|h| h.ends_with(".pptx"))).expect("the deck's PowerPoint link");
    let deck = pptx.trim_start_matches("out/").trim_end_matches(".pptx").to_string();
    let pngs = std::fs::read_dir(out)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!("{deck}-")) && n.ends_with(".png"))
        .count();
    let slides = first["slides"].as_array().unwrap();
    assert!(pngs > 0 && slides.len() == pngs, "{} slide images for {pngs} PNG pages", slides.len());
    assert!(slides.iter().all(|s| s["width"].as_u64() > Some(0)), "{slides:?}");
    // The report's web edition in its frame, loaded; its downloads.
    let frames = first["frames"].as_array().unwrap();
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert!(frames[0]["src"].as_str().unwrap().contains(".html?v="), "{frames:?}");
    assert!(found["frame_titles"][0].as_str().is_some_and(|t| !t.is_empty()), "{}", found["frame_titles"]);
    for end in [".pdf", ".pptx", ".html"] {
        let link = links.iter().find(|l| l["href"].as_str().unwrap().ends_with(end)).unwrap_or_else(|| panic!("no {end} link: {links:?}"));
        let name = link["href"].as_str().unwrap().trim_start_matches("out/");
        assert!(out.join(name).is_file(), "{name}");
    }
    // The ledger: every sheet `check` lists.
    assert_eq!(first["ledger"].as_array().unwrap().len(), sheets, "{}", first["ledger"]);
    assert!(first["ledger"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().contains("counted")));
    assert_eq!(found["elsewhere"], serde_json::json!([]), "the page asked another server");
    no_violations(found, "axe_desktop");
    no_violations(found, "axe_phone");
    let narrow = &found["narrow"];
    assert!(narrow["scrollWidth"].as_u64() <= narrow["viewport"].as_u64(), "sideways scrolling on a phone: {narrow}");
}

#[test]
fn preview_in_chromium_shows_the_deck_and_problems_and_follows_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = sample_inputs(dir.path());
    let (preview, url) = start(dir.path(), &[]);
    // The events of the year before the edits, as the page has them.
    let before = state(&url);
    let events = before["figures"].as_array().unwrap().iter().find(|f| f["name"] == "events in 2025").expect("the year's events")["value"]
        .as_str()
        .unwrap()
        .replace(',', "")
        .parse::<u64>()
        .unwrap();
    let late = inputs.join("late-events.csv");
    let edits = serde_json::json!([
        // A bad cell: located on the page, the documents kept.
        { "path": late, "text": "Event Date,Event Name\n2025-09-31,Harvest Fair\n", "expect": "late-events.csv › A2", "in": "#problem-list td" },
        // Fixed: the figure's change on the page.
        { "path": late, "text": "Event Date,Event Name\n2025-09-30,Harvest Fair\n",
          "expect": format!("events in 2025 {} → {}", commas(events), commas(events + 1)), "in": "#change-list li" },
    ]);
    let shots = dir.path().join("shots");
    let sheets = sheets_checked(&inputs);
    let found = in_chromium(&url, &shots, &edits);
    first_look(&found, &dir.path().join("out"), sheets);
    let first = &found["first"];
    assert_eq!(first["lang"], "en");
    assert!(first["headings"].as_array().unwrap().iter().any(|h| h == "Problems to fix"), "{}", first["headings"]);
    assert!(first["figures"].as_array().unwrap().iter().any(|f| f.as_str().unwrap() == format!("events in 2025: {}", commas(events))));

    let [broken, fixed] = found["edits"].as_array().unwrap().as_slice() else { panic!("two edits: {}", found["edits"]) };
    // The bad cell: the error with its place and what was found; the
    // previous slides still shown.
    assert_eq!(broken["status"], "failed", "{broken}");
    let problem = broken["problems"].as_array().unwrap().iter().find(|p| p.as_str().unwrap().contains("late-events.csv › A2")).unwrap();
    assert!(problem.as_str().unwrap().starts_with("Error"), "{problem}");
    assert!(problem.as_str().unwrap().contains("found `2025-09-31`"), "{problem}");
    assert_eq!(broken["slides"], first["slides"], "the previous slides stay");
    no_violations(broken, "axe");
    // Fixed: built again, the problem gone, the change in the figures said.
    assert_eq!(fixed["status"], "built", "{fixed}");
    assert!(!fixed["problems"].as_array().unwrap().iter().any(|p| p.as_str().unwrap().contains("late-events.csv")), "{fixed}");
    assert!(fixed["figures"].as_array().unwrap().iter().any(|f| f.as_str().unwrap() == format!("events in 2025: {}", commas(events + 1))));
    no_violations(fixed, "axe");
    // The refresh time: from writing the file to the page showing it.
    let builds: Vec<String> = preview
        .lines()
        .iter()
        .filter(|l| l.starts_with("out: rebuilt ") || l.starts_with("out: build failed"))
        .map(|l| l.rsplit(" in ").next().unwrap_or_default().to_string())
        .collect();
    eprintln!(
        "preview refresh after an edit: bad cell shown in {} ms, fix shown in {} ms; the rebuilds took {builds:?}",
        broken["ms"], fixed["ms"]
    );
    // Keep the screenshots for the README when asked.
    if let Some(keep) = std::env::var_os("WECOSS_PREVIEW_SHOTS") {
        std::fs::create_dir_all(&keep).unwrap();
        for shot in ["desktop.png", "edit-1.png", "edit-2.png"] {
            std::fs::copy(shots.join(shot), Path::new(&keep).join(shot)).unwrap();
        }
    }
    drop(preview);
}

#[test]
fn preview_in_french_speaks_french_and_passes_axe() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = sample_inputs(dir.path());
    let (preview, url) = start(dir.path(), &["--lang", "fr"]);
    let found = in_chromium(&url, &dir.path().join("shots"), &serde_json::json!([]));
    first_look(&found, &dir.path().join("out"), sheets_checked(&inputs));
    let first = &found["first"];
    assert_eq!(first["lang"], "fr");
    assert_eq!(first["title"], "Rapports WECOSS : aperçu en direct");
    assert_eq!(first["status_text"], "À jour");
    for heading in ["Problèmes à corriger", "Chiffres clés", "Présentations des réunions", "Rapport annuel"] {
        assert!(first["headings"].as_array().unwrap().iter().any(|h| h == heading), "{heading}: {}", first["headings"]);
    }
    assert!(first["slides"][0]["alt"].as_str().unwrap().starts_with("Diapositive 1 sur "), "{}", first["slides"][0]);
    drop(preview);
}

/// The page's state never waits long for a build to be told: the version
/// grows at each step (a build starting, a build done).
#[test]
fn preview_state_counts_each_build() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Prevention", &["Naloxone training"]);
    let (mut preview, url) = start(dir.path(), &[]);
    let first = state(&url);
    assert_eq!(first["status"], "built", "{first}");
    let version = first["version"].as_u64().unwrap();
    let seen = preview.lines().len();
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident"],
            &["2025-07-01", "Summer BBQ", "10", "4", "3"],
            &["2025-08-01", "Resource Fair", "5", "4", "4"],
            &["2025-09-01", "Harvest Walk", "5", "2", "2"],
        ],
    );
    preview.wait_for(seen, "the rebuild", |l| l.starts_with("out: rebuilt "));
    let limit = Instant::now() + LIMIT;
    let mut now = state(&url);
    while now["version"].as_u64() < Some(version + 2) && Instant::now() < limit {
        std::thread::sleep(Duration::from_millis(50));
        now = state(&url);
    }
    assert_eq!(now["status"], "built", "{now}");
    assert!(now["changes"].as_array().unwrap().iter().any(|c| c.as_str().unwrap().starts_with("events in 2025 2 → 3")), "{now}");
    drop(preview);
}

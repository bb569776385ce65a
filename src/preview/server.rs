//! The preview's HTTP server: `std::net` and `httparse` (the request
//! parser `hyper` uses: no I/O, no runtime), bound to `127.0.0.1` on a port
//! the system picks, a thread per connection with time limits, one request
//! per connection. It answers only requests whose path starts with a
//! random token, so that another user of the computer, or a web page in
//! the browser, cannot read what it shows.
//!
//! Under `/TOKEN/` it serves the page (`/TOKEN/`), its script and style,
//! the state (`state.json`) and its version (`version`), and the files of
//! the output folder (`out/NAME`): regular files with a document's
//! extension only, never a hidden file, never through `..`, an encoded
//! slash or a backslash, and never a file whose real path (symbolic links
//! followed) is outside the output folder. Everything else is `404 Not
//! Found`; a request naming another host (a DNS rebinding) is `403
//! Forbidden`; anything but `GET` and `HEAD` is `405`.

use std::fmt;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::page;
use super::state::Shared;

/// The most connections answered at once; more are closed at once.
const CONNECTIONS: usize = 64;
/// The longest a request's head may be.
const HEAD_LIMIT: usize = 16 * 1024;
/// How long a connection may take to send its request.
const READ_LIMIT: Duration = Duration::from_secs(10);
/// How long the answer may take to be taken.
const WRITE_LIMIT: Duration = Duration::from_secs(60);

/// The file extensions served from the output folder, and their types.
const SERVED: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("html", "text/html; charset=utf-8"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
];

/// A random token: 128 bits from the operating system, in hex.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A new token from the operating system's randomness.
    pub fn random() -> std::io::Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

/// A running preview server. Dropping it stops answering.
pub struct Preview {
    stopping: Arc<AtomicBool>,
    addr: SocketAddr,
    token: Token,
}

impl Preview {
    /// Starts serving `state` and the files of `out` on `127.0.0.1`, on a
    /// free port.
    pub fn start(state: Shared, out: &Path) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let token = Token::random()?;
        let site = Arc::new(Site { state, out: out.to_path_buf(), token: token.clone(), port: addr.port() });
        let stopping = Arc::new(AtomicBool::new(false));
        let open = Arc::new(AtomicUsize::new(0));
        let stop = stopping.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if open.fetch_add(1, Ordering::SeqCst) >= CONNECTIONS {
                    open.fetch_sub(1, Ordering::SeqCst);
                    continue;
                }
                let (site, open) = (site.clone(), open.clone());
                std::thread::spawn(move || {
                    site.serve(stream);
                    open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Ok(Preview { stopping, addr, token })
    }

    /// The page's address, token included: `http://127.0.0.1:PORT/TOKEN/`.
    pub fn url(&self) -> String {
        format!("http://{}/{}/", self.addr, self.token.as_str())
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the listening thread, which then stops.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

/// What the server answers from.
struct Site {
    state: Shared,
    out: PathBuf,
    token: Token,
    port: u16,
}

/// What a request gets.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// The page.
    Page,
    /// Its script.
    Script,
    /// Its style.
    Style,
    /// The state, as JSON.
    State,
    /// The state's version.
    Version,
    /// A file of the output folder, with its type.
    File(PathBuf, &'static str),
    /// Not there (or not to be told).
    NotFound,
    /// Another host was named.
    Forbidden,
    /// Not `GET` or `HEAD`.
    NotAllowed,
}

impl Site {
    /// Reads one request from `stream` and answers it, then closes it.
    fn serve(&self, mut stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(READ_LIMIT));
        let _ = stream.set_write_timeout(Some(WRITE_LIMIT));
        let mut buf = Vec::with_capacity(1024);
        let mut chunk = [0u8; 2048];
        let parsed = loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut request = httparse::Request::new(&mut headers);
            match request.parse(&buf) {
                Ok(httparse::Status::Complete(_)) => {
                    let host = request.headers.iter().find(|h| h.name.eq_ignore_ascii_case("host"));
                    let host = host.and_then(|h| std::str::from_utf8(h.value).ok()).map(str::to_string);
                    break Some((request.method.unwrap_or_default().to_string(), request.path.unwrap_or_default().to_string(), host));
                }
                Ok(httparse::Status::Partial) if buf.len() < HEAD_LIMIT => {}
                _ => break None,
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let Some((method, path, host)) = parsed else {
            let _ = stream.write_all(&answer(400, b"Bad request", "text/plain; charset=utf-8", true, false));
            return;
        };
        let reading = method == "GET" || method == "HEAD";
        let reply = route(&path, reading, host.as_deref(), self.port, &self.token, &self.out);
        let own = !matches!(reply, Reply::File(..));
        let text = "text/plain; charset=utf-8";
        let (status, body, kind): (u16, Vec<u8>, &str) = match reply {
            Reply::Page => (200, page::html(self.state.lang()).into_bytes(), "text/html; charset=utf-8"),
            Reply::Script => (200, page::SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8"),
            Reply::Style => (200, page::STYLE.as_bytes().to_vec(), "text/css; charset=utf-8"),
            Reply::State => (200, self.state.json(), "application/json"),
            Reply::Version => (200, self.state.version().to_string().into_bytes(), text),
            // Read whole and sent with its length (the documents are a few
            // megabytes at most).
            Reply::File(path, kind) => match std::fs::read(&path) {
                Ok(bytes) => (200, bytes, kind),
                Err(_) => (404, b"Not found".to_vec(), text),
            },
            Reply::NotFound => (404, b"Not found".to_vec(), text),
            Reply::Forbidden => (403, b"Forbidden".to_vec(), text),
            Reply::NotAllowed => (405, b"Method not allowed".to_vec(), text),
        };
        let _ = stream.write_all(&answer(status, &body, kind, own, method == "HEAD"));
        let _ = stream.flush();
    }
}

/// A whole HTTP answer: the status, the headers (see [`headers`]), the
/// body (none for `HEAD`).
fn answer(status: u16, body: &[u8], kind: &str, own: bool, head_only: bool) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut bytes = format!("HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\n", body.len()).into_bytes();
    for (name, value) in headers(kind, own) {
        bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    bytes.extend_from_slice(b"\r\n");
    if !head_only {
        bytes.extend_from_slice(body);
    }
    bytes
}

/// The headers of an answer of type `kind`: no caching, no referrer (the
/// address holds the token), one request per connection; for the page's
/// own files, only its own scripts and no framing; for a document, framing
/// by the page only.
fn headers(kind: &str, own: bool) -> Vec<(&'static str, String)> {
    let policy = if own {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    } else {
        "frame-ancestors 'self'; connect-src 'none'; form-action 'none'"
    };
    vec![
        ("Content-Type", kind.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Content-Security-Policy", policy.to_string()),
        ("Connection", "close".to_string()),
    ]
}

/// What a request for `url` (the raw path and query) gets, `reading` when
/// it is a `GET` or `HEAD`, naming `host`, on a server on `port` with
/// `token`, serving the files of `out`.
pub fn route(url: &str, reading: bool, host: Option<&str>, port: u16, token: &Token, out: &Path) -> Reply {
    let allowed_hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !host.is_some_and(|h| allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(h))) {
        return Reply::Forbidden;
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/').and_then(|p| p.strip_prefix(token.as_str())).and_then(|p| p.strip_prefix('/')) else {
        return Reply::NotFound;
    };
    if !reading {
        return Reply::NotAllowed;
    }
    match rest {
        "" => Reply::Page,
        "page.js" => Reply::Script,
        "page.css" => Reply::Style,
        "state.json" => Reply::State,
        "version" => Reply::Version,
        _ => match rest.strip_prefix("out/").and_then(|name| resolve(out, name)) {
            Some((path, kind)) => Reply::File(path, kind),
            None => Reply::NotFound,
        },
    }
}

/// The file of `out` that `name` (as it came in the address, still
/// percent-encoded) names, with its type; `None` when it names anything
/// else.
pub fn resolve(out: &Path, name: &str) -> Option<(PathBuf, &'static str)> {
    let mut path = out.to_path_buf();
    for segment in name.split('/') {
        let segment = percent_decode(segment)?;
        if segment.is_empty()
            || segment.starts_with('.')
            || segment.contains(['/', '\\', ':', '\0'])
            || Path::new(&segment).components().count() != 1
        {
            return None;
        }
        path.push(segment);
    }
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let kind = SERVED.iter().find(|(e, _)| *e == extension)?.1;
    // Symbolic links followed: the real file must be inside the real folder.
    let real_out = out.canonicalize().ok()?;
    let real = path.canonicalize().ok()?;
    if !real.starts_with(&real_out) || !std::fs::metadata(&real).ok()?.is_file() {
        return None;
    }
    Some((real, kind))
}

/// `%xx` escapes decoded (a `%` not followed by two hex digits stays as it
/// is); `None` for bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text).decode_utf8().ok().map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        Token("0123456789abcdef0123456789abcdef".into())
    }

    fn get(url: &str, out: &Path) -> Reply {
        route(url, true, Some("127.0.0.1:8000"), 8000, &token(), out)
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (Token::random().unwrap(), Token::random().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn only_the_token_opens_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let t = token();
        assert_eq!(get(&format!("/{}/", t.as_str()), dir.path()), Reply::Page);
        assert_eq!(get(&format!("/{}/state.json?x=1", t.as_str()), dir.path()), Reply::State);
        for url in ["/", "/state.json", "/0123456789abcdef0123456789abcdee/", "/0123456789abcdef0123456789abcdef", "//"] {
            assert_eq!(get(url, dir.path()), Reply::NotFound, "{url}");
        }
        let page = format!("/{}/", t.as_str());
        assert_eq!(route(&page, true, Some("evil.example:8000"), 8000, &t, dir.path()), Reply::Forbidden);
        assert_eq!(route(&page, true, None, 8000, &t, dir.path()), Reply::Forbidden);
        assert_eq!(route(&page, true, Some("localhost:8000"), 8000, &t, dir.path()), Reply::Page);
        assert_eq!(route(&page, false, Some("127.0.0.1:8000"), 8000, &t, dir.path()), Reply::NotAllowed);
    }

    #[test]
    fn only_documents_inside_out_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        std::fs::write(out.join("deck.pdf"), b"%PDF").unwrap();
        std::fs::write(out.join("sub/a b.png"), b"png").unwrap();
        std::fs::write(out.join(".wecoss-last-build.json"), b"{}").unwrap();
        std::fs::write(out.join("notes.txt"), b"text").unwrap();
        std::fs::write(dir.path().join("secret.pdf"), b"secret").unwrap();
        assert!(resolve(&out, "deck.pdf").is_some());
        assert!(resolve(&out, "sub/a%20b.png").is_some());
        for name in [
            "../secret.pdf",
            "..%2fsecret.pdf",
            "%2e%2e/secret.pdf",
            "%2E%2E%2Fsecret.pdf",
            "sub/../../secret.pdf",
            "sub%2f..%2f..%2fsecret.pdf",
            "..\\secret.pdf",
            "..%5csecret.pdf",
            ".wecoss-last-build.json",
            "notes.txt",
            "deck.pdf%00.png",
            "%zz.pdf",
            "",
            "sub",
            "/etc/passwd.pdf",
        ] {
            assert_eq!(resolve(&out, name), None, "{name}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.pdf"), out.join("link.pdf")).unwrap();
            std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
            assert_eq!(resolve(&out, "link.pdf"), None);
            assert_eq!(resolve(&out, "up/secret.pdf"), None);
        }
    }
}

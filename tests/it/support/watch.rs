//! A running `watch` child process for the tests: its output lines as
//! they arrive, waits that are always bounded, and the process killed when
//! the test ends.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest any single wait may take.
pub const LIMIT: Duration = Duration::from_secs(60);

/// A running `watch`: its output lines as they arrive, tagged `out:` or
/// `err:`. Dropping it kills the process.
pub struct Watch {
    /// The process.
    pub child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Watch {
    /// Starts `wecoss-report watch ARGS` in `dir`.
    pub fn start(dir: &Path, args: &[&str]) -> Self {
        Self::command(dir, "watch", args)
    }

    /// Starts `wecoss-report COMMAND ARGS` in `dir` (`watch` or `preview`),
    /// opening nothing (`WECOSS_OPENER` empty).
    pub fn command(dir: &Path, command: &str, args: &[&str]) -> Self {
        Self::command_with(dir, command, args, &[("WECOSS_OPENER", "")])
    }

    /// [`Watch::command`] with these environment variables.
    pub fn command_with(dir: &Path, command: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
            .arg(command)
            .args(args)
            .envs(env.iter().copied())
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let lines = Arc::new(Mutex::new(Vec::new()));
        pump(child.stdout.take().unwrap(), "out", lines.clone());
        pump(child.stderr.take().unwrap(), "err", lines.clone());
        Self { child, lines }
    }

    /// Every line so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Every line so far, as one text.
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }

    /// Waits for a line after the first `from` lines that satisfies `pred`;
    /// returns the number of lines up to and including it.
    pub fn wait_for(&mut self, from: usize, what: &str, pred: impl Fn(&str) -> bool) -> usize {
        let deadline = Instant::now() + LIMIT;
        loop {
            let lines = self.lines();
            if let Some(i) = lines.iter().skip(from).position(|l| pred(l)) {
                return from + i + 1;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("watch exited ({status}) while waiting for {what}:\n{}", lines.join("\n"));
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}:\n{}", lines.join("\n"));
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Lets stderr catch up with stdout (they are read on two threads).
    pub fn settle(&self) {
        std::thread::sleep(Duration::from_millis(300));
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads `stream` line by line on its own thread into `lines`, each tagged.
fn pump(stream: impl Read + Send + 'static, tag: &'static str, lines: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            lines.lock().unwrap().push(format!("{tag}: {line}"));
        }
    });
}

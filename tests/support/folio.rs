//! folio run as a user runs it, against a test wiki: each run gets its own config and cache
//! folders (XDG_CONFIG_HOME, XDG_CACHE_HOME) and no proxy settings from the environment, so
//! that only the loopback wiki is contacted; a run that does not end in time is killed and the
//! test fails saying it hung. `Terminal` drives the browser in a pseudo-terminal as
//! tests/e2e_browse.rs does, with the screen read through vt100.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Far longer than any run should take (a debug build on a busy two-core machine); reaching it
/// means folio hung.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// Proxy settings folio would honour, removed so that no test reaches past loopback.
const PROXY_VARIABLES: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
];

/// A user's folders: config (with an optional config file) and cache, removed on drop.
pub struct Home {
    folder: tempfile::TempDir,
}

/// What a finished run printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Fails the test unless folio succeeded; returns what it printed.
    #[track_caller]
    pub fn success(&self) -> String {
        assert_eq!(self.code, Some(0), "folio failed: {}", self.stderr());
        self.stdout()
    }

    /// Fails the test unless folio failed with exit status 1 and exactly one line on stderr;
    /// returns that line.
    #[track_caller]
    pub fn one_error_line(&self) -> String {
        let stderr = self.stderr();
        assert_eq!(
            self.code,
            Some(1),
            "stdout: {}\nstderr: {stderr}",
            self.stdout()
        );
        let lines: Vec<&str> = stderr.lines().filter(|line| !line.is_empty()).collect();
        assert_eq!(lines.len(), 1, "not one error line: {stderr:?}");
        assert!(lines[0].starts_with("folio: "), "{stderr:?}");
        lines[0].to_string()
    }
}

impl Home {
    /// Empty config and cache folders.
    pub fn new() -> Home {
        let folder = tempfile::Builder::new()
            .prefix("folio-home-")
            .tempdir()
            .unwrap_or_else(|error| panic!("no temporary folder: {error}"));
        for sub in ["config/folio", "cache"] {
            let made = std::fs::create_dir_all(folder.path().join(sub));
            assert!(made.is_ok(), "{made:?}");
        }
        Home { folder }
    }

    /// A home whose config file holds `config`.
    pub fn with_config(config: &str) -> Home {
        let home = Home::new();
        home.write_config(config);
        home
    }

    /// Replaces the config file.
    pub fn write_config(&self, config: &str) {
        let path = self.config().join("folio/config.toml");
        let written = std::fs::write(&path, config);
        assert!(written.is_ok(), "{}: {written:?}", path.display());
    }

    /// XDG_CONFIG_HOME.
    pub fn config(&self) -> PathBuf {
        self.folder.path().join("config")
    }

    /// XDG_CACHE_HOME.
    pub fn cache(&self) -> PathBuf {
        self.folder.path().join("cache")
    }

    /// The environment folio runs in: this home, no proxy.
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        command
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_CACHE_HOME", self.cache())
            .env("HOME", self.folder.path())
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        for variable in PROXY_VARIABLES {
            command.env_remove(variable);
        }
        command
    }

    /// Runs folio to its end (killed, and the test failed, if it outlives [`PATIENCE`]).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("folio did not start: {error}"));
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes);
                }
                bytes
            })
        };
        let stdout = drain(child.stdout.take().map(|pipe| Box::new(pipe) as _));
        let stderr = drain(child.stderr.take().map(|pipe| Box::new(pipe) as _));
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > PATIENCE => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("folio {args:?} hung: killed after {PATIENCE:?}");
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(error) => panic!("waiting for folio: {error}"),
            }
        };
        Run {
            code: status.code(),
            stdout: stdout.join().unwrap_or_default(),
            stderr: stderr.join().unwrap_or_default(),
        }
    }

    /// folio with `args` in this home's environment, for a pseudo-terminal to run.
    pub fn pty_command(&self, args: &[&str]) -> CommandBuilder {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", self.config());
        command.env("XDG_CACHE_HOME", self.cache());
        command.env("HOME", self.folder.path());
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        for variable in PROXY_VARIABLES {
            command.env_remove(variable);
        }
        command
    }

    /// Starts the browser in a 120×40 pseudo-terminal.
    pub fn browse(&self, args: &[&str]) -> Terminal {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|error| panic!("no pseudo-terminal: {error}"));
        let child = pty
            .slave
            .spawn_command(self.pty_command(args))
            .unwrap_or_else(|error| panic!("folio did not start: {error}"));
        drop(pty.slave);
        let mut output = pty
            .master
            .try_clone_reader()
            .unwrap_or_else(|error| panic!("{error}"));
        let keys = pty
            .master
            .take_writer()
            .unwrap_or_else(|error| panic!("{error}"));
        let (Some(rows), Some(columns)) = (NonZeroU16::new(40), NonZeroU16::new(120)) else {
            unreachable!("the sizes are constants above zero");
        };
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, columns, 0)));
        let parser = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read) = output.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                if let Ok(mut parser) = parser.lock() {
                    parser.process(&buffer[..read]);
                }
            }
        });
        Terminal {
            screen,
            keys,
            child,
            _master: pty.master,
        }
    }

    pub fn path(&self) -> &Path {
        self.folder.path()
    }
}

impl Default for Home {
    fn default() -> Home {
        Home::new()
    }
}

/// The browser in a pseudo-terminal.
pub struct Terminal {
    screen: Arc<Mutex<vt100::Parser>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

impl Terminal {
    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|parser| parser.screen().contents())
            .unwrap_or_default()
    }

    /// The bottom row: the status line. Taken by position, as `contents` drops blank rows at
    /// the end: with the status line empty its last line would be a row of the article.
    pub fn status(&self) -> String {
        self.screen
            .lock()
            .ok()
            .and_then(|parser| {
                let screen = parser.screen();
                let (_, columns) = screen.size();
                screen.rows(0, columns.get()).last()
            })
            .unwrap_or_default()
            .trim_end()
            .to_string()
    }

    /// Waits until the screen satisfies `ready`; fails showing the screen it last saw.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&Terminal) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            if start.elapsed() > PATIENCE {
                panic!("waited for {what}; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |terminal| terminal.contents().contains(text));
    }

    pub fn wait_for_status(&self, text: &str) {
        self.wait_for(&format!("status {text:?}"), |terminal| {
            terminal.status().contains(text)
        });
    }

    pub fn press(&mut self, keys: &str) {
        self.keys
            .write_all(keys.as_bytes())
            .and_then(|()| self.keys.flush())
            .unwrap_or_else(|error| panic!("{error}"));
    }

    /// Waits for folio to exit and returns its exit status.
    pub fn wait_for_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("folio did not exit; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A failed test must not leave folio running.
impl Drop for Terminal {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

//! The real binary in a pseudo-terminal, its screen read with vt100: keys in, screens out, and
//! the terminal handed back as it was found. Every wait is for screen contents, with a generous
//! time limit, so a loaded machine makes the test slower, not flaky.

#[path = "support/scratch.rs"]
mod scratch;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy two-core machine.
const PATIENCE: Duration = Duration::from_secs(30);

struct Folio {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte folio wrote to the terminal, for what the screen does not show (OSC 52).
    written: Arc<Mutex<Vec<u8>>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    _config_home: tempfile::TempDir,
}

impl Folio {
    /// Starts folio with an empty config home, or one holding `config` as its config file.
    fn start(name: &str, args: &[&str], config: Option<&str>) -> Folio {
        Folio::launch(name, args, config, &[])
    }

    /// Starts folio with extra environment variables.
    fn start_with_env(name: &str, args: &[&str], env: &[(&str, &str)]) -> Folio {
        Folio::launch(name, args, None, env)
    }

    fn launch(name: &str, args: &[&str], config: Option<&str>, env: &[(&str, &str)]) -> Folio {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|error| panic!("no pseudo-terminal: {error}"));
        let config_home = scratch::folder(name);
        if let Some(config) = config {
            let folder = config_home.path().join("folio");
            let written = std::fs::create_dir_all(&folder)
                .and_then(|()| std::fs::write(folder.join("config.toml"), config));
            assert!(written.is_ok(), "could not write the config: {written:?}");
        }
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", config_home.path());
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pty
            .slave
            .spawn_command(command)
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
        let (rows, columns) = (NonZeroU16::new(40), NonZeroU16::new(120));
        let (Some(rows), Some(columns)) = (rows, columns) else {
            unreachable!("the sizes are constants above zero");
        };
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, columns, 0)));
        let parser = Arc::clone(&screen);
        let written = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&written);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read) = output.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                if let Ok(mut log) = log.lock() {
                    log.extend_from_slice(&buffer[..read]);
                }
                if let Ok(mut parser) = parser.lock() {
                    parser.process(&buffer[..read]);
                }
            }
        });
        Folio {
            screen,
            written,
            keys,
            child,
            _master: pty.master,
            _config_home: config_home,
        }
    }

    fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|parser| parser.screen().contents())
            .unwrap_or_default()
    }

    /// The bottom row: the status line.
    fn status(&self) -> String {
        self.contents()
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until the screen satisfies `ready`; fails showing the screen it last saw.
    fn wait_for(&self, what: &str, ready: impl Fn(&Folio) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            if start.elapsed() > PATIENCE {
                panic!("waited for {what}; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |folio| folio.contents().contains(text));
    }

    fn wait_for_status(&self, text: &str) {
        self.wait_for(&format!("status {text:?}"), |folio| {
            folio.status().contains(text)
        });
    }

    fn press(&mut self, keys: &str) {
        self.keys
            .write_all(keys.as_bytes())
            .and_then(|()| self.keys.flush())
            .unwrap_or_else(|error| panic!("{error}"));
    }

    /// Waits for folio to exit and says whether it succeeded.
    fn wait_for_exit(&mut self) -> bool {
        self.wait_for_exit_status() == 0
    }

    /// Waits for folio to exit and returns its exit status.
    fn wait_for_exit_status(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert_eq!(status.signal(), None, "folio was killed by a signal");
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("folio did not exit; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal was handed back: main screen, cursor shown, mouse reporting off.
    fn assert_restored(&self) {
        // The reader thread may still be taking in the last bytes; give it a moment.
        self.wait_for("the terminal to be restored", |folio| {
            folio.screen.lock().is_ok_and(|parser| {
                let screen = parser.screen();
                !screen.alternate_screen()
                    && !screen.hide_cursor()
                    && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            })
        });
        self.assert_cooked();
    }

    /// The pseudo-terminal is back in cooked mode: lines are edited and echoed, not raw.
    fn assert_cooked(&self) {
        let fd = self
            ._master
            .as_raw_fd()
            .unwrap_or_else(|| panic!("the pseudo-terminal has no descriptor"));
        // SAFETY: `termios` is plain data that `tcgetattr` fills; `fd` is the open pty master.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        let read = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(read, 0, "tcgetattr failed");
        assert!(
            termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0,
            "the terminal was left in raw mode"
        );
    }

    fn send_signal(&self, signal: &str) {
        let pid = self
            .child
            .process_id()
            .unwrap_or_else(|| panic!("no process id"));
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .is_ok_and(|status| status.success());
        assert!(sent, "could not send SIG{signal}");
    }
}

/// A failed test must not leave folio running.
impl Drop for Folio {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";

fn fixtures() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/library")
        .display()
        .to_string()
}

#[test]
fn follow_a_footnote_and_a_link_then_come_back_and_quit() {
    let library = fixtures();
    let mut folio = Folio::start("browse", &["--library", &library], None);
    folio.wait_for_text("References (9)");
    folio.wait_for_text("2013 Camp Ashraf massacre");

    folio.press("]]]");
    folio.wait_for_status("│ text │ [3] Dreazen, Yochi (17 December 2013)");
    folio.press(ENTER);
    folio.wait_for_status("│ references │ [3] cited once");
    folio.press(BACKSPACE);
    folio.wait_for_status("│ text │ [3] Dreazen, Yochi");

    // To an article with a link to another: through the title search.
    folio.press("s");
    folio.wait_for_text("Search titles");
    folio.press("alpha");
    folio.wait_for("the search to narrow to Alpha", |folio| {
        let screen = folio.contents();
        screen.contains("Title: alpha") && !screen.contains("Folio test article Beta")
    });
    folio.press(ENTER);
    folio.wait_for_text("┌ Folio test article Alpha ");
    folio.press("}");
    folio.wait_for_status("→ Folio test article Beta (in the library");
    folio.press(ENTER);
    folio.wait_for_text("┌ Folio test article Beta ");
    folio.press(BACKSPACE);
    folio.wait_for_text("┌ Folio test article Alpha ");
    folio.wait_for_status("→ Folio test article Beta");
    folio.press(BACKSPACE);
    folio.wait_for_text("┌ 2013 Camp Ashraf massacre ");
    folio.wait_for_status("[3] Dreazen");

    folio.press("q");
    assert!(folio.wait_for_exit(), "folio exited with a failure");
    folio.assert_restored();
}

/// Every catchable signal that ends a process restores the terminal (main screen, cursor shown,
/// mouse reporting off, cooked mode) and ends folio with 128 + its number.
#[test]
fn every_ending_signal_restores_the_terminal_and_exits_128_plus_its_number() {
    for (signal, number) in [
        ("TERM", libc::SIGTERM),
        ("HUP", libc::SIGHUP),
        ("INT", libc::SIGINT),
        ("QUIT", libc::SIGQUIT),
        ("USR1", libc::SIGUSR1),
        ("USR2", libc::SIGUSR2),
        ("ALRM", libc::SIGALRM),
        ("PIPE", libc::SIGPIPE),
    ] {
        let mut folio = Folio::start(&format!("sig{signal}"), &[], None);
        folio.wait_for_text("References (9)");
        folio.send_signal(signal);
        let status = folio.wait_for_exit_status();
        assert_eq!(status, 128 + number as u32, "exit status after SIG{signal}");
        folio.assert_restored();
    }
}

#[test]
fn a_bad_config_is_reported_and_the_defaults_used() {
    let config = "[keys.browse]\nq = \"quit\"\nx = \"explode\"\n";
    let mut folio = Folio::start("config", &[], Some(config));
    folio.wait_for_status("a problem, using the defaults");
    // The problem stays on the status line until read: the message log shows it whole.
    folio.press("]");
    folio.wait_for_status("a problem, using the defaults");
    folio.press("m");
    folio.wait_for_text("line 3: unknown action \"explode\"");
    folio.press("\x1b");
    folio.wait_for("the message log to close", |folio| {
        !folio.contents().contains("line 3:")
    });
    // The first ] selected [1] under the problem; this one goes on to [2] (waiting for [1]
    // passed before the key was read, or failed after).
    folio.press("]");
    folio.wait_for_status("[2] Ashish Kumar Sen");
    folio.press("q");
    assert!(folio.wait_for_exit());
    folio.assert_restored();
}

/// A rebinding changes what the keys do and every hint that names them.
#[test]
fn a_rebinding_changes_the_keys_and_the_hints() {
    let config = "[keys.browse]\nh = \"help\"\n\"?\" = \"top\"\nx = \"next_citation\"\n\"ctrl-n\" = \"focus_next\"\ntab = \"zoom\"\n";
    let mut folio = Folio::start("rebinding", &[], Some(config));
    folio.wait_for_status("│ text │ h help");
    assert!(!folio.status().contains("? help"), "{}", folio.status());
    folio.press("x");
    folio.wait_for_status("[1] Williams");
    folio.press("h");
    folio.wait_for_text("Help · Esc closes");
    // The user's bindings follow the defaults, a page down.
    folio.press(" ");
    folio.wait_for_text("focus_next");
    folio.press("\x1b");
    folio.wait_for("the help to close", |folio| {
        !folio.contents().contains("Help · Esc closes")
    });
    folio.press("\t");
    folio.wait_for_text("Ctrl-n: next pane");
    folio.press("q");
    assert!(folio.wait_for_exit(), "folio exited with a failure");
    folio.assert_restored();
}

/// Ctrl-c in a prompt cancels the prompt, as in less; it does not quit.
#[test]
fn ctrl_c_cancels_a_prompt() {
    let mut folio = Folio::start("prompt-ctrl-c", &[], None);
    folio.wait_for_text("References (9)");
    folio.press("/camp");
    folio.wait_for_status("/camp");
    folio.press("\x03");
    folio.wait_for_status("│ text │ ? help");
    assert!(
        matches!(folio.child.try_wait(), Ok(None)),
        "folio quit on Ctrl-c in a prompt"
    );
    folio.press("s");
    folio.wait_for_text("Search titles");
    folio.press("\x03");
    folio.wait_for("the search to close", |folio| {
        !folio.contents().contains("Search titles")
    });
    folio.press("\x03");
    assert!(folio.wait_for_exit(), "folio exited with a failure");
    folio.assert_restored();
}

/// Reports (asserts nothing about time) how long folio takes from start to its first full frame
/// on a 2.5 MB article. Run: `cargo test --release --test e2e_browse -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn time_to_first_frame_of_a_large_article() {
    let folder = scratch::folder("large");
    let mut text = String::from("= A large outline article =\n\n");
    let mut section = 0;
    while text.len() < 2_500_000 {
        section += 1;
        text.push_str(&format!("==Section {section}==\n"));
        for _ in 0..5 {
            text.push_str(
                &"The valley's settlements and roads were surveyed again and again. ".repeat(8),
            );
            text.push_str("\n\n");
        }
        text.push_str("- a list item\n- another list item\n\n");
    }
    text.push_str("==See also==\n- Another article\n");
    let path = folder.path().join("large.txt");
    assert!(std::fs::write(&path, &text).is_ok());
    let path = path.display().to_string();
    let start = Instant::now();
    let mut folio = Folio::start("large-run", &[&path], None);
    folio.wait_for("the first frame", |folio| {
        let screen = folio.contents();
        screen.contains("A large outline article") && folio.status().contains("│ text │")
    });
    let elapsed = start.elapsed();
    folio.press("q");
    folio.wait_for_exit();
    println!(
        "first full frame of a {:.1} MB article after {:.0} ms",
        text.len() as f64 / 1e6,
        elapsed.as_secs_f64() * 1000.0
    );
}

/// `o` hands the URL to `$BROWSER` as one argument: no shell sees it, so nothing in it runs.
#[test]
fn o_opens_the_reference_url_with_browser_as_an_argument() {
    use folio::article::{Article, Block, Inline, Reference, Section};
    let folder = scratch::folder("opener");
    let url = "https://example.org/a b;touch pwned&c=$(id)";
    let article = Article {
        title: "Opener test".to_string(),
        sections: vec![Section {
            heading: None,
            level: 0,
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    Inline::text("A claim."),
                    Inline::Citation {
                        label: "1".to_string(),
                        reference: Some(0),
                    },
                ],
            }],
        }],
        references: vec![Reference {
            label: "1".to_string(),
            text: vec![Inline::text("A source with a strange URL.")],
            urls: vec![url.to_string()],
            ..Reference::default()
        }],
        ..Article::default()
    };
    let article_path = folder.path().join("opener.json");
    let recorded = folder.path().join("recorded");
    let recorder = folder.path().join("recorder");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '{}'\n",
        recorded.display()
    );
    let written = std::fs::write(&article_path, folio::format::json::write(&article))
        .and_then(|()| std::fs::write(&recorder, script));
    assert!(written.is_ok());
    let made_executable = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&recorder)
        .status()
        .is_ok_and(|status| status.success());
    assert!(made_executable);

    let article_arg = article_path.display().to_string();
    let mut folio = Folio::start_with_env(
        "opener",
        &[&article_arg],
        &[("BROWSER", &recorder.display().to_string())],
    );
    folio.wait_for_text("Opener test");
    folio.press("]o");
    folio.wait_for_status("Opening https://example.org/a b;touch pwned");
    folio.wait_for("the opener to record its arguments", |_| {
        std::fs::read_to_string(&recorded).is_ok_and(|text| text.lines().count() == 2)
    });
    let arguments = std::fs::read_to_string(&recorded).unwrap_or_default();
    assert_eq!(arguments, format!("1\n{url}\n"));
    assert!(!folder.path().join("pwned").exists());
    folio.press("q");
    assert!(folio.wait_for_exit());
    folio.assert_restored();
}

/// `y` puts the selected reference on the clipboard: the real program writes one OSC 52
/// sequence with the text base64-encoded, and says so on the status line.
#[test]
fn y_copies_the_reference_through_osc_52() {
    use base64::Engine;
    let folder = scratch::folder("copy");
    let article = article_citing(&folder, "https://example.org/x");
    let mut folio = Folio::start("copy", &[&article], None);
    folio.wait_for_text("Opener test");
    folio.press("]y");
    folio.wait_for_status("Copied reference [1] as text (9 bytes)");
    let written = folio
        .written
        .lock()
        .map(|written| written.clone())
        .unwrap_or_default();
    let encoded = base64::engine::general_purpose::STANDARD.encode("A source.");
    let sequence = format!("\x1b]52;c;{encoded}\x07");
    let found = written
        .windows(sequence.len())
        .filter(|window| *window == sequence.as_bytes())
        .count();
    assert_eq!(
        found,
        1,
        "no OSC 52 sequence in {:?}",
        String::from_utf8_lossy(&written)
    );
    folio.press("q");
    assert!(folio.wait_for_exit());
    folio.assert_restored();
}

/// An article whose one reference carries `url`, written as folio JSON into `folder`.
fn article_citing(folder: &tempfile::TempDir, url: &str) -> String {
    use folio::article::{Article, Block, Inline, Reference, Section};
    let article = Article {
        title: "Opener test".to_string(),
        sections: vec![Section {
            heading: None,
            level: 0,
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    Inline::text("A claim."),
                    Inline::Citation {
                        label: "1".to_string(),
                        reference: Some(0),
                    },
                ],
            }],
        }],
        references: vec![Reference {
            label: "1".to_string(),
            text: vec![Inline::text("A source.")],
            urls: vec![url.to_string()],
            ..Reference::default()
        }],
        ..Article::default()
    };
    let path = folder.path().join("article.json");
    let written = std::fs::write(&path, folio::format::json::write(&article));
    assert!(written.is_ok(), "{written:?}");
    path.display().to_string()
}

/// `o` refuses what is not a web address, says why, and runs nothing.
#[test]
fn o_refuses_other_schemes_and_options_and_says_why() {
    let folder = scratch::folder("refusal");
    let ran = folder.path().join("ran");
    let recorder = folder.path().join("recorder");
    let script = format!("#!/bin/sh\ntouch '{}'\n", ran.display());
    assert!(std::fs::write(&recorder, script).is_ok());
    let made_executable = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&recorder)
        .status()
        .is_ok_and(|status| status.success());
    assert!(made_executable);
    for (url, why) in [
        ("file:///etc/passwd", "“file:” URLs are not opened"),
        (
            "--renderer-cmd-prefix=touch",
            "a URL that starts with “-” would be read",
        ),
        ("javascript:alert(1)", "“javascript:” URLs are not opened"),
    ] {
        let article = article_citing(&folder, url);
        let mut folio = Folio::start_with_env(
            "refusal-run",
            &[&article],
            &[("BROWSER", &recorder.display().to_string())],
        );
        folio.wait_for_text("Opener test");
        folio.press("]o");
        folio.wait_for_status(&format!("Not opened: {why}"));
        // The URL follows the reason (the status line may cut its end).
        folio.wait_for_status(&format!("({}", &url[..8]));
        folio.press("q");
        assert!(folio.wait_for_exit());
        assert!(!ran.exists(), "{url} reached the opener");
    }
}

/// A failed `o` names the program it tried and how to choose another.
#[test]
fn a_failed_open_names_the_program_and_browser() {
    let folder = scratch::folder("no-opener");
    let article = article_citing(&folder, "https://example.org/");
    let mut folio = Folio::start_with_env(
        "no-opener-run",
        &[&article],
        &[("BROWSER", "no-such-browser")],
    );
    folio.wait_for_text("Opener test");
    folio.press("]o");
    folio.wait_for_status(
        "Could not start no-such-browser (not found); set $BROWSER to choose another",
    );
    folio.press("q");
    assert!(folio.wait_for_exit());
}

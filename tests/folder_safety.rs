//! Hostile folders: the folder of the opened file may hold FIFOs, sockets, links to devices and
//! link loops. folio must finish, read none of them, and say once what it skipped. Each case
//! runs the real binary and kills it after a generous limit, since the failure being guarded
//! against is a hang (or a read without end).

#[path = "support/scratch.rs"]
mod scratch;
use std::fs;
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Far beyond what any of these cases takes; reaching it means folio hung.
const HANG_LIMIT: Duration = Duration::from_secs(60);

struct Finished {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs folio with `args`; panics if it has not finished within `HANG_LIMIT`.
fn folio(args: &[&Path]) -> Finished {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Drained on threads, so that a full pipe never stalls the child.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_or_kill(&mut child, &format!("folio {args:?}"));
    Finished {
        code: status.code(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn wait_or_kill(child: &mut Child, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {HANG_LIMIT:?}: it hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The folder: one wikitext article, opened by its path.
fn folder_with_article(name: &str) -> (TempDir, PathBuf) {
    let dir = scratch::folder(&format!("safety-{name}"));
    let article = dir.path().join("a.wiki");
    fs::write(&article, "'''Foo''' is [[bar]].\n").expect("write");
    (dir, article)
}

fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path and a mode; mkfifo touches nothing else.
    let result = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
    assert_eq!(result, 0, "mkfifo {}", path.display());
}

/// The `folio: warning:` lines of a run.
fn warnings(run: &Finished) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|line| line.starts_with("folio: warning: "))
        .collect()
}

fn assert_opened_and_warned(run: &Finished, dir: &Path, expected: &str) {
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    assert!(run.stdout.contains("Foo is bar."), "stdout: {}", run.stdout);
    let line = format!("folio: warning: skipped {expected}");
    let skipped: Vec<&str> = warnings(run)
        .into_iter()
        .filter(|warning| warning.contains("skipped"))
        .collect();
    assert_eq!(skipped.len(), 1, "said once: {}", run.stderr);
    assert!(
        skipped[0].starts_with(&line) && skipped[0].contains(&dir.display().to_string()),
        "expected {line:?} naming {}, got {}",
        dir.display(),
        run.stderr
    );
}

#[test]
fn a_fifo_beside_the_opened_file_is_skipped_and_said() {
    let (scratch, article) = folder_with_article("fifo");
    let dir = scratch.path();
    mkfifo(&dir.join("b.txt"));
    let run = folio(&[Path::new("dump"), &article]);
    assert_opened_and_warned(&run, dir, "1 entry in ");
    assert!(run.stderr.contains(": 1 FIFO"), "{}", run.stderr);
}

#[test]
fn a_fifo_in_a_subfolder_is_skipped_too() {
    let (scratch, article) = folder_with_article("fifo-deep");
    let dir = scratch.path();
    let deep = dir.join("one/two/three");
    fs::create_dir_all(&deep).expect("subfolders");
    mkfifo(&deep.join("c.wiki"));
    let run = folio(&[Path::new("dump"), &article]);
    assert_opened_and_warned(&run, dir, "1 entry in ");
}

#[test]
fn a_link_to_a_device_is_never_read() {
    let (scratch, article) = folder_with_article("zero");
    let dir = scratch.path();
    symlink("/dev/zero", dir.join("z.json")).expect("symlink");
    let run = folio(&[Path::new("dump"), &article]);
    assert_opened_and_warned(&run, dir, "1 entry in ");
    assert!(run.stderr.contains(": 1 device"), "{}", run.stderr);
}

#[test]
fn a_link_to_dev_is_walked_without_opening_a_device() {
    let (scratch, article) = folder_with_article("dev");
    let dir = scratch.path();
    symlink("/dev", dir.join("x")).expect("symlink");
    let run = folio(&[Path::new("dump"), &article]);
    assert_opened_and_warned(&run, dir, "");
    assert!(warnings(&run)[0].contains(" devices"), "{}", run.stderr);
}

#[test]
fn a_socket_is_skipped_and_said() {
    let (scratch, article) = folder_with_article("socket");
    let dir = scratch.path();
    let _listener =
        std::os::unix::net::UnixListener::bind(dir.join("s.sock")).expect("a unix socket");
    let run = folio(&[Path::new("dump"), &article]);
    assert_opened_and_warned(&run, dir, "1 entry in ");
    assert!(run.stderr.contains(": 1 socket"), "{}", run.stderr);
}

/// A JSON article of about `size` bytes, as `folio dump --json` writes one (title first).
fn large_json(title: &str, size: usize) -> String {
    let paragraph = "A sentence of the lead, long enough to fill the file quickly. ";
    let text = paragraph.repeat(size / paragraph.len() + 1);
    serde_json::json!({
        "title": title,
        "sources": [],
        "infobox": [],
        "sections": [{"heading": null, "level": 0, "text": text}],
        "references": [],
        "citations": [],
        "links": [],
        "see_also": [],
    })
    .to_string()
}

#[test]
fn link_loops_are_read_once_and_said() {
    let scratch = scratch::folder("safety-loops");
    let dir = scratch.path();
    fs::write(dir.join("big.json"), large_json("Big", 430 * 1024)).expect("write");
    for n in 0..10 {
        symlink(".", dir.join(format!("s{n}"))).expect("symlink");
    }
    let run = folio(&[Path::new("list"), dir]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "Big\n");
    assert_eq!(
        warnings(&run),
        [format!(
            "folio: warning: skipped 10 entries in {}: 10 links to folders already read",
            dir.display()
        )]
    );
    // The article is the one file, reached by its own path, not through a link.
    let run = folio(&[
        Path::new("dump"),
        Path::new("--json"),
        &dir.join("big.json"),
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        json["sources"],
        serde_json::json!([dir.join("big.json").display().to_string()])
    );
}

#[test]
fn a_linked_folder_is_read_once_under_its_own_path() {
    let scratch = scratch::folder("safety-linked");
    let dir = scratch.path();
    fs::create_dir_all(dir.join("real")).expect("subfolder");
    fs::write(dir.join("real/x.txt"), "= Linked =\n\nText.\n").expect("write");
    // Sorted before the real folder, still the real path is the one indexed.
    symlink("real", dir.join("a-link")).expect("symlink");
    let run = folio(&[
        Path::new("dump"),
        Path::new("--json"),
        dir,
        Path::new("Linked"),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        json["sources"],
        serde_json::json!([dir.join("real/x.txt").display().to_string()])
    );
}

#[test]
fn a_document_beyond_the_cap_is_refused_clearly() {
    let scratch = scratch::folder("safety-huge");
    let dir = scratch.path();
    let path = dir.join("huge.txt");
    // Sparse: 300 MiB long, next to nothing on disk.
    let file = fs::File::create(&path).expect("create");
    file.set_len(300 * 1024 * 1024).expect("set_len");
    let run = folio(&[Path::new("dump"), &path]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "folio: {} : too large (300 MiB; folio reads documents of up to 256 MiB)\n",
            path.display()
        )
    );
}

/// Opening a FIFO as a document must not wait for a writer, even when the path was a regular
/// file a moment before (the check is on the opened handle).
#[test]
fn reading_a_fifo_as_a_document_returns_at_once() {
    let scratch = scratch::folder("safety-fifo-read");
    let dir = scratch.path();
    let path = dir.join("f.txt");
    mkfifo(&path);
    let (sender, receiver) = std::sync::mpsc::channel();
    let reader_path = path.clone();
    std::thread::spawn(move || {
        let result = folio::source::file::read_document(&reader_path).map(|bytes| bytes.len());
        let _ = sender.send(result.map_err(|error| error.to_string()));
    });
    let result = receiver
        .recv_timeout(HANG_LIMIT)
        .expect("read_document on a FIFO hung");
    assert_eq!(result, Err("not a regular file (a FIFO)".to_string()));
}

#[test]
fn a_folder_with_nothing_but_a_fifo_says_what_it_skipped() {
    let scratch = scratch::folder("safety-only-fifo");
    let dir = scratch.path();
    mkfifo(&dir.join("b.txt"));
    let run = folio(&[Path::new("dump"), dir]);
    assert_eq!(run.code, Some(1));
    let dir = dir.display();
    assert_eq!(
        run.stderr,
        format!(
            "folio: {dir} : no articles found in this folder (skipped 1 entry in {dir}: 1 FIFO)\n"
        )
    );
}

#[test]
fn a_fifo_in_place_of_the_config_file_is_not_waited_on() {
    let (scratch, article) = folder_with_article("config-fifo");
    let dir = scratch.path();
    let config_home = dir.join("config");
    fs::create_dir_all(config_home.join("folio")).expect("config folder");
    mkfifo(&config_home.join("folio").join("config.toml"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("dump")
        .arg(&article)
        .env("XDG_CONFIG_HOME", &config_home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let stdout = drain(child.stdout.take());
    let status = wait_or_kill(&mut child, "folio dump with a FIFO for its config");
    assert!(status.success());
    assert!(stdout.join().unwrap_or_default().contains("Foo is bar."));
}

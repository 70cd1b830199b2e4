//! The binary as a user runs it: dump, JSON, list, exit statuses and messages for bad input.

#[path = "support/scratch.rs"]
mod scratch;
use std::fs;
use std::process::{Command, Output};

fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(path: &std::path::Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

#[test]
fn dump_prints_the_merged_bundled_article() {
    let output = folio(&["dump"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("2013 Camp Ashraf massacre\n"));
    assert!(text.contains("Location  Camp Ashraf, Iraq"));
    assert!(text.contains("from the Iranian government.[1][2]"));
    assert!(text.contains("\nReactions\n"));
    assert!(text.contains("  • 2023 Tirana camp raid"));
    assert!(text.contains("\n9. \"Iraq: Impartial investigation"));
    assert!(
        text.lines().all(|line| unicode_width(line) <= 80),
        "wrapped at 80"
    );
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn dump_wraps_to_the_width_asked() {
    let output = folio(&["dump", "--width", "40"]);
    let text = stdout(&output);
    assert!(text.lines().all(|line| unicode_width(line) <= 40));
    assert!(text.lines().any(|line| unicode_width(line) > 30));
}

#[test]
fn dump_json_follows_the_schema() {
    let output = folio(&["dump", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["title"], "2013 Camp Ashraf massacre");
    assert_eq!(json["sources"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["infobox"][1]["label"], "Location");
    assert_eq!(json["infobox"][1]["value"], "Camp Ashraf, Iraq");
    assert_eq!(json["sections"][0]["heading"], serde_json::Value::Null);
    assert_eq!(json["sections"][0]["level"], 0);
    let lead = json["sections"][0]["text"].as_str().unwrap_or_default();
    assert!(lead.starts_with("The 2013 Camp Ashraf massacre"));
    assert!(lead.contains("Iranian government.[1][2]\n\nOn 17 December 2013"));
    assert!(lead.ends_with("[3]"));
    assert_eq!(json["sections"][1]["heading"], "Reactions");
    assert_eq!(json["sections"][1]["level"], 2);
    let reactions = json["sections"][1]["text"].as_str().unwrap_or_default();
    assert_eq!(reactions.lines().count(), 5);
    assert!(reactions.lines().all(|line| line.starts_with("- ")));
    assert!(reactions.starts_with("- \u{2013} In a statement,"));
    assert_eq!(json["references"].as_array().map(Vec::len), Some(9));
    assert_eq!(json["references"][0]["label"], "1");
    assert!(
        json["references"][2]["text"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Dreazen, Yochi (17 December 2013).")
    );
    assert_eq!(json["references"][0]["urls"], serde_json::json!([]));
    let citations: Vec<(String, u64)> = json["citations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["label"].as_str().unwrap_or_default().to_string(),
                c["section"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        citations,
        [("1".into(), 0), ("2".into(), 0), ("3".into(), 0)]
    );
    assert_eq!(json["links"][0]["text"], "2011 Camp Ashraf raid");
    assert_eq!(json["links"][0]["target"], "2011 Camp Ashraf raid");
    assert_eq!(json["links"][0]["section"], 2);
    assert_eq!(
        json["see_also"],
        serde_json::json!(["2011 Camp Ashraf raid", "2023 Tirana camp raid"])
    );
}

#[test]
fn json_round_trip_gives_the_same_article() {
    let scratch = scratch::folder("cli-roundtrip");
    let dir = scratch.path();
    let first = folio(&["dump", "--json"]);
    let path = dir.join("article.json");
    fs::write(&path, &first.stdout).expect("write");
    let second = folio(&["dump", "--json", "--from", "json", path_str(&path)]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let mut a: serde_json::Value = serde_json::from_slice(&first.stdout).expect("json");
    let mut b: serde_json::Value = serde_json::from_slice(&second.stdout).expect("json");
    // Reading the JSON back adds the JSON file itself to the sources; all else is equal.
    a["sources"] = serde_json::Value::Null;
    b["sources"] = serde_json::Value::Null;
    assert_eq!(a, b);
    let detected = folio(&["dump", "--json", path_str(&path)]);
    assert_eq!(
        detected.stdout, second.stdout,
        "JSON is detected from content too"
    );
}

#[test]
fn list_prints_titles() {
    let output = folio(&["list"]);
    assert_eq!(stdout(&output), "2013 Camp Ashraf massacre\n");
    let scratch = scratch::folder("cli-list");
    let dir = scratch.path();
    fs::write(dir.join("b.txt"), "= Beta =\n\nText.\n").expect("write");
    fs::write(dir.join("a.txt"), "= Alpha =\n\nText.\n").expect("write");
    let output = folio(&["list", path_str(dir)]);
    assert_eq!(stdout(&output), "Alpha\nBeta\n");
    let output = folio(&["list", "--library", path_str(dir)]);
    assert_eq!(stdout(&output), "2013 Camp Ashraf massacre\nAlpha\nBeta\n");
}

#[test]
fn a_title_opens_from_the_library_and_a_folder_takes_a_title() {
    let scratch = scratch::folder("cli-titles");
    let dir = scratch.path();
    fs::write(dir.join("x.txt"), "= Gamma Ray =\n\nAbout gamma.\n").expect("write");
    fs::write(dir.join("y.txt"), "= Alpha =\n\nAbout alpha.\n").expect("write");
    let by_title = folio(&["dump", "--library", path_str(dir), "gamma_ray"]);
    assert!(stdout(&by_title).contains("About gamma."));
    let in_folder = folio(&["dump", path_str(dir), "Gamma Ray"]);
    assert!(stdout(&in_folder).contains("About gamma."));
    let first = folio(&["dump", path_str(dir)]);
    assert!(stdout(&first).starts_with("Alpha\n"));
}

#[test]
fn without_a_terminal_browsing_prints_the_dump() {
    let output = folio(&[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), stdout(&folio(&["dump"])));
}

fn assert_fails(output: &Output, code: i32, message: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stderr: {}",
        stderr(output)
    );
    let err = stderr(output);
    assert!(err.contains(message), "stderr {err:?} lacks {message:?}");
    assert!(!err.contains("panicked"));
    if code == 1 {
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
        // SPEC.md: `folio: <what> : <why>`.
        assert!(err.starts_with("folio: ") && err.contains(" : "), "{err:?}");
    }
}

#[test]
fn bad_inputs_fail_with_one_clear_line() {
    let scratch = scratch::folder("cli-bad");
    let dir = scratch.path();
    let missing = dir.join("missing.txt");
    assert_fails(&folio(&["dump", path_str(&missing)]), 1, "no such file");

    let empty_folder = dir.join("empty");
    fs::create_dir_all(&empty_folder).expect("dir");
    assert_fails(
        &folio(&["dump", path_str(&empty_folder)]),
        1,
        "no articles found",
    );

    let empty = dir.join("empty.txt");
    fs::write(&empty, "").expect("write");
    assert_fails(&folio(&["dump", path_str(&empty)]), 1, "empty");

    let blank = dir.join("blank.txt");
    fs::write(&blank, "  \n\n \t\n").expect("write");
    assert_fails(&folio(&["dump", path_str(&blank)]), 1, "empty");

    let binary = dir.join("binary.bin");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    fs::write(&binary, bytes).expect("write");
    assert_fails(&folio(&["dump", path_str(&binary)]), 1, "binary");

    let bad_json = dir.join("bad.json");
    fs::write(&bad_json, "{\"title\": 3}").expect("write");
    assert_fails(
        &folio(&["dump", "--from", "json", path_str(&bad_json)]),
        1,
        "not folio JSON",
    );

    assert_fails(&folio(&["--bogus"]), 2, "unexpected argument");
    assert_fails(&folio(&["dump", "--from", "nope"]), 2, "invalid value");
    assert_fails(&folio(&["dump", "--width", "wide"]), 2, "invalid value");
}

#[test]
fn invalid_utf8_is_read_with_a_warning() {
    let scratch = scratch::folder("cli-utf8");
    let dir = scratch.path();
    let path = dir.join("latin1.txt");
    fs::write(&path, b"= Caf\xe9 =\n\nA caf\xe9 in Paris.\n").expect("write");
    let output = folio(&["dump", path_str(&path)]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("A caf\u{fffd} in Paris."));
    assert!(stderr(&output).contains("warning"));
    assert!(stderr(&output).contains("invalid UTF-8"));
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let scratch = scratch::folder("cli-escapes");
    let dir = scratch.path();
    let path = dir.join("evil.txt");
    fs::write(
        &path,
        "= Evil \x1b]0;pwned\x07Title =\n\nRed \x1b[31mtext\x1b[0m and a bell\x07 and \x1b[2J clear.\n\n==Part \u{9b}2J==\n- item \x1bP1;2|x\x1b\\ end\n",
    )
    .expect("write");
    for args in [vec!["dump"], vec!["dump", "--json"]] {
        let mut args = args.clone();
        args.push(path_str(&path));
        let output = folio(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'));
        assert!(text.contains("Evil Title"));
        assert!(text.contains("Red text and a bell and clear."));
    }
}

#[test]
fn the_null_device_is_an_empty_document() {
    let output = folio(&["dump", "/dev/null"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "folio: /dev/null : the document is empty\n"
    );
}

#[test]
fn a_fifo_target_is_not_a_regular_file() {
    let scratch = scratch::folder("cli-fifo-target");
    let dir = scratch.path();
    let fifo = dir.join("b.txt");
    let c_path = std::ffi::CString::new(path_str(&fifo)).expect("no NUL");
    // SAFETY: a valid NUL-terminated path and a mode; mkfifo touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    let output = folio(&["dump", path_str(&fifo)]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("folio: {} : not a regular file (a FIFO)\n", fifo.display())
    );
}

#[test]
fn a_path_that_is_not_utf8_opens() {
    use std::os::unix::ffi::OsStrExt;
    let scratch = scratch::folder("cli-latin1");
    let dir = scratch.path();
    let path = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    fs::write(&path, "= Caf\u{e9} =\n\nText.\n").expect("write");
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .output()
            .expect("the binary runs")
    };
    let output = run(&["dump".as_ref(), path.as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Café\n"));
    let output = run(&["list".as_ref(), path.as_os_str()]);
    assert_eq!(stdout(&output), "Café\n");
}

/// Runs folio with stdout or stderr going to `/dev/full`, which refuses every write.
fn folio_into_full(args: &[&str], stdout_full: bool) -> Output {
    let full = || {
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens")
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.args(args).env("NO_COLOR", "1");
    if stdout_full {
        command.stdout(full());
    } else {
        command.stderr(full());
    }
    command.output().expect("the binary runs")
}

#[test]
fn a_write_error_is_one_line_and_exit_1() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    for args in [vec!["dump"], vec!["dump", "--json"], vec!["list"], vec![]] {
        let output = folio_into_full(&args, true);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(
            stderr(&output),
            "folio: standard output : No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[test]
fn an_unwritable_stderr_is_not_a_panic() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let output = folio_into_full(&["dump", "/nonexistent/missing.txt"], false);
    assert_eq!(output.status.code(), Some(1));
    let output = folio_into_full(&["--bogus"], false);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    // Closed before folio writes, so every write meets a broken pipe.
    drop(reader);
    for args in [vec!["dump"], vec!["dump", "--json"], vec!["list"], vec![]] {
        let output = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(&args)
            .stdout(writer.try_clone().expect("a second writer"))
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn a_width_below_the_minimum_says_the_minimum() {
    for width in ["0", "5", "19"] {
        let output = folio(&["dump", "--width", width]);
        assert_fails(&output, 2, "the narrowest width is 20 columns");
        assert_eq!(stdout(&output), "");
    }
    let output = folio(&["dump", "--width", "20"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output)
            .lines()
            .all(|line| unicode_width(line) <= 20)
    );
}

#[test]
fn more_than_a_target_and_a_title_is_a_usage_error() {
    for args in [
        vec!["a", "b", "c"],
        vec!["dump", "a", "b", "c"],
        vec!["dump", "--json", "a", "b", "c", "d"],
    ] {
        let output = folio(&args);
        assert_fails(
            &output,
            2,
            "one target and one title at most; “c” is one too many",
        );
        assert_eq!(stderr(&output).lines().count(), 1, "{args:?}");
    }
    assert_fails(
        &folio(&["list", "a", "b"]),
        2,
        "list takes one target at most; “b” is one too many",
    );
}

#[test]
fn the_text_dump_lists_every_reference_url() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/en-United_States.parsoid-2.1.0.html"
    );
    let json = folio(&["dump", "--json", path]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let references = json["references"].as_array().cloned().unwrap_or_default();
    let urls: Vec<String> = references
        .iter()
        .flat_map(|reference| reference["urls"].as_array().cloned().unwrap_or_default())
        .filter_map(|url| url.as_str().map(str::to_string))
        .collect();
    assert!(urls.len() > 592, "{} URLs", urls.len());
    let text = stdout(&folio(&["dump", path]));
    let missing: Vec<&String> = urls
        .iter()
        .filter(|url| !text.contains(url.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the dump: {:?}",
        &missing[..missing.len().min(5)]
    );
    let external: Vec<&str> = json["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|link| link["external"] == true)
        .filter_map(|link| link["target"].as_str())
        .collect();
    assert!(!external.is_empty());
    assert!(external.iter().all(|url| text.contains(url)));
}

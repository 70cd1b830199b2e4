//! The command line: browse, dump, cite, list or cache. Everything else lives in the library crate. All that
//! it prints, on stdout and stderr, passes the output boundary (`folio::output::Clean`).

use clap::{Args, Parser, Subcommand};
use folio::config::Config;
use folio::format::{Format, Reading};
use folio::library::{Aim, Library, LibraryError};
use folio::output::Clean;
use folio::tui::Ending;
use folio::wiki::cache::{Cache, CacheError};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

/// folio: read encyclopedia articles and their citations in the terminal.
#[derive(Parser)]
#[command(name = "folio", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    open: Open,
}

#[derive(Subcommand)]
enum Command {
    /// Print the article and exit.
    Dump {
        /// Print folio JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Wrap the text at N columns (20 at least).
        #[arg(long, value_name = "N", default_value_t = 80, value_parser = parse_width)]
        width: usize,
        #[command(flatten)]
        open: Open,
    },
    /// Print the article's references (and an entry for the article itself) for a
    /// bibliography manager.
    Cite {
        /// The export format.
        #[arg(long, value_enum, default_value = "text")]
        format: folio::cite::export::Style,
        /// Only the reference with this label (repeatable), e.g. `--ref 3 --ref "note a"`.
        #[arg(long = "ref", value_name = "LABEL")]
        refs: Vec<String>,
        #[command(flatten)]
        open: Open,
    },
    /// Print the library's titles, one a line.
    List {
        #[command(flatten)]
        library: LibraryOptions,
        /// A file, folder or archive whose titles to list (default: the whole library).
        target: Option<OsString>,
        /// Arguments after the target, which are an error.
        #[arg(hide = true)]
        surplus: Vec<OsString>,
    },
    /// Show the cache of pages read from live wikis: where it is, how many pages, how large.
    Cache {
        #[command(subcommand)]
        action: Option<CacheAction>,
    },
}

#[derive(Subcommand)]
enum CacheAction {
    /// Empty the cache.
    Clear,
}

#[derive(Args)]
struct LibraryOptions {
    /// Look titles up in this folder or archive too (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    libraries: Vec<PathBuf>,
    /// Read the target with this reader instead of detecting it.
    #[arg(long, value_name = "READER")]
    from: Option<Format>,
    /// Read titles from this live wiki (a URL, or a name under [wikis] in the config file),
    /// before the local library (repeatable).
    #[arg(long = "wiki", value_name = "URL|NAME")]
    wikis: Vec<String>,
    /// Never touch the network: pages from wikis come from the cache only.
    #[arg(long)]
    offline: bool,
}

#[derive(Args)]
struct Open {
    #[command(flatten)]
    library: LibraryOptions,
    /// A file, a folder, an archive, an article URL of a MediaWiki site, or a title in the
    /// library (default: the bundled article).
    target: Option<OsString>,
    /// The article inside a folder, an archive or a wiki.
    title: Option<String>,
    /// Arguments after the title, which are an error.
    #[arg(hide = true)]
    surplus: Vec<OsString>,
}

/// Why folio stops with a failure.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error("standard output : {0}")]
    Output(io::Error),
    #[error("terminal : {0}")]
    Terminal(io::Error),
    #[error("{0}")]
    Usage(String),
}

fn main() -> ExitCode {
    // A panic message may quote input (a string it failed on): it passes the boundary too.
    std::panic::set_hook(Box::new(|info| write_stderr(&format!("folio: {info}\n"))));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`folio dump | head`): the reader has read enough.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            complain(&message);
            ExitCode::from(2)
        }
        Err(error) => {
            complain(&error.to_string());
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Some(Command::Dump { json, width, open }) => {
            let reading = open_article(&open)?;
            dump(&reading, json, width)?;
        }
        Some(Command::Cite { format, refs, open }) => {
            let reading = open_article(&open)?;
            print(&cite(&reading, format, &refs)?)?;
        }
        Some(Command::List {
            library,
            target,
            surplus,
        }) => {
            if let Some(extra) = surplus.first() {
                return Err(Failure::Usage(format!(
                    "list takes one target at most; “{}” is one too many (see folio list --help)",
                    extra.to_string_lossy()
                )));
            }
            // Written as read, so that an archive of millions of titles streams; a write that
            // fails (a closed pipe, a full disk) stops the listing and is reported as any is.
            let mut out = io::BufWriter::new(Clean::new(io::stdout().lock()));
            let mut failed = None;
            let mut write = |title: String| match writeln!(out, "{title}") {
                Ok(()) => ControlFlow::Continue(()),
                Err(error) => {
                    failed = Some(error);
                    ControlFlow::Break(())
                }
            };
            let warnings = match target {
                Some(target) => folio::library::each_title_of(&target, library.from, &mut write)?,
                None => {
                    let library = library_from(&library, Config::load().0.wiki)?;
                    for title in library.titles() {
                        if write(title).is_break() {
                            break;
                        }
                    }
                    library.untold_skips()
                }
            };
            for warning in &warnings {
                complain(&format!("warning: {warning}"));
            }
            match failed {
                Some(error) => return Err(Failure::Output(error)),
                None => out.flush().map_err(Failure::Output)?,
            }
        }
        Some(Command::Cache { action }) => cache(action)?,
        None => {
            if !std::io::stdout().is_terminal() {
                let reading = open_article(&cli.open)?;
                dump(&reading, false, DEFAULT_WIDTH)?;
                return Ok(ExitCode::SUCCESS);
            }
            // First, so that whatever happens next leaves a usable terminal.
            folio::tui::install_panic_hook();
            check_arguments(&cli.open)?;
            let (config, config_problem) = Config::load();
            let mut library = library_from(&cli.open.library, config.wiki.clone())?;
            // A cached wiki page opens at once; the browser asks after it on a worker.
            library.set_revalidate_later(true);
            let aim = aim_of(&cli.open);
            let reading = open_in(&mut library, &aim, &cli.open)?;
            let ending = folio::tui::run(library, reading, aim.section, config, config_problem)
                .map_err(Failure::Terminal)?;
            if let Ending::Signal(number) = ending {
                return Ok(ExitCode::from(
                    u8::try_from(128 + number).unwrap_or(u8::MAX),
                ));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The text dump's width when none is asked for.
const DEFAULT_WIDTH: usize = 80;

/// `--width`: a number of columns, no fewer than the dump can lay out.
fn parse_width(text: &str) -> Result<usize, String> {
    let width: usize = text
        .parse()
        .map_err(|_| format!("“{text}” is not a number of columns"))?;
    if width < folio::dump::MIN_WIDTH {
        return Err(format!(
            "the narrowest width is {} columns",
            folio::dump::MIN_WIDTH
        ));
    }
    Ok(width)
}

/// A target and a title at most: more is a mistake, said plainly rather than guessed at.
fn check_arguments(open: &Open) -> Result<(), Failure> {
    match open.surplus.first() {
        Some(extra) => Err(Failure::Usage(format!(
            "one target and one title at most; “{}” is one too many (see folio --help)",
            extra.to_string_lossy()
        ))),
        None => Ok(()),
    }
}

/// The library the options name, with the config's wiki settings (`wiki`, passed in so that the
/// browser, which needs the whole config, reads the file once).
fn library_from(
    options: &LibraryOptions,
    mut wiki: folio::wiki::Settings,
) -> Result<Library, LibraryError> {
    let mut library = Library::new();
    for path in &options.libraries {
        library.add_path(path)?;
    }
    // The config's wikis join only when named: a library that names none makes no request.
    wiki.offline |= options.offline;
    library.set_wiki_settings(wiki);
    for name in &options.wikis {
        library.add_wiki(name)?;
    }
    Ok(library)
}

/// Opens the command line's target for printing: warnings go to stderr.
fn open_article(open: &Open) -> Result<Reading, Failure> {
    check_arguments(open)?;
    // The whole article: a dump is the article as data, whatever section was named.
    let mut library = library_from(&open.library, Config::load().0.wiki)?;
    let reading = open_in(&mut library, &aim_of(open), open)?;
    for warning in &reading.warnings {
        complain(&format!("warning: {warning}"));
    }
    Ok(reading)
}

/// The command line's target and title, with the section named after `#` taken off.
fn aim_of(open: &Open) -> Aim {
    folio::library::aim(open.target.as_deref(), open.title.as_deref())
}

/// Opens the command line's target; the library learns the target's folder on the way.
fn open_in(library: &mut Library, aim: &Aim, open: &Open) -> Result<Reading, LibraryError> {
    library.open_target(
        aim.target.as_deref(),
        aim.title.as_deref(),
        open.library.from,
    )
}

/// Prints the article as folio JSON or as the text dump.
fn dump(reading: &Reading, json: bool, width: usize) -> Result<(), Failure> {
    if json {
        // Streamed: the JSON of a large article is several times its size.
        let mut out = Clean::new(io::BufWriter::new(io::stdout().lock()));
        folio::format::json::write_to(&reading.article, &mut out)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .map_err(Failure::Output)
    } else {
        // Streamed like the JSON: the lines are written as they are laid out.
        let mut out = Clean::new(io::BufWriter::new(io::stdout().lock()));
        folio::dump::write_text(&reading.article, width, &mut out)
            .and_then(|()| out.flush())
            .map_err(Failure::Output)
    }
}

/// The article's references exported in `format`, the article's own entry first.
fn cite(
    reading: &Reading,
    format: folio::cite::export::Style,
    labels: &[String],
) -> Result<String, Failure> {
    use folio::cite::export;
    let entries = export::entries(&reading.article, labels, export::today())
        .map_err(|error| Failure::Usage(error.to_string()))?;
    Ok(format.write(&entries))
}

/// `folio cache`: where the page cache is, how many pages it holds and how large they are;
/// `folio cache clear` empties it and says what that freed.
fn cache(action: Option<CacheAction>) -> Result<(), Failure> {
    let (config, config_problem) = Config::load();
    if let Some(problem) = config_problem {
        complain(&problem);
    }
    let opened = Cache::open_default()?;
    if let Some(message) = &opened.message {
        complain(message);
    }
    let cache = opened.cache.with_max_bytes(config.wiki.cache_cap());
    let path = cache.path().display();
    let size = |bytes: u64| bytesize::ByteSize(bytes).display().iec().to_string();
    let pages = |count: u64| match count {
        1 => "1 page".to_string(),
        count => format!("{count} pages"),
    };
    match action {
        None => {
            match cache.check() {
                Err(damaged @ CacheError::SetAside { .. }) => complain(&damaged.to_string()),
                other => other?,
            }
            let stats = retried(|| cache.stats())?;
            print(&format!(
                "Page cache: {path}\n{}, {} (at most {}; {} on disk)\n",
                pages(stats.pages),
                size(stats.bytes),
                size(cache.max_bytes()),
                size(stats.disk_bytes),
            ))
        }
        Some(CacheAction::Clear) => {
            let held = retried(|| cache.clear())?;
            print(&format!(
                "Cleared the page cache {path}: {}, {} freed\n",
                pages(held.pages),
                size(held.bytes),
            ))
        }
    }
}

/// A cache found damaged midway sets the file aside and goes on with a new one: the message is
/// said and the work done again there.
fn retried<T>(work: impl Fn() -> Result<T, CacheError>) -> Result<T, CacheError> {
    match work() {
        Err(damaged @ CacheError::SetAside { .. }) => {
            complain(&damaged.to_string());
            work()
        }
        other => other,
    }
}

/// Writes to stdout through the output boundary.
fn print(text: &str) -> Result<(), Failure> {
    let mut out = Clean::new(io::stdout().lock());
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::Output)
}

/// One line on stderr, `folio: ` first, through the output boundary.
fn complain(message: &str) {
    write_stderr(&format!("folio: {message}\n"));
}

/// An unwritable stderr (`2>/dev/full`) leaves nowhere to report anything; it is no reason to
/// panic, so its errors are dropped.
fn write_stderr(text: &str) {
    let mut err = Clean::new(io::stderr().lock());
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Help and version on stdout, usage errors on stderr (their messages quote the arguments, so
/// they pass the output boundary too), with clap's exit status.
fn clap_exit(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    if error.use_stderr() {
        write_stderr(&text);
    } else if let Err(Failure::Output(failure)) = print(&text)
        && failure.kind() != io::ErrorKind::BrokenPipe
    {
        complain(&format!("standard output : {failure}"));
        return ExitCode::from(1);
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

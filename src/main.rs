//! The command line: browse, dump or list. Everything else lives in the library crate.

use clap::{Args, Parser, Subcommand};
use folio::format::{Format, Reading};
use folio::library::{Library, LibraryError};
use std::io::{IsTerminal, Write};
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
        /// Wrap the text at N columns.
        #[arg(long, value_name = "N", default_value_t = 80)]
        width: usize,
        #[command(flatten)]
        open: Open,
    },
    /// Print the library's titles, one a line.
    List {
        #[command(flatten)]
        library: LibraryOptions,
        /// A file, folder or archive whose titles to list (default: the whole library).
        target: Option<String>,
    },
}

#[derive(Args)]
struct LibraryOptions {
    /// Look titles up in this folder or archive too (repeatable).
    #[arg(long = "library", value_name = "PATH")]
    libraries: Vec<PathBuf>,
    /// Read the target with this reader instead of detecting it.
    #[arg(long, value_name = "READER")]
    from: Option<Format>,
}

#[derive(Args)]
struct Open {
    #[command(flatten)]
    library: LibraryOptions,
    /// A file, a folder, an archive, or a title in the library (default: the bundled article).
    target: Option<String>,
    /// The article inside a folder or archive.
    title: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: {error}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), LibraryError> {
    match cli.command {
        Some(Command::Dump { json, width, open }) => {
            let reading = open_article(&open)?;
            print(&render(&reading, json, width));
            Ok(())
        }
        Some(Command::List { library, target }) => {
            // Written as read, so that an archive of millions of titles streams; a closed pipe
            // (`folio list | head`) stops the listing.
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut write = |title: String| match writeln!(out, "{title}") {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            };
            match target {
                Some(target) => folio::library::each_title_of(&target, library.from, &mut write)?,
                None => {
                    for title in library_from(&library)?.titles() {
                        if write(title).is_break() {
                            break;
                        }
                    }
                }
            }
            let _ = out.flush();
            Ok(())
        }
        None => {
            if !std::io::stdout().is_terminal() {
                let reading = open_article(&cli.open)?;
                print(&render(&reading, false, 80));
                return Ok(());
            }
            // First, so that whatever happens next leaves a usable terminal.
            folio::tui::install_panic_hook();
            let (config, config_problem) = folio::config::Config::load();
            let mut library = library_from(&cli.open.library)?;
            let reading = open_in(&mut library, &cli.open)?;
            folio::tui::run(&library, reading, config, config_problem).map_err(|error| {
                LibraryError::Io {
                    path: "terminal".to_string(),
                    error,
                }
            })
        }
    }
}

fn library_from(options: &LibraryOptions) -> Result<Library, LibraryError> {
    let mut library = Library::new();
    for path in &options.libraries {
        library.add_path(path)?;
    }
    Ok(library)
}

/// Opens the command line's target for printing: warnings go to stderr.
fn open_article(open: &Open) -> Result<Reading, LibraryError> {
    let reading = open_in(&mut library_from(&open.library)?, open)?;
    for warning in &reading.warnings {
        eprintln!("folio: warning: {warning}");
    }
    Ok(reading)
}

/// Opens the command line's target; the library learns the target's folder on the way.
fn open_in(library: &mut Library, open: &Open) -> Result<Reading, LibraryError> {
    library.open_target(
        open.target.as_deref(),
        open.title.as_deref(),
        open.library.from,
    )
}

fn render(reading: &Reading, json: bool, width: usize) -> String {
    if json {
        let mut out = folio::format::json::write(&reading.article);
        out.push('\n');
        out
    } else {
        folio::dump::text(&reading.article, width)
    }
}

/// Writes to stdout; a closed pipe (`folio dump | head`) ends quietly.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

//! The config file, `$XDG_CONFIG_HOME/folio/config.toml` (else `~/.config/folio/config.toml`):
//! key bindings, colours, the page cache's size cap and the formats references are copied and
//! exported in. A file that cannot be used is reported
//! and the defaults are kept.
//!
//! ```toml
//! [keys.browse]
//! "ctrl-f" = "page_down"
//! x = "quit"
//!
//! [colors]
//! link = "cyan"
//! citation = "#ffaa00"
//!
//! [cache]
//! max_size = "500 MiB"
//!
//! [cite]
//! copy_format = "bibtex"
//! export_format = "ris"
//! ```

use crate::action::Action;
use crate::cite::export::Style as CiteStyle;
use crate::keymap::{Context, Key, Keymap};
use crate::source::file::{FileError, read_head};
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::de::{DeTable, DeValue};

/// How each kind of thing on screen is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub heading: Style,
    pub link: Style,
    /// A link to an article the library does not have.
    pub missing_link: Style,
    pub external_link: Style,
    pub citation: Style,
    /// A marker whose reference the article lacks.
    pub missing_citation: Style,
    /// The mark on a reference's URL that no longer serves what was cited.
    pub dead_link: Style,
    /// The selected marker, link, reference or list entry.
    pub selection: Style,
    pub find_match: Style,
    pub current_match: Style,
    pub label: Style,
    pub decoration: Style,
    /// Figure and table captions.
    pub caption: Style,
    pub border: Style,
    pub focused_border: Style,
    pub status: Style,
    pub message: Style,
}

impl Theme {
    pub fn colored() -> Theme {
        Theme {
            text: Style::new(),
            heading: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            link: Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::UNDERLINED),
            missing_link: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::UNDERLINED),
            external_link: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::UNDERLINED),
            citation: Style::new().fg(Color::LightGreen),
            missing_citation: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::CROSSED_OUT),
            dead_link: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            selection: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            find_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
            decoration: Style::new().fg(Color::DarkGray),
            caption: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            border: Style::new().fg(Color::DarkGray),
            focused_border: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            message: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// For `NO_COLOR`: the same distinctions made with bold, underline and reverse alone.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            heading: plain.add_modifier(Modifier::BOLD),
            link: plain.add_modifier(Modifier::UNDERLINED),
            missing_link: plain.add_modifier(Modifier::UNDERLINED | Modifier::DIM),
            external_link: plain.add_modifier(Modifier::UNDERLINED),
            citation: plain.add_modifier(Modifier::BOLD),
            missing_citation: plain.add_modifier(Modifier::DIM | Modifier::CROSSED_OUT),
            dead_link: plain.add_modifier(Modifier::BOLD),
            selection: plain.add_modifier(Modifier::REVERSED),
            find_match: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            current_match: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            label: plain.add_modifier(Modifier::BOLD),
            decoration: plain,
            caption: plain.add_modifier(Modifier::ITALIC),
            border: plain,
            focused_border: plain.add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::REVERSED),
            message: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }
}

/// The `[colors]` names, each with whether it sets the background (selection, find_match and
/// status) rather than the foreground.
const COLOR_NAMES: &[(&str, bool)] = &[
    ("text", false),
    ("heading", false),
    ("link", false),
    ("missing_link", false),
    ("external_link", false),
    ("citation", false),
    ("missing_citation", false),
    ("dead_link", false),
    ("selection", true),
    ("find_match", true),
    ("label", false),
    ("decoration", false),
    ("caption", false),
    ("border", false),
    ("focused_border", false),
    ("status", true),
];

impl Theme {
    fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "heading" => &mut self.heading,
            "link" => &mut self.link,
            "missing_link" => &mut self.missing_link,
            "external_link" => &mut self.external_link,
            "citation" => &mut self.citation,
            "missing_citation" => &mut self.missing_citation,
            "dead_link" => &mut self.dead_link,
            "selection" => &mut self.selection,
            "find_match" => &mut self.find_match,
            "label" => &mut self.label,
            "decoration" => &mut self.decoration,
            "caption" => &mut self.caption,
            "border" => &mut self.border,
            "focused_border" => &mut self.focused_border,
            "status" => &mut self.status,
            _ => return None,
        })
    }
}

/// What the browser is configured with.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub cite: CiteSettings,
    /// `[wiki]` and `[wikis]`: live wikis, their names and manners (see `wiki::settings`).
    pub wiki: crate::wiki::Settings,
}

/// The `[cite]` table: the formats a copied reference and an export file take by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CiteSettings {
    pub copy_format: CiteStyle,
    pub export_format: CiteStyle,
}

impl Default for CiteSettings {
    fn default() -> Self {
        CiteSettings {
            copy_format: CiteStyle::Text,
            export_format: CiteStyle::Bibtex,
        }
    }
}

impl Config {
    pub fn defaults(no_color: bool) -> Config {
        Config {
            keymap: Keymap::default(),
            theme: if no_color {
                Theme::monochrome()
            } else {
                Theme::colored()
            },
            cite: CiteSettings::default(),
            wiki: crate::wiki::Settings::default(),
        }
    }

    /// Reads a config file's text. Every problem in it is reported, each as `line N: what`,
    /// in the order of the file.
    pub fn parse(text: &str, no_color: bool) -> Result<Config, Vec<String>> {
        let lines = LineIndex::new(text);
        let mut problems: Vec<(usize, String)> = Vec::new();
        let (document, errors) = DeTable::parse_recoverable(text);
        for error in errors {
            let message = error.message().trim().replace('\n', " ");
            problems.push((
                error.span().map_or(0, |span| lines.line(span.start)),
                message,
            ));
        }
        let mut bindings = Vec::new();
        let mut colors = Vec::new();
        let mut cache_max_bytes = None;
        let mut cite = CiteSettings::default();
        let mut wiki = crate::wiki::Settings::default();
        let line_of = |offset: usize| lines.line(offset);
        for (name, value) in document.get_ref() {
            let line = lines.line(name.span().start);
            match (name.get_ref().as_ref(), value.get_ref()) {
                ("keys", DeValue::Table(contexts)) => {
                    read_keys(contexts, &lines, &mut bindings, &mut problems);
                }
                ("colors", DeValue::Table(table)) => {
                    read_colors(table, &lines, &mut colors, &mut problems);
                }
                ("cache", DeValue::Table(table)) => {
                    cache_max_bytes = read_cache(table, &lines, &mut problems).or(cache_max_bytes);
                }
                ("cite", DeValue::Table(table)) => {
                    read_cite(table, &lines, &mut cite, &mut problems);
                }
                ("wiki", DeValue::Table(table)) => {
                    crate::wiki::settings::read_wiki(table, &line_of, &mut wiki, &mut problems);
                }
                ("wikis", DeValue::Table(table)) => {
                    crate::wiki::settings::read_wikis(table, &line_of, &mut wiki, &mut problems);
                }
                ("keys" | "colors" | "cache" | "cite" | "wiki" | "wikis", _) => {
                    problems.push((line, format!("{} should be a table", name.get_ref())));
                }
                (other, _) => problems.push((
                    line,
                    format!(
                        "unknown section {other:?} (folio reads [keys.*], [colors], [cache], [cite], [wiki] and [wikis])"
                    ),
                )),
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|(line, _)| *line);
            return Err(problems
                .into_iter()
                .map(|(line, message)| match line {
                    0 => message,
                    line => format!("line {line}: {message}"),
                })
                .collect());
        }
        let mut theme = Config::defaults(no_color).theme;
        // With NO_COLOR set the user's colours are ignored too: that is what it asks for.
        if !no_color {
            for (name, background, color) in colors {
                if let Some(style) = theme.style_mut(name) {
                    *style = if background {
                        style.bg(color)
                    } else {
                        style.fg(color)
                    };
                }
            }
        }
        Ok(Config {
            keymap: Keymap::with_bindings(bindings),
            theme,
            cite,
            wiki: crate::wiki::Settings {
                cache_max_bytes,
                ..wiki
            },
        })
    }

    /// The config from the environment's file, and, when the file could not be used, what to
    /// tell the reader: the file, each problem on a line of its own, and that the defaults
    /// are in use.
    pub fn load() -> (Config, Option<String>) {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let Some(path) = config_path() else {
            return (Config::defaults(no_color), None);
        };
        let text = match read_config_file(&path) {
            Ok(text) => text,
            Err(ConfigFileError::File(FileError::Io(error)))
                if error.kind() == std::io::ErrorKind::NotFound =>
            {
                return (Config::defaults(no_color), None);
            }
            Err(error) => {
                let message = format!(
                    "Config {} not read ({error}); using the defaults",
                    path.display()
                );
                return (Config::defaults(no_color), Some(message));
            }
        };
        match Config::parse(&text, no_color) {
            Ok(config) => (config, None),
            Err(problems) => (Config::defaults(no_color), Some(report(&path, &problems))),
        }
    }
}

/// The largest config file read: far beyond any real one (10⁵ key bindings are 3 MB).
const MAX_CONFIG_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
enum ConfigFileError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error("larger than {} MiB", MAX_CONFIG_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("not UTF-8 text")]
    NotText,
}

/// The config file's text, read like any input: a regular file only (a FIFO or a device put
/// at the config's path would block or never end), of bounded size.
fn read_config_file(path: &Path) -> Result<String, ConfigFileError> {
    let bytes = read_head(path, MAX_CONFIG_BYTES + 1)?;
    if bytes.len() > MAX_CONFIG_BYTES {
        return Err(ConfigFileError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ConfigFileError::NotText)
}

/// The message for a config file with problems: a headline, then one problem a line.
pub fn report(path: &Path, problems: &[String]) -> String {
    let count = match problems.len() {
        1 => "a problem".to_string(),
        n => format!("{n} problems"),
    };
    // What happened first: a long path would push it off a narrow status line.
    let mut message = format!("Config: {count}, using the defaults — {}", path.display());
    for problem in problems {
        message.push('\n');
        message.push_str(problem);
    }
    message
}

/// `[keys.CONTEXT]` tables: each entry a key and the name of an action that context has.
fn read_keys(
    contexts: &DeTable<'_>,
    lines: &LineIndex,
    bindings: &mut Vec<(Context, Key, Action)>,
    problems: &mut Vec<(usize, String)>,
) {
    for (name, table) in contexts {
        let line = lines.line(name.span().start);
        let Some(context) = Context::from_config_name(name.get_ref()) else {
            problems.push((
                line,
                format!(
                    "unknown key table [keys.{}] (there are browse, list and prompt)",
                    name.get_ref()
                ),
            ));
            continue;
        };
        let DeValue::Table(table) = table.get_ref() else {
            problems.push((line, format!("[keys.{}] should be a table", name.get_ref())));
            continue;
        };
        for (key_text, value) in table {
            let line = lines.line(key_text.span().start);
            let key = match Key::parse(key_text.get_ref()) {
                Ok(key) => key,
                Err(problem) => {
                    problems.push((line, problem));
                    continue;
                }
            };
            let DeValue::String(action_name) = value.get_ref() else {
                problems.push((
                    line,
                    format!(
                        "the action for {key_text:?} should be a string",
                        key_text = key_text.get_ref()
                    ),
                ));
                continue;
            };
            match Action::from_config_name(action_name) {
                None => problems.push((
                    line,
                    format!(
                        "unknown action {action_name:?}",
                        action_name = action_name.as_ref()
                    ),
                )),
                Some(action) if !context.accepts(action) => problems.push((
                    line,
                    format!(
                        "{:?} does nothing under [keys.{}]",
                        action_name.as_ref(),
                        context.config_name()
                    ),
                )),
                Some(action) => bindings.push((context, key, action)),
            }
        }
    }
}

/// The `[colors]` table: a name from `COLOR_NAMES` and a colour (`red`, `#rrggbb`, `0`–`255`).
fn read_colors(
    table: &DeTable<'_>,
    lines: &LineIndex,
    colors: &mut Vec<(&'static str, bool, Color)>,
    problems: &mut Vec<(usize, String)>,
) {
    for (name, value) in table {
        let line = lines.line(name.span().start);
        let Some(&(known, background)) = COLOR_NAMES
            .iter()
            .find(|(known, _)| known == name.get_ref())
        else {
            problems.push((
                line,
                format!("unknown colour name {:?}", name.get_ref().as_ref()),
            ));
            continue;
        };
        match value.get_ref() {
            DeValue::String(text) => match Color::from_str(text) {
                Ok(color) => colors.push((known, background, color)),
                Err(_) => problems.push((line, format!("unknown colour {:?}", text.as_ref()))),
            },
            _ => problems.push((line, format!("the colour of {known} should be a string"))),
        }
    }
}

/// The `[cache]` table: `max_size`, a size with a unit (`"500 MiB"`, `"2 GB"`) or a number of
/// bytes. Returns the size it sets.
fn read_cache(
    table: &DeTable<'_>,
    lines: &LineIndex,
    problems: &mut Vec<(usize, String)>,
) -> Option<u64> {
    let mut size = None;
    for (name, value) in table {
        let line = lines.line(name.span().start);
        if name.get_ref() != "max_size" {
            problems.push((
                line,
                format!(
                    "unknown cache setting {:?} (there is max_size)",
                    name.get_ref().as_ref()
                ),
            ));
            continue;
        }
        let parsed = match value.get_ref() {
            DeValue::String(text) => text
                .parse::<bytesize::ByteSize>()
                .map(|size| size.as_u64())
                .map_err(|_| {
                    format!(
                        "max_size {:?} is not a size such as \"500 MiB\"",
                        text.as_ref()
                    )
                }),
            DeValue::Integer(number) => u64::from_str_radix(number.as_str(), number.radix())
                .map_err(|_| format!("max_size {number} is not a number of bytes")),
            _ => Err(
                "max_size should be a size such as \"500 MiB\" or a number of bytes".to_string(),
            ),
        };
        match parsed {
            Ok(bytes) => size = Some(bytes),
            Err(problem) => problems.push((line, problem)),
        }
    }
    size
}

/// The `[cite]` table: `copy_format` and `export_format`, each `text`, `bibtex`, `ris` or
/// `csl-json`.
fn read_cite(
    table: &DeTable<'_>,
    lines: &LineIndex,
    cite: &mut CiteSettings,
    problems: &mut Vec<(usize, String)>,
) {
    use clap::ValueEnum;
    for (name, value) in table {
        let line = lines.line(name.span().start);
        let setting = match name.get_ref().as_ref() {
            "copy_format" => &mut cite.copy_format,
            "export_format" => &mut cite.export_format,
            other => {
                problems.push((
                    line,
                    format!("unknown setting {other:?} in [cite] (there are copy_format and export_format)"),
                ));
                continue;
            }
        };
        match value.get_ref() {
            DeValue::String(text) => match CiteStyle::from_str(text, true) {
                Ok(style) => *setting = style,
                Err(_) => problems.push((
                    line,
                    format!(
                        "unknown format {:?} (there are text, bibtex, ris and csl-json)",
                        text.as_ref()
                    ),
                )),
            },
            _ => problems.push((line, format!("{} should be a string", name.get_ref()))),
        }
    }
}

/// Line numbers of byte offsets, by binary search over where each line starts.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// `$XDG_CONFIG_HOME/folio/config.toml`, else under `~/.config`.
fn config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| directories::BaseDirs::new().map(|dirs| dirs.home_dir().join(".config")))?;
    Some(Path::new(&base).join("folio").join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    fn problems(text: &str) -> Vec<String> {
        Config::parse(text, false).err().unwrap_or_default()
    }

    #[test]
    fn keys_and_colours_are_read() {
        let text = "[keys.browse]\n\"ctrl-f\" = \"page_down\"\n\n[colors]\nlink = \"cyan\"\nstatus = \"blue\"\n";
        let config = Config::parse(text, false).unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(
            config.keymap.action(Context::Browse, key("ctrl-f")),
            Some(Action::PageDown)
        );
        assert_eq!(config.theme.link.fg, Some(Color::Cyan));
        assert_eq!(config.theme.status.bg, Some(Color::Blue));
    }

    #[test]
    fn no_color_ignores_colours() {
        let config = Config::parse("[colors]\nlink = \"cyan\"\n", true)
            .unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(config.theme, Theme::monochrome());
    }

    #[test]
    fn an_unknown_action_names_its_line() {
        let found = problems("# my keys\n[keys.browse]\nq = \"quit\"\nx = \"explode\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("line 4:"), "{found:?}");
        assert!(found[0].contains("explode"), "{found:?}");
    }

    #[test]
    fn an_action_its_context_lacks_is_reported() {
        let found = problems("[keys.browse]\nj = \"confirm\"\n[keys.list]\nx = \"next_link\"\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("line 2:") && found[0].contains("confirm"),
            "{found:?}"
        );
        assert!(found[0].contains("[keys.browse]"), "{found:?}");
        assert!(
            found[1].starts_with("line 4:") && found[1].contains("next_link"),
            "{found:?}"
        );
    }

    #[test]
    fn every_problem_is_listed_in_the_order_of_the_file() {
        let text = "[keys.browse]\n\"hyper-q\" = \"quit\"\nx = \"explode\"\n[keys.typing]\n\n[colors]\nlink = \"cyan\"\ncitation = \"blurple\"\nsparkle = \"red\"\n";
        let found = problems(text);
        let lines: Vec<&str> = found
            .iter()
            .map(|problem| problem.split(':').next().unwrap_or_default())
            .collect();
        assert_eq!(
            lines,
            ["line 2", "line 3", "line 4", "line 8", "line 9"],
            "{found:?}"
        );
        assert!(found[0].contains("hyper"), "{found:?}");
        assert!(found[2].contains("typing"), "{found:?}");
        assert!(found[3].contains("blurple"), "{found:?}");
        assert!(found[4].contains("sparkle"), "{found:?}");
    }

    #[test]
    fn broken_toml_and_unknown_sections_name_their_line() {
        let found = problems("[keys.browse]\nq = \n");
        assert!(found[0].starts_with("line 2:"), "{found:?}");
        let found = problems("\n[colours]\nlink = \"red\"\n");
        assert!(found[0].starts_with("line 2:"), "{found:?}");
        assert!(found[0].contains("colours"), "{found:?}");
    }

    #[test]
    fn the_report_names_the_file_every_problem_and_the_defaults() {
        let found = problems("[keys.browse]\nx = \"explode\"\ny = \"implode\"\n");
        let report = report(Path::new("/home/me/.config/folio/config.toml"), &found);
        let mut lines = report.lines();
        assert_eq!(
            lines.next(),
            Some("Config: 2 problems, using the defaults — /home/me/.config/folio/config.toml")
        );
        assert!(lines.next().is_some_and(|line| line.starts_with("line 2:")));
        assert!(lines.next().is_some_and(|line| line.starts_with("line 3:")));
    }

    #[test]
    fn the_cache_cap_is_read_with_or_without_a_unit() {
        let cap = |text: &str| Config::parse(text, false).map(|config| config.wiki.cache_cap());
        assert_eq!(cap(""), Ok(crate::wiki::cache::DEFAULT_MAX_BYTES));
        assert_eq!(cap("[cache]\nmax_size = \"500 MiB\"\n"), Ok(500 << 20));
        assert_eq!(cap("[cache]\nmax_size = \"2 GB\"\n"), Ok(2_000_000_000));
        assert_eq!(cap("[cache]\nmax_size = 1_048_576\n"), Ok(1 << 20));
        assert_eq!(cap("[cache]\nmax_size = 0x100000\n"), Ok(1 << 20));
    }

    #[test]
    fn a_bad_cache_cap_names_its_line() {
        let found = problems("[cache]\nmax_size = \"lots\"\nsize = 3\n[cache2]\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("line 2:") && found[0].contains("lots"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("line 3:") && found[1].contains("size"),
            "{found:?}"
        );
        assert!(found[2].starts_with("line 4:"), "{found:?}");
        let found = problems("[cache]\nmax_size = -5\n");
        assert!(found[0].starts_with("line 2:"), "{found:?}");
        let found = problems("cache = 3\n");
        assert!(found[0].contains("should be a table"), "{found:?}");
    }

    #[test]
    fn cite_formats_are_read_and_bad_ones_named() {
        let config = Config::parse(
            "[cite]\ncopy_format = \"bibtex\"\nexport_format = \"CSL-JSON\"\n",
            false,
        )
        .unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(config.cite.copy_format, CiteStyle::Bibtex);
        assert_eq!(config.cite.export_format, CiteStyle::CslJson);
        assert_eq!(Config::defaults(false).cite.copy_format, CiteStyle::Text);
        let found = problems("[cite]\ncopy_format = \"mla\"\npaste = \"x\"\nexport_format = 3\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("line 2:") && found[0].contains("mla"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("line 3:") && found[1].contains("paste"),
            "{found:?}"
        );
        assert!(found[2].starts_with("line 4:"), "{found:?}");
    }

    #[test]
    fn many_bindings_load() {
        let mut text = String::from("[keys.browse]\n");
        for n in 0..20_000 {
            text.push_str(&format!(
                "\"ctrl-alt-{}\" = \"down\"\n",
                char::from_u32(0x4e00 + n).unwrap_or('x')
            ));
        }
        let config = Config::parse(&text, false).unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(
            config.keymap.action(Context::Browse, key("ctrl-alt-一")),
            Some(Action::Down)
        );
    }
}

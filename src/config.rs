//! The config file, `$XDG_CONFIG_HOME/folio/config.toml` (else `~/.config/folio/config.toml`):
//! key bindings and colours. A file that cannot be used is reported and the defaults are kept.
//!
//! ```toml
//! [keys.browse]
//! "ctrl-f" = "page_down"
//! x = "quit"
//!
//! [colors]
//! link = "cyan"
//! citation = "#ffaa00"
//! ```

use crate::keymap::{KeyOverrides, Keymap};
use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};
use std::str::FromStr;

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

    fn with_colors(mut self, colors: &Colors) -> Theme {
        for (style, color) in [
            (&mut self.text, colors.text),
            (&mut self.heading, colors.heading),
            (&mut self.link, colors.link),
            (&mut self.missing_link, colors.missing_link),
            (&mut self.external_link, colors.external_link),
            (&mut self.citation, colors.citation),
            (&mut self.missing_citation, colors.missing_citation),
            (&mut self.label, colors.label),
            (&mut self.decoration, colors.decoration),
            (&mut self.caption, colors.caption),
            (&mut self.border, colors.border),
            (&mut self.focused_border, colors.focused_border),
        ] {
            if let Some(ConfigColor(color)) = color {
                *style = style.fg(color);
            }
        }
        for (style, color) in [
            (&mut self.selection, colors.selection),
            (&mut self.find_match, colors.find_match),
            (&mut self.status, colors.status),
        ] {
            if let Some(ConfigColor(color)) = color {
                *style = style.bg(color);
            }
        }
        self
    }
}

/// A colour as the file writes it: a name (`red`, `lightblue`), `#rrggbb` or an index `0`–`255`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ConfigColor(Color);

impl<'de> Deserialize<'de> for ConfigColor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ConfigColor, D::Error> {
        let text = String::deserialize(deserializer)?;
        Color::from_str(&text)
            .map(ConfigColor)
            .map_err(|_| serde::de::Error::custom(format!("unknown colour {text:?}")))
    }
}

/// The `[colors]` table: foregrounds, except selection, find_match and status (backgrounds).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Colors {
    text: Option<ConfigColor>,
    heading: Option<ConfigColor>,
    link: Option<ConfigColor>,
    missing_link: Option<ConfigColor>,
    external_link: Option<ConfigColor>,
    citation: Option<ConfigColor>,
    missing_citation: Option<ConfigColor>,
    selection: Option<ConfigColor>,
    find_match: Option<ConfigColor>,
    label: Option<ConfigColor>,
    decoration: Option<ConfigColor>,
    caption: Option<ConfigColor>,
    border: Option<ConfigColor>,
    focused_border: Option<ConfigColor>,
    status: Option<ConfigColor>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConfigFile {
    keys: KeyOverrides,
    colors: Colors,
}

/// What the browser is configured with.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
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
        }
    }

    /// Reads a config file's text; the error names the line and what is wrong there.
    pub fn parse(text: &str, no_color: bool) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|error| describe(&error, text))?;
        let defaults = Config::defaults(no_color);
        Ok(Config {
            keymap: Keymap::with_overrides(&file.keys),
            // With NO_COLOR set the user's colours are ignored too: that is what it asks for.
            theme: if no_color {
                defaults.theme
            } else {
                defaults.theme.with_colors(&file.colors)
            },
        })
    }

    /// The config from the environment's file, and a message when the file could not be used.
    pub fn load() -> (Config, Option<String>) {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let Some(path) = config_path() else {
            return (Config::defaults(no_color), None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return (Config::defaults(no_color), None);
            }
            Err(error) => {
                let message = format!("Config not read ({error}): {}", path.display());
                return (Config::defaults(no_color), Some(message));
            }
        };
        match Config::parse(&text, no_color) {
            Ok(config) => (config, None),
            Err(problem) => {
                // The problem first: a long path would push it off a narrow status line.
                let message = format!("Config {problem}; using the defaults ({})", path.display());
                (Config::defaults(no_color), Some(message))
            }
        }
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

/// One line for the status bar: `line N: message`.
fn describe(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::keymap::{Context, Key};

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn keys_and_colours_are_read() {
        let text = "[keys.browse]\n\"ctrl-f\" = \"page_down\"\n\n[colors]\nlink = \"cyan\"\n";
        let config = Config::parse(text, false).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            config.keymap.action(Context::Browse, key("ctrl-f")),
            Some(Action::PageDown)
        );
        assert_eq!(config.theme.link.fg, Some(Color::Cyan));
    }

    #[test]
    fn no_color_ignores_colours() {
        let config = Config::parse("[colors]\nlink = \"cyan\"\n", true)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(config.theme, Theme::monochrome());
    }

    #[test]
    fn an_unknown_action_names_its_line() {
        let text = "# my keys\n[keys.browse]\nq = \"quit\"\nx = \"explode\"\n";
        let error = Config::parse(text, false).err().unwrap_or_default();
        assert!(error.starts_with("line 4:"), "{error}");
        assert!(error.contains("explode"), "{error}");
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let text = "[keys.browse]\n\n\"hyper-q\" = \"quit\"\n";
        let error = Config::parse(text, false).err().unwrap_or_default();
        assert!(error.starts_with("line 3:"), "{error}");
        assert!(error.contains("hyper"), "{error}");
    }

    #[test]
    fn a_bad_colour_names_its_line() {
        let text = "[colors]\nlink = \"cyan\"\ncitation = \"blurple\"\n";
        let error = Config::parse(text, false).err().unwrap_or_default();
        assert!(error.starts_with("line 3:"), "{error}");
        assert!(error.contains("blurple"), "{error}");
    }

    #[test]
    fn broken_toml_and_unknown_sections_name_their_line() {
        let error = Config::parse("[keys.browse]\nq = \n", false)
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("line 2:"), "{error}");
        let error = Config::parse("\n[colours]\nlink = \"red\"\n", false)
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("line 2:"), "{error}");
        assert!(error.contains("colours"), "{error}");
    }
}

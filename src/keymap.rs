//! Keys as data: (context, key) → action, with the defaults of the product contract and the
//! user's overrides from the config file merged over them. The help is generated from here.

use crate::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::fmt;

/// Which set of bindings a key is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Reading the article: panes, markers, links.
    Browse,
    /// A list over the article: help, contents, info.
    List,
    /// Typing: find, title search.
    Prompt,
}

impl Context {
    pub const ALL: [Context; 3] = [Context::Browse, Context::List, Context::Prompt];

    pub fn heading(self) -> &'static str {
        match self {
            Context::Browse => "Reading",
            Context::List => "In a list (help, contents, info)",
            Context::Prompt => "While typing (find, search)",
        }
    }

    /// The name of the context's table in the config file (`[keys.browse]`).
    pub fn config_name(self) -> &'static str {
        match self {
            Context::Browse => "browse",
            Context::List => "list",
            Context::Prompt => "prompt",
        }
    }

    pub fn from_config_name(name: &str) -> Option<Context> {
        Context::ALL
            .into_iter()
            .find(|context| context.config_name() == name)
    }

    /// Whether an action does anything in this context: binding one that does not is a
    /// mistake the config file is told about.
    pub fn accepts(self, action: Action) -> bool {
        use Action::*;
        match self {
            Context::Browse => !matches!(
                action,
                Confirm | Close | DeleteBack | DeleteWord | ClearLine | Type(_)
            ),
            Context::List => matches!(
                action,
                Help | Quit
                    | Down
                    | Up
                    | PageDown
                    | PageUp
                    | HalfPageDown
                    | HalfPageUp
                    | Top
                    | Bottom
                    | Confirm
                    | Close
            ),
            Context::Prompt => matches!(
                action,
                Quit | Down
                    | Up
                    | PageDown
                    | PageUp
                    | HalfPageDown
                    | HalfPageUp
                    | Confirm
                    | Close
                    | DeleteBack
                    | DeleteWord
                    | ClearLine
                    | SearchText
            ),
        }
    }
}

/// A key with its modifiers, normalised so that a config string and a terminal event agree
/// (`G` arrives as shift+G; the shift is already in the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Key { code, modifiers }
    }

    pub fn from_event(event: KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// The character this key types into a prompt, when it types one.
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if (self.modifiers - KeyModifiers::SHIFT).is_empty() => Some(c),
            _ => None,
        }
    }

    /// Reads `ctrl-d`, `shift-tab`, `enter`, `pgdn`, `space`, `]`, `G`…
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is a key, so only split on a dash that has something after it.
        while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
            modifiers |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" | "control" => KeyModifiers::CONTROL,
                "alt" | "a" | "m" | "meta" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => return Err(format!("unknown modifier {prefix:?} in key {text:?}")),
            };
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "insert" | "ins" => KeyCode::Insert,
                function => match function
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=24).contains(n))
                {
                    Some(n) => KeyCode::F(n),
                    None => return Err(format!("unknown key {text:?}")),
                },
            },
        };
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (modifier, name) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.modifiers.contains(modifier) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The default bindings, in the order the help lists them.
const DEFAULTS: &[(Context, &str, Action)] = {
    use Action::*;
    use Context::{Browse, List, Prompt};
    &[
        (Browse, "?", Help),
        (Browse, "q", Quit),
        (Browse, "ctrl-c", Quit),
        (Browse, "tab", FocusNext),
        (Browse, "shift-tab", FocusPrevious),
        (Browse, "j", Down),
        (Browse, "down", Down),
        (Browse, "k", Up),
        (Browse, "up", Up),
        (Browse, "pgdn", PageDown),
        (Browse, "space", PageDown),
        (Browse, "pgup", PageUp),
        (Browse, "ctrl-d", HalfPageDown),
        (Browse, "ctrl-u", HalfPageUp),
        (Browse, "g", Top),
        (Browse, "home", Top),
        (Browse, "G", Bottom),
        (Browse, "end", Bottom),
        (Browse, "]", NextCitation),
        (Browse, "[", PreviousCitation),
        (Browse, "}", NextLink),
        (Browse, "{", PreviousLink),
        (Browse, "enter", Follow),
        (Browse, "backspace", Back),
        (Browse, "H", Back),
        (Browse, "L", Forward),
        (Browse, "R", Reload),
        (Browse, "x", RandomArticle),
        (Browse, "t", Contents),
        (Browse, "/", Find),
        (Browse, "n", FindNext),
        (Browse, "N", FindPrevious),
        (Browse, "s", Search),
        (Browse, "S", SearchText),
        (Browse, "o", OpenUrl),
        (Browse, "y", CopyReference),
        (Browse, "Y", CopyUrl),
        (Browse, "c", ReferenceCard),
        (Browse, "e", ExportReferences),
        (Browse, "i", Info),
        (Browse, "m", Messages),
        (Browse, "z", Zoom),
        (Browse, "esc", Clear),
        (List, "j", Down),
        (List, "down", Down),
        (List, "k", Up),
        (List, "up", Up),
        (List, "pgdn", PageDown),
        (List, "space", PageDown),
        (List, "pgup", PageUp),
        (List, "g", Top),
        (List, "home", Top),
        (List, "G", Bottom),
        (List, "end", Bottom),
        (List, "enter", Confirm),
        (List, "esc", Close),
        (List, "q", Close),
        (List, "?", Close),
        (List, "ctrl-c", Quit),
        (Prompt, "enter", Confirm),
        (Prompt, "esc", Close),
        (Prompt, "ctrl-c", Close),
        (Prompt, "backspace", DeleteBack),
        (Prompt, "ctrl-w", DeleteWord),
        (Prompt, "ctrl-u", ClearLine),
        (Prompt, "down", Down),
        (Prompt, "ctrl-n", Down),
        (Prompt, "up", Up),
        (Prompt, "ctrl-p", Up),
        (Prompt, "pgdn", PageDown),
        (Prompt, "pgup", PageUp),
        (Prompt, "tab", SearchText),
    ]
};

/// One binding and what the help says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
}

/// One line of the help: the keys bound to an action, what it does, and its config name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// The keys, joined by spaces.
    pub keys: String,
    pub description: &'static str,
    pub name: String,
}

/// The help's view of the keymap: per context, each action with all its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub heading: &'static str,
    pub entries: Vec<HelpEntry>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// In help order: defaults first, then the user's additions.
    bindings: Vec<Binding>,
    /// Where each (context, key) is in `bindings`, so binding and lookup cost the same for
    /// ten bindings or a hundred thousand.
    index: HashMap<(Context, Key), usize>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut keymap = Keymap {
            bindings: Vec::with_capacity(DEFAULTS.len()),
            index: HashMap::with_capacity(DEFAULTS.len()),
        };
        for &(context, text, action) in DEFAULTS {
            if let Ok(key) = Key::parse(text) {
                keymap.bind(context, key, action);
            }
        }
        keymap
    }
}

impl Keymap {
    /// The defaults with the user's bindings over them, in the order given: a key the user
    /// binds does only what the user says in that context.
    pub fn with_bindings(user: impl IntoIterator<Item = (Context, Key, Action)>) -> Keymap {
        let mut keymap = Keymap::default();
        for (context, key, action) in user {
            keymap.bind(context, key, action);
        }
        keymap
    }

    fn bind(&mut self, context: Context, key: Key, action: Action) {
        match self.index.get(&(context, key)) {
            Some(&at) => self.bindings[at].action = action,
            None => {
                self.index.insert((context, key), self.bindings.len());
                self.bindings.push(Binding {
                    context,
                    key,
                    action,
                });
            }
        }
    }

    /// The first key bound to an action in a context, as the help writes it, for the hints
    /// on screen.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|binding| binding.context == context && binding.action == action)
            .map(|binding| binding.key)
    }

    /// What a key does in a context; in a prompt, an unbound character is typed.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        self.index
            .get(&(context, key))
            .map(|&at| self.bindings[at].action)
            .or_else(|| {
                (context == Context::Prompt)
                    .then(|| key.typed_char())
                    .flatten()
                    .map(Action::Type)
            })
    }

    /// The help text: for each context, each action once with every key bound to it.
    pub fn help(&self) -> Vec<HelpSection> {
        Context::ALL
            .iter()
            .map(|&context| {
                let mut entries: Vec<(Action, Vec<String>)> = Vec::new();
                let mut at: HashMap<Action, usize> = HashMap::new();
                for binding in self.bindings.iter().filter(|b| b.context == context) {
                    let key = binding.key.to_string();
                    match at.get(&binding.action) {
                        Some(&index) => entries[index].1.push(key),
                        None => {
                            at.insert(binding.action, entries.len());
                            entries.push((binding.action, vec![key]));
                        }
                    }
                }
                HelpSection {
                    heading: context.heading(),
                    entries: entries
                        .into_iter()
                        .map(|(action, keys)| HelpEntry {
                            keys: keys.join(" "),
                            description: action.description(),
                            name: action.config_name().unwrap_or_default(),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn every_default_key_parses() {
        for (_, text, _) in DEFAULTS {
            assert!(Key::parse(text).is_ok(), "{text}");
        }
        assert_eq!(Keymap::default().bindings.len(), DEFAULTS.len());
    }

    #[test]
    fn terminal_events_match_parsed_keys() {
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(shifted_g), key("G"));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(back_tab), key("shift-tab"));
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(ctrl_d), key("ctrl-d"));
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("pagesideways").is_err());
        assert!(Key::parse("f99").is_err());
    }

    #[test]
    fn overrides_replace_and_add() {
        let keymap = Keymap::with_bindings([
            (Context::Browse, key("q"), Action::Help),
            (Context::Browse, key("x"), Action::Quit),
        ]);
        assert_eq!(keymap.action(Context::Browse, key("q")), Some(Action::Help));
        assert_eq!(keymap.action(Context::Browse, key("x")), Some(Action::Quit));
        assert_eq!(keymap.action(Context::List, key("q")), Some(Action::Close));
    }

    #[test]
    fn prompts_type_unbound_characters() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.action(Context::Prompt, key("q")),
            Some(Action::Type('q'))
        );
        assert_eq!(keymap.action(Context::Browse, key("w")), None);
        assert_eq!(keymap.action(Context::Prompt, key("ctrl-x")), None);
    }

    #[test]
    fn help_lists_every_binding() {
        let keymap = Keymap::default();
        let help = keymap.help();
        for binding in &keymap.bindings {
            let section = help
                .iter()
                .find(|section| section.heading == binding.context.heading());
            let listed = section.is_some_and(|section| {
                section.entries.iter().any(|entry| {
                    entry.keys.split(' ').any(|k| k == binding.key.to_string())
                        && entry.description == binding.action.description()
                        && Some(&entry.name) == binding.action.config_name().as_ref()
                })
            });
            assert!(listed, "{binding:?} missing from the help");
        }
    }
}

#[cfg(test)]
mod context_tests {
    use super::*;

    #[test]
    fn every_default_binding_does_something_in_its_context() {
        for &(context, text, action) in DEFAULTS {
            assert!(
                context.accepts(action),
                "{text} = {action:?} in {context:?}"
            );
        }
    }

    #[test]
    fn config_names_round_trip() {
        for &(_, _, action) in DEFAULTS {
            let name = action.config_name().unwrap_or_default();
            assert_eq!(Action::from_config_name(&name), Some(action), "{name}");
        }
        assert_eq!(Action::PageDown.config_name().as_deref(), Some("page_down"));
        assert_eq!(Action::from_config_name("explode"), None);
        assert_eq!(Action::Type('x').config_name(), None);
    }

    #[test]
    fn hints_follow_a_rebinding() {
        let help = Key::parse("f1").unwrap_or_else(|error| panic!("{error}"));
        let keymap = Keymap::with_bindings([(Context::Browse, help, Action::Help)]);
        assert_eq!(
            keymap
                .key_for(Context::Browse, Action::Help)
                .map(|k| k.to_string()),
            Some("?".to_string())
        );
        let question = Key::parse("?").unwrap_or_else(|error| panic!("{error}"));
        let keymap = Keymap::with_bindings([
            (Context::Browse, question, Action::Quit),
            (Context::Browse, help, Action::Help),
        ]);
        assert_eq!(
            keymap
                .key_for(Context::Browse, Action::Help)
                .map(|k| k.to_string()),
            Some("F1".to_string())
        );
    }
}

//! The default keys are those of the product contract (SPEC.md's table), each bound to the
//! action the table describes.

use folio::action::Action;
use folio::keymap::{Context, Key, Keymap};

#[test]
fn the_contract_keys_are_bound_as_written() {
    let keymap = Keymap::default();
    let table: &[(&str, Action)] = &[
        ("?", Action::Help),
        ("q", Action::Quit),
        ("ctrl-c", Action::Quit),
        ("tab", Action::FocusNext),
        ("shift-tab", Action::FocusPrevious),
        ("j", Action::Down),
        ("down", Action::Down),
        ("k", Action::Up),
        ("up", Action::Up),
        ("pgdn", Action::PageDown),
        ("space", Action::PageDown),
        ("pgup", Action::PageUp),
        ("ctrl-d", Action::HalfPageDown),
        ("ctrl-u", Action::HalfPageUp),
        ("g", Action::Top),
        ("home", Action::Top),
        ("G", Action::Bottom),
        ("end", Action::Bottom),
        ("]", Action::NextCitation),
        ("[", Action::PreviousCitation),
        ("}", Action::NextLink),
        ("{", Action::PreviousLink),
        ("enter", Action::Follow),
        ("backspace", Action::Back),
        ("H", Action::Back),
        ("L", Action::Forward),
        ("t", Action::Contents),
        ("/", Action::Find),
        ("n", Action::FindNext),
        ("N", Action::FindPrevious),
        ("s", Action::Search),
        ("o", Action::OpenUrl),
        ("i", Action::Info),
        // Issue 11: references as data.
        ("y", Action::CopyReference),
        ("Y", Action::CopyUrl),
        ("c", Action::ReferenceCard),
        ("e", Action::ExportReferences),
    ];
    for &(name, action) in table {
        let key = Key::parse(name).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(keymap.action(Context::Browse, key), Some(action), "{name}");
    }
}

#[test]
fn every_action_has_a_description_for_the_help() {
    let keymap = Keymap::default();
    for section in keymap.help() {
        for entry in &section.entries {
            assert!(!entry.keys.is_empty());
            assert!(
                !entry.description.is_empty(),
                "{} has no description",
                entry.keys
            );
            assert!(!entry.name.is_empty(), "{} has no config name", entry.keys);
        }
    }
}

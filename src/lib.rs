//! folio: a terminal browser for encyclopedia articles and their citations.

pub mod action;
pub mod app;
pub mod article;
pub mod config;
pub mod dump;
pub mod format;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod source;
pub mod text;
pub mod tui;
pub mod ui;

//! folio: a terminal browser for encyclopedia articles and their citations.

/// Readers build an article out of many small strings and lists; mimalloc serves those
/// several times faster than the system allocator (the wikitext reader reads about a quarter
/// faster with it). Set here so the program, its tests and its benchmarks all use it; running
/// out of memory ends the program with an error line (src/alloc.rs).
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

pub mod action;
mod alloc;
pub mod app;
pub mod article;
pub mod cite;
pub mod config;
pub mod dump;
pub mod format;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod output;
pub mod source;
pub mod text;
pub mod tui;
pub mod ui;
pub mod url_policy;
pub mod wiki;

//! folio: a terminal browser for encyclopedia articles and their citations.

pub mod article;
pub mod dump;
pub mod format;
pub mod layout;
pub mod library;
pub mod source;
pub mod text;

//! folio: a terminal browser for encyclopedia articles and their citations.

pub mod article;
pub mod format;
pub mod text;

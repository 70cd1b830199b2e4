//! Live MediaWiki sites: the pages read from them are kept on disk (`cache`).

pub mod cache;

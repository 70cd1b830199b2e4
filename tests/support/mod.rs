//! Test support for live wikis: a real MediaWiki on a loopback port, a proxy in front of it that
//! injects faults and counts requests, and the small HTTP client both are checked with.

#![allow(dead_code)]

pub mod fault_proxy;
pub mod folio;
pub mod http;
pub mod mediawiki;

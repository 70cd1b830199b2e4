//! folio against a real MediaWiki (Debian's 1.39, started by tests/support/mediawiki.rs on a
//! loopback port), directly and through a proxy that injects faults and counts requests.
//! First the harness itself is proved: the wiki serves the imported pages over the REST and
//! Action APIs, and the proxy forwards, counts and breaks responses as it says.

mod support;

use std::io::BufReader;
use support::fault_proxy::{self, Fault, FaultProxy};
use support::folio::Home;
use support::http;
use support::mediawiki::{ALPHA, BETA, MISSING, REDIRECT, REVISED, SITE_NAME, Wiki};

/// The REST API serves an imported article as Parsoid HTML with what the fixtures put in it:
/// the infobox template expanded by ParserFunctions, references through the cite template and
/// Cite's reference list, a link to another imported page, a red link to a missing one, and an
/// ETag that a conditional request is answered 304 for.
#[test]
fn the_wiki_serves_imported_pages_over_rest() {
    let wiki = Wiki::start();
    let page = wiki.get(&format!(
        "/rest.php/v1/page/{}/html",
        http::encode_title(ALPHA)
    ));
    assert_eq!(page.status(), 200, "{}", page.text());
    let html = page.text();
    for expected in [
        "class=\"infobox vcard\"",
        ">Founded<",
        ">1901<",
        "Dreazen, Yochi (17 December 2013)",
        "https://example.org/harbour-survey",
        "mw-references",
        "title=\"Folio Beta\"",
        "id=\"See_also\"",
    ] {
        assert!(
            html.contains(expected),
            "{expected:?} missing from:\n{html}"
        );
    }
    let red = format!("title=\"{MISSING}\" class=\"new\"");
    assert!(html.contains(&red), "no red link to {MISSING} in:\n{html}");
    // Rows left out by #if stay out: ParserFunctions is loaded.
    assert!(!html.contains("{{#if"), "{html}");

    let etag = page.head.field("ETag").map(str::to_string);
    let Some(etag) = etag else {
        panic!("no ETag on {:?}", page.head)
    };
    let target = format!("/rest.php/v1/page/{}/html", http::encode_title(ALPHA));
    let again = http::get(wiki.address(), &target, &[("If-None-Match", &etag)])
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(again.status(), 304, "{:?}", again.head);
}

/// The Action API parses pages, lists revisions (the page edited twice has two, each readable
/// by id over REST), resolves the redirect, and both searches find the imported pages.
#[test]
fn the_wiki_answers_the_action_api_and_searches() {
    let wiki = Wiki::start();
    let siteinfo = wiki.get("/api.php?action=query&meta=siteinfo&format=json&formatversion=2");
    assert!(siteinfo.text().contains(SITE_NAME), "{}", siteinfo.text());

    let parse = wiki.get(&format!(
        "/api.php?action=parse&page={}&prop=text|revid&format=json&formatversion=2",
        http::encode_title(BETA)
    ));
    let json: serde_json::Value =
        serde_json::from_slice(&parse.body).unwrap_or_else(|error| panic!("{error}"));
    let text = json["parse"]["text"].as_str().unwrap_or_default();
    assert!(text.contains("quillwort baskets"), "{}", parse.text());

    let revisions = wiki.revisions(REVISED);
    assert_eq!(revisions.len(), 2, "{revisions:?}");
    let old = wiki.get(&format!("/rest.php/v1/revision/{}/html", revisions[0]));
    assert!(old.text().contains("lanterns"), "{}", old.text());
    let new = wiki.get(&format!(
        "/rest.php/v1/page/{}/html",
        http::encode_title(REVISED)
    ));
    assert!(new.text().contains("beacons"), "{}", new.text());

    let redirect = wiki.get(&format!(
        "/api.php?action=query&redirects=1&titles={}&format=json&formatversion=2",
        http::encode_title(REDIRECT)
    ));
    let json: serde_json::Value =
        serde_json::from_slice(&redirect.body).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        json["query"]["redirects"][0]["to"],
        ALPHA,
        "{}",
        redirect.text()
    );

    let titles = wiki.get("/rest.php/v1/search/title?q=Folio&limit=10");
    for title in [ALPHA, BETA, REVISED] {
        assert!(titles.text().contains(title), "{title}: {}", titles.text());
    }
    let full = wiki.get("/rest.php/v1/search/page?q=quillwort&limit=10");
    let json: serde_json::Value =
        serde_json::from_slice(&full.body).unwrap_or_else(|error| panic!("{error}"));
    let found: Vec<&str> = json["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|page| page["title"].as_str())
        .collect();
    assert_eq!(found, [BETA], "{}", full.text());
}

/// Short URLs, index.php URLs and the EditURI link folio discovers the API from all work.
#[test]
fn the_wiki_serves_article_urls_with_their_api_link() {
    let wiki = Wiki::start();
    let short = wiki.get(&format!("/wiki/{}", http::encode_title(BETA)));
    assert_eq!(short.status(), 200, "{}", short.text());
    assert!(short.text().contains("quillwort"), "{}", short.text());
    assert!(short.text().contains("rel=\"EditURI\""), "{}", short.text());
    let long = wiki.get(&format!("/index.php?title={}", http::encode_title(BETA)));
    assert!(long.text().contains("quillwort"), "{}", long.text());
    let missing = wiki.get(&format!("/wiki/{}", http::encode_title(MISSING)));
    assert_eq!(missing.status(), 404);
}

/// A page edited during a test gets a new revision, on that test's copy of the wiki only.
#[test]
fn an_edit_saves_a_new_revision_on_that_copy_only() {
    let wiki = Wiki::start();
    let other = Wiki::start();
    wiki.edit(REVISED, "revised-3.wikitext");
    assert_eq!(wiki.revisions(REVISED).len(), 3);
    assert_eq!(other.revisions(REVISED).len(), 2);
    let page = wiki.get(&format!(
        "/rest.php/v1/page/{}/html",
        http::encode_title(REVISED)
    ));
    assert!(page.text().contains("lighthouses"), "{}", page.text());
}

/// The proxy forwards and counts, answers 429 and 500 as told, cuts a body, truncates a gzip
/// stream, sends a 100 MB body and puts hostile bytes into a page; a counted fault wears off.
#[test]
fn the_fault_proxy_forwards_counts_and_breaks_responses() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let page = format!("/rest.php/v1/page/{}/html", http::encode_title(ALPHA));
    let get = |fields: &[(&str, &str)]| {
        http::get(proxy.address(), &page, fields).unwrap_or_else(|error| panic!("{error}"))
    };

    let through = get(&[]);
    assert_eq!(through.status(), 200);
    // The wiki names the proxy as its server, so links read through it stay on it.
    assert!(through.text().contains(&proxy.url()), "{}", through.text());
    assert_eq!(proxy.count(), 1);

    proxy.inject_times("/html", Fault::TooManyRequests { retry_after: 7 }, 1);
    let limited = get(&[]);
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.head.field("Retry-After"), Some("7"));
    assert_eq!(get(&[]).status(), 200, "a counted fault wears off");

    proxy.inject("/html", Fault::ServerError);
    assert_eq!(get(&[]).status(), 500);
    proxy.clear();

    proxy.inject("/html", Fault::CutMidBody);
    let cut = http::get(proxy.address(), &page, &[]);
    assert!(
        cut.as_ref()
            .is_err_and(|error| error.kind() == std::io::ErrorKind::UnexpectedEof),
        "{cut:?}"
    );
    proxy.clear();

    proxy.inject("/html", Fault::TruncatedGzip);
    let gzip = get(&[("Accept-Encoding", "gzip")]);
    assert_eq!(gzip.head.field("Content-Encoding"), Some("gzip"));
    assert!(gzip.body.starts_with(&[0x1f, 0x8b]), "not gzip");
    assert!(gzip.body.len() < through.body.len(), "not truncated");
    proxy.clear();

    proxy.inject("/html", Fault::Hostile);
    let hostile = get(&[]);
    let at = hostile
        .body
        .windows(fault_proxy::HOSTILE.len())
        .position(|window| window == fault_proxy::HOSTILE);
    assert!(at.is_some(), "{}", hostile.text());
    assert!(String::from_utf8(hostile.body.clone()).is_err());
    proxy.clear();

    proxy.inject("/html", Fault::Huge { declared: true });
    let mut stream = http::connect(proxy.address()).unwrap_or_else(|error| panic!("{error}"));
    std::io::Write::write_all(
        &mut stream,
        format!("GET {page} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let mut reader = BufReader::new(stream);
    let head = http::read_head(&mut reader).unwrap_or_else(|error| panic!("{error}"));
    let length = head.as_ref().and_then(|head| head.field("Content-Length"));
    assert_eq!(length, Some(fault_proxy::HUGE.to_string().as_str()));
    drop(reader);
    proxy.clear();

    let statuses: Vec<u16> = proxy
        .exchanges()
        .iter()
        .map(|exchange| exchange.status)
        .collect();
    assert_eq!(&statuses[..5], &[200, 429, 200, 500, 200], "{statuses:?}");
}

/// A stopped proxy refuses connections (standing for a wiki that cannot be reached).
#[test]
fn a_stopped_proxy_refuses_connections() {
    let wiki = Wiki::start();
    let mut proxy = FaultProxy::start(wiki.address());
    assert_eq!(
        http::get(proxy.address(), "/api.php", &[])
            .map(|r| r.status())
            .ok(),
        Some(200)
    );
    proxy.stop();
    let refused = http::get(proxy.address(), "/api.php", &[]);
    assert!(refused.is_err(), "{refused:?}");
}

// folio against the wiki.

/// No request is made unless the reader names a wiki: a wiki only listed in the config file
/// (not the default) is not contacted by `folio dump` or `folio list` of the local library.
#[test]
fn no_request_unless_a_wiki_is_named() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::with_config(&format!("[wikis]\ntest = \"{}\"\n", proxy.url()));
    let text = home.run(&["dump"]).success();
    assert!(text.contains("2013 Camp Ashraf massacre"), "{text}");
    home.run(&["list", "tests/fixtures/library"]).success();
    assert_eq!(proxy.count(), 0, "{:?}", proxy.exchanges());
}

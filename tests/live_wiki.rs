//! folio against a real MediaWiki (Debian's 1.39, started by tests/support/mediawiki.rs on a
//! loopback port), directly and through a proxy that injects faults and counts requests.
//! First the harness itself is proved: the wiki serves the imported pages over the REST and
//! Action APIs, and the proxy forwards, counts and breaks responses as it says.

mod support;

use std::io::BufReader;
use std::time::Duration;
use support::fault_proxy::{self, Fault, FaultProxy};
use support::folio::{ENTER, ESC, Home, Run, Terminal};
use support::http;
use support::mediawiki::{
    ALPHA, BETA, DELTA, GAMMA, MISSING, REDIRECT, REVISED, RIVERMOUTH, SITE_NAME, Wiki,
};

/// The key that goes back.
const BACKSPACE: &str = "\x7f";

/// The REST API serves an imported article as Parsoid HTML with what the fixtures put in it:
/// the infobox template expanded by ParserFunctions, references through the cite template and
/// Cite's reference list, a link to another imported page, a red link to a missing one, and an
/// ETag.
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

    // That MediaWiki answers a conditional request 304 is checked where folio asks it
    // (a_cached_page_is_revalidated_and_answered_304): asked straight after a render, as here,
    // this MediaWiki answered 200 with a fresh render in some runs.
    assert!(
        page.head.field("ETag").is_some(),
        "no ETag on {:?}",
        page.head
    );
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

/// The JSON dump of a page, read.
fn json_of(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.success())
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}", run.stdout()))
}

/// The permanent URL `sources` must name for a revision.
fn permanent_url(base: &str, title: &str, revision: u64) -> String {
    format!(
        "{base}/index.php?title={}&oldid={revision}",
        http::encode_title(title)
    )
}

/// `folio dump URL` reads an article of the wiki by its short URL: the infobox expanded, the
/// text, the references with their cite template's rendering; `dump --json` names the revision
/// read, by its permanent URL, in `sources`.
#[test]
fn dump_opens_an_article_by_its_url() {
    let wiki = Wiki::start();
    let home = Home::new();
    let url = wiki.article_url(ALPHA);
    let text = home.run(&["dump", &url]).success();
    for expected in [
        ALPHA,
        "harbour town invented for folio's tests",
        "Founded",
        "1901",
        "Dreazen, Yochi (17 December 2013)",
        "The harbour ledger, kept at the town hall.",
        "See also",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    let json = json_of(&home.run(&["dump", "--json", &url]));
    assert_eq!(json["title"], ALPHA);
    let revision = *wiki.revisions(ALPHA).last().unwrap_or(&0);
    assert_eq!(
        json["sources"],
        serde_json::json!([permanent_url(&wiki.url(), ALPHA, revision)])
    );
    let references = json["references"].as_array().map_or(0, Vec::len);
    assert_eq!(references, 3, "{}", json["references"]);
}

/// `--wiki URL TITLE` opens a title from the named wiki, and so does an `index.php?title=`
/// URL; a title the wiki does not have is one error line.
#[test]
fn dump_opens_a_title_from_a_named_wiki() {
    let wiki = Wiki::start();
    let home = Home::new();
    let text = home.run(&["dump", "--wiki", &wiki.url(), BETA]).success();
    assert!(text.contains("quillwort baskets"), "{text}");
    let long = format!(
        "{}/index.php?title={}",
        wiki.url(),
        http::encode_title(BETA)
    );
    let text = home.run(&["dump", &long]).success();
    assert!(text.contains("quillwort baskets"), "{text}");

    let missing = home.run(&["dump", "--wiki", &wiki.url(), MISSING]);
    let line = missing.one_error_line();
    assert!(line.contains(MISSING), "{line}");
}

/// A wiki named in the config file opens by its name, and as the default wiki by title alone.
#[test]
fn a_wiki_named_in_the_config_opens_by_name_and_as_default() {
    let wiki = Wiki::start();
    let home = Home::with_config(&format!("[wikis]\ntest = \"{}\"\n", wiki.url()));
    let text = home.run(&["dump", "--wiki", "test", BETA]).success();
    assert!(text.contains("quillwort baskets"), "{text}");
    home.write_config(&format!(
        "[wiki]\ndefault = \"test\"\n[wikis]\ntest = \"{}\"\n",
        wiki.url()
    ));
    let text = home.run(&["dump", BETA]).success();
    assert!(text.contains("quillwort baskets"), "{text}");
}

/// Links to another page of the wiki point at that page; the link to a page nobody wrote is
/// known as missing from the HTML alone, without a request for it.
#[test]
fn links_between_pages_and_a_red_link() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(ALPHA));
    let json = json_of(&home.run(&["dump", "--json", &url]));
    let links = json["links"].as_array().cloned().unwrap_or_default();
    let target = |text: &str| {
        links
            .iter()
            .find(|link| link["text"] == text)
            .map(|link| link["target"].clone())
            .unwrap_or_else(|| panic!("no link {text:?} in {links:?}"))
    };
    assert_eq!(target(BETA), BETA);
    assert_eq!(target("Beta's traders"), BETA);
    assert_eq!(target(MISSING), MISSING);
    assert_never_asked_for(&proxy, MISSING);
}

/// Fails if the proxy saw a request naming `title`.
fn assert_never_asked_for(proxy: &FaultProxy, title: &str) {
    let title = http::encode_title(title);
    let asked: Vec<String> = proxy
        .exchanges()
        .iter()
        .map(|exchange| exchange.target().to_string())
        .collect();
    assert!(
        asked.iter().all(|target| !target.contains(&title)),
        "a request was made for {title}: {asked:?}"
    );
}

/// A redirect is followed, and said.
#[test]
fn a_redirect_is_followed_and_said() {
    let wiki = Wiki::start();
    let home = Home::new();
    let run = home.run(&["dump", "--wiki", &wiki.url(), REDIRECT]);
    let text = run.success();
    assert!(text.contains("harbour town invented"), "{text}");
    let said = format!("{}{}", text, run.stderr());
    assert!(
        said.contains(&format!("redirected from {REDIRECT}")),
        "{said}"
    );
}

/// Opening a redirect by title through the library (as the browser's title search does, not
/// through a link) says the redirect too: the note travels with the wiki's document.
#[test]
fn a_redirect_opened_by_title_through_the_library_is_said() {
    let wiki = Wiki::start();
    let mut library = folio::library::Library::new();
    library.set_wiki_settings(folio::wiki::Settings {
        cache: folio::wiki::CachePlace::Nowhere,
        ..folio::wiki::Settings::default()
    });
    library
        .add_wiki(&wiki.url())
        .unwrap_or_else(|error| panic!("{error}"));
    let reading = library
        .open(REDIRECT)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reading.article.title, ALPHA);
    assert!(
        reading
            .warnings
            .contains(&format!("redirected from {REDIRECT}")),
        "{:?}",
        reading.warnings
    );
}

/// `?oldid=N` opens that revision, and `sources` names it.
#[test]
fn oldid_opens_that_revision() {
    let wiki = Wiki::start();
    let home = Home::new();
    let revisions = wiki.revisions(REVISED);
    let old = permanent_url(&wiki.url(), REVISED, revisions[0]);
    let text = home.run(&["dump", &old]).success();
    assert!(text.contains("lanterns"), "{text}");
    assert!(!text.contains("beacons"), "{text}");
    let json = json_of(&home.run(&["dump", "--json", &old]));
    assert_eq!(json["sources"], serde_json::json!([old]));
    let text = home.run(&["dump", &wiki.article_url(REVISED)]).success();
    assert!(text.contains("beacons"), "{text}");
}

/// With REST failing or missing, `?oldid=N` still opens that revision: the Action API is asked
/// to parse that revision (`action=parse&oldid=N`), and `sources` names it.
#[test]
fn oldid_opens_that_revision_when_rest_fails_or_is_missing() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let revisions = wiki.revisions(REVISED);
    let old = permanent_url(&proxy.url(), REVISED, revisions[0]);
    let parse = format!("oldid={}", revisions[0]);
    for fault in [Fault::ServerError, Fault::NoRoute] {
        let home = Home::new();
        proxy.clear();
        proxy.reset_log();
        proxy.inject("/v1/revision/", fault.clone());
        let json = json_of(&home.run(&["dump", "--json", &old]));
        let text = json.to_string();
        assert!(text.contains("lanterns"), "{fault:?}: {text}");
        assert!(!text.contains("beacons"), "{fault:?}: {text}");
        assert_eq!(json["title"], REVISED, "{fault:?}");
        assert_eq!(json["sources"], serde_json::json!([old]), "{fault:?}");
        let exchanges = proxy.exchanges();
        assert!(
            exchanges.iter().any(|e| e.target().contains("action=parse")
                && e.target().contains(&parse)
                && e.status == 200),
            "{fault:?}: {exchanges:?}"
        );
    }
}

/// The requests for a page's HTML (REST, or the Action API's parse), as the proxy saw them.
fn page_requests(proxy: &FaultProxy, title: &str) -> Vec<fault_proxy::Exchange> {
    let title = http::encode_title(title);
    proxy
        .exchanges()
        .into_iter()
        .filter(|exchange| {
            let target = exchange.target();
            target.contains(&title) && (target.contains("/html") || target.contains("action=parse"))
        })
        .collect()
}

/// Applies a fault to every request for a page's HTML, by REST or by the Action API (so that
/// falling back from one to the other meets it too).
fn break_pages(proxy: &FaultProxy, fault: Fault) {
    proxy.inject("/html", fault.clone());
    proxy.inject("action=parse", fault);
}

/// A page read once opens from the cache when the wiki cannot be reached, saying so; with
/// `--offline` (or `offline = true` in the config) no request is made at all, and a page never
/// read says it is not cached.
#[test]
fn the_cache_serves_a_page_when_the_wiki_is_gone_or_folio_is_offline() {
    let wiki = Wiki::start();
    let mut proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(ALPHA));
    home.run(&["dump", &url]).success();

    proxy.reset_log();
    let offline = home.run(&["dump", "--offline", &url]);
    assert!(offline.success().contains("harbour town invented"));
    let other = format!("{}/wiki/{}", proxy.url(), http::encode_title(BETA));
    let line = home.run(&["dump", "--offline", &other]).one_error_line();
    assert!(line.contains("not cached"), "{line}");
    home.write_config("[wiki]\noffline = true\n");
    assert!(home.run(&["dump", &url]).success().contains("harbour town"));
    assert_eq!(proxy.count(), 0, "offline, yet: {:?}", proxy.exchanges());
    home.write_config("");

    proxy.stop();
    let gone = home.run(&["dump", &url]);
    let text = gone.success();
    assert!(text.contains("harbour town invented"), "{text}");
    let said = format!("{text}{}", gone.stderr());
    assert!(said.contains("offline: copy from"), "{said}");
}

/// A cached page is revalidated with its ETag, and the wiki's 304 costs no body.
#[test]
fn a_cached_page_is_revalidated_and_answered_304() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(ALPHA));
    home.run(&["dump", &url]).success();
    let first = page_requests(&proxy, ALPHA);
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].status, 200);

    proxy.reset_log();
    let text = home.run(&["dump", &url]).success();
    assert!(text.contains("harbour town invented"), "{text}");
    let again = page_requests(&proxy, ALPHA);
    assert_eq!(again.len(), 1, "{:?}", proxy.exchanges());
    assert!(
        again[0].request.field("If-None-Match").is_some(),
        "{:?}",
        again[0]
    );
    // The 304 is the whole exchange: no fallback to the Action API, no body after it.
    let all = proxy.exchanges();
    assert_eq!(
        all.iter()
            .map(|e| (e.status, e.target().to_string()))
            .collect::<Vec<_>>(),
        [(304, again[0].target().to_string())],
        "{all:?}"
    );
}

/// A revision saved after the page was cached replaces the cached copy.
#[test]
fn a_newer_revision_replaces_the_cached_copy() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(REVISED));
    assert!(home.run(&["dump", &url]).success().contains("beacons"));
    wiki.edit(REVISED, "revised-3.wikitext");
    proxy.reset_log();
    assert!(home.run(&["dump", &url]).success().contains("lighthouses"));
    let asked = page_requests(&proxy, REVISED);
    assert_eq!(
        asked.iter().map(|e| e.status).collect::<Vec<_>>(),
        [200],
        "{asked:?}"
    );
    assert!(
        asked[0].request.field("If-None-Match").is_some(),
        "{asked:?}"
    );
    let offline = home.run(&["dump", "--offline", &url]).success();
    assert!(offline.contains("lighthouses"), "{offline}");
}

/// Each fault of the wiki's answer is one clear error line, naming the page's URL, and exit
/// status 1 for `dump`, never a hang (a run that outlives its patience fails the test). The
/// response cap is set low so that the 100 MB body meets it early.
#[test]
fn faults_are_one_error_line_and_exit_1() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home =
        Home::with_config("[wiki]\ntimeout = 2\nconnect_timeout = 2\nmax_response_mib = 2\n");
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(BETA));
    for (fault, said) in [
        (Fault::ServerError, "500"),
        // Longer than folio waits out: an error at once.
        (Fault::TooManyRequests { retry_after: 3600 }, "429"),
        (Fault::CutMidBody, "cut short"),
        (Fault::TruncatedGzip, "cut short"),
        (Fault::Huge { declared: true }, "larger than 2 MiB"),
        (Fault::Huge { declared: false }, "larger than 2 MiB"),
        (Fault::Delay(Duration::from_secs(5)), "no answer within 2 s"),
    ] {
        proxy.clear();
        break_pages(&proxy, fault.clone());
        for args in [
            vec!["dump", "--wiki", &proxy.url(), BETA],
            vec!["dump", &url],
        ] {
            let line = home.run(&args).one_error_line();
            assert!(line.contains(said), "{fault:?}: {line}");
            assert!(line.contains(&proxy.url()), "{fault:?}: {line}");
        }
    }
}

/// A 429 whose Retry-After is short is waited out and the request made again.
#[test]
fn a_short_retry_after_is_waited_out() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    proxy.inject_times("/html", Fault::TooManyRequests { retry_after: 1 }, 1);
    proxy.inject_times("action=parse", Fault::TooManyRequests { retry_after: 1 }, 1);
    let text = home.run(&["dump", "--wiki", &proxy.url(), BETA]).success();
    assert!(text.contains("quillwort baskets"), "{text}");
    let statuses: Vec<u16> = page_requests(&proxy, BETA)
        .iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(statuses, [429, 200]);
}

/// A wiki that keeps answering 429 with a short Retry-After is asked at most twice more, then
/// folio says it is busy in one line (no fallback hammering another API).
#[test]
fn a_retry_after_repeated_is_retried_twice_then_said() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    proxy.inject("/html", Fault::TooManyRequests { retry_after: 1 });
    let line = home
        .run(&["dump", "--wiki", &proxy.url(), BETA])
        .one_error_line();
    assert!(line.contains("busy (429)"), "{line}");
    let statuses: Vec<u16> = page_requests(&proxy, BETA)
        .iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(statuses, [429, 429, 429], "{:?}", proxy.exchanges());
}

/// Invalid UTF-8 and escape sequences in a page reach no output raw: the bytes become
/// replacement characters, the escapes are removed or made visible.
#[test]
fn a_hostile_page_is_read_clean() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    break_pages(&proxy, Fault::Hostile);
    let base = proxy.url();
    for json in [false, true] {
        let mut args = vec!["dump", "--wiki", &base, BETA];
        if json {
            args.insert(1, "--json");
        }
        let run = home.run(&args);
        let text = run.success();
        assert!(text.contains("quillwort baskets"), "{text}");
        assert!(text.contains('\u{fffd}'), "{text}");
        assert!(text.contains("SDRAWKCAB"), "{text}");
        for byte in [0x1b, 0x07] {
            assert!(!run.stdout.contains(&byte), "{byte:#x} in {text:?}");
            assert!(
                !run.stderr.contains(&byte),
                "{byte:#x} in {:?}",
                run.stderr()
            );
        }
        assert!(!text.contains('\u{202e}'), "{text:?}");
    }
}

/// Selects the link whose status line names `title`, link after link (`}`).
fn select_link(folio: &mut Terminal, title: &str) {
    let mut presses = 0;
    while !folio.status().contains(title) {
        assert!(presses < 12, "no link to {title}: {}", folio.contents());
        let before = folio.status();
        folio.press("}");
        // A link's description (`→ …`): any other change of the status line (a message) is
        // not the key's answer, and pressing again then would skip a link.
        folio.wait_for("the next link", |screen| {
            let status = screen.status();
            status != before && status.contains('→')
        });
        presses += 1;
    }
}

/// In the browser, a link to a page nobody wrote is shown as missing and following it
/// explains, with no request for it (the HTML's red link said so); a link to another page of
/// the wiki opens it from the wiki.
#[test]
fn the_browser_follows_wiki_links_and_explains_a_red_link() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &proxy.url(), ALPHA]);
    folio.wait_for_text("harbour town invented");
    select_link(&mut folio, MISSING);
    assert!(
        folio.status().contains("not in the library"),
        "{}",
        folio.status()
    );
    folio.press(ENTER);
    folio.wait_for_status(&format!("“{MISSING}” is not in the library"));
    assert!(folio.contents().contains("harbour town invented"));
    folio.press("{");
    folio.wait_for_status(&format!("{BETA} (in the library"));
    folio.press(ENTER);
    folio.wait_for_text("quillwort baskets");
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
    assert_never_asked_for(&proxy, MISSING);
}

/// A link in a wiki article opens from that wiki, even when a folder in the library has an
/// article of the same title (which a title opened on its own would be read from first).
#[test]
fn a_wiki_link_opens_from_its_wiki_before_the_library() {
    let wiki = Wiki::start();
    let home = Home::new();
    let folder = home.path().join("articles");
    std::fs::create_dir_all(&folder).expect("create the library folder");
    std::fs::write(
        folder.join("beta.txt"),
        format!("= {BETA} =\n\nThe local copy about driftwood.\n"),
    )
    .expect("write the local article");
    let library = folder.to_string_lossy().into_owned();
    let url = wiki.article_url(ALPHA);
    let mut folio = home.browse(&["--library", &library, &url]);
    folio.wait_for_text("harbour town invented");
    select_link(&mut folio, BETA);
    folio.press(ENTER);
    folio.wait_for_text("quillwort baskets");
    assert!(
        !folio.contents().contains("driftwood"),
        "{}",
        folio.contents()
    );
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// A cached page opens at once; the newer revision the wiki has since is swapped in with a
/// message naming the revision.
#[test]
fn the_browser_swaps_in_a_newer_revision() {
    let wiki = Wiki::start();
    let home = Home::new();
    let url = wiki.article_url(REVISED);
    assert!(home.run(&["dump", &url]).success().contains("beacons"));
    wiki.edit(REVISED, "revised-3.wikitext");
    let mut folio = home.browse(&[&url]);
    folio.wait_for_text("lighthouses");
    folio.wait_for_status(&format!("Newer revision of “{REVISED}” loaded (revision"));
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// `s` searches the wiki's titles as you type, and opens the one chosen.
#[test]
fn title_search_finds_wiki_pages() {
    let wiki = Wiki::start();
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &wiki.url(), ALPHA]);
    folio.wait_for_text("harbour town invented");
    folio.press("s");
    folio.press("Folio Be");
    folio.wait_for_text(BETA);
    folio.press(ENTER);
    folio.wait_for_text("quillwort baskets");
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// `x` opens a random article of the wiki the one on screen is from, as a step in history.
#[test]
fn a_random_article_opens_from_the_wiki() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &proxy.url(), ALPHA]);
    folio.wait_for_text("harbour town invented");
    proxy.reset_log();
    folio.press("x");
    // The random title is asked for, then its page is read (from the cache or the wiki).
    folio.wait_for("the random article", |screen| {
        let asked = proxy.exchanges();
        let random = asked
            .iter()
            .position(|exchange| exchange.request.start.contains("list=random"));
        random.is_some() && !screen.status().contains("Loading")
    });
    assert!(
        !folio.status().contains("No random article"),
        "{}",
        folio.status()
    );
    assert!(!folio.status().contains("Could not"), "{}", folio.status());
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// Every request names folio, its version and the contact the config sets, and accepts gzip.
#[test]
fn requests_name_folio_and_accept_gzip() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::with_config("[wiki]\ncontact = \"folio-tests@example.org\"\n");
    home.run(&["dump", "--wiki", &proxy.url(), ALPHA]).success();
    let exchanges = proxy.exchanges();
    assert!(!exchanges.is_empty());
    for exchange in exchanges {
        let agent = exchange.request.field("User-Agent").unwrap_or_default();
        let name = format!("folio/{}", env!("CARGO_PKG_VERSION"));
        assert!(agent.starts_with(&name), "{agent}");
        assert!(agent.contains("folio-tests@example.org"), "{agent}");
        let encodings = exchange
            .request
            .field("Accept-Encoding")
            .unwrap_or_default();
        assert!(encodings.contains("gzip"), "{:?}", exchange.request);
    }
}
/// While a page takes 5 s to arrive, the article on screen still answers keys and the status
/// line says what is loading and from where; `Esc` cancels, and the late answer is dropped.
#[test]
fn keys_are_answered_while_a_slow_page_loads_and_esc_cancels() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &proxy.url(), BETA]);
    folio.wait_for_text("quillwort baskets");
    proxy.inject(
        &http::encode_title(ALPHA),
        Fault::Delay(Duration::from_secs(5)),
    );
    folio.press("}");
    folio.wait_for_status(ALPHA);
    folio.press(ENTER);
    folio.wait_for_status(&format!("Loading “{ALPHA}” from"));
    folio.press("?");
    folio.wait_for_text("Help · Esc closes");
    folio.press(ESC);
    folio.wait_for(
        &format!("the help closed, {ALPHA} still loading"),
        |screen| {
            !screen.contents().contains("Help · Esc closes") && screen.status().contains("Loading")
        },
    );
    folio.press(ESC);
    folio.wait_for_status(&format!("Cancelled loading “{ALPHA}”"));
    // The delayed answer arrives after the cancel and changes nothing.
    let answered = || {
        page_requests(&proxy, ALPHA)
            .iter()
            .any(|exchange| exchange.status != 0)
    };
    let started = std::time::Instant::now();
    while !answered() && started.elapsed() < support::folio::PATIENCE {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(answered(), "the delayed page was never answered");
    folio.press("j");
    folio.wait_for_text("quillwort baskets");
    assert!(
        !folio.contents().contains("harbour town invented"),
        "{}",
        folio.contents()
    );
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// Waits until the first row of the text pane (under its border) starts with `text`.
fn wait_for_top_row(folio: &Terminal, text: &str) {
    folio.wait_for(&format!("“{text}” at the top of the text"), |screen| {
        let contents = screen.contents();
        let row = contents.lines().nth(1).unwrap_or_default();
        row.trim_start_matches(['│', ' ']).starts_with(text)
    });
}

/// `folio URL#Section` opens the article with that section's heading at the top of the text
/// (the fragment percent-encoded, as browsers copy it), the status line naming the section;
/// a section the article lacks opens it at the top and says so.
#[test]
fn a_url_with_a_section_opens_at_its_heading() {
    let wiki = Wiki::start();
    let home = Home::new();
    let url = format!("{}#Caf%C3%A9_culture", wiki.article_url(RIVERMOUTH));
    let mut folio = home.browse(&[&url]);
    folio.wait_for_text("cafés open before dawn");
    wait_for_top_row(&folio, "Café culture");
    folio.wait_for_status("Café culture");
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);

    let url = format!("{}#Old_mill", wiki.article_url(RIVERMOUTH));
    let mut folio = home.browse(&[&url]);
    folio.wait_for_status(&format!(
        "No section “Old mill” in “{RIVERMOUTH}”: showing the top."
    ));
    wait_for_top_row(&folio, "Folio Rivermouth is a river port");
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// A link naming a section (`[[Folio Rivermouth#Salt trade|…]]`, Parsoid's `./Folio_Rivermouth#Salt_trade`)
/// opens the article at that heading, also in MediaWiki's old `.C3.A9` anchor encoding; back
/// returns to the link; a section the article lacks opens it at the top and says so.
#[test]
fn a_link_naming_a_section_opens_at_its_heading() {
    let wiki = Wiki::start();
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &wiki.url(), DELTA]);
    folio.wait_for_text("hamlet invented");
    select_link(&mut folio, "§ Salt trade");
    folio.press(ENTER);
    folio.wait_for_text("Salt comes up the river");
    wait_for_top_row(&folio, "Salt trade");
    folio.press(BACKSPACE);
    folio.wait_for_text("hamlet invented");
    select_link(&mut folio, "§ Caf");
    folio.press(ENTER);
    folio.wait_for_text("cafés open before dawn");
    wait_for_top_row(&folio, "Café culture");
    folio.press(BACKSPACE);
    folio.wait_for_text("hamlet invented");
    select_link(&mut folio, "§ Old mill");
    folio.press(ENTER);
    folio.wait_for_status(&format!(
        "No section “Old mill” in “{RIVERMOUTH}”: showing the top."
    ));
    wait_for_top_row(&folio, "Folio Rivermouth is a river port");
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// `dump` prints the whole article whatever section the URL or title names (a dump is the
/// article as data), and `dump --json` gives each link's section as its `anchor`.
#[test]
fn dump_prints_the_whole_article_and_links_keep_their_section() {
    let wiki = Wiki::start();
    let home = Home::new();
    let url = format!("{}#Salt_trade", wiki.article_url(RIVERMOUTH));
    let text = home.run(&["dump", &url]).success();
    assert!(text.contains("Folio Rivermouth is a river port"), "{text}");
    assert!(text.contains("Notable residents"), "{text}");
    let text = home
        .run(&["dump", "--wiki", &wiki.url(), "Folio Rivermouth#Salt trade"])
        .success();
    assert!(text.contains("Folio Rivermouth is a river port"), "{text}");

    let json = home
        .run(&["dump", "--json", "--wiki", &wiki.url(), DELTA])
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}: {json}"));
    let anchors: Vec<(&str, &str)> = json["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|link| Some((link["target"].as_str()?, link["anchor"].as_str()?)))
        .collect();
    assert!(anchors.contains(&(RIVERMOUTH, "Salt trade")), "{anchors:?}");
    assert!(anchors.contains(&(RIVERMOUTH, "Old mill")), "{anchors:?}");
}

/// An `http://` wiki elsewhere is read over HTTPS (offline here, so that nothing leaves this
/// machine: the error names the wiki as read), unless `[wiki] allow_http` names its host; the
/// wiki on this machine stays plain HTTP, and nothing is said about it.
#[test]
fn a_public_http_wiki_is_read_over_https_and_this_machines_is_not() {
    let home = Home::new();
    let line = home
        .run(&[
            "dump",
            "--offline",
            "http://en.wikipedia.org/wiki/Dog#Senses",
        ])
        .one_error_line();
    assert_eq!(
        line,
        "folio: https://en.wikipedia.org : “Dog” is not cached, and folio is offline"
    );
    let home = Home::with_config("[wiki]\nallow_http = [\"en.wikipedia.org\"]\n");
    let line = home
        .run(&["dump", "--offline", "http://en.wikipedia.org/wiki/Dog"])
        .one_error_line();
    assert_eq!(
        line,
        "folio: http://en.wikipedia.org : “Dog” is not cached, and folio is offline"
    );

    let wiki = Wiki::start();
    let home = Home::new();
    let run = home.run(&["dump", &wiki.article_url(BETA)]);
    assert!(run.success().contains("quillwort baskets"));
    assert!(!run.stderr().contains("HTTPS"), "{}", run.stderr());
}

/// Handles the browser's messages until a revalidation's answer has been handled.
fn until_revalidated(
    browser: &mut folio::tui::Browser,
    messages: &std::sync::mpsc::Receiver<folio::tui::Message>,
) {
    loop {
        let message = messages
            .recv_timeout(support::folio::PATIENCE)
            .unwrap_or_else(|error| panic!("no revalidation came back: {error}"));
        let done = matches!(message, folio::tui::Message::Revalidated(_));
        let handled = browser.handle(message);
        assert!(handled.is_ok(), "{handled:?}");
        if done {
            return;
        }
    }
}

/// In the browser a page just fetched is current: it is not asked after again at once (it was,
/// with one conditional request, while the reading did not say it came from the wiki). A page
/// opened from the cache is asked after, once. In-process, as `tui::run` sets the browser up,
/// so that the check the browser starts for a page is waited for rather than slept on.
#[test]
fn the_browser_revalidates_only_pages_opened_from_the_cache() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use folio::tui::{Browser, Handled, Message};

    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(ALPHA));
    let mut library = folio::library::Library::new();
    library.set_wiki_settings(folio::wiki::Settings {
        cache: folio::wiki::CachePlace::At(home.cache().join("folio").join("pages.sqlite")),
        ..folio::wiki::Settings::default()
    });
    library.set_revalidate_later(true);
    let reading = library
        .open_target(Some(std::ffi::OsStr::new(&url)), None, None)
        .unwrap_or_else(|error| panic!("{url}: {error}"));
    let fetched = page_requests(&proxy, ALPHA);
    assert_eq!(
        fetched.iter().map(|e| e.status).collect::<Vec<_>>(),
        [200],
        "{fetched:?}"
    );
    proxy.reset_log();

    let page = folio::app::page::Page::of_reading(reading, |title| library.contains(title));
    let config = folio::config::Config::defaults(true);
    let app = folio::app::App::new(page, &config, 120, 40);
    let (sender, messages) = std::sync::mpsc::channel();
    let mut browser = Browser::new(app, config.keymap, std::sync::Arc::new(library), sender)
        .unwrap_or_else(|error| panic!("the workers: {error}"));
    until_revalidated(&mut browser, &messages);
    assert!(
        proxy.exchanges().is_empty(),
        "a page just fetched was asked after: {:?}",
        proxy.exchanges()
    );

    // Reloaded, it opens from the cache at once and is asked after: one conditional request.
    let reload = Message::Input(Ok(Event::Key(KeyEvent::new(
        KeyCode::Char('R'),
        KeyModifiers::NONE,
    ))));
    assert!(matches!(browser.handle(reload), Ok(Handled::Redraw)));
    until_revalidated(&mut browser, &messages);
    assert_eq!(browser.app().page().title(), ALPHA);
    let asked = page_requests(&proxy, ALPHA);
    assert_eq!(asked.len(), 1, "{:?}", proxy.exchanges());
    assert!(
        asked[0].request.field("If-None-Match").is_some(),
        "{asked:?}"
    );
}

/// From the title search, Tab searches the wiki's full text for the words typed: each page
/// found shows with its snippet, the status line says which wiki is searched, and Enter opens
/// the page from that wiki. Tab again goes back to the titles.
#[test]
fn full_text_search_shows_snippets_and_opens_a_page() {
    let wiki = Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &proxy.url(), ALPHA]);
    folio.wait_for_text("harbour town invented");
    proxy.reset_log();
    folio.press("s");
    folio.press("quillwort");
    folio.wait_for_text("Title: quillwort");
    folio.press("\t");
    folio.wait_for_text("Words: quillwort");
    // The page is found by its text (its title has no such word), with the snippet around it.
    folio.wait_for_text("market sells quillwort baskets");
    assert!(folio.contents().contains(BETA), "{}", folio.contents());
    assert!(
        proxy.exchanges().iter().any(|exchange| exchange
            .request
            .start
            .contains("search/page?q=quillwort")
            || exchange.request.start.contains("list=search")),
        "no full-text request"
    );
    folio.press("\t");
    folio.wait_for_text("Title: quillwort");
    folio.press("\t");
    folio.wait_for_text("market sells quillwort baskets");
    folio.press(ENTER);
    folio.wait_for_text("chalk ridge above two rivers");
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// A full-text search the wiki finds nothing for says so, and one while the wiki cannot be
/// reached says why, in the search itself: the browser goes on.
#[test]
fn full_text_search_says_no_match_and_a_wiki_gone() {
    let mut wiki = Wiki::start();
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &wiki.url(), ALPHA]);
    folio.wait_for_text("harbour town invented");
    folio.press("S");
    folio.wait_for_text("Enter searches the live wikis' full text");
    folio.press("zyzzyvaqq");
    folio.press(ENTER);
    folio.wait_for_text("no page matches");
    wiki.stop();
    folio.press("x");
    folio.press(ENTER);
    folio.wait_for("the error in the search", |screen| {
        screen.contents().contains(&wiki.url()) && !screen.contents().contains("searching")
    });
    folio.press(ESC);
    folio.wait_for("the search closed", |screen| {
        !screen.contents().contains("Search the wikis' full text")
    });
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// The info view of a wiki article lists its other languages (`prop=langlinks`); Enter on one
/// opens it from that language's wiki (another MediaWiki here), and a link there opens from
/// that wiki too.
#[test]
fn the_info_view_lists_other_languages_and_opens_one() {
    let french = Wiki::start();
    let wiki = Wiki::start_with_french_on(&french);
    let french_proxy = FaultProxy::start(french.address());
    let home = Home::new();
    let mut folio = home.browse(&[&wiki.article_url(GAMMA)]);
    folio.wait_for_text("lighthouse island");
    folio.press("i");
    folio.wait_for_text("Other languages");
    folio.wait_for_text(&format!("français: {BETA}"));
    // The French wiki itself is not asked before a language is opened.
    assert!(french_proxy.exchanges().is_empty());
    folio.press("j");
    folio.press(ENTER);
    folio.wait_for_text("quillwort baskets");
    folio.press("i");
    folio.wait_for_text(&format!("{}/", french.url()));
    close_info(&mut folio);
    select_link(&mut folio, ALPHA);
    folio.press(ENTER);
    folio.wait_for_text("harbour town invented");
    folio.press("i");
    folio.wait_for_text(&format!("{}/", french.url()));
    close_info(&mut folio);
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

/// Closes the info view, and waits for it to be gone: a key pressed right after Esc would be
/// read with it as one Alt key.
fn close_info(folio: &mut Terminal) {
    folio.press(ESC);
    folio.wait_for("the info view closed", |screen| {
        !screen.contents().contains("Info · Esc closes")
    });
}

/// In-process, with the real wikis: the languages are asked for when the info view opens,
/// shown with their codes and names, kept for the page (the view opened again asks nothing),
/// and opening one reads it from its wiki. An article with no language link says so.
#[test]
fn languages_in_the_app_are_asked_once_and_open_from_their_wiki() {
    use folio::action::{Action, Effect};
    use folio::app::App;
    use folio::app::languages::Languages;
    use folio::app::page::Page;
    use folio::config::Config;
    use folio::library::Library;
    use folio::wiki::{CachePlace, Settings};
    use std::ffi::OsStr;

    let french = Wiki::start();
    let wiki = Wiki::start_with_french_on(&french);
    let proxy = FaultProxy::start(wiki.address());
    let mut library = Library::new();
    library.set_wiki_settings(Settings {
        cache: CachePlace::Nowhere,
        ..Settings::default()
    });
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(GAMMA));
    let reading = library
        .open_target(Some(OsStr::new(&url)), None, None)
        .unwrap_or_else(|error| panic!("{error}"));
    let page = Page::of_reading(reading, |title| library.contains(title));
    let mut app = App::new(page, &Config::defaults(true), 100, 40);
    let no_browser = |url: &str| -> Result<String, folio::tui::OpenFailure> {
        panic!("no web browser in this test ({url})")
    };
    let info = |app: &mut App| {
        let effect = app.update(Action::Info);
        assert_eq!(effect, Some(Effect::ShowInfo));
        if let Some(effect) = effect {
            folio::tui::perform(effect, app, &library, no_browser);
        }
    };
    proxy.reset_log();
    info(&mut app);
    let Some(Languages::Found(found)) = app.page_languages().cloned() else {
        panic!("{:?}", app.page_languages());
    };
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "fr");
    assert_eq!(found[0].title, BETA);
    assert_eq!(found[0].name.as_deref(), Some("français"));
    let asked = |proxy: &FaultProxy| {
        proxy
            .exchanges()
            .iter()
            .filter(|exchange| exchange.request.start.contains("prop=langlinks"))
            .count()
    };
    assert_eq!(asked(&proxy), 1);
    app.update(Action::Close);
    info(&mut app);
    assert_eq!(asked(&proxy), 1, "the languages were asked for again");
    app.update(Action::Down);
    let effect = app.update(Action::Confirm);
    let Some(Effect::OpenArticleUrl { url, title }) = effect.clone() else {
        panic!("{effect:?}");
    };
    assert_eq!(title, BETA);
    assert!(url.starts_with(&french.url()), "{url}");
    if let Some(effect) = effect {
        folio::tui::perform(effect, &mut app, &library, no_browser);
    }
    let article = &app.page().article;
    assert_eq!(article.title, BETA);
    assert!(
        article.sources[0].starts_with(&french.url()),
        "{:?}",
        article.sources
    );
    // Beta has no language link: the info view says there is none.
    info(&mut app);
    assert_eq!(app.page_languages(), Some(&Languages::Found(Vec::new())));
    app.update(Action::Close);
    // Back and forward open each page from the wiki it was read from (the first wiki has a
    // page of the same title).
    for (action, title, wiki) in [
        (Action::Back, GAMMA, proxy.url()),
        (Action::Forward, BETA, french.url()),
    ] {
        if let Some(effect) = app.update(action) {
            folio::tui::perform(effect, &mut app, &library, no_browser);
        }
        let article = &app.page().article;
        assert_eq!(article.title, title);
        assert!(
            article.sources[0].starts_with(&wiki),
            "{:?}",
            article.sources
        );
    }
}

/// The wikis are searched one after the other, the status line naming them; Esc while the
/// first is slow to answer closes the search, and the second is then never asked. Searched
/// again without Esc, the second is asked (the test's control).
#[test]
fn esc_cancels_a_full_text_search_before_the_next_wiki_is_asked() {
    let first = Wiki::start();
    let second = Wiki::start();
    let slow = FaultProxy::start(first.address());
    let counted = FaultProxy::start(second.address());
    let home = Home::new();
    let mut folio = home.browse(&["--wiki", &slow.url(), "--wiki", &counted.url(), ALPHA]);
    folio.wait_for_text("harbour town invented");
    let searches = |proxy: &FaultProxy| {
        proxy
            .exchanges()
            .into_iter()
            .filter(|exchange| {
                let target = &exchange.request.start;
                target.contains("search/page") || target.contains("list=search")
            })
            .collect::<Vec<_>>()
    };
    slow.inject("search/page", Fault::Delay(Duration::from_secs(3)));
    folio.press("S");
    folio.press("quillwort");
    folio.press(ENTER);
    folio.wait_for_status(&format!(
        "Searching the full text of {}, {} for “quillwort”…",
        slow.url(),
        counted.url()
    ));
    folio.press(ESC);
    folio.wait_for("the search closed", |screen| {
        !screen.contents().contains("Search the wikis' full text")
    });
    let answered = || searches(&slow).iter().any(|exchange| exchange.status != 0);
    let started = std::time::Instant::now();
    while !answered() && started.elapsed() < support::folio::PATIENCE {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(answered(), "the slow search was never answered");
    // Time for the worker to go on to the second wiki, were it to.
    std::thread::sleep(Duration::from_millis(500));
    assert!(searches(&counted).is_empty(), "{:?}", searches(&counted));
    slow.clear();
    folio.press("S");
    folio.press("quillwort");
    folio.press(ENTER);
    folio.wait_for_text("market sells quillwort baskets");
    folio.wait_for("the second wiki asked", |_| !searches(&counted).is_empty());
    folio.press(ESC);
    folio.wait_for("the search closed", |screen| {
        !screen.contents().contains("Search the wikis' full text")
    });
    folio.press("q");
    assert_eq!(folio.wait_for_exit(), 0);
}

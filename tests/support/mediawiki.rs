//! A real MediaWiki for the tests: Debian's MediaWiki 1.39, installed once per test binary into a
//! temporary folder (SQLite, Cite and ParserFunctions, short URLs `/wiki/$1`) with the pages of
//! tests/fixtures/wiki imported, then served by `php -S` on a free loopback port. Every server
//! gets its own copy of the database, so a test may edit pages or stop its wiki without touching
//! another's. Nothing is written outside the temporary folder; only 127.0.0.1 is contacted.

use super::http;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Debian's installation of MediaWiki's code.
pub const MEDIAWIKI: &str = "/usr/share/mediawiki";

/// What the tests need installed, as Debian names it.
pub const PACKAGES: &str = "mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml";

/// The wiki's name, as its pages and API say it.
pub const SITE_NAME: &str = "Folio Test Wiki";

/// The imported pages: a title and the fixture file of each of its revisions, oldest first.
pub const PAGES: &[(&str, &[&str])] = &[
    ("Template:Infobox folio", &["template-infobox.wikitext"]),
    ("Template:Cite folio", &["template-cite.wikitext"]),
    ("Template:Reflist", &["template-reflist.wikitext"]),
    (ALPHA, &["alpha.wikitext"]),
    (BETA, &["beta.wikitext"]),
    (REVISED, &["revised-1.wikitext", "revised-2.wikitext"]),
    (REDIRECT, &["redirect.wikitext"]),
    (GAMMA, &["gamma.wikitext"]),
    (RIVERMOUTH, &["rivermouth.wikitext"]),
    (DELTA, &["delta.wikitext"]),
];

/// An article with an infobox, references through a cite template, a reference list, links to
/// [`BETA`] and to a missing page ([`MISSING`]), and a "See also".
pub const ALPHA: &str = "Folio Alpha";
/// A second article, linking back to [`ALPHA`].
pub const BETA: &str = "Folio Beta";
/// A page edited twice (and a third text, `revised-3.wikitext`, for a test to save).
pub const REVISED: &str = "Folio Revised";
/// A redirect to [`ALPHA`].
pub const REDIRECT: &str = "Folio Harbour Town";
/// An article with a language link, `[[fr:Folio Beta]]` (see [`Wiki::start_with_french_on`]).
pub const GAMMA: &str = "Folio Gamma";
/// The page [`ALPHA`] links to that nobody wrote (a red link).
pub const MISSING: &str = "Nowhere Island";

/// A generous limit for the server to answer: a loaded machine makes a test slower, not flaky.
const STARTUP: Duration = Duration::from_secs(60);

/// The installed wiki every server copies: its folder and the LocalSettings.php the installer
/// wrote (naming the template's database folder, which each copy rewrites to its own).
struct Template {
    root: PathBuf,
    data: PathBuf,
    settings: String,
}

static TEMPLATE: OnceLock<Result<Template, String>> = OnceLock::new();

/// The template, installed on first use; a failure fails the test with the reason.
fn template() -> &'static Template {
    match TEMPLATE.get_or_init(install) {
        Ok(template) => template,
        Err(reason) => panic!("{reason}"),
    }
}

/// The fixture folder of the wiki's pages.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wiki")
}

/// Fails, saying what to install, unless PHP and Debian's MediaWiki are there.
fn check_packages() -> Result<(), String> {
    let missing = |what: &str| {
        format!(
            "the live-wiki tests need a real MediaWiki and {what} is missing: install Debian's \
             packages with `apt-get install -y {PACKAGES}` (.ci/run installs them when missing)"
        )
    };
    if !Path::new(MEDIAWIKI)
        .join("maintenance/install.php")
        .is_file()
    {
        return Err(missing(&format!("{MEDIAWIKI} (package mediawiki)")));
    }
    let modules = Command::new("php")
        .arg("-m")
        .output()
        .map_err(|_| missing("php (package php-cli)"))?;
    let modules = String::from_utf8_lossy(&modules.stdout).to_lowercase();
    for (module, package) in [
        ("pdo_sqlite", "php-sqlite3"),
        ("intl", "php-intl"),
        ("mbstring", "php-mbstring"),
        ("xml", "php-xml"),
    ] {
        if !modules.lines().any(|line| line.trim() == module) {
            return Err(missing(&format!(
                "PHP's {module} module (package {package})"
            )));
        }
    }
    Ok(())
}

/// PHP's option keeping compiled scripts on disk, in a folder shared by every PHP process of
/// this test process: each after the first starts in a fraction of the time compiling
/// MediaWiki afresh takes.
fn opcache_file_cache() -> String {
    let folder = std::env::temp_dir()
        .join(format!("{SCRATCH_PREFIX}{}", std::process::id()))
        .join("opcache");
    let _ = std::fs::create_dir_all(&folder);
    format!("-dopcache.file_cache={}", folder.display())
}

/// Runs a maintenance script with a config file, feeding it `input`, and fails with its output.
fn maintenance(settings: &Path, script: &str, args: &[&str], input: &[u8]) -> Result<(), String> {
    let mut child = Command::new("php")
        .args(["-dopcache.enable_cli=1", &opcache_file_cache()])
        .arg(Path::new(MEDIAWIKI).join("maintenance").join(script))
        .args(args)
        .env("MW_CONFIG_FILE", settings)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("php {script}: {error}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input)
            .map_err(|error| format!("php {script}: {error}"))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|error| format!("php {script}: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "php {script} {args:?} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

const SCRATCH_PREFIX: &str = "folio-mediawiki-";

/// The folder every wiki of this test process lives under; folders left by earlier processes
/// that are gone (killed before they could clean up) are removed first.
fn scratch_root() -> Result<PathBuf, String> {
    let base = std::env::temp_dir();
    let prefix = SCRATCH_PREFIX;
    if let Ok(entries) = std::fs::read_dir(&base) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let owner = name
                .strip_prefix(prefix)
                .and_then(|pid| pid.parse::<u32>().ok());
            if owner.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let root = base.join(format!("{prefix}{}", std::process::id()));
    std::fs::create_dir_all(&root).map_err(|error| format!("{}: {error}", root.display()))?;
    Ok(root)
}

/// The settings of one copy of the wiki: the installer's, pointed at the copy's database, with
/// what the tests need on top.
fn settings_for(template: &Template, root: &Path) -> String {
    let installed = template.settings.replace(
        &template.data.display().to_string(),
        &root.join("data").display().to_string(),
    );
    let root = root.display();
    // The server name comes from the request, so a page read through the fault proxy links
    // through the proxy too.
    let overrides = format!(
        r#"
$wgServer = 'http://' . ( $_SERVER['HTTP_HOST'] ?? '127.0.0.1' );
$wgCanonicalServer = $wgServer;
$wgArticlePath = '/wiki/$1';
$wgUsePathInfo = true;
$wgCacheDirectory = '{root}/cache';
$wgUploadDirectory = '{root}/images';
$wgMainCacheType = CACHE_NONE;
$wgEnableUploads = false;
$wgUseImageMagick = false;
$wgShowExceptionDetails = true;
$wgRateLimits = [];
# Jobs run at install, never on a request: a job touching a page would invalidate the parsed
# copy the page's ETag names, and a conditional request would then get 200 instead of 304.
$wgJobRunRate = 0;
# MediaWiki takes LocalSettings.php's modification time as the parser cache's epoch, and an
# entry made in that same second is stale for good: a page rendered in the second the copy
# started would be rendered again, with a new ETag, on every request.
$wgInvalidateCacheOnLocalSettingsChange = false;
# `[[fr:Title]]` is a language link (the prefix must be an interwiki for that); a copy may lead
# it to another copy's pages (languages.php, written by Wiki::start_with_french_on).
$folioLanguages = [ 'fr' => 'http://127.0.0.1/wiki/$1' ];
if ( is_file( '{root}/languages.php' ) ) {{
    require '{root}/languages.php';
}}
$wgHooks['InterwikiLoadPrefix'][] = static function ( $prefix, &$iwData ) use ( $folioLanguages ) {{
    if ( !isset( $folioLanguages[$prefix] ) ) {{
        return true;
    }}
    $iwData = [ 'iw_prefix' => $prefix, 'iw_url' => $folioLanguages[$prefix], 'iw_api' => '',
        'iw_wikiid' => '', 'iw_local' => 0, 'iw_trans' => 0 ];
    return false;
}};
"#
    );
    format!(
        "{}\n{overrides}",
        installed.trim_end().trim_end_matches("?>")
    )
}

/// The XML export of [`PAGES`], as importDump.php reads it, one day between revisions.
fn export() -> Result<String, String> {
    let mut xml = String::from(
        "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\" \
         xml:lang=\"en\">\n",
    );
    let mut day = 0;
    for (title, files) in PAGES {
        xml.push_str(&format!(
            "<page><title>{}</title>\n",
            html_escape::encode_text(title)
        ));
        for file in *files {
            let path = fixtures().join(file);
            let text = std::fs::read_to_string(&path)
                .map_err(|error| format!("{}: {error}", path.display()))?;
            day += 1;
            xml.push_str(&format!(
                "<revision><timestamp>2024-01-{day:02}T12:00:00Z</timestamp>\
                 <contributor><username>Admin</username></contributor>\
                 <comment>{file}</comment><model>wikitext</model><format>text/x-wiki</format>\
                 <text xml:space=\"preserve\">{}</text></revision>\n",
                html_escape::encode_text(&text)
            ));
        }
        xml.push_str("</page>\n");
    }
    xml.push_str("</mediawiki>\n");
    Ok(xml)
}

/// Installs the wiki and imports the fixture pages, once per test process.
fn install() -> Result<Template, String> {
    check_packages()?;
    let root = scratch_root()?.join("template");
    let installer = root.join("install");
    let data = root.join("data");
    for folder in [&installer, &data] {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("{}: {error}", folder.display()))?;
    }
    let generated = installer.join("LocalSettings.php");
    let (data_arg, confpath) = (data.display().to_string(), installer.display().to_string());
    maintenance(
        &generated,
        "install.php",
        &[
            "--dbtype=sqlite",
            "--dbname=folio",
            &format!("--dbpath={data_arg}"),
            &format!("--confpath={confpath}"),
            "--server=http://127.0.0.1",
            "--scriptpath=",
            "--lang=en",
            "--pass=folio-test-password",
            "--extensions=Cite,ParserFunctions",
            "--skins=Vector",
            "--quiet",
            SITE_NAME,
            "Admin",
        ],
        b"",
    )?;
    let settings = std::fs::read_to_string(&generated)
        .map_err(|error| format!("{}: {error}", generated.display()))?;
    let template = Template {
        root: root.clone(),
        data: data.clone(),
        settings,
    };
    let local = root.join("LocalSettings.php");
    std::fs::write(&local, settings_for(&template, &root))
        .map_err(|error| format!("{}: {error}", local.display()))?;
    let dump = root.join("pages.xml");
    std::fs::write(&dump, export()?).map_err(|error| format!("{}: {error}", dump.display()))?;
    let dump_arg = dump.display().to_string();
    // `fr` in the interwiki table before the import, so that `[[fr:…]]` is stored as a
    // language link and Parsoid knows it for one (each copy's URL comes from the hook above).
    maintenance(
        &local,
        "sql.php",
        &[
            "--query",
            "INSERT INTO interwiki (iw_prefix, iw_url, iw_api, iw_wikiid, iw_local, iw_trans) \
             VALUES ('fr', 'http://127.0.0.1/wiki/$1', '', '', 0, 0)",
        ],
        b"",
    )?;
    maintenance(&local, "importDump.php", &["--quiet", &dump_arg], b"")?;
    // Full-text search reads SQLite's search index, which an import leaves empty.
    maintenance(&local, "rebuildtextindex.php", &["--quiet"], b"")?;
    maintenance(&local, "initSiteStats.php", &["--update"], b"")?;
    maintenance(&local, "runJobs.php", &["--quiet"], b"")?;
    Ok(template)
}

/// A free loopback port (the listener is dropped; php binds it next, and a start that loses
/// the race is retried).
fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("no free loopback port: {error}"))
}

/// Copies a folder's regular files (the wiki's SQLite files) into another.
fn copy_files(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|error| format!("{}: {error}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|error| format!("{}: {error}", from.display()))?;
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|kind| kind.is_file()) {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .map_err(|error| format!("{}: {error}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// One running copy of the test wiki.
pub struct Wiki {
    root: PathBuf,
    address: SocketAddr,
    server: Option<Child>,
}

impl Wiki {
    /// Starts a copy of the test wiki on a free loopback port and waits until it answers.
    pub fn start() -> Wiki {
        Wiki::start_with("")
    }

    /// Starts a copy whose French language links (`[[fr:…]]`) lead to `french`'s pages.
    pub fn start_with_french_on(french: &Wiki) -> Wiki {
        Wiki::start_with(&format!(
            "<?php\n$folioLanguages['fr'] = '{}/wiki/$1';\n",
            french.url()
        ))
    }

    /// Starts a copy with `languages` (PHP setting `$folioLanguages`) written beside it.
    fn start_with(languages: &str) -> Wiki {
        let template = template();
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = template.root.with_file_name(format!("wiki-{number}"));
        let prepared = copy_files(&template.data, &root.join("data")).and_then(|()| {
            let router = root.join("router.php");
            std::fs::write(&router, ROUTER)
                .and_then(|()| match languages.is_empty() {
                    true => Ok(()),
                    false => std::fs::write(root.join("languages.php"), languages),
                })
                .and_then(|()| {
                    std::fs::write(
                        root.join("LocalSettings.php"),
                        settings_for(template, &root),
                    )
                })
                .map_err(|error| format!("{}: {error}", root.display()))
        });
        if let Err(reason) = prepared {
            panic!("could not prepare a copy of the wiki: {reason}");
        }
        let mut last_error = String::new();
        for _ in 0..5 {
            match Wiki::serve(&root) {
                Ok(wiki) => return wiki,
                Err(reason) => last_error = reason,
            }
        }
        panic!("the test wiki did not start: {last_error}");
    }

    fn serve(root: &Path) -> Result<Wiki, String> {
        let port = free_port()?;
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let log = std::fs::File::create(root.join("server.log"))
            .map_err(|error| format!("server.log: {error}"))?;
        let log_err = log
            .try_clone()
            .map_err(|error| format!("server.log: {error}"))?;
        let server = Command::new("php")
            .arg(opcache_file_cache())
            .args(["-S", &address.to_string(), "-t", MEDIAWIKI])
            .arg(root.join("router.php"))
            .env("MW_CONFIG_FILE", root.join("LocalSettings.php"))
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|error| format!("php -S: {error}"))?;
        let mut wiki = Wiki {
            root: root.to_path_buf(),
            address,
            server: Some(server),
        };
        let started = Instant::now();
        loop {
            if let Some(child) = wiki.server.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                wiki.server = None;
                return Err(format!("php -S ended ({status}): {}", wiki.server_log()));
            }
            let probe = http::get(
                address,
                "/api.php?action=query&meta=siteinfo&format=json",
                &[],
            );
            if probe.is_ok_and(|response| response.status() == 200) {
                return Ok(wiki);
            }
            if started.elapsed() > STARTUP {
                return Err(format!(
                    "no answer within {STARTUP:?}: {}",
                    wiki.server_log()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What the PHP server printed (for failure messages).
    pub fn server_log(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(self.root.join("server.log")) {
            let _ = file.read_to_string(&mut text);
        }
        text
    }

    /// The server's address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The site's base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The short URL of an article, `http://127.0.0.1:PORT/wiki/Title`.
    pub fn article_url(&self, title: &str) -> String {
        format!("{}/wiki/{}", self.url(), http::encode_title(title))
    }

    /// GET a path (with its query) from the wiki, failing the test on a network error.
    pub fn get(&self, target: &str) -> http::Response {
        http::get(self.address, target, &[])
            .unwrap_or_else(|error| panic!("GET {target} from the test wiki: {error}"))
    }

    /// The revision ids of a page, oldest first, from the Action API.
    pub fn revisions(&self, title: &str) -> Vec<u64> {
        let target = format!(
            "/api.php?action=query&prop=revisions&rvprop=ids&rvlimit=50&rvdir=newer\
             &format=json&formatversion=2&titles={}",
            http::encode_title(title)
        );
        let response = self.get(&target);
        let json: serde_json::Value = serde_json::from_slice(&response.body)
            .unwrap_or_else(|error| panic!("{target}: {error}: {}", response.text()));
        json["query"]["pages"][0]["revisions"]
            .as_array()
            .map(|revisions| {
                revisions
                    .iter()
                    .filter_map(|revision| revision["revid"].as_u64())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a new revision of a page, its text read from a fixture file.
    pub fn edit(&self, title: &str, fixture: &str) {
        let path = fixtures().join(fixture);
        let text =
            std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let saved = maintenance(
            &self.root.join("LocalSettings.php"),
            "edit.php",
            &["--user", "Admin", "--summary", fixture, title],
            &text,
        );
        if let Err(reason) = saved {
            panic!("could not edit {title}: {reason}");
        }
    }

    /// Stops the server (a later request is refused); the copy's files stay until drop.
    pub fn stop(&mut self) {
        if let Some(mut server) = self.server.take() {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

impl Drop for Wiki {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The router of `php -S`: short URLs `/wiki/Title` go to index.php; everything else (api.php,
/// rest.php/…, index.php?title=…, load.php, static files) is served as the path says.
const ROUTER: &str = r#"<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (is_string($path) && strncmp($path, '/wiki/', 6) === 0) {
    $_SERVER['SCRIPT_NAME'] = '/index.php';
    $_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
    chdir($_SERVER['DOCUMENT_ROOT']);
    require 'index.php';
    return true;
}
return false;
"#;

/// A long article (its later sections start below the first screen) with a heading written
/// with an accent ("Café culture"), for opening at a section.
pub const RIVERMOUTH: &str = "Folio Rivermouth";
/// A short article whose links name sections of [`RIVERMOUTH`]: one that exists, one in
/// MediaWiki's old `.XX` anchor encoding, and one that does not.
pub const DELTA: &str = "Folio Delta";

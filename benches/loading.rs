//! The delay between a key and its redraw while a load is in flight: the event loop runs on a
//! thread as in the browser (one channel for keys and results, a load held on a worker for as
//! long as the benchmark runs), a key is sent on the channel, and the time to the frame it
//! causes is measured. Before loads left the event loop, this delay was the load's whole time.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::app::App;
use folio::app::page::Page;
use folio::config::Config;
use folio::format::Format;
use folio::library::Library;
use folio::source::{Document, Presence, Source, SourceError, Wanted};
use folio::text::title_key;
use folio::tui::{Browser, Message, event_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const START: &str = "Start";
const NEVER: &str = "Never";

/// The start article, long enough to scroll, and one that never finishes loading.
struct Stuck;

impl Source for Stuck {
    fn name(&self) -> String {
        "stuck.test".to_string()
    }

    fn titles(&self) -> Option<Vec<String>> {
        Some(vec![NEVER.to_string(), START.to_string()])
    }

    fn contains(&self, wanted: Wanted) -> Presence {
        if wanted.key == title_key(START) || wanted.key == title_key(NEVER) {
            Presence::Present
        } else {
            Presence::Absent
        }
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        if wanted.key == title_key(NEVER) {
            // Held for the rest of the process, which ends without waiting for it.
            loop {
                std::thread::park();
            }
        }
        let mut text = format!("A link: [[{NEVER}]].\n\n");
        for paragraph in 1..=2000 {
            text.push_str(&format!(
                "Paragraph {paragraph}, with a few more words to wrap at the width of the screen \
                 so that each paragraph takes two lines or three.\n\n"
            ));
        }
        Ok(vec![Document {
            name: format!("{START}.wiki"),
            bytes: text.into_bytes(),
            format: Some(Format::Wikitext),
            warnings: Vec::new(),
        }])
    }
}

fn key(code: KeyCode) -> Message {
    Message::Input(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
}

fn key_to_redraw(criterion: &mut Criterion) {
    let mut library = Library::new();
    library.add(Box::new(Stuck));
    let reading = match library.open(START) {
        Ok(reading) => reading,
        Err(error) => panic!("{error}"),
    };
    let page = Page::of_reading(reading, |title| library.contains(title));
    let config = Config::defaults(false);
    let app = App::new(page, &config, 120, 40);
    let (sender, messages) = mpsc::channel();
    let mut browser = match Browser::new(app, config.keymap, library.into(), sender.clone()) {
        Ok(browser) => browser,
        Err(error) => panic!("{error}"),
    };
    let (frames, drawn) = mpsc::channel::<bool>();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (browser, stop) = (&mut browser, &stop);
        let looping = scope.spawn(move || {
            let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
                Ok(terminal) => terminal,
                Err(error) => panic!("{error}"),
            };
            event_loop(browser, &messages, stop, |app| {
                let drawn = terminal.draw(|frame| folio::ui::render(app, frame));
                let _ = frames.send(drawn.is_ok() && app.loading().is_some());
                Ok(())
            })
        });
        let _ = sender.send(key(KeyCode::Char('}')));
        let _ = sender.send(key(KeyCode::Enter));
        // Until a frame shows the load under way.
        while let Ok(loading) = drawn.recv() {
            if loading {
                break;
            }
        }
        let mut group = criterion.benchmark_group("loading");
        group.sample_size(50);
        group.bench_function(
            "key to redraw while a load is in flight, 120x40, 4000-line article",
            |bench| {
                let mut down = true;
                bench.iter_custom(|iterations| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iterations {
                        let code = if down {
                            KeyCode::Char('j')
                        } else {
                            KeyCode::Char('k')
                        };
                        down = !down;
                        // A frame of the seconds' tick is no answer to this key.
                        while drawn.try_recv().is_ok() {}
                        let sent = Instant::now();
                        let _ = sender.send(key(code));
                        let _ = drawn.recv();
                        total += sent.elapsed();
                    }
                    total
                })
            },
        );
        group.finish();
        let _ = sender.send(key(KeyCode::Char('q')));
        let _ = looping.join();
    });
}

criterion_group!(benches, key_to_redraw);
criterion_main!(benches);

//! The full-text search's own costs, apart from the wikis' answer: reading 50 snippets' HTML
//! (as a search answer brings them), and a key moving the highlight in 50 results plus a full
//! render of the overlay into a 120×40 test terminal.

use criterion::{Criterion, criterion_group, criterion_main};
use folio::action::{Action, Effect};
use folio::app::App;
use folio::app::page::Page;
use folio::article::{Article, Block, Inline, Section};
use folio::config::Config;
use folio::wiki::search::Hit;
use folio::wiki::snippet::Snippet;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Duration;

/// A snippet as MediaWiki writes one: about 300 bytes, three matches, entities.
fn snippet_html(number: usize) -> String {
    format!(
        "… the <span class=\"searchmatch\">camp</span> north of Baghdad &amp; its residents, \
         moved in {number} to <span class=\"searchmatch\">Camp</span> Liberty, &quot;a \
         temporary transit location&quot; near the airport; the last left the \
         <span class=\"searchmatch\">camp</span> for Albania in 2016 …"
    )
}

fn snippets(criterion: &mut Criterion) {
    let pages: Vec<String> = (0..50).map(snippet_html).collect();
    criterion.bench_function("read 50 snippets", |bench| {
        bench.iter(|| {
            for html in &pages {
                black_box(Snippet::from_html(black_box(html)));
            }
        });
    });
}

fn keypress(criterion: &mut Criterion) {
    let article = Article {
        title: "Camp Ashraf".to_string(),
        sections: vec![Section {
            heading: None,
            level: 2,
            blocks: vec![Block::Paragraph {
                inlines: vec![Inline::text("A camp north of Baghdad. ".repeat(200))],
            }],
        }],
        ..Article::default()
    };
    let mut app = App::new(
        Page::new(article, |_| true),
        &Config::defaults(false),
        120,
        40,
    );
    app.update(Action::SearchText);
    for c in "camp".chars() {
        app.update(Action::Type(c));
    }
    let Some(Effect::SearchText { generation, .. }) = app.update(Action::Confirm) else {
        panic!("no search asked");
    };
    let hits = (0..50)
        .map(|number| Hit {
            title: format!("Camp {number}"),
            snippet: Snippet::from_html(&snippet_html(number)),
            wiki: "http://127.0.0.1:9".to_string(),
        })
        .collect();
    app.show_text_results(generation, Ok((hits, Vec::new())));
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("{error}"),
    };
    let mut down = true;
    criterion.bench_function("full-text results: key + render, 120x40", |bench| {
        bench.iter(|| {
            // Down to the end, then up again, so every press moves the highlight.
            let action = if down { Action::Down } else { Action::Up };
            app.update(action);
            if let Some(folio::app::overlay::Overlay::TextSearch(search)) = app.overlay() {
                let selected = search.results.selected;
                if selected + 1 == search.results.items.len() || selected == 0 {
                    down = !down;
                }
            }
            if let Err(error) = terminal.draw(|frame| folio::ui::render(&app, frame)) {
                panic!("{error}");
            }
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).sample_size(30);
    targets = snippets, keypress
}
criterion_main!(benches);

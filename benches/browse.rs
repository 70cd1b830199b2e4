//! One keypress in the browser on a large article: `App::update` then a full render into a
//! 200×60 test terminal. The article (about 2 MB of text) is built here from the model.

use criterion::{Criterion, criterion_group, criterion_main};
use folio::action::Action;
use folio::app::App;
use folio::app::page::Page;
use folio::article::{Article, Block, Inline, ListItem, ListKind, Reference, Section};
use folio::config::Config;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Duration;

/// About 2 MB: sections of cited paragraphs with links, a list, and a reference per marker.
fn large_article() -> Article {
    let sentence = "The survey of the river valley recorded settlements, fields and roads \
                    whose names changed with each administration that held the region. ";
    let mut sections = Vec::new();
    let mut references = Vec::new();
    let mut size = 0;
    let mut section_number = 0;
    while size < 2_000_000 {
        section_number += 1;
        let mut blocks = Vec::new();
        for paragraph in 0..6 {
            let mut inlines = Vec::new();
            for part in 0..4 {
                inlines.push(Inline::text(sentence.repeat(2)));
                inlines.push(Inline::article_link(
                    format!("Place {section_number}-{paragraph}-{part}"),
                    format!("Place {section_number}"),
                ));
                let label = (references.len() + 1).to_string();
                inlines.push(Inline::Citation {
                    label: label.clone(),
                    reference: Some(references.len()),
                });
                references.push(Reference {
                    label,
                    text: vec![Inline::text(format!(
                        "Author, A. ({}). \"A study of the valley, part {section_number}\". Journal of Surveys.",
                        1900 + references.len() % 120
                    ))],
                    urls: vec![format!("https://example.org/study/{}", references.len())],
                    ..Reference::default()
                });
                size += sentence.len() * 2 + 20;
            }
            blocks.push(Block::Paragraph { inlines });
        }
        blocks.push(Block::List {
            items: (0..5)
                .map(|item| ListItem {
                    kind: ListKind::Bullet,
                    depth: 1,
                    inlines: vec![Inline::text(format!("Item {item} of the list: {sentence}"))],
                })
                .collect(),
        });
        sections.push(Section {
            heading: Some(format!("Section {section_number}")),
            level: 2,
            blocks,
        });
    }
    Article {
        title: "A large synthetic article".to_string(),
        sections,
        references,
        ..Article::default()
    }
}

fn keypress(criterion: &mut Criterion) {
    let page = Page::new(large_article(), |_| true);
    let mut app = App::new(page, &Config::defaults(false), 200, 60);
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("{error}"),
    };
    let mut group = criterion.benchmark_group("browse");
    group.sample_size(50);
    group.bench_function("next marker + render 200x60, 2 MB article", |bench| {
        bench.iter(|| {
            black_box(app.update(Action::NextCitation));
            let drawn = terminal.draw(|frame| folio::ui::render(&app, frame));
            black_box(drawn.is_ok());
        })
    });
    group.bench_function("page down + render 200x60, 2 MB article", |bench| {
        bench.iter(|| {
            black_box(app.update(Action::PageDown));
            let drawn = terminal.draw(|frame| folio::ui::render(&app, frame));
            black_box(drawn.is_ok());
        })
    });
    // The machine this runs on is shared: wall time counts the waits for a core. This one
    // counts only the CPU time the keypress itself used.
    group.bench_function("next marker + render, CPU time of this thread", |bench| {
        bench.iter_custom(|iterations| {
            let start = thread_cpu_time();
            for _ in 0..iterations {
                black_box(app.update(Action::NextCitation));
                let drawn = terminal.draw(|frame| folio::ui::render(&app, frame));
                black_box(drawn.is_ok());
            }
            thread_cpu_time().saturating_sub(start)
        })
    });
    group.finish();
}

/// The same keypress on the largest real article of the fixtures, the 2.5 MB United States page.
fn keypress_on_united_states(criterion: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/en-United_States.parsoid-2.1.0.html"
    );
    let article = match std::fs::read(path)
        .map_err(|error| error.to_string())
        .and_then(|bytes| folio::format::read(&bytes, path, None).map_err(|e| e.to_string()))
    {
        Ok(reading) => reading.article,
        Err(error) => panic!("{path}: {error}"),
    };
    let mut app = App::new(
        Page::new(article, |_| true),
        &Config::defaults(false),
        200,
        60,
    );
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("{error}"),
    };
    let mut group = criterion.benchmark_group("browse");
    group.sample_size(50);
    group.bench_function("next marker + render 200x60, United States", |bench| {
        bench.iter(|| {
            black_box(app.update(Action::NextCitation));
            let drawn = terminal.draw(|frame| folio::ui::render(&app, frame));
            black_box(drawn.is_ok());
        })
    });
    group.bench_function("page down + render 200x60, United States", |bench| {
        bench.iter(|| {
            black_box(app.update(Action::PageDown));
            let drawn = terminal.draw(|frame| folio::ui::render(&app, frame));
            black_box(drawn.is_ok());
        })
    });
    // The selected reference's URLs are put under it on every move (issue 11).
    while app.focus() != folio::app::Pane::References {
        app.update(Action::FocusNext);
    }
    let last = app.page().article.references.len().saturating_sub(1);
    group.bench_function("next reference + render 200x60, United States", |bench| {
        bench.iter(|| {
            let action = if app.selected_reference() == Some(last) {
                Action::Top
            } else {
                Action::Down
            };
            black_box(app.update(action));
            let drawn = terminal.draw(|frame| folio::ui::render(&app, frame));
            black_box(drawn.is_ok());
        })
    });
    group.finish();
}

/// CPU time this thread has used so far.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given and nothing else.
    let result = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if result != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

criterion_group!(benches, keypress, keypress_on_united_states);
criterion_main!(benches);

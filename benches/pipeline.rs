//! Throughput of the whole extraction pipeline (structure, statements,
//! milestones) over the fixture articles and our own corpus
//! (`tests/corpus`), in bytes per second on one core.
//!
//! Run with `cargo bench --bench pipeline`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::extract::{ExtractOptions, extract};
use std::hint::black_box;
use std::path::Path;

fn fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pending = vec![root.join("tests/fixtures"), root.join("tests/corpus")];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "txt")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                texts.push(text);
            }
        }
    }
    texts
}

fn pipeline(criterion: &mut Criterion) {
    let texts = fixture_texts();
    assert!(
        !texts.is_empty(),
        "no fixture articles found under tests/fixtures"
    );
    let bytes: usize = texts.iter().map(String::len).sum();
    let options = ExtractOptions {
        published_on: "2024-05-20".parse().ok(),
        fallback_date: jiff::civil::date(2024, 5, 20),
    };
    let mut group = criterion.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fixture corpus", |bencher| {
        bencher.iter(|| {
            for text in &texts {
                black_box(extract(black_box(text), &options));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);

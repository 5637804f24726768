//! Throughput of the whole extraction pipeline (structure, statements,
//! milestones) over the fixture articles and our own corpus
//! (`tests/corpus`), in bytes per second on one core.
//!
//! Run with `cargo bench --bench pipeline`. With `PIPELINE_ROUNDS=N` set,
//! the binary skips criterion and extracts the corpus N times, for a
//! profiler or an instruction counter (`valgrind --tool=callgrind`); with
//! `PIPELINE_DUMP=FILE` it writes the debug form of every extraction to
//! FILE, to compare two builds.

use criterion::{Criterion, Throughput, criterion_group};
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

fn bench_options() -> ExtractOptions {
    ExtractOptions {
        published_on: "2024-05-20".parse().ok(),
        fallback_date: jiff::civil::date(2024, 5, 20),
    }
}

fn pipeline(criterion: &mut Criterion) {
    let texts = fixture_texts();
    assert!(
        !texts.is_empty(),
        "no fixture articles found under tests/fixtures"
    );
    let bytes: usize = texts.iter().map(String::len).sum();
    let options = bench_options();
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

/// Extracts every text `rounds` times without criterion's sampling.
fn fixed_rounds(rounds: usize) {
    let texts = fixture_texts();
    let options = bench_options();
    for _ in 0..rounds {
        for text in &texts {
            black_box(extract(black_box(text), &options));
        }
    }
}

/// Writes the debug form of every extraction to `path`, to compare the
/// output of two builds.
fn dump(path: &Path) {
    let options = bench_options();
    let mut texts = fixture_texts();
    texts.sort();
    let mut out = String::new();
    for text in &texts {
        out.push_str(&format!("{:#?}\n", extract(text, &options)));
    }
    if let Err(error) = std::fs::write(path, out) {
        eprintln!("cannot write {}: {error}", path.display());
    }
}

criterion_group!(benches, pipeline);

fn main() {
    let rounds = std::env::var("PIPELINE_ROUNDS")
        .ok()
        .and_then(|value| value.parse::<usize>().ok());
    if let Ok(path) = std::env::var("PIPELINE_DUMP") {
        dump(Path::new(&path));
        return;
    }
    match rounds {
        Some(rounds) => fixed_rounds(rounds),
        None => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}

//! Measures the storage engine alone on khabar's write shape, to choose a
//! layout: one tree with one atomic batch per article (what the store
//! does), against separate trees (records, indexes, change log) written
//! with one multi-tree transaction per article, the other way to keep a
//! revision atomic. Each "article" is what the generated bench articles
//! produce on average: one 2 KB compressed article record, one 2 KB raw
//! text, 13 statement and 21 milestone records of ~300 bytes, 193 index
//! entries of ~70-byte keys, a change-log entry and the revision counter.
//! Articles are flushed in groups of 16, like the writer under 16 clients.
//!
//! `cargo run --release --example sled_layout [ARTICLES] [INDEX_ENTRIES]`
//! (index entries per article default to 193, the generated articles' mean).

use sled::Transactional;
use std::time::Instant;

const STATEMENTS: usize = 13;
const MILESTONES: usize = 21;
const GROUP: usize = 16;

/// A deterministic pseudo-random id of 32 hex digits.
fn id(seed: u64) -> String {
    let hash = blake3::hash(&seed.to_le_bytes());
    hash.to_hex()[..32].to_string()
}

/// The (family, key, value) writes of article `number`.
fn article_writes(number: u64, index_entries: u64) -> Vec<(u8, Vec<u8>, Vec<u8>)> {
    let article = id(number);
    let mut writes = Vec::new();
    writes.push((0, format!("art/{article}").into_bytes(), vec![7; 2048]));
    writes.push((0, format!("raw/{article}").into_bytes(), vec![8; 2048]));
    for part in 0..(STATEMENTS + MILESTONES) as u64 {
        let family = if part < STATEMENTS as u64 {
            "stm"
        } else {
            "mil"
        };
        let record = id(number * 1000 + part);
        writes.push((0, format!("{family}/{record}").into_bytes(), vec![9; 300]));
    }
    for entry in 0..index_entries {
        // Index keys spread over the key space like calendar and speaker
        // prefixes do: a short family, a varying value, then the id.
        let spread = id(number * 10_000 + entry);
        let key = format!("ix/{}/{}/{article}", entry % 11, &spread[..24]);
        writes.push((1, key.into_bytes(), article.clone().into_bytes()));
    }
    let mut log_key = b"log/".to_vec();
    log_key.extend_from_slice(&number.to_be_bytes());
    writes.push((2, log_key, vec![5; 600]));
    writes.push((2, b"meta/revision".to_vec(), number.to_be_bytes().to_vec()));
    writes
}

fn one_tree(directory: &std::path::Path, articles: u64, index_entries: u64) -> sled::Result<f64> {
    let db = sled::Config::new().path(directory).open()?;
    let started = Instant::now();
    for number in 0..articles {
        let mut batch = sled::Batch::default();
        for (_, key, value) in article_writes(number, index_entries) {
            batch.insert(key, value);
        }
        db.apply_batch(batch)?;
        if (number + 1) % GROUP as u64 == 0 {
            db.flush()?;
        }
    }
    db.flush()?;
    Ok(started.elapsed().as_secs_f64() * 1000.0 / articles as f64)
}

fn three_trees(
    directory: &std::path::Path,
    articles: u64,
    index_entries: u64,
) -> sled::Result<f64> {
    let db = sled::Config::new().path(directory).open()?;
    let records = db.open_tree("records")?;
    let indexes = db.open_tree("indexes")?;
    let log = db.open_tree("log")?;
    let started = Instant::now();
    for number in 0..articles {
        let mut batches = [
            sled::Batch::default(),
            sled::Batch::default(),
            sled::Batch::default(),
        ];
        for (family, key, value) in article_writes(number, index_entries) {
            batches[usize::from(family)].insert(key, value);
        }
        let outcome: sled::transaction::TransactionResult<(), ()> = (&records, &indexes, &log)
            .transaction(|(records, indexes, log)| {
                records.apply_batch(&batches[0])?;
                indexes.apply_batch(&batches[1])?;
                log.apply_batch(&batches[2])?;
                Ok(())
            });
        if let Err(error) = outcome {
            eprintln!("transaction failed: {error:?}");
            return Err(sled::Error::Unsupported("transaction failed".into()));
        }
        if (number + 1) % GROUP as u64 == 0 {
            db.flush()?;
        }
    }
    db.flush()?;
    Ok(started.elapsed().as_secs_f64() * 1000.0 / articles as f64)
}

fn directory_bytes(directory: &std::path::Path) -> u64 {
    let mut total = 0;
    let mut pending = vec![directory.to_path_buf()];
    while let Some(next) = pending.pop() {
        let Ok(listing) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in listing.flatten() {
            match entry.metadata() {
                Ok(metadata) if metadata.is_dir() => pending.push(entry.path()),
                Ok(metadata) => total += metadata.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let articles: u64 = match std::env::args().nth(1) {
        Some(count) => count.parse()?,
        None => 2000,
    };
    let index_entries: u64 = match std::env::args().nth(2) {
        Some(count) => count.parse()?,
        None => 193,
    };
    let writes = article_writes(0, index_entries).len();
    println!("{articles} articles, {writes} writes each");
    type Layout = fn(&std::path::Path, u64, u64) -> sled::Result<f64>;
    let layouts: [(&str, Layout); 2] = [
        ("one tree, one batch per article", one_tree),
        ("three trees, one transaction per article", three_trees),
    ];
    for (name, run) in layouts {
        let directory = tempfile::tempdir()?;
        let per_article = run(directory.path(), articles, index_entries)?;
        let bytes = directory_bytes(directory.path());
        println!(
            "{name}: {per_article:.3} ms per article, {:.1} MB on disk",
            bytes as f64 / 1e6
        );
    }
    Ok(())
}

//! Contracts of the operations around the data: replacing an extraction,
//! backup and size on disk, shutdown.

use crate::common::article_text;
use crate::{Run, SALIM, article_id, ingest, prepared};
use khabar::extract::EXTRACTOR_VERSION;
use khabar::proto::v1::{ChangeKind, StatementFilter};
use khabar::storage::{CompactTarget, DocumentStorage, StoreError};

pub fn replace_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let text = article_text(61, SALIM);
        let mut old = prepared(&text, "الرافد", "ar", "2024-04-01");
        old.extraction.statements.clear();
        old.extraction.milestones.clear();
        if let Some(article) = old.extraction.article.as_mut() {
            article.extractor_version = "0.0.0-old".to_string();
        }
        let id = article_id(&ingest(storage, old).await);
        let fresh = || prepared(&text, "", "", "2024-04-01").extraction;
        let steps = [
            ("an older extraction is replaced", Some(2)),
            ("the same one again changes nothing", None),
        ];
        for (label, revision) in steps {
            assert_eq!(
                storage.replace_extraction(fresh()).await.expect("replace"),
                revision,
                "{label}"
            );
        }
        let article = storage.get_article(&id).expect("article");
        assert_eq!(article.extractor_version, EXTRACTOR_VERSION);
        assert_eq!(article.source, "الرافد", "the caller's metadata is kept");
        let by_article = StatementFilter {
            article_id: id.clone(),
            ..StatementFilter::default()
        };
        let statements = storage
            .list_statements(&by_article, "", 100, "")
            .expect("list");
        assert_eq!(statements.items.len(), fresh().statements.len());
        assert!(!statements.items.is_empty());
        let sets = storage
            .read_changes(1, 10, usize::MAX)
            .expect("read changes");
        let updated = sets[0]
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Updated as i32);
        assert!(updated, "a replacement is logged as an UPDATED article");
    })
}

pub fn backup_and_size_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        for number in 71..=72 {
            ingest(
                storage,
                prepared(&article_text(number, SALIM), "الرافد", "ar", "2024-02-01"),
            )
            .await;
        }
        assert!(
            storage.size_on_disk().expect("size") > 0,
            "stored data takes space"
        );
        match storage.backup().await {
            Ok(mut reader) => {
                let summary = reader.summary();
                assert_eq!(summary.revision, 2, "a backup is the durable revision");
                let mut bytes = 0u64;
                let read = tokio::task::block_in_place(|| {
                    for _ in 0..10_000 {
                        match reader.next_chunk()? {
                            Some(chunk) => bytes += chunk.len() as u64,
                            None => return Ok(true),
                        }
                    }
                    Ok::<_, StoreError>(false)
                });
                assert!(read.expect("read the backup"), "the backup ends");
                assert_eq!(bytes, summary.bytes);
                assert!(bytes > 0);
            }
            Err(StoreError::Unsupported { .. }) => {}
            Err(error) => panic!("a backup either works or is unsupported: {error}"),
        }
    })
}

pub fn shutdown_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let text = article_text(81, SALIM);
        let id = article_id(&ingest(storage, prepared(&text, "الرافد", "ar", "2024-02-01")).await);
        storage.shutdown().await.expect("shut down");
        let refused = [
            (
                "ingest",
                storage
                    .ingest(prepared(
                        &article_text(82, SALIM),
                        "الرافد",
                        "ar",
                        "2024-02-01",
                    ))
                    .await
                    .err(),
            ),
            ("delete", storage.delete_article(&id).await.err()),
            (
                "replace",
                storage
                    .replace_extraction(prepared(&text, "", "", "2024-02-01").extraction)
                    .await
                    .err(),
            ),
            (
                "compact",
                storage.compact(CompactTarget::Through(1)).await.err(),
            ),
        ];
        for (label, error) in refused {
            assert!(
                matches!(error, Some(StoreError::ShuttingDown)),
                "{label} after shutdown: {error:?}"
            );
        }
        assert_eq!(storage.get_article(&id).expect("reads keep working").id, id);
        assert_eq!(storage.revision(), 1);
        storage
            .shutdown()
            .await
            .expect("a second shutdown is harmless");
    })
}

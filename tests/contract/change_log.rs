//! Contracts of the change log: order without gaps, the revision watch,
//! compaction and its floor.

use crate::common::article_text;
use crate::{Run, SALIM, article_id, ingest, prepared};
use khabar::proto::v1::{ChangeKind, change};
use khabar::storage::{CompactTarget, DocumentStorage, StoreError};

fn revisions(sets: &[khabar::proto::v1::ChangeSet]) -> Vec<u64> {
    sets.iter().map(|set| set.revision).collect()
}

pub fn change_log_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let mut ids = Vec::new();
        for number in 31..=33 {
            let answer = ingest(
                storage,
                prepared(&article_text(number, SALIM), "الرافد", "ar", "2024-02-01"),
            )
            .await;
            ids.push(article_id(&answer));
        }
        storage.delete_article(&ids[1]).await.expect("delete");
        assert_eq!(storage.revision(), 4);
        let reads = [
            ("everything", 0, 100, usize::MAX, vec![1, 2, 3, 4]),
            ("after a cursor", 2, 100, usize::MAX, vec![3, 4]),
            ("at most `limit`", 0, 2, usize::MAX, vec![1, 2]),
            ("the first even over the byte budget", 0, 100, 1, vec![1]),
            ("caught up", 4, 100, usize::MAX, vec![]),
        ];
        for (label, after, limit, max_bytes, expected) in reads {
            let sets = storage
                .read_changes(after, limit, max_bytes)
                .expect("read changes");
            assert_eq!(revisions(&sets), expected, "{label}");
            assert!(
                sets.iter().all(|set| set.committed_at.is_some()),
                "{label}: commit time"
            );
        }
        let mut cursor = 0;
        for step in 1..=4 {
            let sets = storage
                .read_changes(cursor, 1, usize::MAX)
                .expect("read changes");
            assert_eq!(revisions(&sets), vec![step], "one step at a time, no gaps");
            cursor = step;
        }
        let beyond = storage.read_changes(5, 10, usize::MAX);
        assert!(
            matches!(
                beyond,
                Err(StoreError::RevisionOutOfRange {
                    requested: 5,
                    current: 4
                })
            ),
            "{beyond:?}"
        );

        let sets = storage
            .read_changes(0, 100, usize::MAX)
            .expect("read changes");
        let article_change = |set: &khabar::proto::v1::ChangeSet, kind: ChangeKind| {
            set.changes.iter().find_map(|c| match &c.resource {
                Some(change::Resource::Article(article)) if c.kind == kind as i32 => {
                    Some(article.id.clone())
                }
                _ => None,
            })
        };
        assert_eq!(
            article_change(&sets[0], ChangeKind::Created),
            Some(ids[0].clone())
        );
        assert_eq!(
            article_change(&sets[3], ChangeKind::Deleted),
            Some(ids[1].clone())
        );
        let statements_created = sets[0]
            .changes
            .iter()
            .filter(|c| matches!(c.resource, Some(change::Resource::Statement(_))))
            .count();
        assert!(statements_created > 0, "an ingest logs its statements too");
    })
}

pub fn revision_watch_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        assert_eq!(storage.revision(), 0, "a fresh store is at revision 0");
        assert_eq!(storage.oldest_available_revision().expect("oldest"), 1);
        assert!(
            *storage.watch_writable().borrow(),
            "a fresh store can write"
        );
        let mut revisions = storage.watch_revision();
        assert_eq!(*revisions.borrow_and_update(), 0);
        let answer = ingest(
            storage,
            prepared(&article_text(41, SALIM), "الرافد", "ar", "2024-02-01"),
        )
        .await;
        // Acknowledged means durable, and durable means announced.
        assert!(revisions.has_changed().expect("the watch is open"));
        assert_eq!(*revisions.borrow_and_update(), 1);
        storage
            .delete_article(&article_id(&answer))
            .await
            .expect("delete");
        revisions.changed().await.expect("the watch is open");
        assert_eq!(*revisions.borrow_and_update(), 2);
        assert_eq!(storage.revision(), 2);
    })
}

pub fn compaction_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        for number in 51..=54 {
            ingest(
                storage,
                prepared(&article_text(number, SALIM), "الرافد", "ar", "2024-02-01"),
            )
            .await;
        }
        let steps = [
            ("through revision 2", CompactTarget::Through(2), 3),
            (
                "lower than the floor: the floor stays",
                CompactTarget::Through(1),
                3,
            ),
            (
                "keep the newest revision",
                CompactTarget::Retention {
                    keep_revisions: 1,
                    keep_secs: 0,
                },
                4,
            ),
            (
                "no retention: nothing more",
                CompactTarget::Retention {
                    keep_revisions: 0,
                    keep_secs: 0,
                },
                4,
            ),
        ];
        for (label, target, oldest) in steps {
            let compaction = storage.compact(target).await.expect("compact");
            assert_eq!(compaction.oldest_available, oldest, "{label}");
            assert_eq!(
                storage.oldest_available_revision().expect("oldest"),
                oldest,
                "{label}"
            );
            assert_eq!(
                storage.revision(),
                4,
                "{label}: compaction is not a revision"
            );
        }
        let below = storage.read_changes(2, 10, usize::MAX);
        assert!(
            matches!(
                below,
                Err(StoreError::Compacted {
                    requested: 2,
                    oldest_available: 4
                })
            ),
            "{below:?}"
        );
        let sets = storage
            .read_changes(3, 10, usize::MAX)
            .expect("read changes");
        assert_eq!(revisions(&sets), vec![4]);
        assert_eq!(
            storage.article_ids().expect("ids").len(),
            4,
            "compaction keeps the data"
        );
    })
}

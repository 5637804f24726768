//! Contracts of single records: ingest outcomes (created, duplicate by text
//! or url, replayed by request id), gets, deletes.

use crate::common::article_text;
use crate::{
    LAYLA, Run, SALIM, article_id, ingest, is_not_found, prepared, with_request_id, with_url,
};
use khabar::extract::content_id;
use khabar::proto::v1::{ArticleFilter, StatementFilter};
use khabar::storage::{DocumentStorage, StoreError};

pub fn ingest_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let texts: Vec<String> = (1..=4).map(|n| article_text(n, SALIM)).collect();
        let (first, third) = (content_id(&texts[0]), content_id(&texts[2]));
        let url = "https://news.example/water/1";
        let table = [
            (
                "new text",
                with_url(prepared(&texts[0], "الرافد", "ar", "2024-04-01"), url),
                true,
                &first,
                1,
            ),
            (
                "same text again",
                prepared(&texts[0], "الرافد", "ar", "2024-04-01"),
                false,
                &first,
                1,
            ),
            (
                "other text, same url",
                with_url(prepared(&texts[1], "الرافد", "ar", "2024-04-01"), url),
                false,
                &first,
                1,
            ),
            (
                "new text with a request id",
                with_request_id(
                    prepared(&texts[2], "الرافد", "ar", "2024-04-02"),
                    "request-3",
                ),
                true,
                &third,
                2,
            ),
            (
                "same request id, other text",
                with_request_id(
                    prepared(&texts[3], "الرافد", "ar", "2024-04-03"),
                    "request-3",
                ),
                true,
                &third,
                2,
            ),
        ];
        let mut answers = Vec::new();
        for (label, prepared, created, id, revision) in table {
            let answer = ingest(storage, prepared).await;
            assert_eq!(answer.created, created, "{label}: created");
            assert_eq!(&article_id(&answer), id, "{label}: article");
            assert_eq!(answer.revision, revision, "{label}: revision answered");
            assert_eq!(storage.revision(), revision, "{label}: store revision");
            answers.push(answer);
        }
        let replayed = storage.replayed_answer("request-3").expect("replay");
        let replayed = replayed.expect("a request id seen before has an answer");
        assert_eq!(
            (article_id(&replayed), replayed.created, replayed.revision),
            (third.clone(), true, 2)
        );
        assert_eq!(
            storage
                .replayed_answer("request-never-sent")
                .expect("replay"),
            None
        );

        let mut ids = vec![first.clone(), third.clone()];
        ids.sort();
        assert_eq!(storage.article_ids().expect("ids"), ids);
        assert_eq!(
            storage.raw_text(&first).expect("raw text"),
            Some(texts[0].clone())
        );
        assert_eq!(
            storage.raw_text(&content_id(&texts[1])).expect("raw text"),
            None
        );

        let stored = &answers[0];
        let article = storage.get_article(&first).expect("stored article");
        assert_eq!(
            (article.source.as_str(), article.url.as_str()),
            ("الرافد", url)
        );
        assert!(!stored.statements.is_empty() && !stored.milestones.is_empty());
        for statement in &stored.statements {
            assert_eq!(
                &storage.get_statement(&statement.id).expect("statement"),
                statement
            );
        }
        for milestone in &stored.milestones {
            assert_eq!(
                &storage.get_milestone(&milestone.id).expect("milestone"),
                milestone
            );
        }
        assert!(is_not_found(storage.get_article("no-such-article")));
        assert!(is_not_found(storage.get_statement("no-such-statement")));
        assert!(is_not_found(storage.get_milestone("no-such-milestone")));
    })
}

pub fn delete_contract(storage: &dyn DocumentStorage) -> Run<'_> {
    Box::pin(async move {
        let kept = ingest(
            storage,
            prepared(&article_text(21, SALIM), "الرافد", "ar", "2024-01-01"),
        )
        .await;
        let gone = ingest(
            storage,
            prepared(&article_text(22, LAYLA), "الرافد", "ar", "2024-01-02"),
        )
        .await;
        let gone_id = article_id(&gone);
        let answer = storage.delete_article(&gone_id).await.expect("delete");
        assert_eq!(answer.deleted_article_ids, vec![gone_id.clone()]);
        assert_eq!(answer.deleted_statements as usize, gone.statements.len());
        assert_eq!(answer.deleted_milestones as usize, gone.milestones.len());
        assert_eq!((answer.revision, storage.revision()), (3, 3));

        assert!(is_not_found(storage.get_article(&gone_id)));
        for statement in &gone.statements {
            assert!(is_not_found(storage.get_statement(&statement.id)));
        }
        for milestone in &gone.milestones {
            assert!(is_not_found(storage.get_milestone(&milestone.id)));
        }
        assert_eq!(storage.raw_text(&gone_id).expect("raw text"), None);
        let again = storage.delete_article(&gone_id).await;
        assert!(
            matches!(again, Err(StoreError::NotFound { .. })),
            "{again:?}"
        );
        assert_eq!(storage.revision(), 3, "a refused delete takes no revision");

        assert_eq!(storage.article_ids().expect("ids"), vec![article_id(&kept)]);
        let listed = storage
            .list_articles(&ArticleFilter::default(), 10, "")
            .expect("list");
        assert_eq!(listed.items.len(), 1);
        let by_article = StatementFilter {
            article_id: gone_id.clone(),
            ..StatementFilter::default()
        };
        let statements = storage
            .list_statements(&by_article, "", 10, "")
            .expect("list");
        assert!(statements.items.is_empty());
    })
}

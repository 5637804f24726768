//! The publication date of an article ingested without `published_at`:
//! read from the page's own date line in its common forms, reported as
//! FROM_TEXT, and stored so; the ingest time (INGEST_TIME) only when the
//! page has no date line, a dated sentence of the body being none. Through
//! the real server and the generated client.

mod common;

use common::{start, timestamp};
use khabar::proto::v1::{GetArticleRequest, IngestArticleRequest, PublishedAtSource};

/// An invented page: headline, the given date line, a body that names
/// another day (so a wrong pick shows).
fn page(date_line: &str) -> String {
    format!(
        "البلدية تفتتح حديقة عامة جديدة في وسط المدينة\n\n{date_line}\n\n\
         افتتحت البلدية حديقة عامة جديدة، وقال رئيس البلدية إن \"الحديقة ستفتح أبوابها يوميا\".\n\n\
         وكانت أعمال البناء قد بدأت في 3 فبراير 2020.\n"
    )
}

fn without_date(text: String) -> IngestArticleRequest {
    IngestArticleRequest {
        text,
        language: "ar".to_string(),
        ..Default::default()
    }
}

#[tokio::test]
async fn the_date_line_of_the_page_dates_an_article_sent_without_one() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let cases = [
        ("الأحد 6 أكتوبر 2024", "2024-10-06"),
        ("نشر في: الاثنين 7 أكتوبر 2024 - 10:42 ص", "2024-10-07"),
        ("تاريخ النشر: 08/10/2024 01:22 م", "2024-10-08"),
        ("2024-10-09 09:14", "2024-10-09"),
        ("https://news.example/2024/10/10/park-opens", "2024-10-10"),
        ("Friday, October 11, 2024", "2024-10-11"),
        ("الجمعة 26 رمضان 1445 هـ", "2024-04-05"),
        ("الاثنين 3 شعبان 1440 هـ", "2019-04-08"),
        ("أكتوبر 12, 2024", "2024-10-12"),
        (
            "صحيفة الأيام - العدد 4512 - الأحد 13 أكتوبر 2024",
            "2024-10-13",
        ),
        (
            "طرابلس 14 أكتوبر 2024 (شينخوا) افتتح الوزير المعرض.",
            "2024-10-14",
        ),
    ];
    for (date_line, expected) in cases {
        let answer = server.ingest(without_date(page(date_line))).await;
        let article = answer.article.expect("article in answer");
        assert_eq!(
            article.published_at,
            Some(timestamp(expected)),
            "date line {date_line:?}"
        );
        assert_eq!(
            article.published_at_source(),
            PublishedAtSource::FromText,
            "date line {date_line:?}"
        );
        let stored = server
            .client
            .get_article(GetArticleRequest {
                id: article.id.clone(),
            })
            .await
            .expect("stored article")
            .into_inner();
        assert_eq!(stored.published_at, Some(timestamp(expected)));
        assert_eq!(stored.published_at_source(), PublishedAtSource::FromText);
    }
    server.stop().await;
}

#[tokio::test]
async fn a_dated_sentence_is_no_date_line_and_the_ingest_time_is_said() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let answer = server
        .ingest(without_date(page(
            "وأعلن المحافظ في 6 أكتوبر 2024 موعد الافتتاح.",
        )))
        .await;
    let article = answer.article.expect("article in answer");
    assert_eq!(article.published_at_source(), PublishedAtSource::IngestTime);
    assert_ne!(article.published_at, Some(timestamp("2024-10-06")));
    assert_ne!(article.published_at, Some(timestamp("2020-02-03")));
    assert_eq!(article.published_at, article.ingested_at);
    server.stop().await;
}

//! Every list filter and pagination to the end. Expected results are
//! computed from the ingest answers, so the tests hold whatever the
//! extraction engine finds, as long as it finds something.

mod common;

use common::{TestServer, article_text, request, start, timestamp};
use khabar::proto::v1::{
    Article, ArticleFilter, IngestArticleResponse, ListArticlesRequest, ListMilestonesRequest,
    ListStatementsRequest, Milestone, MilestoneFilter, MilestoneStatus, Relation, Statement,
    StatementFilter, TimeRange,
};
use std::collections::HashSet;
use tonic::Code;

struct Corpus {
    answers: Vec<IngestArticleResponse>,
}

impl Corpus {
    fn articles(&self) -> Vec<Article> {
        self.answers
            .iter()
            .filter_map(|a| a.article.clone())
            .collect()
    }
    fn statements(&self) -> Vec<Statement> {
        self.answers
            .iter()
            .flat_map(|a| a.statements.clone())
            .collect()
    }
    fn milestones(&self) -> Vec<Milestone> {
        self.answers
            .iter()
            .flat_map(|a| a.milestones.clone())
            .collect()
    }
    fn article(&self, id: &str) -> Article {
        self.articles()
            .into_iter()
            .find(|a| a.id == id)
            .expect("known article")
    }
}

const SPEAKERS: [&str; 2] = ["سالم الحربي", "نادية العمري"];
const SOURCES: [&str; 3] = ["الرافد", "المرصد", "الأفق"];

async fn load(server: &mut TestServer) -> Corpus {
    let mut answers = Vec::new();
    for number in 0..9 {
        let published = format!("2024-0{}-1{}", 1 + number % 6, number % 9);
        let mut ingest = request(
            article_text(number, SPEAKERS[number % 2]),
            SOURCES[number % 3],
            &published,
        );
        if number == 8 {
            ingest.language = "en".to_string();
        }
        answers.push(server.ingest(ingest).await);
    }
    Corpus { answers }
}

/// Follows page tokens to the end; `fetch` gets the token and returns the
/// page's items and the next token. Checks that no page exceeds the size
/// asked for (50 when 0 is asked).
async fn drain<T, F, Fut>(page_size: i32, mut fetch: F) -> Vec<T>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = (Vec<T>, String)>,
{
    let limit = if page_size == 0 {
        50
    } else {
        page_size as usize
    };
    let mut items = Vec::new();
    let mut page_token = String::new();
    loop {
        let (page, next) = fetch(page_token).await;
        assert!(page.len() <= limit, "a page larger than page_size");
        items.extend(page);
        if next.is_empty() {
            return items;
        }
        page_token = next;
    }
}

async fn all_articles(
    server: &mut TestServer,
    filter: ArticleFilter,
    page_size: i32,
) -> Vec<Article> {
    drain(page_size, |page_token| {
        let request = ListArticlesRequest {
            filter: Some(filter.clone()),
            page_size,
            page_token,
        };
        let mut client = server.client.clone();
        async move {
            let page = client
                .list_articles(request)
                .await
                .expect("list articles")
                .into_inner();
            (page.articles, page.next_page_token)
        }
    })
    .await
}

async fn all_statements(
    server: &mut TestServer,
    filter: StatementFilter,
    page_size: i32,
) -> Vec<Statement> {
    drain(page_size, |page_token| {
        let request = ListStatementsRequest {
            filter: Some(filter.clone()),
            page_size,
            page_token,
        };
        let mut client = server.client.clone();
        async move {
            let page = client
                .list_statements(request)
                .await
                .expect("list statements")
                .into_inner();
            (page.statements, page.next_page_token)
        }
    })
    .await
}

async fn all_milestones(
    server: &mut TestServer,
    filter: MilestoneFilter,
    page_size: i32,
) -> Vec<Milestone> {
    drain(page_size, |page_token| {
        let request = ListMilestonesRequest {
            filter: Some(filter.clone()),
            page_size,
            page_token,
        };
        let mut client = server.client.clone();
        async move {
            let page = client
                .list_milestones(request)
                .await
                .expect("list milestones")
                .into_inner();
            (page.milestones, page.next_page_token)
        }
    })
    .await
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashSet<String> {
    let unique: HashSet<String> = items.iter().map(|item| id(item).to_string()).collect();
    assert_eq!(unique.len(), items.len(), "a listing repeated an item");
    unique
}

#[tokio::test]
async fn article_filters_and_pagination() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let corpus = load(&mut server).await;
    let every = corpus.articles();

    let listed = all_articles(&mut server, ArticleFilter::default(), 2).await;
    assert_eq!(ids(&listed, |a| &a.id), ids(&every, |a| &a.id));
    let published: Vec<i64> = listed
        .iter()
        .map(|a| a.published_at.map_or(0, |t| t.seconds))
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {published:?}"
    );

    let range = TimeRange {
        start: Some(timestamp("2024-02-01")),
        end: Some(timestamp("2024-05-01")),
    };
    let cases = [
        ArticleFilter {
            source: SOURCES[1].into(),
            ..Default::default()
        },
        ArticleFilter {
            language: "en".into(),
            ..Default::default()
        },
        ArticleFilter {
            published: Some(range),
            ..Default::default()
        },
        ArticleFilter {
            source: SOURCES[0].into(),
            language: "ar".into(),
            published: Some(range),
        },
        ArticleFilter {
            source: "nobody".into(),
            ..Default::default()
        },
    ];
    for filter in cases {
        let expected: Vec<Article> = every
            .iter()
            .filter(|a| khabar::filter::article_matches(&filter, a))
            .cloned()
            .collect();
        for page_size in [1, 3, 0] {
            let got = all_articles(&mut server, filter.clone(), page_size).await;
            assert_eq!(
                ids(&got, |a| &a.id),
                ids(&expected, |a| &a.id),
                "{filter:?}"
            );
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn statement_filters_and_pagination() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let corpus = load(&mut server).await;
    let every = corpus.statements();
    assert!(!every.is_empty(), "the fixtures contain quotations");

    let first_article = corpus.articles()[0].id.clone();
    let cases = [
        StatementFilter::default(),
        StatementFilter {
            speaker: SPEAKERS[0].into(),
            ..Default::default()
        },
        StatementFilter {
            article_id: first_article,
            ..Default::default()
        },
        StatementFilter {
            source: SOURCES[2].into(),
            ..Default::default()
        },
        StatementFilter {
            language: "en".into(),
            ..Default::default()
        },
        StatementFilter {
            published: Some(TimeRange {
                start: Some(timestamp("2024-03-01")),
                end: None,
            }),
            ..Default::default()
        },
    ];
    for filter in cases {
        let key = khabar::extract::speaker_key(&filter.speaker);
        let expected: Vec<Statement> = every
            .iter()
            .filter(|s| {
                khabar::filter::statement_matches(&filter, &key, s, &corpus.article(&s.article_id))
            })
            .cloned()
            .collect();
        assert!(
            !expected.is_empty(),
            "each case selects something: {filter:?}"
        );
        for page_size in [1, 2, 0] {
            let got = all_statements(&mut server, filter.clone(), page_size).await;
            assert_eq!(
                ids(&got, |s| &s.id),
                ids(&expected, |s| &s.id),
                "{filter:?}"
            );
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn milestones_list_as_a_timeline_with_filters() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    let corpus = load(&mut server).await;
    let every = corpus.milestones();
    assert!(!every.is_empty(), "the fixtures contain dates");

    let timeline = all_milestones(&mut server, MilestoneFilter::default(), 4).await;
    assert_eq!(ids(&timeline, |m| &m.id), ids(&every, |m| &m.id));
    let keys: Vec<_> = timeline
        .iter()
        .map(khabar::filter::milestone_calendar_key)
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "calendar order");

    let first_article = corpus.articles()[0].id.clone();
    let cases = [
        MilestoneFilter {
            when_from: "2024".into(),
            when_to: "2024-12".into(),
            ..Default::default()
        },
        MilestoneFilter {
            when_from: "2025-06-30".into(),
            ..Default::default()
        },
        MilestoneFilter {
            relation: Relation::By as i32,
            ..Default::default()
        },
        MilestoneFilter {
            status: MilestoneStatus::Due as i32,
            ..Default::default()
        },
        MilestoneFilter {
            article_id: first_article,
            ..Default::default()
        },
        MilestoneFilter {
            source: SOURCES[1].into(),
            when_to: "2024".into(),
            ..Default::default()
        },
        MilestoneFilter {
            language: "en".into(),
            ..Default::default()
        },
    ];
    for filter in cases {
        let bounds = khabar::filter::WhenBounds::parse(&filter).expect("valid bounds");
        let expected: Vec<Milestone> = every
            .iter()
            .filter(|m| {
                khabar::filter::milestone_matches(
                    &filter,
                    &bounds,
                    m,
                    &corpus.article(&m.article_id),
                )
            })
            .cloned()
            .collect();
        assert!(
            !expected.is_empty(),
            "each case selects something: {filter:?}"
        );
        for page_size in [1, 3] {
            let got = all_milestones(&mut server, filter.clone(), page_size).await;
            assert_eq!(
                ids(&got, |m| &m.id),
                ids(&expected, |m| &m.id),
                "{filter:?}"
            );
        }
    }

    let bad_bound = server
        .client
        .list_milestones(ListMilestonesRequest {
            filter: Some(MilestoneFilter {
                when_from: "12/2021".into(),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .expect_err("malformed calendar bound");
    assert_eq!(bad_bound.code(), Code::InvalidArgument);
    server.stop().await;
}

#[tokio::test]
async fn a_page_token_only_continues_its_own_listing() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut server = start(directory.path()).await;
    load(&mut server).await;
    let first = server
        .client
        .list_articles(ListArticlesRequest {
            page_size: 2,
            ..Default::default()
        })
        .await
        .expect("first page")
        .into_inner();
    assert!(!first.next_page_token.is_empty());
    let other_filter = server
        .client
        .list_articles(ListArticlesRequest {
            filter: Some(ArticleFilter {
                source: SOURCES[0].into(),
                ..Default::default()
            }),
            page_size: 2,
            page_token: first.next_page_token.clone(),
        })
        .await
        .expect_err("token of another listing");
    assert_eq!(other_filter.code(), Code::InvalidArgument);
    let other_kind = server
        .client
        .list_statements(ListStatementsRequest {
            page_token: first.next_page_token,
            ..Default::default()
        })
        .await
        .expect_err("token of another resource");
    assert_eq!(other_kind.code(), Code::InvalidArgument);
    server.stop().await;
}

//! The plain-HTTP metrics endpoint: `GET /metrics` answers the text
//! exposition, anything else 404 or 405. One request per connection, a
//! bounded wait for the request head, and it stops accepting when the server
//! starts shutting down; open connections are dropped with it. It must not
//! serve anything but metrics.

use super::Metrics;
use crate::storage::DocumentStorage;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// How long a client may take to send its request head.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Serves until `stopping` turns `true` (or its sender goes away).
pub async fn serve_metrics(
    listener: TcpListener,
    metrics: Arc<Metrics>,
    store: Arc<dyn DocumentStorage>,
    mut stopping: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            changed = stopping.changed() => {
                if changed.is_ok() && !*stopping.borrow() {
                    continue;
                }
                break;
            }
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                tracing::warn!(%error, "cannot accept a metrics connection");
                continue;
            }
        };
        let (metrics, store) = (metrics.clone(), store.clone());
        connections.spawn(async move {
            let answer = hyper::service::service_fn(move |request| {
                let answer = respond(&request, &metrics, store.as_ref());
                async move { Ok::<_, Infallible>(answer) }
            });
            let served = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), answer)
                .await;
            if let Err(error) = served {
                tracing::debug!(%error, "metrics connection ended with an error");
            }
        });
    }
    // Dropping the set aborts connections still open.
    tracing::debug!("metrics endpoint stopped");
}

fn respond(
    request: &Request<Incoming>,
    metrics: &Metrics,
    store: &dyn DocumentStorage,
) -> Response<Full<Bytes>> {
    let (status, content_type, body) = if request.uri().path() != "/metrics" {
        (
            StatusCode::NOT_FOUND,
            "text/plain",
            String::from("only /metrics is served here\n"),
        )
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        (
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            String::from("use GET /metrics\n"),
        )
    } else {
        (StatusCode::OK, CONTENT_TYPE, metrics.render(store))
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    if let Ok(value) = hyper::header::HeaderValue::from_str(content_type) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, value);
    }
    response
}

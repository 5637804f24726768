//! A tower layer around the gRPC services: each request runs in a tracing
//! span named `rpc` carrying its service and method, so every log line of a
//! handler has them, and its latency to the response headers is recorded by
//! service, method and gRPC status code. It must not read or change messages.

use super::RpcLabels;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;
use tonic::codegen::Service;
use tonic::codegen::http::{Request, Response};
use tracing::Instrument;

type RpcFamily = Family<RpcLabels, Histogram, fn() -> Histogram>;

#[derive(Debug, Clone)]
pub struct RpcLayer {
    latency: RpcFamily,
}

impl RpcLayer {
    pub fn new(latency: RpcFamily) -> Self {
        RpcLayer { latency }
    }
}

impl<S> tower_layer::Layer<S> for RpcLayer {
    type Service = RpcService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RpcService {
            inner,
            latency: self.latency.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RpcService<S> {
    inner: S,
    latency: RpcFamily,
}

impl<S, RequestBody, ResponseBody> Service<Request<RequestBody>> for RpcService<S>
where
    S: Service<Request<RequestBody>, Response = Response<ResponseBody>>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let (service, method) = split_path(request.uri().path());
        let span = tracing::info_span!("rpc", service = %service, method = %method);
        let started = Instant::now();
        let response = span.in_scope(|| self.inner.call(request));
        let latency = self.latency.clone();
        Box::pin(
            async move {
                let response = response.await;
                let code = match &response {
                    Ok(response) => status_code(response),
                    Err(_) => "TransportError".to_string(),
                };
                // Unknown routes answer UNIMPLEMENTED; their paths are the
                // caller's, so they share one series (bounded labels).
                let labels = if code == "Unimplemented" {
                    RpcLabels {
                        service: "unknown".to_string(),
                        method: "unknown".to_string(),
                        code,
                    }
                } else {
                    RpcLabels {
                        service,
                        method,
                        code,
                    }
                };
                latency
                    .get_or_create(&labels)
                    .observe(started.elapsed().as_secs_f64());
                response
            }
            .instrument(span),
        )
    }
}

/// `/pkg.Service/Method` → (`pkg.Service`, `Method`); anything else is
/// labelled `unknown` (label values stay bounded by the routes).
fn split_path(path: &str) -> (String, String) {
    match path.trim_start_matches('/').split_once('/') {
        Some((service, method)) if !service.is_empty() && !method.contains('/') => {
            (service.to_string(), method.to_string())
        }
        _ => ("unknown".to_string(), "unknown".to_string()),
    }
}

/// The status of a call answered with headers only (how tonic answers a
/// failed unary call); otherwise `Ok`: a stream that fails after its headers
/// reports its status in trailers, which this layer does not see.
fn status_code<B>(response: &Response<B>) -> String {
    let code = response
        .headers()
        .get("grpc-status")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<i32>().ok())
        .map_or(tonic::Code::Ok, tonic::Code::from_i32);
    format!("{code:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_service_and_method() {
        assert_eq!(
            split_path("/khabar.v1.DocumentStore/IngestArticle"),
            (
                "khabar.v1.DocumentStore".to_string(),
                "IngestArticle".to_string()
            )
        );
        assert_eq!(
            split_path("/"),
            ("unknown".to_string(), "unknown".to_string())
        );
        assert_eq!(
            split_path("/a/b/c"),
            ("unknown".to_string(), "unknown".to_string())
        );
    }
}

//! How a client subcommand reaches the server: turns `--server` (host:port,
//! http:// or https://), `--ca-cert` and the bearer token into a connected
//! client, and explains a failed connection in terms a user can check. It
//! must not print; errors are returned as messages.

use super::CliResult;
use khabar::proto::v1::document_store_client::DocumentStoreClient;
use std::path::Path;
use std::time::Duration;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint};

/// The client every subcommand uses: the generated client over a channel
/// that adds the bearer token (if any) to every call.
pub type Client = DocumentStoreClient<InterceptedService<Channel, BearerToken>>;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// Adds `authorization: Bearer <token>` to each request when a token is set.
#[derive(Clone, Default)]
pub struct BearerToken(Option<MetadataValue<Ascii>>);

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = if self.0.is_some() { "set" } else { "none" };
        write!(formatter, "BearerToken({state})")
    }
}

impl Interceptor for BearerToken {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.0 {
            request
                .metadata_mut()
                .insert("authorization", value.clone());
        }
        Ok(request)
    }
}

impl BearerToken {
    /// From `--token`, or else the first token line of `--token-file`.
    pub fn from_options(token: Option<&str>, token_file: Option<&Path>) -> CliResult<BearerToken> {
        let token = match (token, token_file) {
            (Some(token), _) => Some(token.trim().to_string()),
            (None, Some(path)) => Some(first_token_line(path)?),
            (None, None) => None,
        };
        let Some(token) = token.filter(|token| !token.is_empty()) else {
            return Ok(BearerToken(None));
        };
        let value = MetadataValue::try_from(format!("Bearer {token}")).map_err(|_| {
            "the token must be printable ASCII without line breaks (check --token / KHABAR_TOKEN)"
        })?;
        Ok(BearerToken(Some(value)))
    }
}

fn first_token_line(path: &Path) -> CliResult<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read the token file {}: {error}", path.display()))?;
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .ok_or_else(|| format!("the token file {} holds no token", path.display()).into())
}

/// Where to connect, as understood from `--server`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The URI tonic connects to (always with a scheme).
    pub uri: String,
    pub tls: bool,
}

/// Accepts `host:port`, `http://host:port` and `https://host[:port]`. A
/// bare `host:port` means TLS when a CA certificate is given.
pub fn parse_target(server: &str, ca_cert_given: bool) -> CliResult<Target> {
    let server = server.trim();
    let (scheme, rest) = match server.split_once("://") {
        Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
        None => (None, server),
    };
    let tls = match scheme.as_deref() {
        None => ca_cert_given,
        Some("http") => false,
        Some("https") => true,
        Some(other) => {
            return Err(format!(
                "--server {server:?}: unknown scheme {other:?}; give host:port (e.g. 127.0.0.1:50051), http://host:port or https://host:port"
            )
            .into());
        }
    };
    if !tls && ca_cert_given {
        return Err(format!(
            "--server {server:?} is plaintext (http://) but --ca-cert is set: use https:// for TLS, or drop --ca-cert"
        )
        .into());
    }
    let authority = rest.trim_end_matches('/');
    if authority.is_empty() || authority.contains('/') {
        return Err(format!(
            "--server {server:?} is not an address: give host:port (e.g. 127.0.0.1:50051), http://host:port or https://host:port"
        )
        .into());
    }
    let uri = format!("{}://{authority}", if tls { "https" } else { "http" });
    let parsed: tonic::codegen::http::Uri = uri.parse().map_err(|_| {
        format!("--server {server:?} is not an address: give host:port, e.g. 127.0.0.1:50051")
    })?;
    if parsed.port_u16().is_none() && !(tls && scheme.is_some()) {
        return Err(format!(
            "--server {server:?} has no port: give host:port, e.g. 127.0.0.1:50051"
        )
        .into());
    }
    Ok(Target { uri, tls })
}

/// Connects at once, so that an unreachable server is reported here with
/// what to check rather than as a bare transport error on the first call.
pub async fn connect(
    server: &str,
    ca_cert: Option<&Path>,
    token: BearerToken,
) -> CliResult<Client> {
    let target = parse_target(server, ca_cert.is_some())?;
    let mut endpoint = Endpoint::from_shared(target.uri.clone())
        .map_err(|error| format!("--server {server:?} is not an address: {error}"))?
        .connect_timeout(CONNECT_TIMEOUT);
    if target.tls {
        let mut tls = ClientTlsConfig::new();
        tls = match ca_cert {
            Some(path) => {
                let pem = std::fs::read(path).map_err(|error| {
                    format!("cannot read the CA certificate {}: {error}", path.display())
                })?;
                tls.ca_certificate(Certificate::from_pem(pem))
            }
            None => tls.with_native_roots(),
        };
        endpoint = endpoint.tls_config(tls).map_err(|error| {
            format!(
                "cannot set up TLS for {}: {}",
                target.uri,
                error_chain(&error)
            )
        })?;
    }
    let channel = endpoint
        .connect()
        .await
        .map_err(|error| connection_failure(server, &target, ca_cert, &error_chain(&error)))?;
    check_speaks_grpc(&channel, &token)
        .await
        .map_err(|problem| connection_failure(server, &target, ca_cert, &problem))?;
    Ok(DocumentStoreClient::with_interceptor(channel, token)
        .max_decoding_message_size(MAX_RESPONSE_BYTES))
}

/// One health call: a TCP connection can succeed where gRPC cannot (a
/// plaintext client at a TLS port), and that should be reported as a
/// connection problem, not as an error of the first real call. Answers that
/// come from a working server (including refusals) count as success.
async fn check_speaks_grpc(channel: &Channel, token: &BearerToken) -> Result<(), String> {
    use tonic_health::pb::HealthCheckRequest;
    use tonic_health::pb::health_client::HealthClient;

    let mut health = HealthClient::with_interceptor(channel.clone(), token.clone());
    let call = health.check(HealthCheckRequest {
        service: String::new(),
    });
    match tokio::time::timeout(CONNECT_TIMEOUT, call).await {
        Err(_) => Err(format!(
            "no gRPC answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        )),
        Ok(Ok(_)) => Ok(()),
        Ok(Err(status)) => match status.code() {
            tonic::Code::Unauthenticated
            | tonic::Code::PermissionDenied
            | tonic::Code::Unimplemented
            | tonic::Code::NotFound => Ok(()),
            code => {
                let mut problem = format!("{code:?}: {}", status.message());
                if let Some(source) = std::error::Error::source(&status) {
                    problem.push_str(": ");
                    problem.push_str(&error_chain(source));
                }
                Err(problem)
            }
        },
    }
}

/// A connection failure: where it tried, what went wrong underneath, and
/// what to check.
fn connection_failure(
    server: &str,
    target: &Target,
    ca_cert: Option<&Path>,
    problem: &str,
) -> String {
    let tls_hint = if target.tls {
        let trust = match ca_cert {
            Some(path) => format!("that {} signed the server's certificate", path.display()),
            None => "the server's certificate is trusted (or pass --ca-cert)".to_string(),
        };
        format!(
            "the server uses TLS (if it does not, use http:// or plain host:port) and {trust}, and that the host name matches the certificate"
        )
    } else {
        "the server does not use TLS (if it does, use https://HOST:PORT and --ca-cert)".to_string()
    };
    let certificate_hint = if problem.contains("CaUsedAsEndEntity") {
        " (the server presents a CA certificate; it must serve a leaf certificate, basicConstraints CA:FALSE)"
    } else {
        ""
    };
    format!(
        "cannot connect to {} (from --server / KHABAR_SERVER {server:?}): {problem}{certificate_hint}. Check that `khabar serve` is running there, that the address and port are right, and that {tls_hint}",
        target.uri,
    )
}

/// "transport error: tcp connect error: Connection refused (os error 111)"
/// rather than tonic's bare "transport error".
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        source = cause.source();
        if parts.len() >= 8 {
            break;
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses_in_every_accepted_form() {
        let plain = parse_target("127.0.0.1:50051", false).expect("host:port");
        assert_eq!(plain.uri, "http://127.0.0.1:50051");
        assert!(!plain.tls);
        let with_ca = parse_target("localhost:50051", true).expect("host:port with CA");
        assert_eq!(with_ca.uri, "https://localhost:50051");
        assert!(with_ca.tls);
        let http = parse_target("http://[::1]:50051/", false).expect("http");
        assert_eq!(http.uri, "http://[::1]:50051");
        let https = parse_target("https://khabar.example", false).expect("https, port 443");
        assert!(https.tls);
    }

    #[test]
    fn unusable_server_addresses_say_what_to_give() {
        for (server, ca, expected) in [
            ("127.0.0.1", false, "has no port"),
            ("grpc://127.0.0.1:1", false, "unknown scheme"),
            ("http://127.0.0.1:1", true, "use https://"),
            ("http://127.0.0.1:1/path", false, "not an address"),
        ] {
            let message = parse_target(server, ca).expect_err("refused").to_string();
            assert!(message.contains(expected), "{server}: {message}");
        }
    }
}

//! Bearer-token authentication in front of the gRPC services: loads the
//! accepted tokens (a file and/or the configuration's inline tokens), keeps
//! only their BLAKE3 digests, and checks the `authorization: Bearer <token>`
//! metadata of each call with a constant-time comparison. It decides only
//! whether a call may proceed; it must never log, echo or keep a token in
//! clear, and a rejection becomes a `Status` through `ServiceError` like
//! every other error.

use crate::config::Config;
use crate::service::ServiceError;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thiserror::Error;
use tonic::metadata::MetadataValue;
use tonic::service::Interceptor;

/// Environment variable `khabar serve` reads inline tokens from (comma
/// separated).
pub const TOKENS_ENVIRONMENT_VARIABLE: &str = "KHABAR_AUTH_TOKENS";

/// Why the accepted tokens could not be loaded. Messages name the file and
/// line, never the token.
#[derive(Debug, Error)]
pub enum AuthSetupError {
    #[error("cannot read the auth token file {path}: {source}")]
    ReadTokenFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the auth token file {path} holds no token (one token per line; blank lines and lines starting with # are ignored)"
    )]
    EmptyTokenFile { path: PathBuf },
    #[error(
        "{origin}: a token must be printable ASCII without spaces or commas (it travels as `authorization: Bearer <token>`)"
    )]
    UnusableToken { origin: String },
}

/// Why a call was refused; each message tells the caller what to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    MissingToken,
    NotBearer,
    UnknownToken,
}

impl Rejection {
    fn message(self) -> &'static str {
        match self {
            Rejection::MissingToken => {
                "this server requires a bearer token: send the metadata `authorization: Bearer <token>`"
            }
            Rejection::NotBearer => {
                "the authorization metadata is not a bearer token: send `authorization: Bearer <token>`"
            }
            Rejection::UnknownToken => {
                "the bearer token is not accepted by this server: check the token sent as `authorization: Bearer <token>`"
            }
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Rejection::MissingToken => "no authorization metadata",
            Rejection::NotBearer => "authorization is not a bearer token",
            Rejection::UnknownToken => "unknown token",
        }
    }
}

impl From<Rejection> for ServiceError {
    fn from(rejection: Rejection) -> ServiceError {
        ServiceError::Unauthenticated(rejection.message().to_string())
    }
}

/// The accepted tokens, as digests of equal length.
#[derive(Debug)]
pub struct TokenSet {
    digests: Vec<blake3::Hash>,
}

impl TokenSet {
    /// Tokens from `token_file` (if any) and `inline` together; `None` when
    /// neither gives one, i.e. authentication is off.
    pub fn load(
        token_file: Option<&Path>,
        inline: &[crate::config::Secret],
    ) -> Result<Option<TokenSet>, AuthSetupError> {
        let mut digests = Vec::new();
        if let Some(path) = token_file {
            let text =
                std::fs::read_to_string(path).map_err(|source| AuthSetupError::ReadTokenFile {
                    path: path.to_path_buf(),
                    source,
                })?;
            let before = digests.len();
            for (index, line) in text.lines().enumerate() {
                let token = line.trim();
                if token.is_empty() || token.starts_with('#') {
                    continue;
                }
                let origin = || format!("line {} of {}", index + 1, path.display());
                digests.push(digest_of_usable(token, origin)?);
            }
            if digests.len() == before {
                return Err(AuthSetupError::EmptyTokenFile {
                    path: path.to_path_buf(),
                });
            }
        }
        for (index, secret) in inline.iter().enumerate() {
            let token = secret.expose().trim();
            let origin = || format!("token {} of {TOKENS_ENVIRONMENT_VARIABLE}", index + 1);
            digests.push(digest_of_usable(token, origin)?);
        }
        Ok((!digests.is_empty()).then_some(TokenSet { digests }))
    }

    /// Whether `token` is one of the accepted tokens. Every digest is
    /// compared (in constant time) whatever the outcome.
    pub fn accepts(&self, token: &str) -> bool {
        let presented = blake3::hash(token.as_bytes());
        self.digests
            .iter()
            .fold(false, |found, digest| found | (*digest == presented))
    }

    pub fn len(&self) -> usize {
        self.digests.len()
    }

    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// Checks the value of the `authorization` metadata.
    pub fn check(&self, authorization: Option<&[u8]>) -> Result<(), Rejection> {
        let value = authorization.ok_or(Rejection::MissingToken)?;
        let value = std::str::from_utf8(value).map_err(|_| Rejection::NotBearer)?;
        let (scheme, token) = value.trim().split_once(' ').ok_or(Rejection::NotBearer)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(Rejection::NotBearer);
        }
        if self.accepts(token.trim()) {
            Ok(())
        } else {
            Err(Rejection::UnknownToken)
        }
    }
}

fn digest_of_usable(
    token: &str,
    origin: impl FnOnce() -> String,
) -> Result<blake3::Hash, AuthSetupError> {
    let usable = !token.is_empty()
        && token
            .bytes()
            .all(|byte| byte.is_ascii_graphic() && byte != b',');
    if usable && MetadataValue::try_from(format!("Bearer {token}")).is_ok() {
        Ok(blake3::hash(token.as_bytes()))
    } else {
        Err(AuthSetupError::UnusableToken { origin: origin() })
    }
}

/// A tonic interceptor: lets every call through when it holds no tokens,
/// otherwise only calls with an accepted bearer token.
#[derive(Debug, Clone, Default)]
pub struct Authenticator {
    tokens: Option<Arc<TokenSet>>,
}

impl Interceptor for Authenticator {
    fn call(&mut self, request: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
        let Some(tokens) = &self.tokens else {
            return Ok(request);
        };
        let authorization = request
            .metadata()
            .get("authorization")
            .map(|value| value.as_bytes());
        match tokens.check(authorization) {
            Ok(()) => Ok(request),
            Err(rejection) => {
                let peer = request
                    .remote_addr()
                    .map_or_else(|| String::from("unknown"), |address| address.to_string());
                tracing::info!(%peer, reason = rejection.reason(), "call refused: unauthenticated");
                Err(ServiceError::from(rejection).into())
            }
        }
    }
}

/// Which interceptor guards which service, from the configuration.
#[derive(Debug, Clone)]
pub struct AccessPolicy {
    document_store: Authenticator,
    health_and_reflection: Authenticator,
}

impl AccessPolicy {
    pub fn from_config(config: &Config) -> Result<AccessPolicy, AuthSetupError> {
        let tokens =
            TokenSet::load(config.auth_token_file.as_deref(), &config.auth_tokens)?.map(Arc::new);
        let guarded = Authenticator { tokens };
        let health_and_reflection = if config.auth_exempt_health_and_reflection {
            Authenticator::default()
        } else {
            guarded.clone()
        };
        Ok(AccessPolicy {
            document_store: guarded,
            health_and_reflection,
        })
    }

    /// Whether any service requires a token.
    pub fn enabled(&self) -> bool {
        self.document_store.tokens.is_some()
    }

    pub fn token_count(&self) -> usize {
        self.document_store.tokens.as_ref().map_or(0, |t| t.len())
    }

    pub fn for_document_store(&self) -> Authenticator {
        self.document_store.clone()
    }

    pub fn for_health_and_reflection(&self) -> Authenticator {
        self.health_and_reflection.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    fn tokens(values: &[&str]) -> TokenSet {
        let inline: Vec<Secret> = values.iter().map(|value| Secret::new(*value)).collect();
        TokenSet::load(None, &inline)
            .expect("usable tokens")
            .expect("some tokens")
    }

    #[test]
    fn bearer_values_are_checked_against_every_token() {
        let set = tokens(&["alpha-token", "beta-token"]);
        assert_eq!(set.check(Some(b"Bearer beta-token")), Ok(()));
        assert_eq!(set.check(Some(b"bearer alpha-token")), Ok(()));
        assert_eq!(
            set.check(Some(b"Bearer gamma-token")),
            Err(Rejection::UnknownToken)
        );
        assert_eq!(set.check(Some(b"alpha-token")), Err(Rejection::NotBearer));
        assert_eq!(
            set.check(Some(b"Basic alpha-token")),
            Err(Rejection::NotBearer)
        );
        assert_eq!(set.check(None), Err(Rejection::MissingToken));
    }

    #[test]
    fn token_file_skips_comments_and_blank_lines_and_names_bad_lines() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = directory.path().join("tokens");
        std::fs::write(&path, "# operators\n\n  first-token  \nsecond-token\n").expect("write");
        let set = TokenSet::load(Some(&path), &[])
            .expect("usable file")
            .expect("tokens");
        assert_eq!(set.len(), 2);
        assert!(set.accepts("first-token"));
        assert!(!set.accepts("# operators"));

        std::fs::write(&path, "# nothing yet\n\n").expect("write");
        let empty = TokenSet::load(Some(&path), &[]).expect_err("a file without tokens");
        assert!(empty.to_string().contains("holds no token"), "{empty}");

        std::fs::write(&path, "good-token\nhas a space\n").expect("write");
        let bad = TokenSet::load(Some(&path), &[]).expect_err("a token with spaces");
        let message = bad.to_string();
        assert!(message.contains("line 2 of"), "{message}");
        assert!(!message.contains("has a space"), "{message}");
    }

    #[test]
    fn no_tokens_means_authentication_is_off() {
        assert!(
            TokenSet::load(None, &[])
                .expect("nothing to load")
                .is_none()
        );
        let policy = AccessPolicy::from_config(&Config::default()).expect("default config");
        assert!(!policy.enabled());
    }
}

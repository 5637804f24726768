//! The server's TLS identity: reads the PEM certificate chain and private
//! key named in the configuration and hands them to tonic's rustls acceptor.
//! It only loads files at start-up; errors name the file and what it should
//! contain. It must not log key material.

use crate::config::Config;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thiserror::Error;
use tonic::transport::{Identity, ServerTlsConfig};

/// A connection that has not finished its TLS handshake by then is dropped,
/// so stalled handshakes cannot pile up.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Error)]
pub enum TlsSetupError {
    #[error("cannot read the TLS {what} file {path}: {source}")]
    Read {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the TLS {what} file {path} holds no PEM {expected} block (-----BEGIN {expected}-----)"
    )]
    NotPem {
        what: &'static str,
        path: PathBuf,
        expected: &'static str,
    },
}

/// The TLS settings to serve with, or `None` when TLS is off.
pub fn server_tls(config: &Config) -> Result<Option<ServerTlsConfig>, TlsSetupError> {
    let (Some(cert_path), Some(key_path)) = (&config.tls_cert_file, &config.tls_key_file) else {
        return Ok(None);
    };
    let certificate = read_pem(cert_path, "certificate", "CERTIFICATE")?;
    let key = read_pem(key_path, "key", "PRIVATE KEY")?;
    Ok(Some(
        ServerTlsConfig::new()
            .identity(Identity::from_pem(certificate, key))
            .timeout(HANDSHAKE_TIMEOUT),
    ))
}

/// Reads a PEM file and checks that it holds a block whose label ends with
/// `label` ("PRIVATE KEY" covers PKCS#8, RSA and EC keys).
fn read_pem(
    path: &Path,
    what: &'static str,
    label: &'static str,
) -> Result<Vec<u8>, TlsSetupError> {
    let bytes = std::fs::read(path).map_err(|source| TlsSetupError::Read {
        what,
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let has_block = text.lines().any(|line| {
        let line = line.trim();
        line.starts_with("-----BEGIN ") && line.ends_with(&format!("{label}-----"))
    });
    if has_block {
        Ok(bytes)
    } else {
        Err(TlsSetupError::NotPem {
            what,
            path: path.to_path_buf(),
            expected: label,
        })
    }
}

//! khabar: a gRPC document store for news intelligence.
//!
//! The crate is layered in one direction: `server` wires the gRPC `service`,
//! whose handlers call `extract` and a `storage::DocumentStorage` (the sled
//! `store` is one implementation); `store` knows nothing of gRPC;
//! `extract` is pure functions of text; `filter` says what list filters mean
//! for both queries and streams; `reextract` runs the engine again over
//! stored text. `proto` holds the generated types that every layer shares.

pub mod auth;
pub mod codec;
pub mod config;
pub mod excerpt;
pub mod extract;
pub mod filter;
pub mod health;
pub mod metrics;
pub mod proto;
pub mod reextract;
pub mod server;
pub mod service;
pub mod storage;
pub mod store;
pub mod tls;

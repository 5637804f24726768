//! The cases of the storage contract (`tests/storage_contract.rs`), one
//! function per behaviour, each taking a fresh storage of any backend.

pub mod change_log;
pub mod listings;
pub mod operations;
pub mod records;

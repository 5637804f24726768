//! Finds statements (direct quotations and reported speech) in an article
//! body and attributes them to speakers.
//!
//! Placeholder while the statement engine is built.

use super::tokens::Token;
use crate::proto::v1::Statement;

/// Finds the statements of one article body.
pub fn find_statements(_body: &str, _tokens: &[Token], _article_id: &str) -> Vec<Statement> {
    Vec::new()
}

//! nginx configurations: the parser, its crossplane-compatible payload, and
//! (as they land) directive knowledge, checks, lint rules and the formatter.

pub mod ast;
pub mod check;
pub mod crossplane;
pub mod directives;
pub mod parse;

pub use check::check;
pub use parse::{parse, ParseError, Parsed};

//! nginx configurations: the parser, its crossplane-compatible payload, the
//! directive table, the checks and lint rules, and the formatter.

pub mod ast;
pub mod check;
pub mod crossplane;
pub mod directives;
pub mod format;
pub mod listen;
pub mod parse;
pub mod regex;
pub mod regex_lint;
pub mod script;
pub mod tree;
pub mod url;
pub mod value;
pub mod variables;

pub use check::{check, check_parsed};
pub use format::{format, FormatError};
pub use parse::{parse, ParseError, Parsed};

//! The ecs-atlas domain engine.
//!
//! Everything a user could get wrong is decided here, in pure functions over text
//! and data, so the browser app and the CLI always agree. This crate knows nothing
//! of the web, files or clocks: callers hand it text and get models and
//! diagnostics back. Parsers never fail; a broken input yields a best-effort model
//! plus diagnostics that point at the offending line.

pub mod deployment;
pub mod diagnostic;
pub mod diagram;
pub mod editing;
pub mod export;
pub mod json_de;
pub mod json_edit;
pub mod json_spans;
pub mod json_tree;
pub mod layout;
pub mod line_index;
pub mod nginx;
pub mod outline;
pub mod reference;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod taskdef;
pub mod units;
pub mod view;
pub mod workspace;

pub use diagnostic::{Diagnostic, Severity, Span};
pub use workspace::Workspace;

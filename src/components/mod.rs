pub mod code_editor;
pub mod problems;
pub mod rule_docs;

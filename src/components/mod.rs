pub mod code_editor;
pub mod file_tabs;
pub mod problems;
pub mod rule_docs;

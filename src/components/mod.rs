pub mod code_view;
pub mod diagnostics_list;
pub mod rule_docs;
pub mod text_editor;

pub mod add_file;
pub mod artifacts;
pub mod changes;
pub mod deployment;
pub mod export;
pub mod rules;
pub mod taskdef_form;
pub mod topology;

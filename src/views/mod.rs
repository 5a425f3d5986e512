pub mod artifacts;
pub mod rules;
pub mod topology;

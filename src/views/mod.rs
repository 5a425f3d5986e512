pub mod artifacts;
pub mod export;
pub mod rules;
pub mod topology;

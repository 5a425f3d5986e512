pub mod artifacts;
pub mod deployment;
pub mod export;
pub mod rules;
pub mod topology;

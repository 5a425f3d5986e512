//! `ecs-atlas`: the web app's checks on the command line, for CI.

mod check;
mod export;
mod inputs;
mod load;
mod output;
mod parse;
mod render;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "ecs-atlas",
    version,
    about = "Understand, check and export an AWS ECS deployment"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check task definitions and deployments: each PATH is a task definition
    /// file (plain or describe output), an atlas.json, or a folder holding one.
    /// Exit status: 0 without errors, 1 with errors, 2 on usage or read errors.
    Check {
        #[arg(required_unless_present = "reference")]
        paths: Vec<PathBuf>,
        /// Check the built-in reference deployment.
        #[arg(long, conflicts_with = "paths")]
        reference: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a file in the form AWS accepts.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Parse an nginx config and print crossplane's JSON payload for it
    /// (`crossplane parse --single-file`): status, errors, and the directives
    /// with their lines, arguments and blocks. Exit status 1 on a syntax error.
    Parse { file: PathBuf },
    /// List every rule, or show one rule's documentation.
    Rules {
        /// A rule id such as taskdef/read-only-field.
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Register-ready task definition JSON (read-only fields, nulls and empty
    /// lists removed, fields in the API's order). Errors that would still fail
    /// registration go to stderr and make the exit status 1.
    Taskdef { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            paths,
            reference,
            format,
        } => check::run(&paths, reference, format),
        Command::Export {
            what: ExportCommand::Taskdef { file },
        } => export::taskdef(&file),
        Command::Parse { file } => parse::run(&file),
        Command::Rules { id, format } => rules::run(id.as_deref(), format),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("ecs-atlas: {message}");
            ExitCode::from(2)
        }
    }
}

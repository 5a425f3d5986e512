//! `ecs-atlas`: the web app's checks on the command line, for CI.

mod check;
mod load;
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
    /// Check a deployment: atlas.json and the files it lists beside it.
    Check {
        /// atlas.json, or the folder holding it. Omit with --reference.
        path: Option<PathBuf>,
        /// Check the built-in reference deployment instead of a file.
        #[arg(long, conflicts_with = "path")]
        reference: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// List every rule, or show one rule's documentation.
    Rules {
        /// A rule id such as atlas/unknown-reference.
        id: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            path,
            reference,
            format,
        } => check::run(path.as_deref(), reference, format),
        Command::Rules { id } => rules::run(id.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("ecs-atlas: {message}");
            ExitCode::from(2)
        }
    }
}

//! `ecs-atlas`: the web app's checks on the command line, for CI.

mod check;
mod diff;
mod export;
mod fmt;
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
    /// Format nginx configs in one layout, keeping every token and comment.
    ///
    /// Four spaces per block level, one directive per line, at most one blank
    /// line where the author left any, comments where they were, every
    /// argument exactly as written and Lua block bodies byte for byte; an
    /// argument the author put on a new line (a long `log_format`) gets a
    /// continuation line indented one level deeper. A config with a syntax
    /// error is not touched: its first error is printed as
    /// `file:line:column: error: message`.
    ///
    /// Without options the one FILE is printed formatted on stdout. Exit
    /// status: 0 when every file is formatted, 1 when --check finds one that
    /// would change, 2 on read or syntax errors.
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print each file that would change, with a short diff, and change nothing.
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// Rewrite each file in place.
        #[arg(long)]
        write: bool,
    },
    /// Print the JSON Schema of atlas.json (the deployment file), for
    /// editors: point the file's "$schema" at it to get completion and checks.
    Schema,
    /// Print a synthetic deployment shaped like the reference, with SERVICES
    /// backend-like services of TASKS each, as JSON: `{"deployment": {"name",
    /// "text"}, "artifacts": [{"name", "text"}, ...]}`. For load and
    /// performance tests of the checks and the diagram.
    Sample {
        #[arg(long, default_value_t = 50)]
        services: usize,
        #[arg(long, default_value_t = 10)]
        tasks: u32,
    },
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
        Command::Fmt { files, check, write } => fmt::run(
            &files,
            match (check, write) {
                (true, _) => fmt::Mode::Check,
                (false, true) => fmt::Mode::Write,
                (false, false) => fmt::Mode::Print,
            },
        ),
        Command::Schema => {
            output::out!("{}", atlas_core::deployment::json_schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Sample { services, tasks } => {
            let workspace = atlas_core::reference::generated_workspace(services.min(1000), tasks.min(1000));
            match serde_json::to_string(&workspace) {
                Ok(json) => {
                    output::out!("{json}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Err(e.to_string()),
            }
        }
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

//! The `shapesmith` command line.
//!
//! Exit status: 0 on success, 1 when `generate --check` finds stale files or
//! `diff` finds a breaking change, 2 on bad input (unreadable or invalid
//! model, unknown operation, bad arguments).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use shapesmith::workspace::WorkspaceConfig;
use shapesmith::{Config, Error};

/// Parsing and printing the generated code makes millions of small
/// allocations; mimalloc serves them in about half the time of the system
/// allocator, which is most of the gap to a sub-second full-SSM generation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "shapesmith",
    version,
    about = "Generate serde-native Rust crates from Smithy JSON AST models"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from a model, or every crate listed in shapesmith.toml.
    // Boxed: clap parses one command once; the box keeps the enum small.
    Generate(Box<GenerateArgs>),
    /// Compare two versions of a model: release notes and the semver bump of
    /// the generated crate (exit 1 when something breaks).
    Diff(DiffArgs),
}

#[derive(Args)]
struct DiffArgs {
    /// The model before the change.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The model after the change.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// An operation to compare (repeatable); default: every operation.
    #[arg(long = "operation", value_name = "NAME")]
    operations: Vec<String>,
    /// Release notes for people, or JSON for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The generated crate's current version, to print the exact next one.
    #[arg(long, value_name = "VERSION")]
    crate_version: Option<String>,
    /// The crate is generated with validate_requests: tightened input
    /// constraints then break callers.
    #[arg(long)]
    validate_requests: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Release notes for people.
    Text,
    /// The same content as JSON, the overall bump in "semver".
    Json,
}

#[derive(Args)]
struct GenerateArgs {
    /// The Smithy JSON AST model file. Without it, shapesmith.toml is used.
    #[arg(long, value_name = "FILE", requires = "out", conflicts_with = "config")]
    model: Option<PathBuf>,
    /// The folder to write the crate into.
    #[arg(long, value_name = "DIR", requires = "model")]
    out: Option<PathBuf>,
    /// The package name (default: the service's sdkId in snake case).
    #[arg(long, value_name = "NAME", requires = "model")]
    crate_name: Option<String>,
    /// An operation to generate (repeatable); default: every operation.
    #[arg(long = "operation", value_name = "NAME", requires = "model")]
    operations: Vec<String>,
    /// The package version (default 0.1.0).
    #[arg(long, value_name = "VERSION", requires = "model")]
    crate_version: Option<String>,
    /// The package's licence (an SPDX expression such as Apache-2.0).
    #[arg(long, value_name = "SPDX", requires = "model")]
    license: Option<String>,
    /// The package's repository URL.
    #[arg(long, value_name = "URL", requires = "model")]
    repository: Option<String>,
    /// The package description.
    #[arg(long, value_name = "TEXT", requires = "model")]
    description: Option<String>,
    /// Let `cargo publish` publish the crate (default: publish = false).
    #[arg(long, requires = "model")]
    publish: bool,
    /// Copy the runtime's modules into the crate instead of depending on
    /// shapesmith-runtime (the default while shapesmith-runtime is not on
    /// crates.io).
    #[arg(long, requires = "model", conflicts_with_all = ["runtime_path", "runtime_version"])]
    vendored_runtime: bool,
    /// Depend on shapesmith-runtime from the registry, with this version
    /// requirement.
    #[arg(long, value_name = "VERSION", requires = "model", conflicts_with = "runtime_path")]
    runtime_version: Option<String>,
    /// Depend on shapesmith-runtime at this path, written into the crate's
    /// Cargo.toml as given (so relative to the crate's folder).
    #[arg(long, value_name = "DIR", requires = "model")]
    runtime_path: Option<String>,
    /// The config file listing crates (default: shapesmith.toml here or above).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Make `request()` check @length, @range and @pattern and refuse input
    /// that breaks them (off by default, as Smithy says).
    #[arg(long, requires = "model")]
    validate_requests: bool,
    /// Give outputs and errors a `validate()` too (by default only what a
    /// caller sends has one).
    #[arg(long, requires = "model")]
    validate_outputs: bool,
    /// A header every request carries, as NAME=VALUE (repeatable): a service
    /// customization no trait describes (API Gateway: Accept=application/json).
    #[arg(long = "default-header", value_name = "NAME=VALUE", requires = "model", value_parser = name_value)]
    default_headers: Vec<(String, String)>,
    /// The value of an @httpLabel input member left unset or empty, as
    /// MEMBER=VALUE (repeatable; Glacier: accountId=-).
    #[arg(long = "label-default", value_name = "MEMBER=VALUE", requires = "model", value_parser = name_value)]
    label_defaults: Vec<(String, String)>,
    /// Add Glacier's X-Amz-Content-Sha256 and X-Amz-Sha256-Tree-Hash headers
    /// to requests with a blob payload.
    #[arg(long, requires = "model")]
    glacier_checksums: bool,
    /// Emit the model's endpoint test cases (smithy.rules#endpointTests) as
    /// tests of the crate's `endpoint` module.
    #[arg(long)]
    endpoint_tests: bool,
    /// Fail, writing nothing, when the model has what the crate would not
    /// check (such as a @pattern that cannot be compiled), instead of
    /// generating without it and printing a warning.
    #[arg(long)]
    deny_warnings: bool,
    /// Write nothing; exit 1 and list the files that differ if any crate is stale.
    #[arg(long)]
    check: bool,
}

/// `NAME=VALUE`, split at the first `=`; the name must not be empty.
fn name_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not NAME=VALUE")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate(*args),
        Command::Diff(args) => diff(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn diff(args: DiffArgs) -> Result<ExitCode, Error> {
    let report =
        shapesmith::diff::diff_validating_requests(&args.old, &args.new, &args.operations, args.validate_requests)?;
    if let Some(version) = &args.crate_version {
        if report.semver.next_version(version).is_none() {
            return Err(Error::Config(format!(
                "--crate-version `{version}` is not a MAJOR.MINOR.PATCH version"
            )));
        }
    }
    let version = args.crate_version.as_deref();
    match args.format {
        Format::Text => print!(
            "{}",
            match version {
                Some(v) => report.to_text_for_version(v),
                None => report.to_text(),
            }
        ),
        Format::Json => {
            let json = match version {
                Some(v) => report.to_json_for_version(v),
                None => report.to_json(),
            };
            let text = serde_json::to_string_pretty(&json)
                .map_err(|e| Error::Internal(format!("the report does not serialize: {e}")))?;
            println!("{text}");
        }
    }
    Ok(if report.is_breaking() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn generate(args: GenerateArgs) -> Result<ExitCode, Error> {
    let jobs: Vec<(Config, PathBuf)> = match (args.model, args.out) {
        (Some(model), Some(out)) => {
            let mut config = Config::new(model);
            config
                .operations(args.operations)
                .validate_requests(args.validate_requests)
                .validate_outputs(args.validate_outputs)
                .glacier_checksums(args.glacier_checksums);
            for (name, value) in args.default_headers {
                config.default_header(name, value);
            }
            for (member, value) in args.label_defaults {
                config.label_default(member, value);
            }
            if let Some(name) = args.crate_name {
                config.crate_name(name);
            }
            if let Some(version) = args.crate_version {
                config.crate_version(version);
            }
            if let Some(license) = args.license {
                config.license(license);
            }
            if let Some(url) = args.repository {
                config.repository(url);
            }
            if let Some(text) = args.description {
                config.description(text);
            }
            config.publish(args.publish);
            if args.vendored_runtime {
                config.runtime(shapesmith::Runtime::Vendored);
            } else if let Some(path) = args.runtime_path {
                config.runtime(shapesmith::Runtime::Path(path));
            } else if let Some(version) = args.runtime_version {
                config.runtime(shapesmith::Runtime::Version(version));
            }
            vec![(config, out)]
        }
        _ => {
            let path = match args.config {
                Some(path) => path,
                None => {
                    let here = std::env::current_dir()
                        .map_err(|e| Error::Config(format!("cannot read the current folder: {e}")))?;
                    WorkspaceConfig::find(&here).ok_or_else(|| {
                        Error::Config(format!(
                            "no --model given and no {} found in {} or above",
                            shapesmith::workspace::FILE_NAME,
                            here.display()
                        ))
                    })?
                }
            };
            let workspace = WorkspaceConfig::load(&path)?;
            workspace
                .crates
                .iter()
                .map(|entry| Ok((entry.config(&workspace.root)?, entry.out_dir(&workspace.root))))
                .collect::<Result<_, Error>>()?
        }
    };

    let here = std::env::current_dir().unwrap_or_default();
    let mut stale = false;
    for (mut config, out) in jobs {
        if args.deny_warnings {
            config.deny_warnings(true);
        }
        if args.endpoint_tests {
            config.endpoint_tests(true);
        }
        // Shown relative to where the command runs, as the user would type it.
        let shown = out.strip_prefix(&here).unwrap_or(&out).display().to_string();
        let started = Instant::now();
        if args.check {
            let differences = config.check(&out)?;
            if differences.is_empty() {
                println!("{shown}: up to date");
            } else {
                stale = true;
                println!("{shown}: stale, {} file(s) differ:", differences.len());
                for difference in differences {
                    println!("  {difference}");
                }
            }
        } else {
            let generated = config.generate(&out)?;
            for warning in &generated.warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "{shown}: {} files, {} lines, generated in {} ms",
                generated.files.len(),
                generated.line_count(),
                started.elapsed().as_millis()
            );
        }
    }
    if stale {
        println!("regenerate with: shapesmith generate");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

//! shapesmith turns a Smithy service model (JSON AST) into a small Rust crate
//! whose types speak the service's protocol (awsJson1_0, awsJson1_1 and
//! restJson1 today) sans I/O, with serde impls that are its JSON form.
//!
//! The pipeline runs one way: a reader parses the JSON AST, a resolver
//! builds an IR in which every Rust name, type and wire rule is decided once,
//! the emitters turn the IR into Rust with `quote!`, and the layout step
//! formats it with prettyplease and writes it.
//!
//! # Generating a crate
//!
//! ```no_run
//! shapesmith::Config::new("model/ssm/describe-sessions.json")
//!     .crate_name("ssm")
//!     .operation("DescribeSessions")
//!     .generate("generated/ssm")?;
//! # Ok::<(), shapesmith::Error>(())
//! ```
//!
//! # From a build script
//!
//! [`Config::write_to_out_dir`] writes the whole crate as one file of inline
//! modules into `OUT_DIR` and prints `cargo:rerun-if-changed` for the model.
//! Include it at the root of a crate that depends on `http`, `serde` and
//! `serde_json` (the generated code needs nothing else):
//!
//! ```no_run
//! // In build.rs, inside `fn main()`:
//! shapesmith::Config::new("../model/ssm/describe-sessions.json")
//!     .crate_name("ssm")
//!     .operation("DescribeSessions")
//!     .write_to_out_dir()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/ssm.rs"));
//! ```
//!
//! # When the model changes
//!
//! [`diff::diff`] compares two versions of a model as the generated crate
//! sees them and classifies every change as a semver bump.

pub mod diff;
mod docs;
mod emit;
pub mod error;
mod ir;
mod layout;
mod model;
mod names;
// The engine generated crates use for `@pattern` (the runtime's, re-exported
// or vendored), so that a pattern it cannot handle is found at generation
// time. Only compiling is used here; matching is tested in the runtime.
use shapesmith_runtime::pattern;
mod resolve;
mod shape_id;
pub mod warning;
pub mod workspace;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::Error;
pub use ir::Runtime;
pub use shape_id::ShapeId;
pub use warning::Warning;

/// What the `model_reader` fuzz target drives: the model reader and the
/// resolver, which are otherwise private. Not part of the API: it may
/// change or go away in any release.
#[doc(hidden)]
pub mod __fuzz {
    pub use crate::ir::{Customizations, PackageIr};
    pub use crate::model::Model;
    pub use crate::resolve::{resolve, Selection};
}

/// Settings for one generated crate, in the style of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    model: PathBuf,
    crate_name: Option<String>,
    package: ir::PackageIr,
    runtime: ir::Runtime,
    operations: Vec<String>,
    protocol_tests: bool,
    skip_tests: BTreeMap<String, String>,
    endpoint_members: BTreeMap<String, String>,
    validate_requests: bool,
    validate_outputs: bool,
    deny_warnings: bool,
    endpoint_tests: bool,
    customizations: ir::Customizations,
}

/// The files of a generated crate, keyed by path relative to its folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// File contents by relative path, in path order.
    pub files: BTreeMap<PathBuf, String>,
    /// What the crate does not enforce (a `@pattern` the engine cannot
    /// compile, ...), in the order found.
    pub warnings: Vec<Warning>,
}

impl Generated {
    /// Total number of lines over all files.
    pub fn line_count(&self) -> usize {
        self.files.values().map(|f| f.lines().count()).sum()
    }
}

/// How a file on disk differs from what shapesmith would write.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Difference {
    /// The file should exist but does not.
    Missing(PathBuf),
    /// The file exists with other contents.
    Changed(PathBuf),
    /// A Rust source file exists that shapesmith would not write.
    Extra(PathBuf),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Missing(p) => write!(f, "missing: {}", p.display()),
            Difference::Changed(p) => write!(f, "changed: {}", p.display()),
            Difference::Extra(p) => write!(f, "extra:   {}", p.display()),
        }
    }
}

impl Config {
    /// Settings to generate from the model file at `model`.
    pub fn new(model: impl Into<PathBuf>) -> Config {
        Config {
            model: model.into(),
            crate_name: None,
            package: ir::PackageIr::default(),
            runtime: ir::Runtime::default(),
            operations: Vec::new(),
            protocol_tests: false,
            skip_tests: BTreeMap::new(),
            endpoint_members: BTreeMap::new(),
            validate_requests: false,
            validate_outputs: false,
            deny_warnings: false,
            endpoint_tests: false,
            customizations: ir::Customizations::default(),
        }
    }

    /// The package name (default: the service's `sdkId`, snake case).
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The package version (default `0.1.0`).
    pub fn crate_version(&mut self, version: impl Into<String>) -> &mut Self {
        self.package.version = version.into();
        self
    }

    /// Where the crate gets its runtime: by default a dependency on
    /// `shapesmith-runtime` (the version this generator needs) from the
    /// registry; [`Runtime::Path`] for a path dependency (as the crate's
    /// `Cargo.toml` writes it, relative to its folder); [`Runtime::Vendored`]
    /// copies the runtime's modules into the crate, unchanged, for a crate
    /// with no dependency on it.
    pub fn runtime(&mut self, runtime: Runtime) -> &mut Self {
        self.runtime = runtime;
        self
    }

    /// The package's licence, an SPDX expression such as `Apache-2.0`
    /// (default: none given).
    pub fn license(&mut self, license: impl Into<String>) -> &mut Self {
        self.package.license = Some(license.into());
        self
    }

    /// The package's source repository URL (default: none given).
    pub fn repository(&mut self, url: impl Into<String>) -> &mut Self {
        self.package.repository = Some(url.into());
        self
    }

    /// The package description (default: the service, the protocol and the
    /// model file it was generated from).
    pub fn description(&mut self, text: impl Into<String>) -> &mut Self {
        self.package.description = Some(text.into());
        self
    }

    /// Whether `cargo publish` may publish the crate (default: no, written
    /// as `publish = false`, so that a generated crate is not published by
    /// accident).
    pub fn publish(&mut self, on: bool) -> &mut Self {
        self.package.publish = on;
        self
    }

    /// Adds an operation to generate, by shape name; with none, every
    /// operation of the service is generated.
    pub fn operation(&mut self, name: impl Into<String>) -> &mut Self {
        self.operations.push(name.into());
        self
    }

    /// Adds several operations; see [`Config::operation`].
    pub fn operations<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, names: I) -> &mut Self {
        self.operations.extend(names.into_iter().map(Into::into));
        self
    }

    /// Also emits the model's protocol compliance cases
    /// (`smithy.test#httpRequestTests`/`httpResponseTests`) that apply to
    /// clients, as `#[test]`s in the crate's `protocol_tests` module.
    pub fn protocol_tests(&mut self, on: bool) -> &mut Self {
        self.protocol_tests = on;
        self
    }

    /// Marks a compliance case as skipped (`#[ignore]`), with the reason.
    pub fn skip_test(&mut self, id: impl Into<String>, reason: impl Into<String>) -> &mut Self {
        self.skip_tests.insert(id.into(), reason.into());
        self
    }

    /// Sends `operation` to the URL in its input member `member` when that
    /// is set: a customization no Smithy trait describes, which some AWS
    /// services need (Amazon ML's `Predict` and `PredictEndpoint`).
    pub fn endpoint_member(&mut self, operation: impl Into<String>, member: impl Into<String>) -> &mut Self {
        self.endpoint_members.insert(operation.into(), member.into());
        self
    }

    /// Adds a header to every request: a service customization no Smithy
    /// trait describes (API Gateway wants `Accept: application/json`,
    /// Glacier `X-Amz-Glacier-Version: 2012-06-01`). An input member bound
    /// to the same header replaces it.
    pub fn default_header(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.customizations.headers.insert(name.into(), value.into());
        self
    }

    /// Sends `value` for the `@httpLabel` input member `member` when the
    /// input leaves it unset or empty (Glacier's `accountId`: `-`, the
    /// caller's own account).
    pub fn label_default(&mut self, member: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.customizations.label_defaults.insert(member.into(), value.into());
        self
    }

    /// Adds Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash`
    /// headers to requests with a blob payload, unless the input sets them.
    pub fn glacier_checksums(&mut self, on: bool) -> &mut Self {
        self.customizations.glacier_checksums = on;
        self
    }

    /// Makes the operations' `request()` check the input's `@length`,
    /// `@range` and `@pattern` constraints (`validate()`) before building the
    /// request, and refuse it when one is broken. Off by default, as
    /// Smithy's specification says clients should not enforce constraints:
    /// a crate built from an older model would refuse values a newer
    /// service accepts. `validate()` is generated either way.
    pub fn validate_requests(&mut self, on: bool) -> &mut Self {
        self.validate_requests = on;
        self
    }

    /// Gives outputs, errors and what they hold a `validate()` too (by
    /// default only what a caller sends has one: no client validates
    /// what it receives), for callers that check a service's answers
    /// against the model.
    pub fn validate_outputs(&mut self, on: bool) -> &mut Self {
        self.validate_outputs = on;
        self
    }

    /// Emits the model's `smithy.rules#endpointTests` cases as `#[test]`s
    /// of the generated crate's `endpoint` module, so `cargo test` there
    /// checks endpoint resolution against AWS's own expectations.
    pub fn endpoint_tests(&mut self, on: bool) -> &mut Self {
        self.endpoint_tests = on;
        self
    }

    /// Makes every [`Warning`] an error ([`Error::DeniedWarnings`]): no
    /// crate is generated that leaves out a check the model asks for.
    pub fn deny_warnings(&mut self, on: bool) -> &mut Self {
        self.deny_warnings = on;
        self
    }

    /// The model file.
    pub fn model_path(&self) -> &Path {
        &self.model
    }

    fn ir(&self) -> Result<ir::CrateIr, Error> {
        let model = model::Model::load(&self.model)?;
        let crate_name = match &self.crate_name {
            Some(name) => name.clone(),
            None => default_crate_name(&model),
        };
        let valid = !crate_name.is_empty()
            && crate_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && crate_name.starts_with(|c: char| c.is_ascii_alphabetic());
        if !valid {
            return Err(Error::Config(format!(
                "`{crate_name}` is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)"
            )));
        }
        if !is_semver(&self.package.version) {
            return Err(Error::Config(format!(
                "`{}` is not a crate version (MAJOR.MINOR.PATCH, such as 0.1.0 or 1.2.3-beta.1)",
                self.package.version
            )));
        }
        let ir = resolve::resolve(
            &model,
            &self.model,
            &resolve::Selection {
                crate_name: &crate_name,
                package: &self.package,
                runtime: &self.runtime,
                operations: &self.operations,
                protocol_tests: self.protocol_tests,
                skip_tests: &self.skip_tests,
                endpoint_members: &self.endpoint_members,
                validate_requests: self.validate_requests,
                validate_outputs: self.validate_outputs,
                endpoint_tests: self.endpoint_tests,
                customizations: &self.customizations,
            },
        )?;
        if self.deny_warnings && !ir.warnings.is_empty() {
            return Err(Error::DeniedWarnings(ir.warnings));
        }
        Ok(ir)
    }

    /// Generates the crate in memory. With `SHAPESMITH_TIMINGS` set in the
    /// environment, prints how long each stage took to standard error.
    pub fn files(&self) -> Result<Generated, Error> {
        self.render(&|_, _| Ok(()))
    }

    /// Generates the crate in memory, handing each file to `sink` (on the
    /// formatting threads) as soon as it is formatted.
    fn render(&self, sink: layout::Sink<'_>) -> Result<Generated, Error> {
        let t0 = std::time::Instant::now();
        let ir = self.ir()?;
        let t1 = std::time::Instant::now();
        let tree = emit::crate_tree(&ir);
        let t2 = std::time::Instant::now();
        let files = layout::crate_files(&ir, &tree, sink)?;
        let t3 = std::time::Instant::now();
        if timings() {
            eprintln!(
                "parse+resolve {:?} plan {:?} emit+format {:?}",
                t1 - t0,
                t2 - t1,
                t3 - t2
            );
        }
        Ok(Generated {
            files,
            warnings: ir.warnings.clone(),
        })
    }

    /// Generates the crate into `out` (created if needed). Files whose
    /// contents are unchanged are not touched; Rust files under `src/` that
    /// shapesmith no longer generates are removed.
    pub fn generate(&self, out: impl AsRef<Path>) -> Result<Generated, Error> {
        let out = out.as_ref();
        // Each file is written by the thread that formatted it, while the
        // others keep formatting: creating a thousand files waits on the
        // file system, and this hides most of that wait.
        let write = |rel: &Path, text: &str| -> Result<(), Error> {
            let path = out.join(rel);
            if on_disk(&path, text)? == OnDisk::Same {
                return Ok(());
            }
            let write_err = |source| Error::Write {
                path: path.clone(),
                source,
            };
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(write_err)?;
            }
            std::fs::write(&path, text).map_err(write_err)
        };
        let generated = self.render(&write)?;
        let started = std::time::Instant::now();
        for rel in extra_files(&generated, out)? {
            let path = out.join(rel);
            std::fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
        }
        if timings() {
            eprintln!("removing stale files {:?}", started.elapsed());
        }
        Ok(generated)
    }

    /// Lists how `out` differs from what [`Config::generate`] would write;
    /// empty when it is fresh. Writes nothing.
    pub fn check(&self, out: impl AsRef<Path>) -> Result<Vec<Difference>, Error> {
        compare(&self.files()?, out.as_ref())
    }

    /// Build-script mode: writes the crate as one file, `$OUT_DIR/<crate>.rs`,
    /// and prints `cargo:rerun-if-changed` for the model. Returns the file.
    pub fn write_to_out_dir(&self) -> Result<PathBuf, Error> {
        let out_dir = std::env::var_os("OUT_DIR")
            .ok_or_else(|| Error::Config("OUT_DIR is not set; call write_to_out_dir from a build script".into()))?;
        let ir = self.ir()?;
        let text = layout::single_file(&ir, &emit::crate_tree(&ir))?;
        let path = PathBuf::from(out_dir).join(format!("{}.rs", ir.crate_name));
        std::fs::write(&path, text).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        println!("cargo:rerun-if-changed={}", self.model.display());
        for warning in &ir.warnings {
            println!("cargo:warning={warning}");
        }
        Ok(path)
    }
}

/// The service's `sdkId` in snake case (`ssm`), else its shape name.
fn default_crate_name(model: &model::Model) -> String {
    use heck::ToSnakeCase;
    model
        .shapes
        .iter()
        .find_map(|(id, shape)| match shape {
            model::Shape::Service(s) => Some(
                s.traits
                    .get("aws.api#service")
                    .and_then(|v| v.get("sdkId"))
                    .and_then(|v| v.as_str())
                    .unwrap_or(id.name())
                    .to_snake_case(),
            ),
            _ => None,
        })
        .unwrap_or_else(|| "generated".to_owned())
}

fn compare(generated: &Generated, out: &Path) -> Result<Vec<Difference>, Error> {
    let mut differences = Vec::new();
    for (rel, content) in &generated.files {
        match on_disk(&out.join(rel), content)? {
            OnDisk::Same => {}
            OnDisk::Changed => differences.push(Difference::Changed(rel.clone())),
            OnDisk::Missing => differences.push(Difference::Missing(rel.clone())),
        }
    }
    differences.extend(extra_files(generated, out)?.into_iter().map(Difference::Extra));
    differences.sort_by(|a, b| diff_path(a).cmp(diff_path(b)));
    Ok(differences)
}

/// Whether `SHAPESMITH_TIMINGS` asks for stage times on standard error.
fn timings() -> bool {
    std::env::var_os("SHAPESMITH_TIMINGS").is_some()
}

#[derive(PartialEq)]
enum OnDisk {
    Same,
    Changed,
    Missing,
}

/// How the file at `path` compares with `content`.
fn on_disk(path: &Path, content: &str) -> Result<OnDisk, Error> {
    match std::fs::read(path) {
        Ok(bytes) if bytes == content.as_bytes() => Ok(OnDisk::Same),
        Ok(_) => Ok(OnDisk::Changed),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(OnDisk::Missing),
        Err(source) => Err(Error::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Rust files under `out/src` that shapesmith no longer generates.
fn extra_files(generated: &Generated, out: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut on_disk = Vec::new();
    rust_files(&out.join("src"), Path::new("src"), &mut on_disk)?;
    on_disk.retain(|rel| !generated.files.contains_key(rel));
    Ok(on_disk)
}

fn diff_path(d: &Difference) -> &Path {
    match d {
        Difference::Missing(p) | Difference::Changed(p) | Difference::Extra(p) => p,
    }
}

fn rust_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Read {
                path: dir.to_owned(),
                source,
            })
        }
    };
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.to_owned(),
            source,
        })?;
        let name = entry.file_name();
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, &rel.join(&name), out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(rel.join(&name));
        }
    }
    Ok(())
}

/// A SemVer version as Cargo takes it: three numbers, then an optional
/// `-pre-release` and `+build` of letters, digits, `-` and `.`.
fn is_semver(version: &str) -> bool {
    let (version, build) = version.split_once('+').map_or((version, None), |(v, b)| (v, Some(b)));
    let (core, pre) = version.split_once('-').map_or((version, None), |(c, p)| (c, Some(p)));
    let label = |text: &str| {
        !text.is_empty()
            && text
                .split('.')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && pre.is_none_or(label)
        && build.is_none_or(label)
}

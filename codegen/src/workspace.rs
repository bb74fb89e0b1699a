//! `shapesmith.toml`: the list of crates a repository generates, so one
//! command regenerates (or checks) all of them.
//!
//! ```toml
//! [[crate]]
//! name = "ssm"
//! model = "model/ssm/describe-sessions.json"
//! operations = ["DescribeSessions"]
//! out = "generated/ssm"
//! ```
//!
//! Paths are relative to the folder of the config file.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::{Config, Runtime};

/// The default config file name.
pub const FILE_NAME: &str = "shapesmith.toml";

/// A parsed `shapesmith.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceConfig {
    /// The crates to generate.
    #[serde(rename = "crate", default)]
    pub crates: Vec<CrateEntry>,
    /// The folder the config file is in; paths are relative to it.
    #[serde(skip)]
    pub root: PathBuf,
}

/// One `[[crate]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateEntry {
    /// The package name.
    pub name: String,
    /// The model file.
    pub model: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Operations to generate; empty or absent means all.
    #[serde(default)]
    pub operations: Vec<String>,
    /// The package version.
    #[serde(default)]
    pub version: Option<String>,
    /// The package's SPDX licence expression.
    #[serde(default)]
    pub license: Option<String>,
    /// The package's repository URL.
    #[serde(default)]
    pub repository: Option<String>,
    /// The package description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the package may be published (default false).
    #[serde(default)]
    pub publish: bool,
    /// Where the runtime comes from: `"vendored"`, `{ path = "runtime" }`
    /// (relative to the config file's folder) or `{ version = "0.1" }`;
    /// default: the registry version this generator needs.
    #[serde(default)]
    pub runtime: Option<RuntimeEntry>,
    /// Emit the model's protocol compliance cases as tests.
    #[serde(default)]
    pub protocol_tests: bool,
    /// Compliance cases to skip: case id = "reason".
    #[serde(default)]
    pub skip_tests: std::collections::BTreeMap<String, String>,
    /// Operations that take their endpoint from an input member:
    /// operation = "member".
    #[serde(default)]
    pub endpoint_members: std::collections::BTreeMap<String, String>,
    /// `request()` validates the input's constraints first.
    #[serde(default)]
    pub validate_requests: bool,
    /// Outputs and errors get `validate()` too.
    #[serde(default)]
    pub validate_outputs: bool,
    /// A warning (a check the crate leaves out) fails generation.
    #[serde(default)]
    pub deny_warnings: bool,
    /// Emit the model's endpoint tests as tests of the crate.
    #[serde(default)]
    pub endpoint_tests: bool,
    /// Headers every request carries: name = "value".
    #[serde(default)]
    pub default_headers: std::collections::BTreeMap<String, String>,
    /// `@httpLabel` members sent with a value when left unset or empty:
    /// member = "value".
    #[serde(default)]
    pub label_defaults: std::collections::BTreeMap<String, String>,
    /// Glacier's SHA-256 and tree-hash headers on blob payloads.
    #[serde(default)]
    pub glacier_checksums: bool,
}

impl WorkspaceConfig {
    /// Reads a config file.
    pub fn load(path: &Path) -> Result<WorkspaceConfig, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut config: WorkspaceConfig =
            toml::from_str(&text).map_err(|e| Error::Config(format!("{}: {}", path.display(), e.message())))?;
        if config.crates.is_empty() {
            return Err(Error::Config(format!("{}: lists no [[crate]] entries", path.display())));
        }
        config.root = path.parent().map(Path::to_owned).unwrap_or_default();
        Ok(config)
    }

    /// Finds `shapesmith.toml` in `start` or the nearest folder above it.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }
}

/// The `runtime` key of a `[[crate]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RuntimeEntry {
    /// `runtime = "vendored"`.
    Named(String),
    /// `runtime = { path = "..." }` or `runtime = { version = "..." }`.
    Table(RuntimeTable),
}

/// `runtime = { path = "..." }` or `{ version = "..." }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeTable {
    /// The runtime crate's folder, relative to the config file's folder.
    pub path: Option<PathBuf>,
    /// A version requirement for the registry's `shapesmith-runtime`.
    pub version: Option<String>,
}

impl CrateEntry {
    /// The generator settings for this entry.
    pub fn config(&self, root: &Path) -> Result<Config, Error> {
        let mut config = Config::new(root.join(&self.model));
        config.crate_name(&self.name).operations(&self.operations);
        if let Some(version) = &self.version {
            config.crate_version(version);
        }
        if let Some(license) = &self.license {
            config.license(license);
        }
        if let Some(url) = &self.repository {
            config.repository(url);
        }
        if let Some(text) = &self.description {
            config.description(text);
        }
        config.publish(self.publish);
        if let Some(runtime) = &self.runtime {
            config.runtime(self.runtime(runtime)?);
        }
        config
            .protocol_tests(self.protocol_tests)
            .validate_requests(self.validate_requests)
            .validate_outputs(self.validate_outputs)
            .deny_warnings(self.deny_warnings)
            .endpoint_tests(self.endpoint_tests);
        for (id, reason) in &self.skip_tests {
            config.skip_test(id, reason);
        }
        for (operation, member) in &self.endpoint_members {
            config.endpoint_member(operation, member);
        }
        for (name, value) in &self.default_headers {
            config.default_header(name, value);
        }
        for (member, value) in &self.label_defaults {
            config.label_default(member, value);
        }
        config.glacier_checksums(self.glacier_checksums);
        Ok(config)
    }

    /// The runtime setting, a path made relative to the crate's own folder
    /// (which is how its `Cargo.toml` reads it).
    fn runtime(&self, entry: &RuntimeEntry) -> Result<Runtime, Error> {
        let fail = |what: String| Error::Config(format!("crate `{}`: {what}", self.name));
        match entry {
            RuntimeEntry::Named(name) if name == "vendored" => Ok(Runtime::Vendored),
            RuntimeEntry::Named(other) => Err(fail(format!(
                "runtime = \"{other}\" is not a runtime setting (\"vendored\", {{ path = \"...\" }} or {{ version = \"...\" }})"
            ))),
            RuntimeEntry::Table(RuntimeTable { path: Some(path), version: None }) => {
                let plain = |p: &Path| p.is_relative() && p.components().all(|c| matches!(c, Component::Normal(_)));
                if !plain(path) || !plain(&self.out) {
                    return Err(fail(format!(
                        "runtime path `{}` and out `{}` must be folders below the config file's, written without `..`",
                        path.display(),
                        self.out.display()
                    )));
                }
                let up = "../".repeat(self.out.components().count());
                Ok(Runtime::Path(format!("{up}{}", path.display()).replace('\\', "/")))
            }
            RuntimeEntry::Table(RuntimeTable { path: None, version: Some(version) }) => Ok(Runtime::Version(version.clone())),
            RuntimeEntry::Table(_) => Err(fail("runtime needs exactly one of `path` and `version`".to_owned())),
        }
    }

    /// The output folder, resolved against the config file's folder.
    pub fn out_dir(&self, root: &Path) -> PathBuf {
        root.join(&self.out)
    }
}

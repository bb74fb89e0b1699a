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

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::Config;

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

impl CrateEntry {
    /// The generator settings for this entry.
    pub fn config(&self, root: &Path) -> Config {
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
        config
            .protocol_tests(self.protocol_tests)
            .validate_requests(self.validate_requests);
        for (id, reason) in &self.skip_tests {
            config.skip_test(id, reason);
        }
        for (operation, member) in &self.endpoint_members {
            config.endpoint_member(operation, member);
        }
        config
    }

    /// The output folder, resolved against the config file's folder.
    pub fn out_dir(&self, root: &Path) -> PathBuf {
        root.join(&self.out)
    }
}

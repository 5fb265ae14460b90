//! What one MCP connection works on: the store, who the change log names,
//! and how a tool's answer or refusal becomes a tool result.

use chrono::{Local, NaiveDate, Weekday};
use rmcp::model::{CallToolResult, ContentBlock};
use serde::Serialize;
use serde_json::{Value, json};

use crate::cli::{Cli, CliError};
use crate::domain::dates::parse_date;
use crate::domain::{FeatureKey, Refusal};
use crate::store::{OpenMode, Store, StoreError};

pub(super) struct Session {
    pub store: Store,
    /// `--author` / `ROADBOARD_AUTHOR`: used as given, whatever the client.
    explicit_author: Option<String>,
    /// Who runs the server (config or login), for a client without a name.
    local_author: String,
    today: Option<NaiveDate>,
    pub review_day: Option<Weekday>,
    pub default_velocity: i64,
    pub outcome_days: i64,
    /// The config's publish directory and settings, republished after a write.
    publish: Option<(std::path::PathBuf, crate::domain::public::PublishSettings)>,
}

impl Session {
    pub fn open(cli: &Cli) -> Result<Self, CliError> {
        let config = &cli.load_config().0;
        let local_author = cli.author_name_or(config.author.as_deref());
        let explicit_author = cli.author.clone().filter(|a| !a.trim().is_empty());
        let store = cli.open_as(OpenMode::Existing, &local_author)?;
        store.require_info()?;
        Ok(Session {
            store,
            explicit_author,
            local_author,
            today: cli.today,
            review_day: config.review_day,
            outcome_days: config.outcome_after_days,
            publish: config
                .publish_dir
                .clone()
                .map(|dir| (dir, config.publish.clone())),
            default_velocity: config
                .default_velocity
                .unwrap_or(crate::app::state::DEFAULT_VELOCITY_DAYS),
        })
    }

    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Local::now().date_naive())
    }

    /// The change log names the agent: `CLIENT via mcp` (the name from the
    /// handshake), or `--author` when given.
    pub fn name_client(&mut self, client: Option<&str>) {
        let author = match (&self.explicit_author, client) {
            (Some(author), _) => author.clone(),
            (None, Some(client)) if !client.trim().is_empty() => {
                format!("{} via mcp", crate::domain::text::one_line(client.trim()))
            }
            (None, _) => format!("{} via mcp", self.local_author),
        };
        self.store.set_author(&author);
    }

    /// Rewrites the roadmap's Markdown mirror and the config's publish
    /// directory after a change, as the CLI and the board do; what cannot
    /// be rewritten is a warning, not a failure.
    pub fn refresh_outputs(&self) -> Option<String> {
        let publish = self
            .publish
            .as_ref()
            .map(|(dir, settings)| (dir.as_path(), settings));
        let behind =
            crate::interchange::mirror::refresh_outputs(&self.store, None, publish, self.today());
        let warnings: Vec<String> = [
            behind
                .mirror
                .map(|e| format!("the mirror could not be rewritten: {e}")),
            behind
                .publish
                .map(|e| format!("the public roadmap could not be republished: {e}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!warnings.is_empty())
            .then(|| format!("warning: the change is saved, but {}", warnings.join("; ")))
    }
}

/// Why a tool did nothing: a refusal by the method, or bad input naming
/// its argument, or the store's own failure.
#[derive(Debug)]
pub(super) enum ToolError {
    Store(StoreError),
    Argument { name: &'static str, message: String },
}

impl From<StoreError> for ToolError {
    fn from(error: StoreError) -> Self {
        ToolError::Store(error)
    }
}

impl From<crate::sync::SyncError> for ToolError {
    fn from(error: crate::sync::SyncError) -> Self {
        match error {
            crate::sync::SyncError::Store(error) => ToolError::Store(error),
            other => ToolError::Argument {
                name: "sync",
                message: other.to_string(),
            },
        }
    }
}

impl From<CliError> for ToolError {
    fn from(error: CliError) -> Self {
        match error {
            CliError::Store(error) => ToolError::Store(error),
            other => ToolError::Argument {
                name: "input",
                message: other.to_string(),
            },
        }
    }
}

pub(super) type ToolResult<T = Reply> = Result<T, ToolError>;

/// A tool's answer: the sentence a person would read, and the same as data.
pub(super) struct Reply {
    pub sentence: String,
    pub data: Value,
}

impl Reply {
    pub fn new(sentence: impl Into<String>, data: &impl Serialize) -> Self {
        Reply {
            sentence: sentence.into(),
            data: serde_json::to_value(data).unwrap_or(Value::Null),
        }
    }

    /// A change: the change log's sentence.
    pub fn done(sentence: impl Into<String>) -> Self {
        let sentence = sentence.into();
        let data = json!({ "done": sentence });
        Reply { sentence, data }
    }
}

/// The MCP result of a tool's outcome. Structured content is always an
/// object (the protocol asks for one).
pub(super) fn result(outcome: ToolResult) -> CallToolResult {
    match outcome {
        Ok(reply) => {
            let data = match reply.data {
                Value::Object(_) => reply.data,
                other => json!({ "items": other }),
            };
            let mut result = CallToolResult::structured(data);
            result.content = vec![ContentBlock::text(reply.sentence)];
            result
        }
        Err(error) => {
            let (sentence, data) = describe(&error);
            let mut result = CallToolResult::structured_error(data);
            result.content = vec![ContentBlock::text(sentence)];
            result
        }
    }
}

/// A refusal's sentence and data: the refusal's own fields, and for the
/// ONE rule, what would free the slot.
fn describe(error: &ToolError) -> (String, Value) {
    match error {
        ToolError::Argument { name, message } => (
            format!("{name}: {message}"),
            json!({ "error": "bad_argument", "argument": name, "message": message }),
        ),
        ToolError::Store(StoreError::Refused(refusal)) => {
            let mut data = serde_json::to_value(refusal).unwrap_or_else(|_| json!({}));
            data["error"] = json!("refused");
            data["message"] = json!(refusal.to_string());
            let mut sentence = refusal.to_string();
            match refusal {
                Refusal::SlotTaken { holder_key, .. } => {
                    data["frees_the_slot"] = json!([
                        format!("ship {holder_key}"),
                        format!("submit_for_review then ship {holder_key}"),
                        format!("pause {holder_key} with a why"),
                    ]);
                }
                Refusal::NeedsReason { .. } => {
                    data["argument"] = json!("why");
                    sentence.push_str(" (the `why` argument)");
                }
                Refusal::UnmetDependencies { .. } => {
                    data["argument"] = json!("override_reason");
                    sentence.push_str(" (to start anyway, give `override_reason`)");
                }
                _ => {}
            }
            (sentence, data)
        }
        ToolError::Store(StoreError::Dependency(problem)) => (
            problem.to_string(),
            json!({ "error": "refused", "refusal": "dependency", "message": problem.to_string() }),
        ),
        ToolError::Store(StoreError::Invalid { field, message }) => (
            format!("{field}: {message}"),
            json!({ "error": "bad_argument", "argument": field, "message": message }),
        ),
        ToolError::Store(error) => (
            error.to_string(),
            json!({ "error": "failed", "message": error.to_string() }),
        ),
    }
}

/// A feature key argument (`F4`, `f4`, `4`).
pub(super) fn key(name: &'static str, text: &str) -> ToolResult<FeatureKey> {
    text.trim()
        .parse()
        .map_err(|e: String| ToolError::Argument { name, message: e })
}

/// A date argument, in any form the command line takes.
pub(super) fn date(name: &'static str, text: &str, today: NaiveDate) -> ToolResult<NaiveDate> {
    parse_date(text, today).map_err(|e| ToolError::Argument {
        name,
        message: e.to_string(),
    })
}

/// An optional text argument naming one of an enum's words.
pub(super) fn word<T: std::str::FromStr>(
    name: &'static str,
    text: Option<&str>,
) -> ToolResult<Option<T>>
where
    T::Err: std::fmt::Display,
{
    text.map(|t| {
        t.trim().parse().map_err(|e: T::Err| ToolError::Argument {
            name,
            message: e.to_string(),
        })
    })
    .transpose()
}

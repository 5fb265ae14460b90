//! The tools: reading the plan, the state machine, capture. Each one goes
//! through `Server::call` to the same store methods and views the command
//! line uses.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{Peer, RoleServer, tool, tool_router};

use super::brief;
use super::params as p;
use super::server::Server;
use super::session::{Reply, Session, ToolError, ToolResult, date, key, word};
use crate::cli::edit::{FeatureEdit, apply_edit};
use crate::cli::views::{FeatureView, ForecastView, status_of};
use crate::domain::dates::parse_reconsider;
use crate::domain::*;
use crate::store::LogFilter;

/// A transition with its reasons; every state-machine tool is one.
fn transition(
    session: &mut Session,
    key_text: &str,
    transition: Transition,
    args: TransitionArgs,
) -> ToolResult {
    let key = key("key", key_text)?;
    let today = session.today();
    let change = session.store.transition(key, transition, &args, today)?;
    Ok(Reply::done(change.what))
}

fn because(why: Option<String>) -> TransitionArgs {
    TransitionArgs {
        reason: why,
        ..TransitionArgs::default()
    }
}

fn optional_date(
    session: &Session,
    name: &'static str,
    text: Option<&str>,
) -> ToolResult<Option<chrono::NaiveDate>> {
    text.map(|t| date(name, t, session.today())).transpose()
}

#[tool_router(router = tool_router, vis = "pub(super)")]
impl Server {
    // ---- reading ----------------------------------------------------------

    #[tool(
        description = "The ONE active feature (why now, success metric, target, days active, open blockers), what is up next, and which review is due. Read it before you work.",
        annotations(title = "Status", read_only_hint = true, open_world_hint = false)
    )]
    async fn status(&self, peer: Peer<RoleServer>) -> CallToolResult {
        self.call(&peer, false, |s| {
            let status = status_of(&s.store, s.review_day, s.outcome_days, s.today())?;
            Ok(Reply::new(status.line.clone(), &status))
        })
    }

    #[tool(
        description = "Features, optionally filtered by phase, status, priority and words of the title or description.",
        annotations(
            title = "List features",
            read_only_hint = true,
            open_world_hint = false
        )
    )]
    async fn list_features(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::ListFeatures>,
    ) -> CallToolResult {
        self.call(&peer, false, |s| {
            let roadmap = s.store.load()?;
            let phase = args
                .phase
                .as_deref()
                .map(|p| s.store.resolve_phase(p))
                .transpose()?;
            let status: Option<FeatureStatus> = word("status", args.status.as_deref())?;
            let priority: Option<Priority> = word("priority", args.priority.as_deref())?;
            let words = args.text.as_deref().unwrap_or_default().to_lowercase();
            let index = RoadmapIndex::of(&roadmap);
            let views: Vec<FeatureView> = roadmap
                .features
                .iter()
                .filter(|f| phase.as_ref().is_none_or(|p| f.phase == Some(p.id)))
                .filter(|f| status.is_none_or(|st| f.status == st))
                .filter(|f| priority.is_none_or(|pr| f.priority == Some(pr)))
                .filter(|f| {
                    words.is_empty()
                        || format!("{} {}", f.title, f.description)
                            .to_lowercase()
                            .contains(&words)
                })
                .map(|f| FeatureView::new((&roadmap, &index), f, s.today()))
                .collect();
            let sentence = if views.is_empty() {
                "no features match".to_owned()
            } else {
                views
                    .iter()
                    .map(FeatureView::line)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok(Reply::new(
                sentence,
                &serde_json::json!({ "features": views }),
            ))
        })
    }

    #[tool(
        description = "The git commits whose message names a feature (linked by `roadboard git scan` or its hooks), newest first: hash, date, subject, and whether a `Ships:` trailer shipped it.",
        annotations(
            title = "Commits for a feature",
            read_only_hint = true,
            open_world_hint = false
        )
    )]
    async fn commits_for(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Key>,
    ) -> CallToolResult {
        self.call(&peer, false, |s| {
            let key = key("key", &args.key)?;
            let commits = s.store.commits_of(key)?;
            let sentence = crate::domain::commits::listing(key, &commits);
            Ok(Reply::new(
                sentence,
                &serde_json::json!({ "commits": commits }),
            ))
        })
    }

    #[tool(
        description = "Whether this roadmap file syncs across machines through git: the remote and branch, when it last synced (UTC), and how many changes made here wait for `roadboard sync`. Asks no remote.",
        annotations(title = "Sync status", read_only_hint = true, open_world_hint = false)
    )]
    async fn sync_status(&self, peer: Peer<RoleServer>) -> CallToolResult {
        self.call(&peer, false, |s| {
            let place = crate::local::sync_of(s.store.path()).map_err(|e| ToolError::Argument {
                name: "sync",
                message: e.to_string(),
            })?;
            let Some(place) = place else {
                return Ok(Reply::new(
                    "this file does not sync across machines (set it up with `roadboard sync setup REMOTE`)",
                    &serde_json::json!({ "set_up": false }),
                ));
            };
            let status = crate::sync::status(&s.store, &place)?;
            Ok(Reply::new(status.sentence(), &status))
        })
    }

    #[tool(
        description = "One feature in full: every field, its phase, dependencies, blockers, whether it is late.",
        annotations(
            title = "Show a feature",
            read_only_hint = true,
            open_world_hint = false
        )
    )]
    async fn show_feature(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Key>,
    ) -> CallToolResult {
        self.call(&peer, false, |s| {
            let key = key("key", &args.key)?;
            let roadmap = s.store.load()?;
            let feature = roadmap
                .feature_by_key(key)
                .ok_or(crate::store::StoreError::NoFeature(key))?;
            let view =
                FeatureView::new((&roadmap, &RoadmapIndex::of(&roadmap)), feature, s.today())
                    .with_commits(s.store.commits_of(key)?);
            let mut text = Vec::new();
            view.write_details(&mut text)
                .map_err(|e| ToolError::Argument {
                    name: "key",
                    message: e.to_string(),
                })?;
            Ok(Reply::new(String::from_utf8_lossy(&text), &view))
        })
    }

    #[tool(
        description = "When each open feature and phase is forecast to ship, from the measured velocity.",
        annotations(title = "Forecast", read_only_hint = true, open_world_hint = false)
    )]
    async fn forecast(&self, peer: Peer<RoleServer>) -> CallToolResult {
        self.call(&peer, false, |s| {
            let view = ForecastView::new(&s.store.load()?, s.today(), s.default_velocity);
            let mut text = Vec::new();
            view.write(&mut text).map_err(|e| ToolError::Argument {
                name: "forecast",
                message: e.to_string(),
            })?;
            Ok(Reply::new(String::from_utf8_lossy(&text), &view))
        })
    }

    #[tool(
        description = "The change log, newest first: who changed what and why.",
        annotations(title = "Change log", read_only_hint = true, open_world_hint = false)
    )]
    async fn log(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Log>,
    ) -> CallToolResult {
        self.call(&peer, false, |s| {
            let since = optional_date(s, "since", args.since.as_deref())?;
            let feature = args.key.as_deref().map(|k| key("key", k)).transpose()?;
            let feature = feature
                .map(|k| s.store.feature(k))
                .transpose()?
                .map(|f| f.id);
            let entries = s.store.log(&LogFilter {
                since,
                feature,
                limit: Some(args.limit.unwrap_or(50)),
            })?;
            Ok(Reply::new(
                brief::log(&entries),
                &serde_json::json!({ "entries": entries }),
            ))
        })
    }

    #[tool(
        description = "What a feature depends on and what depends on it (with their statuses); without a key, every dependency.",
        annotations(title = "Dependencies", read_only_hint = true, open_world_hint = false)
    )]
    async fn dependencies(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Dependencies>,
    ) -> CallToolResult {
        self.call(&peer, false, |s| {
            let roadmap = s.store.load()?;
            let named = |f: &Feature| serde_json::json!({ "key": f.key, "title": f.title, "status": f.status });
            let pairs: Vec<(&Feature, &Feature)> = match args.key.as_deref() {
                Some(text) => {
                    let key = key("key", text)?;
                    let f = roadmap.feature_by_key(key).ok_or(crate::store::StoreError::NoFeature(key))?;
                    roadmap.dependencies_of(f.id).map(|on| (f, on)).chain(roadmap.dependents_of(f.id).map(|by| (by, f))).collect()
                }
                None => roadmap.features.iter().flat_map(|f| roadmap.dependencies_of(f.id).map(move |on| (f, on))).collect(),
            };
            let lines: Vec<String> = pairs
                .iter()
                .map(|(f, on)| format!("{} needs {} ({})", f.label(), on.label(), on.status.phrase()))
                .collect();
            let data: Vec<_> = pairs.iter().map(|(f, on)| serde_json::json!({ "feature": named(f), "depends_on": named(on) })).collect();
            let sentence = if lines.is_empty() { "no dependencies".to_owned() } else { lines.join("\n") };
            Ok(Reply::new(sentence, &serde_json::json!({ "dependencies": data })))
        })
    }

    // ---- the state machine ------------------------------------------------

    #[tool(
        description = "planned → active: make this THE ONE feature. Refused while another feature is active or in review (the refusal names it and what frees the slot), or while dependencies have not shipped (unless override_reason).",
        annotations(
            title = "Start a feature",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn start(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Start>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let start = TransitionArgs {
                override_reason: args.override_reason,
                ..TransitionArgs::default()
            };
            transition(s, &args.key, Transition::Start, start)
        })
    }

    #[tool(
        description = "active → in review: the work is done and waits for review.",
        annotations(
            title = "Submit for review",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn submit_for_review(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::WithWhy>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            transition(s, &args.key, Transition::Submit, because(args.why))
        })
    }

    #[tool(
        description = "in review → active: the review asked for more work.",
        annotations(
            title = "Back to work",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn rework(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::WithWhy>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            transition(s, &args.key, Transition::Rework, because(args.why))
        })
    }

    #[tool(
        description = "active or in review → shipped, dated today; frees the ONE slot and resolves what it waited for.",
        annotations(
            title = "Ship",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn ship(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::WithWhy>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            transition(s, &args.key, Transition::Ship, because(args.why))
        })
    }

    #[tool(
        description = "active or in review → planned, freeing the ONE slot. Needs a why.",
        annotations(
            title = "Pause",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn pause(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::WithWhy>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            transition(s, &args.key, Transition::Pause, because(args.why))
        })
    }

    #[tool(
        description = "planned → parking lot. Needs a why; reconsider says when to look again: a condition, a date, or both (\"5 paying schools, 2027-03-01\").",
        annotations(
            title = "Defer to the parking lot",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn defer(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Defer>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let when = args.reconsider.as_deref().unwrap_or_default();
            let (reconsider_when, reconsider) =
                parse_reconsider(when, s.today()).map_err(|e| ToolError::Argument {
                    name: "reconsider",
                    message: e.to_string(),
                })?;
            let defer = TransitionArgs {
                reason: args.why,
                reconsider,
                reconsider_when,
                ..TransitionArgs::default()
            };
            transition(s, &args.key, Transition::Defer, defer)
        })
    }

    #[tool(
        description = "anything but shipped → dropped. Needs a why.",
        annotations(
            title = "Drop a feature",
            read_only_hint = false,
            destructive_hint = true,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn drop(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::WithWhy>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            transition(s, &args.key, Transition::Drop, because(args.why))
        })
    }

    #[tool(
        description = "shipped → active again (same ONE rule as start).",
        annotations(
            title = "Reopen",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn reopen(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::WithWhy>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            transition(s, &args.key, Transition::Reopen, because(args.why))
        })
    }

    // ---- capture ----------------------------------------------------------

    #[tool(
        description = "Add a feature to a phase (planned), or to the parking lot without a phase.",
        annotations(
            title = "Add a feature",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn add_feature(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::AddFeature>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let phase = args
                .phase
                .as_deref()
                .map(|p| s.store.resolve_phase(p))
                .transpose()?;
            let depends_on = args
                .depends_on
                .iter()
                .map(|k| key("depends_on", k))
                .collect::<ToolResult<Vec<_>>>()?;
            let new = NewFeature {
                fields: FeatureFields {
                    title: args.title,
                    description: args.description.unwrap_or_default(),
                    why: args.why.unwrap_or_default(),
                    metric: args.metric.unwrap_or_default(),
                    priority: word("priority", args.priority.as_deref())?,
                    target: optional_date(s, "target", args.target.as_deref())?,
                    ..FeatureFields::default()
                },
                phase: phase.map(|p| p.id),
                depends_on,
                created: Some(s.today()),
                private: false,
            };
            let feature = s.store.add_feature(&new)?;
            Ok(Reply::new(format!("added {}", feature.label()), &feature))
        })
    }

    #[tool(
        description = "Capture an idea in the parking lot instead of working on it now (the ONE rule's side quest exit).",
        annotations(
            title = "Park an idea",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn park_idea(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::ParkIdea>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let new = NewFeature {
                fields: FeatureFields {
                    title: args.title,
                    why_interesting: args.why.unwrap_or_default(),
                    ..FeatureFields::default()
                },
                created: Some(s.today()),
                ..NewFeature::default()
            };
            let feature = s.store.add_feature(&new)?;
            Ok(Reply::new(format!("parked {}", feature.label()), &feature))
        })
    }

    #[tool(
        description = "Record a customer request (what, who asked, low/medium/high).",
        annotations(
            title = "Add a customer request",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn add_request(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::AddRequest>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let priority =
                word("priority", args.priority.as_deref())?.unwrap_or(RequestPriority::Med);
            let (request, summary) =
                s.store
                    .add_request(&args.text, &args.by, priority, s.today())?;
            Ok(Reply::new(summary, &request))
        })
    }

    #[tool(
        description = "Record what a feature waits for (a blocker), with an ETA and a mitigation.",
        annotations(
            title = "Add a blocker",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn add_blocker(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::AddBlocker>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let key = key("key", &args.key)?;
            let eta = optional_date(s, "eta", args.eta.as_deref())?;
            let mitigation = args.mitigation.as_deref().unwrap_or_default();
            let blocker = if args.upcoming.unwrap_or(false) {
                if eta.is_some() {
                    return Err(ToolError::Argument {
                        name: "eta",
                        message: "a blocker ahead blocks nothing yet, so it has no ETA".into(),
                    });
                }
                s.store
                    .add_upcoming_blocker(Some(key), &args.waiting_for, mitigation)?
            } else {
                s.store
                    .add_blocker(key, &args.waiting_for, eta, mitigation)?
            };
            Ok(Reply::new(s.store.last_summary().to_owned(), &blocker))
        })
    }

    #[tool(
        description = "Resolve a feature's open blockers, dated today.",
        annotations(
            title = "Resolve blockers",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn resolve_blocker(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Key>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let key = key("key", &args.key)?;
            let resolved = s.store.resolve_blockers(key, s.today())?;
            Ok(Reply::new(
                format!("{key} unblocked ({resolved} resolved)"),
                &serde_json::json!({ "resolved": resolved }),
            ))
        })
    }

    #[tool(
        description = "Make a feature depend on another (refused if it would close a cycle), or remove the dependency.",
        annotations(
            title = "Add a dependency",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn depend(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::Depend>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let (feature, on) = (key("key", &args.key)?, key("on", &args.on)?);
            if args.remove {
                s.store.remove_dependency(feature, on)?;
            } else {
                s.store.add_dependency(feature, on)?;
            }
            Ok(Reply::done(s.store.last_summary().to_owned()))
        })
    }

    #[tool(
        description = "Change a feature's fields (only those given); phase moves it.",
        annotations(
            title = "Edit a feature",
            read_only_hint = false,
            destructive_hint = true,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn edit_feature(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::EditFeature>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let key = key("key", &args.key)?;
            let target = match args.target.as_deref() {
                None => None,
                Some("none") => Some(None),
                Some(when) => Some(Some(date("target", when, s.today())?)),
            };
            let edit = FeatureEdit {
                title: args.title,
                description: args.description,
                why: args.why,
                metric: args.metric,
                owner: args.owner,
                priority: word("priority", args.priority.as_deref())?,
                moscow: None,
                target,
                phase: args.phase,
                private: args.private,
                reason: args.reason.unwrap_or_default(),
            };
            let today = s.today();
            let (saved, said) = apply_edit(&mut s.store, key, &edit, today)?;
            Ok(Reply::new(said.join("; "), &saved))
        })
    }

    #[tool(
        description = "Add a line to the change log: what you did and why (optionally about one feature).",
        annotations(
            title = "Add a note",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn add_note(
        &self,
        peer: Peer<RoleServer>,
        Parameters(args): Parameters<p::AddNote>,
    ) -> CallToolResult {
        self.call(&peer, true, |s| {
            let feature = args.key.as_deref().map(|k| key("key", k)).transpose()?;
            let what =
                s.store
                    .add_note(&args.what, args.why.as_deref().unwrap_or_default(), feature)?;
            Ok(Reply::done(format!("noted: {what}")))
        })
    }
}

//! The MCP server: its identity, resources and prompts, and the one path
//! every tool call takes to the store (`Server::call`).

use std::sync::{Arc, Mutex, PoisonError};

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{
    GetPromptRequestParams, GetPromptResponse, GetPromptResult, Implementation, ListPromptsResult,
    ListResourcesResult, PaginatedRequestParams, Prompt, PromptMessage, ReadResourceRequestParams,
    ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, Role, ServerCapabilities,
    ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, Peer, RoleServer, ServerHandler, ServiceExt, tool_handler};

use super::brief;
use super::session::{Session, ToolResult, result};
use crate::cli::CliError;
use crate::store::LogFilter;

const ROADMAP: &str = "roadboard://roadmap.md";
const THE_ONE: &str = "roadboard://the-one.md";
const RECENT_LOG: &str = "roadboard://log/last-7-days";

#[derive(Clone)]
pub(super) struct Server {
    session: Arc<Mutex<Session>>,
    pub(super) tool_router: ToolRouter<Self>,
}

/// Serves until the client closes stdin.
pub(super) async fn run(session: Session, read_only: bool) -> Result<(), CliError> {
    let mut tool_router = Server::tool_router();
    if read_only {
        // What a tool does is said by its own annotations: the ones that
        // do not only read are not served at all.
        let writes: Vec<String> = tool_router
            .list_all()
            .into_iter()
            .filter(|tool| tool.annotations.as_ref().and_then(|a| a.read_only_hint) != Some(true))
            .map(|tool| tool.name.to_string())
            .collect();
        for name in writes {
            tool_router.remove_route(&name);
        }
    }
    let server = Server {
        session: Arc::new(Mutex::new(session)),
        tool_router,
    };
    let running = server
        .serve(super::wire::transport())
        .await
        .map_err(|e| CliError::Input(format!("MCP handshake failed: {e}")))?;
    running
        .waiting()
        .await
        .map_err(|e| CliError::Input(format!("MCP server stopped: {e}")))?;
    Ok(())
}

impl Server {
    /// The session, on the file now at its path: a backup moved into place
    /// while the server runs is followed before anything is read or
    /// written. A poisoned lock only means an earlier call panicked; the
    /// store itself is consistent (SQLite rolled that transaction back).
    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(error) = session.store.follow_replacement() {
            tracing::warn!(%error, "the file at the roadmap's path cannot be opened");
        }
        session
    }

    /// Runs `work` on the session, naming the client in the change log;
    /// after a write, the Markdown mirror is rewritten.
    pub(super) fn call(
        &self,
        peer: &Peer<RoleServer>,
        writes: bool,
        work: impl FnOnce(&mut Session) -> ToolResult,
    ) -> rmcp::model::CallToolResult {
        let mut session = self.session();
        let client = peer.peer_info().map(|info| info.client_info.name.clone());
        session.name_client(client.as_deref());
        let outcome = work(&mut session).map(|mut reply| {
            if let Some(warning) = writes.then(|| session.refresh_outputs()).flatten() {
                reply.sentence = format!("{}\n{warning}", reply.sentence);
                reply.data["warning"] = warning.into();
            }
            reply
        });
        result(outcome)
    }

    fn read_text(&self, uri: &str) -> Result<String, ErrorData> {
        let session = self.session();
        let failed = |e: crate::store::StoreError| ErrorData::internal_error(e.to_string(), None);
        let today = session.today();
        match uri {
            ROADMAP => {
                let roadmap = session.store.load().map_err(failed)?;
                Ok(crate::interchange::export_md::export_markdown(
                    &roadmap,
                    &[],
                ))
            }
            THE_ONE => Ok(brief::the_one(
                &session.store.load().map_err(failed)?,
                today,
            )),
            RECENT_LOG => {
                let entries = session
                    .store
                    .log(&LogFilter {
                        since: Some(today - chrono::Days::new(7)),
                        ..LogFilter::default()
                    })
                    .map_err(failed)?;
                Ok(brief::log(&entries))
            }
            _ => Err(ErrorData::resource_not_found(
                format!(
                    "no resource {uri}: the resources are {ROADMAP}, {THE_ONE} and {RECENT_LOG}"
                ),
                None,
            )),
        }
    }
}

fn resources() -> Vec<Resource> {
    [
        (ROADMAP, "roadmap", "The whole roadmap as Markdown (the export)"),
        (THE_ONE, "the-one", "The ONE active feature as a brief: why, metric, target, dependencies, blockers, acceptance"),
        (RECENT_LOG, "recent-changes", "The change log of the last 7 days"),
    ]
    .into_iter()
    .map(|(uri, name, description)| {
        Resource::new(uri, name)
            .with_description(description)
            .with_mime_type("text/markdown")
    })
    .collect()
}

fn prompts() -> Vec<Prompt> {
    vec![
        Prompt::new(
            "plan-next-week",
            Some("The weekly review's questions, with what the roadmap says for each"),
            None,
        ),
        Prompt::new(
            "brief-for-the-one",
            Some("The context to read before coding the ONE active feature"),
            None,
        ),
    ]
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_prompts()
                .enable_resources()
                .enable_tools()
                .build(),
        )
        .with_server_info(Implementation::new("roadboard", env!("CARGO_PKG_VERSION")))
        .with_instructions(
            "roadboard is the founder's roadmap, with one rule: ONE active feature at a time. \
             Read `status` (or the-one resource) before you work; work only on the ONE feature; \
             park other ideas with `park_idea`; log what you did and why with `add_note`. \
             A refused tool call explains what would make it possible: do that or ask the founder.",
        )
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(resources()))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let text = self.read_text(&request.uri)?;
        let contents = match ResourceContents::text(text, request.uri.clone()) {
            ResourceContents::TextResourceContents {
                uri, text, meta, ..
            } => ResourceContents::TextResourceContents {
                uri,
                mime_type: Some("text/markdown".into()),
                text,
                meta,
            },
            other => other,
        };
        Ok(ReadResourceResult::new(vec![contents]).into())
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        Ok(ListPromptsResult::with_all_items(prompts()))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        let session = self.session();
        let roadmap = session
            .store
            .load()
            .map_err(|e| ErrorData::internal_error(e.to_string(), None))?;
        let today = session.today();
        let (description, text) = match request.name.as_str() {
            "plan-next-week" => (
                "Plan next week",
                brief::plan_next_week(&roadmap, today, session.outcome_days),
            ),
            "brief-for-the-one" => ("Brief for the ONE feature", brief::the_one(&roadmap, today)),
            other => {
                return Err(ErrorData::invalid_params(
                    format!(
                        "no prompt `{other}`: the prompts are plan-next-week and brief-for-the-one"
                    ),
                    None,
                ));
            }
        };
        let message = PromptMessage::new_text(Role::User, text);
        Ok(GetPromptResult::new(vec![message])
            .with_description(description)
            .into())
    }
}

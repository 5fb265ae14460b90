//! `roadboard publish`: the public roadmap as a static site (index.html,
//! feed.xml, roadmap.json) rendered through minijinja from the templates in
//! `assets/publish/` (or a directory of the founder's own). Every text is
//! escaped by the template engine (HTML and XML); every file is written
//! whole through `output::write_document`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::{Environment, Value};
use serde::Serialize;

use super::output::{OutputError, write_public};
use crate::domain::public::PublicRoadmap;

/// Every template, with its built-in text: the site's two, then the
/// stakeholder update's, one per format.
const TEMPLATES: [(&str, &str); 5] = [
    (
        "index.html",
        include_str!("../../assets/publish/index.html"),
    ),
    ("feed.xml", include_str!("../../assets/publish/feed.xml")),
    ("update.md", include_str!("../../assets/publish/update.md")),
    (
        "update.txt",
        include_str!("../../assets/publish/update.txt"),
    ),
    (
        "update.html",
        include_str!("../../assets/publish/update.html"),
    ),
];

/// The templates a site is made of.
const SITE: [&str; 2] = ["index.html", "feed.xml"];
/// The files written beside the templates' output.
const DATA: [&str; 2] = ["roadmap.json", "calendar.ics"];

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("cannot read the template {path}: {source}")]
    ReadTemplate {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("template {name}: {detail}")]
    Template { name: String, detail: String },
    #[error("cannot create the site directory {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{dir} holds files roadboard did not write ({found}); publish into an empty directory or one publish made, so nothing of yours is overwritten"
    )]
    ForeignDirectory { dir: PathBuf, found: String },
    #[error("refusing to write {path}: it is a link to {to}, outside the site {dir}")]
    LinkOutside {
        path: PathBuf,
        to: PathBuf,
        dir: PathBuf,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// The file publish leaves in a site it made: a directory holding it is
/// publish's to write into again.
const SITE_MARKER: &str = ".roadboard-site";

/// One Atom entry.
#[derive(Debug, Serialize)]
struct Entry {
    id: String,
    title: String,
    summary: String,
    updated: String,
    link: Option<String>,
}

/// The site's files, by name: rendered, not yet written.
pub fn render(
    public: &PublicRoadmap,
    templates: Option<&Path>,
) -> Result<Vec<(&'static str, String)>, PublishError> {
    let env = environment(templates)?;
    let mut files = Vec::new();
    for name in SITE {
        let context = if name == "feed.xml" {
            feed_context(public)
        } else {
            Value::from(minijinja::value::Serde(public))
        };
        let rendered = env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| template_error(name, &e))?;
        files.push((name, rendered));
    }
    let json = serde_json::to_string_pretty(public).expect("the public roadmap is plain data");
    let [json_name, calendar_name] = DATA;
    files.push((json_name, json + "\n"));
    files.push((
        calendar_name,
        super::calendar::export_public_calendar(public),
    ));
    Ok(files)
}

/// Renders and writes the site into `dir` (created if missing); returns
/// the files written. `database` is never written over.
pub fn publish(
    public: &PublicRoadmap,
    dir: &Path,
    templates: Option<&Path>,
    database: Option<&Path>,
) -> Result<Vec<PathBuf>, PublishError> {
    let files = render(public, templates)?;
    claim_site(dir)?;
    let mut written = Vec::new();
    for (name, text) in files {
        let path = inside_site(dir, name)?;
        write_public(&path, text.as_bytes(), database)?;
        written.push(dir.join(name));
    }
    Ok(written)
}

/// Makes sure `dir` is publish's to write into: created (with the marker)
/// when missing or empty, refused when it holds files of someone else's.
fn claim_site(dir: &Path) -> Result<(), PublishError> {
    let failed = |source| PublishError::Directory {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(failed)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.iter().any(|n| n == SITE_MARKER) {
        return Ok(());
    }
    if !names.is_empty() && !published_before_the_marker(dir, &names) {
        names.sort();
        let more = names.len().saturating_sub(3);
        names.truncate(3);
        let mut found = names.join(", ");
        if more > 0 {
            found.push_str(&format!(" and {more} more"));
        }
        return Err(PublishError::ForeignDirectory {
            dir: dir.to_path_buf(),
            found: crate::domain::text::one_line(&found),
        });
    }
    std::fs::write(
        dir.join(SITE_MARKER),
        "roadboard publish writes this site; delete this file to stop it.\n",
    )
    .map_err(failed)
}

/// A site an earlier roadboard published, before it left a marker: only
/// the site's own files, and a page that says roadboard made it.
fn published_before_the_marker(dir: &Path, names: &[String]) -> bool {
    let ours = |name: &str| SITE.contains(&name) || DATA.contains(&name);
    names.iter().all(|n| ours(n))
        && std::fs::read_to_string(dir.join("index.html"))
            .is_ok_and(|page| page.contains("<meta name=\"generator\" content=\"roadboard\">"))
}

/// `text` fit for HTML and XML, in text and in quoted attributes: the five
/// characters markup reads escaped, what XML forbids replaced.
fn markup_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden_in_xml(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A character XML 1.0 does not allow in a document (HTML neither).
fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The path to write the site's file `name` at: never through a link that
/// leads out of the site (a dangling link leads nowhere that can be
/// checked, and is refused too).
fn inside_site(dir: &Path, name: &str) -> Result<PathBuf, PublishError> {
    let path = dir.join(name);
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path);
    }
    let site = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let to = std::fs::canonicalize(&path)
        .unwrap_or_else(|_| std::fs::read_link(&path).unwrap_or_else(|_| path.clone()));
    if to.starts_with(&site) {
        Ok(path)
    } else {
        Err(PublishError::LinkOutside {
            path,
            to,
            dir: dir.to_path_buf(),
        })
    }
}

/// How much work a template may do: far above what the built-in templates
/// spend on 10,000 features, far below a loop that would never end.
const TEMPLATE_FUEL: u64 = 50_000_000;

fn environment(templates: Option<&Path>) -> Result<Environment<'static>, PublishError> {
    let mut env = Environment::new();
    // A template of the founder's own (`--templates`) is code: it runs out
    // of fuel and is named, rather than running without end.
    env.set_fuel(Some(TEMPLATE_FUEL));
    // Every text a template prints is fit for XML and HTML first: a
    // character XML forbids (a control character, U+FFFE, U+FFFF) from a
    // title or the config would make the feed unreadable.
    // In HTML and XML a text is escaped as those formats need, and no
    // more (minijinja also writes `/` as `&#x2f;`, which no URL needs).
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text)
            if !value.is_safe() && matches!(state.auto_escape(), minijinja::AutoEscape::Html) =>
        {
            out.write_str(&markup_text(text)).map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write")
            })
        }
        Some(text) if text.chars().any(forbidden_in_xml) => {
            let fit: String = text
                .chars()
                .map(|c| if forbidden_in_xml(c) { '\u{FFFD}' } else { c })
                .collect();
            minijinja::escape_formatter(out, state, &Value::from(fit))
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .expect("the default delimiters are valid");
    env.set_syntax(syntax);
    env.add_filter("human_date", human_date);
    // Text in a Markdown template: never read as Markdown structure.
    env.add_filter("md", |text: String| {
        super::export_md::markdown_text(&text, "  ")
    });
    for (name, built_in) in TEMPLATES {
        let own = templates.map(|dir| dir.join(name)).filter(|p| p.is_file());
        let source = match own {
            Some(path) => std::fs::read_to_string(&path)
                .map_err(|source| PublishError::ReadTemplate { path, source })?,
            None => built_in.to_owned(),
        };
        env.add_template_owned(name, source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

/// The stakeholder update of `roadmap` since `since` (`None`: the last
/// review) as text in `format` (`md`, `txt` or `html`): what the CLI and
/// the board's review both write.
pub fn update_text(
    roadmap: &crate::domain::Roadmap,
    settings: &crate::domain::public::PublishSettings,
    (since, today, velocity): (Option<NaiveDate>, NaiveDate, i64),
    format: &str,
    templates: Option<&Path>,
) -> Result<String, PublishError> {
    use crate::domain::update::{since_last_review, stakeholder_update};
    let since = since.unwrap_or_else(|| since_last_review(roadmap, today));
    let update = stakeholder_update(roadmap, settings, since, today, velocity);
    render_update(&update, format, templates)
}

/// The update's format a file name asks for (Markdown unless `.html`/`.txt`).
pub fn update_format(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html" | "htm") => "html",
        Some("txt") => "txt",
        _ => "md",
    }
}

/// The stakeholder update in `format` (`md`, `txt` or `html`).
fn render_update(
    update: &crate::domain::update::StakeholderUpdate,
    format: &str,
    templates: Option<&Path>,
) -> Result<String, PublishError> {
    let name = format!("update.{format}");
    let text = environment(templates)?
        .get_template(&name)
        .and_then(|t| t.render(Value::from(minijinja::value::Serde(update))))
        .map_err(|e| template_error(&name, &e))?;
    Ok(one_blank_line_at_most(&text))
}

/// Sections that a template leaves out leave their blank lines behind: at
/// most one blank line between two lines of text, and one newline at the end.
fn one_blank_line_at_most(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim_start_matches('\n').lines() {
        blank = if line.trim().is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `2026-11-20` → `20 Nov 2026`; anything else as it is.
fn human_date(value: String) -> String {
    NaiveDate::parse_from_str(&value, "%Y-%m-%d")
        .map_or(value, |d| d.format("%-d %b %Y").to_string())
}

fn template_error(name: &str, error: &minijinja::Error) -> PublishError {
    let line = error
        .line()
        .map_or(String::new(), |l| format!(" (line {l})"));
    PublishError::Template {
        name: name.to_owned(),
        detail: format!("{error}{line}"),
    }
}

/// The feed: one entry per shipped feature, its id stable across
/// publishes (the roadmap, the key and the ship date).
fn feed_context(public: &PublicRoadmap) -> Value {
    let base = public.base_url.as_deref().map(|b| b.trim_end_matches('/'));
    // Ids from the roadmap's own name, not the page's title: a new title
    // must not make every entry new to a feed reader.
    let slug = slug(&public.name);
    let entries: Vec<Entry> = public
        .ships
        .iter()
        .map(|ship| {
            let anchor = format!("{}-shipped-{}", ship.key, ship.date);
            Entry {
                id: match base {
                    Some(base) => format!("{base}/#{anchor}"),
                    None => format!("urn:roadboard:{slug}:{anchor}"),
                },
                title: format!("Shipped: {}", ship.title),
                summary: ship.summary.clone(),
                updated: format!("{}T00:00:00Z", ship.date),
                link: base.map(|base| format!("{base}/#shipped")),
            }
        })
        .collect();
    let updated = public
        .ships
        .iter()
        .map(|s| s.date)
        .max()
        .unwrap_or(public.published);
    minijinja::context! {
        title => public.title.clone(),
        description => public.description.clone(),
        base_url => base,
        feed_id => base.map_or_else(|| format!("urn:roadboard:{slug}"), |b| format!("{b}/feed.xml")),
        updated => format!("{updated}T00:00:00Z"),
        entries => Value::from(minijinja::value::Serde(&entries)),
    }
}

/// Lowercase letters and digits joined by `-`: a name usable in an id.
pub(super) fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "roadmap".to_owned()
    } else {
        words.join("-")
    }
}

//! Documents in and out: import (first, update or copy), export (once or
//! kept in step), the mirror and backups.

use super::Session;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};

use super::args::{ExportFormat, MirrorCommand};
use super::edit::write_update;
use super::{CliError, CliResult};
use crate::interchange::corrections::{self, Correction, Role};
use crate::interchange::format::DocumentFormat;
use crate::store::{LogFilter, Store};

/// What an import does to a file that already holds a roadmap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ImportIntent {
    /// Update it in place; `prune` drops the features the document lacks.
    Update { prune: bool },
    /// Add the document as a copy after it.
    Append,
    /// Make the document the roadmap.
    Replace,
}

impl ImportIntent {
    /// `--append`, `--replace` (which clap keeps apart) or an update.
    pub(super) fn from_flags(append: bool, replace: bool, prune: bool) -> Self {
        match (append, replace) {
            (true, _) => ImportIntent::Append,
            (_, true) => ImportIntent::Replace,
            _ => ImportIntent::Update { prune },
        }
    }
}

/// What `roadboard import` was asked.
pub(super) struct ImportArgs<'a> {
    pub file: &'a Path,
    pub into: &'a Option<PathBuf>,
    pub dry_run: bool,
    pub intent: ImportIntent,
    /// `--as LINE=ROLE`: the founder's corrections of the reader.
    pub corrections: &'a [Correction],
    /// `--start`: the day week 1 of a week-based plan began.
    pub start: Option<NaiveDate>,
}

/// `roadboard import FILE`: the report, then into the file — the first
/// import, or what `intent` says to the roadmap it holds.
pub(super) fn import(
    s: &mut Session,
    args: &ImportArgs,
    today: NaiveDate,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let &ImportArgs {
        file,
        into,
        dry_run,
        intent,
        corrections,
        start,
    } = args;
    let source = crate::interchange::read_source(file).map_err(CliError::Input)?;
    let mut imported =
        crate::interchange::read_source_text(file, &source, today).map_err(CliError::Input)?;
    let target = match into {
        Some(path) => path.clone(),
        None => cli.db_path(true)?,
    };
    // The corrections kept for this document, then the ones given now.
    let document = std::fs::canonicalize(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .to_string_lossy()
        .into_owned();
    let mut all = Vec::new();
    if target.exists() {
        let kept: Vec<(String, Role)> = s
            .file
            .open_at(cli, &target)?
            .document_roles(&document)?
            .into_iter()
            .filter_map(|(line, role)| role.parse().ok().map(|role| (line, role)))
            .collect();
        all = corrections::found_again(&source, &kept);
    }
    all.extend_from_slice(corrections);
    if !all.is_empty() {
        if imported.written.is_some() {
            return Err(CliError::Input(
                "--as corrects the reading of a founder's document; this one is read exactly (roadboard's own format or JSON): edit it instead".into(),
            ));
        }
        let said = corrections::apply(&mut imported, &source, &all).map_err(CliError::Input)?;
        let problems = imported.roadmap.validate();
        if !problems.is_empty() {
            return Err(CliError::Input(format!(
                "{}: with your corrections, nothing imported: {}",
                file.display(),
                crate::domain::validate::describe(&problems)
            )));
        }
        writeln!(out, "as you said:")?;
        for line in said {
            writeln!(out, "  {line}")?;
        }
    }
    // A plan in weeks with no date: dated from --start, or asked for.
    use crate::interchange::markdown::timebox;
    match start {
        Some(start) => {
            let dated = timebox::date_from(&mut imported.roadmap, start);
            if dated > 0 {
                writeln!(
                    out,
                    "dated {} from week 1 on {start}",
                    crate::domain::text::count(dated as i64, "phase")
                )?;
            }
        }
        None => {
            let undated = timebox::undated_spans(&imported.roadmap);
            if undated > 0 {
                writeln!(
                    out,
                    "{} a week-based plan with no date: give --start DATE (the day week 1 began) to date them",
                    match undated {
                        1 => "1 phase is part of".to_owned(),
                        n => format!("{n} phases are parts of"),
                    }
                )?;
            }
        }
    }
    let summary = crate::interchange::report::Summary {
        report: &imported.report,
        roadmap: &imported.roadmap,
        changes: imported.log.len(),
        itemized: dry_run,
    };
    write!(out, "{summary}")?;
    if dry_run {
        // Into a file holding a roadmap, the update's own report, from the
        // same merge and checks: what the real import would print.
        if target.exists()
            && let ImportIntent::Update { prune } = intent
        {
            let store = s.file.open_at(cli, &target)?;
            if store.info()?.is_some() {
                let update = store.plan_update(&imported.roadmap, imported.matching(), prune)?;
                write_update(out, &update)?;
            }
        }
        writeln!(out, "dry run: nothing written")?;
        return Ok(());
    }
    let store = s.file.open_at(cli, &target)?;
    write_import(store, &imported, intent, &file.display().to_string(), out)?;
    if !corrections.is_empty() {
        let kept: Vec<(String, String)> = corrections::line_texts(&source, corrections)
            .into_iter()
            .map(|(line, role)| (line, role.as_str().to_owned()))
            .collect();
        store.keep_document_roles(&document, &kept)?;
        writeln!(
            out,
            "your corrections are kept for the next import of this document"
        )?;
    }
    Ok(())
}

/// Writes `imported` into `store` as `intent` says and says what it did.
fn write_import(
    store: &mut Store,
    imported: &crate::interchange::markdown::Imported,
    intent: ImportIntent,
    label: &str,
    out: &mut dyn Write,
) -> CliResult {
    let target = store.path().display().to_string();
    let has_roadmap = store.info()?.is_some();
    if has_roadmap && intent == ImportIntent::Replace {
        let outcome = store.replace_with(&imported.roadmap, label)?;
        writeln!(out, "{}", outcome.summary)?;
        if let Some(backup) = &outcome.backup {
            writeln!(out, "the roadmap before it is kept in {}", backup.display())?;
        }
        writeln!(out, "replaced the roadmap in {target}")?;
        return Ok(());
    }
    if let (true, ImportIntent::Update { prune }) = (has_roadmap, intent) {
        let update = store.update_from(&imported.roadmap, imported.matching(), prune, label)?;
        write_update(out, &update)?;
        writeln!(out, "updated {target}")?;
        return Ok(());
    }
    let outcome = store.import(&imported.roadmap, &imported.log, label)?;
    for (from, to) in &outcome.rekeyed {
        if from.0 != 0 {
            writeln!(out, "{from} is taken in this file: imported as {to}")?;
        }
    }
    if let Some(demoted) = &outcome.demoted {
        writeln!(out, "ONE rule: {demoted}")?;
    }
    writeln!(out, "imported into {target}")?;
    Ok(())
}

/// `roadboard export --watch`: the document kept in step until interrupted.
pub(super) fn export_watch(
    s: &mut Session,
    (format, output, no_log): (ExportFormat, &Option<PathBuf>, bool),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    let path = output
        .as_ref()
        .expect("clap requires --output with --watch");
    if !matches!(format, ExportFormat::Md) {
        return Err(CliError::Input(
            "--watch keeps a Markdown mirror: use --format md".into(),
        ));
    }
    let mirror = |store: &Store| {
        crate::interchange::mirror::refresh(store, path, !no_log)
            .map_err(|e| CliError::Input(e.to_string()))
    };
    let what = format!("mirroring {} to {}", store.path().display(), path.display());
    watch(store, &what, mirror, out)
}

/// Runs `refresh` now and after every change to the file, until
/// interrupted; says `what` it does once.
pub(super) fn watch(
    store: &mut Store,
    what: &str,
    refresh: impl Fn(&Store) -> CliResult,
    out: &mut dyn Write,
) -> CliResult {
    refresh(store)?;
    writeln!(out, "{what} (Ctrl-C stops)")?;
    out.flush()?;
    let mut seen = store.data_version()?;
    loop {
        std::thread::sleep(std::time::Duration::from_millis(300));
        // A backup moved into place is followed, never written into.
        let replaced = store.follow_replacement()?;
        let version = store.data_version()?;
        if replaced || version != seen {
            seen = version;
            refresh(store)?;
        }
    }
}

/// `roadboard export`: the document, to standard output or a file.
pub(super) fn export(
    s: &mut Session,
    (format, output, no_log): (ExportFormat, &Option<PathBuf>, bool),
    today: NaiveDate,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open_to_read(cli)?;
    let log = if no_log {
        Vec::new()
    } else {
        store.log(&LogFilter::default())?
    };
    let roadmap = store.load()?;
    let format = match format {
        ExportFormat::Md => DocumentFormat::Markdown,
        ExportFormat::Mermaid => DocumentFormat::Mermaid,
        ExportFormat::Json => DocumentFormat::Json,
        ExportFormat::Csv => DocumentFormat::Csv,
    };
    let velocity = crate::app::state::DEFAULT_VELOCITY_DAYS;
    let document = format.render(&roadmap, &log, today, velocity);
    match output
        .as_deref()
        .filter(|path| *path != std::path::Path::new("-"))
    {
        Some(path) => crate::interchange::output::write_document(
            path,
            document.as_bytes(),
            Some(store.path()),
        )?,
        None => out.write_all(document.as_bytes())?,
    }
    Ok(())
}

/// `roadboard backup [FILE]`.
pub(super) fn backup(s: &mut Session, file: &Option<PathBuf>, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let store = s.file.open_to_read(cli)?;
    let written = store.backup_to(file.as_deref(), Local::now().naive_local())?;
    writeln!(
        out,
        "backed up {} to {}",
        store.path().display(),
        written.display()
    )?;
    Ok(())
}

/// `roadboard calendar`: the founder's calendar, to standard output or a
/// file.
pub(super) fn calendar(
    s: &mut Session,
    output: &Option<PathBuf>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open_to_read(cli)?;
    let text = crate::interchange::calendar::export_calendar(&store.load()?, today);
    write_or_print(store, output.as_deref(), &text, out)
}

/// `text` written to `output` (never over the database), saying so, or
/// printed when no file is named.
pub(super) fn write_or_print(
    store: &Store,
    output: Option<&Path>,
    text: &str,
    out: &mut dyn Write,
) -> CliResult {
    match output {
        Some(path) => {
            crate::interchange::output::write_document(path, text.as_bytes(), Some(store.path()))?;
            writeln!(out, "wrote {}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}

/// `roadboard mirror [set PATH | off]`.
pub(super) fn mirror(
    s: &mut Session,
    action: &Option<MirrorCommand>,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    let here = std::env::current_dir()?;
    let path = match action {
        None => store.mirror()?,
        Some(MirrorCommand::Set { path }) => store.set_mirror(Some(path), &here)?,
        Some(MirrorCommand::Off) => store.set_mirror(None, &here)?,
    };
    match (path, store.mirror_named_by_file()?) {
        (Some(path), _) => writeln!(out, "mirror: {}", path.display())?,
        (None, Some(named)) => writeln!(
            out,
            "no mirror on this machine; the file names {}, which roadboard will not write to until you run `roadboard mirror set {}` (or `roadboard mirror off`)",
            named.display(),
            named.display()
        )?,
        (None, None) => writeln!(out, "no mirror: set one with `roadboard mirror set PATH`")?,
    }
    Ok(())
}

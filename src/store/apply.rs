//! One entry for every change to the roadmap: `Store::apply` carries out a
//! `Command` and says what it did in the change log's own sentence, so the
//! board's footer, the CLI and the MCP server each show the same words.

use chrono::NaiveDate;

use super::{Result, Store};
use crate::domain::FeatureKey;
use crate::domain::command::Command;

/// What came of a command.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The change log's sentence for it (or why nothing was written).
    pub summary: String,
    /// Its change-log entry, when it wrote one that can be undone.
    pub entry: Option<i64>,
    /// The card to select afterwards: the one changed or made.
    pub select: Option<FeatureKey>,
}

/// For a method whose log line says it all, whatever else it returns.
fn logged<T>(_: T) -> Said {
    Said::Logged
}

/// What a command's method said, beyond its log line.
enum Said {
    /// The log line says it all.
    Logged,
    /// The log line, and the card the change made.
    Made(FeatureKey),
    /// Words of its own (nothing written, or a shorter sentence).
    Own(String),
}

impl Store {
    /// Carries out `command` in one transaction (its log line and undo
    /// images with it).
    pub fn apply(&mut self, command: &Command, today: NaiveDate) -> Result<Applied> {
        let before = self.last_entry;
        // A method says what it did in `last_summary`; one that had nothing
        // to do (a form saved unchanged) says nothing, and the sentence of
        // the write before stays the store's last.
        let previous = std::mem::take(&mut self.last_summary);
        let said = self.carry_out(command, today);
        let sentence = std::mem::take(&mut self.last_summary);
        self.last_summary = if sentence.is_empty() {
            previous
        } else {
            sentence.clone()
        };
        let said = said?;
        let wrote = self.last_entry != before;
        let mut select = command.selects();
        let logged = if sentence.is_empty() {
            "nothing changed".to_owned()
        } else {
            sentence
        };
        let summary = match said {
            Said::Own(words) => words,
            Said::Made(key) => {
                select = Some(key);
                logged
            }
            Said::Logged => logged,
        };
        Ok(Applied {
            summary,
            entry: self.last_entry.filter(|_| wrote && command.undoable()),
            select,
        })
    }

    /// The one dispatch from a command to the method that writes it (a
    /// table: one line a command).
    fn carry_out(&mut self, command: &Command, today: NaiveDate) -> Result<Said> {
        use Command as C;
        Ok(match command {
            C::Init { name } => self.init(name, "").map(logged)?,
            C::Transition {
                key,
                transition,
                args,
            } => self
                .transition(*key, *transition, args, today)
                .map(logged)?,
            C::AddFeature(new) => Said::Made(self.add_feature(new)?.key),
            C::EditFeature {
                key,
                base,
                fields,
                why,
            } => self
                .with_reason(why, |s| s.edit_feature_from(*key, Some(base), fields))
                .map(logged)?,
            C::MoveToPhase { key, phase, why } => self
                .with_reason(why, |s| s.move_to_phase(*key, *phase))
                .map(logged)?,
            C::Reorder { key, later } => self.reorder_said(*key, *later)?,
            C::SetPrivate { key, private } => self.set_private(*key, *private).map(logged)?,
            C::AddNote { what, why, feature } => {
                Said::Own(format!("noted: {}", self.add_note(what, why, *feature)?))
            }
            C::SetUpNext { key, why } => self.set_up_next(*key, why).map(logged)?,
            C::RecordOutcome { key, record } => self.record_outcome(*key, record).map(logged)?,
            C::SetOutcomeCheck { key, on } => self.set_outcome_check(*key, *on).map(logged)?,
            C::FinishReview(draft) => Said::Own(format!(
                "{} review recorded",
                self.finish_review(draft, today)?.kind
            )),
            C::Undo { entry } => self.undo(*entry).map(logged)?,
            C::Redo { entry } => self.redo(*entry).map(logged)?,
            C::EditRoadmap(edit) => self.edit_roadmap(edit).map(logged)?,
            C::AddDependency { key, on } => self.add_dependency(*key, *on).map(logged)?,
            C::RemoveDependency { key, on } => self.remove_dependency(*key, *on).map(logged)?,
            C::AddBlocker {
                key,
                waiting_for,
                eta,
                mitigation,
            } => self
                .add_blocker(*key, waiting_for, *eta, mitigation)
                .map(logged)?,
            C::AddUpcomingBlocker {
                key,
                what,
                mitigation,
            } => self
                .add_upcoming_blocker(*key, what, mitigation)
                .map(logged)?,
            C::BlocksNow { id } => self.blocker_now_blocks(*id, None).map(logged)?,
            C::ResolveBlockers { key } => self.resolve_blockers(*key, today).map(logged)?,
            C::ResolveBlocker { id } => self.resolve_blocker(*id, today).map(logged)?,
            C::SetBlockerEta { id, eta } => self.set_blocker_eta(*id, *eta).map(logged)?,
            C::AddPhase(fields) => self.add_phase(fields).map(logged)?,
            C::EditPhase {
                id,
                base,
                fields,
                why,
            } => self
                .edit_phase_from(*id, Some(base), fields, why)
                .map(logged)?,
            C::AdjustTimeline { ends, why } => self.adjust_phase_ends(ends, why).map(logged)?,
            C::AddMilestone {
                phase,
                text,
                target,
            } => self.add_milestone(*phase, text, *target).map(logged)?,
            C::SetMilestoneDone { id, done } => self.set_milestone_done(*id, *done).map(logged)?,
            C::AddCriterion { phase, text } => self.add_criterion(*phase, text).map(logged)?,
            C::EditCriterion { id, text } => self.edit_criterion(*id, text).map(logged)?,
            C::RemoveCriterion { id } => self.remove_criterion(*id).map(logged)?,
            C::MoveCriterion { id, later } => self.move_criterion(*id, *later).map(logged)?,
            C::SetCriterionDone { id, done } => self.set_criterion_done(*id, *done).map(logged)?,
            C::AddRequest { text, by, priority } => {
                self.add_request(text, by, *priority, today).map(logged)?
            }
            C::LinkRequest { id, key } => self.link_request(*id, *key).map(logged)?,
            C::MergeRequest { duplicate, into } => {
                self.merge_request(*duplicate, *into).map(logged)?
            }
            C::RequestToFeature { id } => Said::Made(self.request_to_feature(*id, today)?.key),
            C::DeclineRequest { id, why } => self.decline_request(*id, why).map(logged)?,
            C::SetRequestPriority { id, priority } => {
                self.set_request_priority(*id, *priority).map(logged)?
            }
            C::SaveFoundation { id, fields } => self.save_foundation(*id, fields).map(logged)?,
            C::SaveRisk { id, fields } => self.save_risk(*id, fields).map(logged)?,
        })
    }

    /// A reorder, or where the card already is when it cannot move.
    fn reorder_said(&mut self, key: FeatureKey, later: bool) -> Result<Said> {
        Ok(if self.reorder(key, later)? {
            Said::Logged
        } else {
            let end = if later { "bottom" } else { "top" };
            Said::Own(format!("{key} is already at the {end}"))
        })
    }
}

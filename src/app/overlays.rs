//! What opens over a screen and asks something: prompts, pickers, forms.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::action::Action;
use crate::domain::*;

/// What a one-line prompt's answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptIntent {
    /// Why, for pause or drop.
    Reason {
        key: FeatureKey,
        transition: Transition,
    },
    DeferWhy {
        key: FeatureKey,
    },
    DeferWhen {
        key: FeatureKey,
        why: String,
    },
    /// Start or reopen despite unshipped dependencies.
    Override {
        key: FeatureKey,
        transition: Transition,
    },
    RoadmapName,
    Blocker {
        key: FeatureKey,
    },
    /// What next week's ONE lacks: type it or skip it with a reason.
    Readiness {
        key: FeatureKey,
        field: crate::domain::review::Readiness,
    },
    /// A blocker ahead: what will block (of `key`, or of a key typed
    /// first), then ` -- ` and the mitigation.
    UpcomingBlocker {
        key: Option<FeatureKey>,
    },
    /// Why a card moves to another phase (optional).
    MoveWhy {
        key: FeatureKey,
        phase: PhaseId,
    },
    /// Why a feature's target or priority changes (optional); the form's
    /// save waits on the answer.
    EditWhy {
        write: Box<crate::domain::command::Command>,
    },
    /// The second question of a new blocker.
    BlockerMitigation {
        key: FeatureKey,
        waiting_for: String,
        eta: Option<NaiveDate>,
    },
    Milestone {
        phase: PhaseId,
    },
    ImportPath,
    /// A customer request: what was asked, then `from` and who asked.
    Request,
    /// A change-log note: what was done, then ` -- ` and why.
    Note,
    /// Why the timeline moves to these ends.
    AdjustWhy {
        ends: Vec<(PhaseId, NaiveDate)>,
    },
    /// Why a phase with open work is closed.
    ClosePhaseWhy {
        id: PhaseId,
    },
    /// A success criterion for the phase.
    Criterion {
        phase: PhaseId,
    },
    /// A criterion's text, edited (back to the phase's criteria after).
    CriterionText {
        id: CriterionId,
        phase: PhaseId,
    },
    /// The import's report was shown: Enter imports.
    ConfirmImport {
        path: std::path::PathBuf,
    },
    /// The slot was freed and a feature is up next: Enter starts it.
    StartNext {
        key: FeatureKey,
    },
    /// The weekly review is recorded: where to write the stakeholder update.
    UpdatePath,
    /// What an outcome check measured (and a note after ` -- `).
    OutcomeValue {
        key: FeatureKey,
        result: crate::domain::outcome::OutcomeResult,
    },
    ExportPath,
    /// A one-line idea for the parking lot.
    Capture,
    /// Why a customer request is declined.
    Decline {
        request: RequestId,
    },
    /// When to look at a parked feature again.
    Snooze {
        key: FeatureKey,
    },
    /// Text the log view keeps lines by.
    LogFilter,
    /// A new ETA for a blocker.
    BlockerEta {
        id: BlockerId,
    },
    /// Words the parking lot is kept by.
    ParkingFilter,
}

#[derive(Debug)]
pub struct Prompt {
    pub title: String,
    pub input: TextArea<'static>,
    pub intent: PromptIntent,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(title: impl Into<String>, intent: PromptIntent) -> Self {
        Prompt {
            title: title.into(),
            input: TextArea::default(),
            intent,
            error: None,
        }
    }

    /// The prompt with `text` typed in already, the cursor after it.
    pub fn with_text(mut self, text: &str) -> Self {
        self.input = TextArea::new(vec![text.to_owned()]);
        self.input.move_cursor(ratatui_textarea::CursorMove::End);
        self
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ").trim().to_owned()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub label: String,
    /// What choosing it does: the picker's answer is an action like a key's.
    pub action: Action,
    /// Shown with a check mark (a current dependency, a reached milestone).
    pub marked: bool,
    /// More text the query finds it by, not shown (a card's why, metric…).
    pub search: String,
}

#[derive(Debug)]
pub struct Picker {
    pub title: String,
    pub query: TextArea<'static>,
    pub items: Vec<PickItem>,
    /// Indices into `items` that match the query, best first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

impl Picker {
    pub fn query_text(&self) -> String {
        self.query.lines().join("")
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.matches.get(self.selected).map(|&i| &self.items[i])
    }
}

/// One field of a form.
#[derive(Debug)]
pub struct FormField {
    pub label: &'static str,
    pub input: TextArea<'static>,
    pub multiline: bool,
    /// Why the value was refused; the text stays as typed.
    pub error: Option<String>,
}

impl FormField {
    pub fn new(label: &'static str, value: &str, multiline: bool) -> Self {
        let lines: Vec<String> = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(str::to_owned).collect()
        };
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        FormField {
            label,
            input,
            multiline,
            error: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n").trim().to_owned()
    }
}

/// What a form creates or edits. An edit carries the fields as they were
/// when it opened, so its save writes only what the user changed and
/// notices what others changed meanwhile.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    NewFeature {
        phase: Option<PhaseId>,
    },
    EditFeature {
        key: FeatureKey,
        base: Box<crate::domain::FeatureFields>,
    },
    NewPhase,
    EditPhase {
        id: PhaseId,
        base: Box<crate::domain::PhaseFields>,
    },
    Foundation {
        id: Option<FoundationId>,
    },
    Risk {
        id: Option<RiskId>,
    },
    Roadmap {
        base: Box<RoadmapInfo>,
    },
}

#[derive(Debug)]
pub struct Form {
    pub title: String,
    pub kind: FormKind,
    pub fields: Vec<FormField>,
    pub focus: usize,
}

impl Form {
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(FormField::text)
            .unwrap_or_default()
    }
}

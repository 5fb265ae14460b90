//! The edit forms: features, phases, foundation items, risks, the
//! roadmap's header.

use super::*;
use crate::domain::command::Command;
use crate::domain::feature_field::FEATURE_FIELDS;
use crate::domain::validate::Lines;

pub(super) const TARGET: &str = "Target date";

pub(super) const NAME: &str = "Name";

pub(super) const HORIZON: &str = "Planning horizon";

pub(super) const PHILOSOPHY: &str = "Philosophy and notes";

pub(super) const REVIEW_DAY: &str = "Review day";

pub(super) const WHAT: &str = "What";

pub(super) const WHY_FOUNDATION: &str = "Why";

pub(super) const RISK: &str = "Risk";

pub(super) const IMPACT_TEXT: &str = "Impact";

pub(super) const MITIGATION: &str = "Mitigation";

pub(super) const GOAL: &str = "Goal";

pub(super) const START: &str = "Start";

pub(super) const END: &str = "End";

pub(super) const STATUS: &str = "Status";

pub(super) fn feature_form(title: String, kind: FormKind, feature: Option<&Feature>) -> Form {
    let fields = feature.map(FeatureFields::of).unwrap_or_default();
    Form {
        title,
        kind,
        focus: 0,
        fields: FEATURE_FIELDS
            .iter()
            .map(|field| {
                let multiline = field.lines == Lines::Many;
                FormField::new(field.prompt, &(field.get)(&fields), multiline)
            })
            .collect(),
    }
}

pub(super) fn phase_form(title: String, phase: Option<&Phase>) -> Form {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Form {
        title,
        kind: phase.map_or(FormKind::NewPhase, |p| FormKind::EditPhase {
            id: p.id,
            base: Box::new(PhaseFields::of(p)),
        }),
        focus: 0,
        fields: vec![
            FormField::new(NAME, phase.map_or("", |p| &p.name), false),
            FormField::new(GOAL, phase.map_or("", |p| &p.goal), true),
            FormField::new(START, &date(phase.and_then(|p| p.start)), false),
            FormField::new(END, &date(phase.and_then(|p| p.end)), false),
            FormField::new(
                STATUS,
                phase.map_or("not started", |p| p.status.phrase()),
                false,
            ),
        ],
    }
}

pub(super) fn form_update(app: &mut App, mut form: Form, action: Action) -> Vec<Effect> {
    let count = form.fields.len();
    match action {
        Action::Back => {
            app.info("cancelled: nothing written");
            return Vec::new();
        }
        Action::NextField => form.focus = (form.focus + 1) % count,
        Action::PreviousField => form.focus = (form.focus + count - 1) % count,
        Action::Input(key) => {
            use ratatui::crossterm::event::KeyCode;
            let field = &mut form.fields[form.focus];
            match key.0.code {
                // Enter saves from a one-line field; it breaks the line in a text.
                KeyCode::Enter if !field.multiline => return form_submit(app, form),
                KeyCode::Down if !field.multiline => form.focus = (form.focus + 1) % count,
                KeyCode::Up if !field.multiline => form.focus = (form.focus + count - 1) % count,
                _ => {
                    type_into(&mut field.input, key);
                    field.error = None;
                }
            }
        }
        Action::Paste(text) => {
            let field = &mut form.fields[form.focus];
            paste_into(&mut field.input, &text, !field.multiline);
            field.error = None;
        }
        Action::Submit => return form_submit(app, form),
        _ => {}
    }
    app.show(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// A form being read for its save: the values, and each problem recorded
/// against its field so the form can show it there.
struct Reading<'a> {
    form: &'a Form,
    today: chrono::NaiveDate,
    errors: Vec<(usize, String)>,
}

impl Reading<'_> {
    fn index(&self, label: &str) -> usize {
        self.form
            .fields
            .iter()
            .position(|f| f.label == label)
            .unwrap_or(0)
    }

    fn refuse(&mut self, label: &str, message: impl Into<String>) {
        self.errors.push((self.index(label), message.into()));
    }

    fn text(&self, label: &str) -> String {
        self.form.value(label)
    }

    /// A field that must not be empty.
    fn required(&mut self, label: &str, message: &str) -> String {
        let text = self.text(label);
        if text.is_empty() {
            self.refuse(label, message);
        }
        text
    }

    fn date(&mut self, label: &str) -> Option<chrono::NaiveDate> {
        parse_optional_date(&self.text(label), self.today)
            .map_err(|error| self.refuse(label, error.to_string()))
            .ok()
            .flatten()
    }

    /// A value that must be given and valid.
    fn parsed<T: std::str::FromStr<Err = String>>(&mut self, label: &str) -> Option<T> {
        self.text(label)
            .parse()
            .map_err(|error| self.refuse(label, error))
            .ok()
    }

    /// Every field of a feature, as `FEATURE_FIELDS` reads its text.
    fn feature(&mut self) -> FeatureFields {
        let mut fields = FeatureFields::default();
        for field in &FEATURE_FIELDS {
            let text = self.text(field.prompt);
            if let Err(error) = (field.set)(&mut fields, &text, self.today) {
                self.refuse(field.prompt, error);
            }
        }
        fields
    }

    fn phase(&mut self) -> PhaseFields {
        let fields = PhaseFields {
            name: self.required(NAME, "a phase needs a name"),
            goal: self.text(GOAL),
            start: self.date(START),
            end: self.date(END),
            status: self.parsed(STATUS),
        };
        if let (Some(start), Some(end)) = (fields.start, fields.end)
            && end < start
        {
            self.refuse(END, format!("ends before it starts ({start})"));
        }
        fields
    }

    fn foundation(&mut self) -> crate::domain::FoundationFields {
        crate::domain::FoundationFields {
            what: self.required(WHAT, "say what it is"),
            why: self.text(WHY_FOUNDATION),
            status: self.parsed(STATUS),
            target: self.date(TARGET),
        }
    }

    /// Only what changed from `base`, so another writer's edit of another
    /// field stays.
    fn roadmap(&mut self, base: &RoadmapInfo) -> crate::domain::RoadmapEdit {
        let name = self.required(NAME, "the roadmap needs a name");
        let review_day = match crate::domain::dates::parse_weekday(&self.text(REVIEW_DAY)) {
            Ok(day) => Some(day),
            Err(message) => {
                self.refuse(REVIEW_DAY, message);
                None
            }
        };
        let changed = |now: String, was: &str| (now != was).then_some(now);
        crate::domain::RoadmapEdit {
            name: changed(name, &base.name),
            horizon: changed(self.text(HORIZON), &base.horizon),
            philosophy: changed(self.text(PHILOSOPHY), &base.philosophy),
            review_day: review_day.filter(|d| *d != base.review_day),
        }
    }

    fn risk(&mut self) -> crate::domain::RiskFields {
        crate::domain::RiskFields {
            risk: self.required(RISK, "name the risk"),
            impact: self.text(IMPACT_TEXT),
            mitigation: self.text(MITIGATION),
        }
    }
}

/// Reads every field; on any error the form stays open with the errors
/// shown beside the fields and the text as typed. The form is kept until
/// the store has accepted the save, and comes back if it refuses.
pub(super) fn form_submit(app: &mut App, mut form: Form) -> Vec<Effect> {
    let mut reading = Reading {
        form: &form,
        today: app.today,
        errors: Vec::new(),
    };
    let write = match form.kind.clone() {
        FormKind::NewFeature { phase } => Command::AddFeature(NewFeature {
            fields: reading.feature(),
            phase,
            depends_on: Vec::new(),
            created: Some(app.today),
            private: false,
        }),
        FormKind::EditFeature { key, base } => Command::EditFeature {
            key,
            base,
            fields: Box::new(reading.feature()),
            why: String::new(),
        },
        FormKind::NewPhase => Command::AddPhase(reading.phase()),
        FormKind::EditPhase { id, base } => Command::EditPhase {
            id,
            base: *base,
            fields: reading.phase(),
            why: String::new(),
        },
        FormKind::Foundation { id } => Command::SaveFoundation {
            id,
            fields: reading.foundation(),
        },
        FormKind::Risk { id } => Command::SaveRisk {
            id,
            fields: reading.risk(),
        },
        FormKind::Roadmap { base } => Command::EditRoadmap(reading.roadmap(&base)),
    };
    let errors = reading.errors;
    if errors.is_empty() {
        app.pending_form = Some(Box::new(form));
        // A new target or priority is asked why, and so is closing a phase
        // with open work; the save waits.
        let question = match &write {
            Command::EditPhase { .. } => closing_question(app, &write),
            _ => why_question(&write, &app.prompt_keys()),
        };
        if let Some(question) = question {
            let intent = PromptIntent::EditWhy {
                write: Box::new(write),
            };
            app.show(Overlay::Prompt(Box::new(Prompt::new(question, intent))));
            return Vec::new();
        }
        return vec![Effect::write(write)];
    }
    form.focus = errors[0].0;
    let count = errors.len();
    for (field, error) in errors {
        form.fields[field].error = Some(error);
    }
    app.error(format!(
        "{count} field{} to fix before saving",
        if count == 1 { "" } else { "s" }
    ));
    app.show(Overlay::Form(Box::new(form)));
    Vec::new()
}

pub(super) fn foundation_form(item: Option<&FoundationItem>) -> Form {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Form {
        title: item.map_or("New foundation item".into(), |i| {
            format!("Edit \"{}\"", i.what)
        }),
        kind: FormKind::Foundation {
            id: item.map(|i| i.id),
        },
        focus: 0,
        fields: vec![
            FormField::new(WHAT, item.map_or("", |i| &i.what), false),
            FormField::new(WHY_FOUNDATION, item.map_or("", |i| &i.why), true),
            FormField::new(
                STATUS,
                item.map_or("not_started", |i| i.status.as_str()),
                false,
            ),
            FormField::new(TARGET, &date(item.and_then(|i| i.target)), false),
        ],
    }
}

pub(super) fn risk_form(risk: Option<&Risk>) -> Form {
    Form {
        title: risk.map_or("New risk".into(), |r| format!("Edit risk \"{}\"", r.risk)),
        kind: FormKind::Risk {
            id: risk.map(|r| r.id),
        },
        focus: 0,
        fields: vec![
            FormField::new(RISK, risk.map_or("", |r| &r.risk), false),
            FormField::new(IMPACT_TEXT, risk.map_or("", |r| &r.impact), false),
            FormField::new(MITIGATION, risk.map_or("", |r| &r.mitigation), true),
        ],
    }
}

pub(super) fn roadmap_form(info: &RoadmapInfo) -> Form {
    Form {
        title: format!("The roadmap \"{}\"", info.name),
        kind: FormKind::Roadmap {
            base: Box::new(info.clone()),
        },
        focus: 0,
        fields: vec![
            FormField::new(NAME, &info.name, false),
            FormField::new(HORIZON, &info.horizon, false),
            FormField::new(PHILOSOPHY, &info.philosophy, true),
            FormField::new(
                REVIEW_DAY,
                crate::domain::header::weekday_name(info.review_day),
                false,
            ),
        ],
    }
}

/// The question a feature's save asks when it moves the target or changes
/// the priority: `Why change F5's target (2026-12-14 → 2026-12-28)?`.
/// The question a phase's save asks when it closes the phase with work
/// still open (`None` when it does not).
fn closing_question(app: &App, write: &Command) -> Option<String> {
    let Command::EditPhase {
        id, base, fields, ..
    } = write
    else {
        return None;
    };
    let closing = fields.status == Some(PhaseStatus::Complete) && base.status != fields.status;
    let open = crate::domain::review::open_work(app.roadmap.as_ref()?, *id).filter(|_| closing)?;
    let back = app.prompt_keys().1;
    Some(format!(
        "\"{}\" has open work: {open}. Why close it? ({back} goes back to the form)",
        fields.name
    ))
}

fn why_question(write: &Command, (submit, back): &(String, String)) -> Option<String> {
    let Command::EditFeature {
        key, base, fields, ..
    } = write
    else {
        return None;
    };
    let show = |d: Option<chrono::NaiveDate>| d.map_or("none".to_owned(), |d| d.to_string());
    let level = |p: Option<Priority>| p.map_or("none".to_owned(), |p| p.as_str().to_uppercase());
    let mut changes = Vec::new();
    if base.target != fields.target {
        changes.push(format!(
            "target ({} → {})",
            show(base.target),
            show(fields.target)
        ));
    }
    if base.priority != fields.priority {
        changes.push(format!(
            "priority ({} → {})",
            level(base.priority),
            level(fields.priority)
        ));
    }
    (!changes.is_empty()).then(|| {
        format!(
            "Why change {key}'s {}? (optional: {submit} saves, {back} goes back to the form)",
            changes.join(" and ")
        )
    })
}

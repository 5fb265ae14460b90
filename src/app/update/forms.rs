//! The edit forms: features, phases, foundation items, risks.

use super::*;

pub(super) const TITLE: &str = "Title";

pub(super) const DESCRIPTION: &str = "Description";

pub(super) const WHY: &str = "Why essential";

pub(super) const METRIC: &str = "Success metric";

pub(super) const PRIORITY: &str = "Priority (P0-P3)";

pub(super) const MOSCOW: &str = "MoSCoW";

pub(super) const IMPACT: &str = "Impact (1-5)";

pub(super) const EFFORT: &str = "Effort (1-5)";

pub(super) const TARGET: &str = "Target date";

pub(super) const OWNER: &str = "Owner";

pub(super) const LINK: &str = "Link";

pub(super) const FEEDBACK: &str = "Pilot feedback";

pub(super) const INTERESTING: &str = "Why interesting";

pub(super) const DEFERRED: &str = "Why deferred";

pub(super) const RECONSIDER: &str = "Reconsider when";

pub(super) const NAME: &str = "Name";

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
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let number = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    Form {
        title,
        kind,
        focus: 0,
        fields: vec![
            FormField::new(TITLE, &fields.title, false),
            FormField::new(DESCRIPTION, &fields.description, true),
            FormField::new(WHY, &fields.why, true),
            FormField::new(METRIC, &fields.metric, true),
            FormField::new(
                PRIORITY,
                &fields
                    .priority
                    .map(|p| p.as_str().to_uppercase())
                    .unwrap_or_default(),
                false,
            ),
            FormField::new(
                MOSCOW,
                &fields.moscow.map(|m| m.to_string()).unwrap_or_default(),
                false,
            ),
            FormField::new(IMPACT, &number(fields.impact), false),
            FormField::new(EFFORT, &number(fields.effort), false),
            FormField::new(TARGET, &date(fields.target), false),
            FormField::new(OWNER, &fields.owner, false),
            FormField::new(LINK, &fields.link, false),
            FormField::new(FEEDBACK, &fields.pilot_feedback, true),
            FormField::new(INTERESTING, &fields.why_interesting, false),
            FormField::new(DEFERRED, &fields.why_deferred, false),
            FormField::new(RECONSIDER, &date(fields.reconsider), false),
        ],
    }
}

pub(super) fn phase_form(title: String, phase: Option<&Phase>) -> Form {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Form {
        title,
        kind: FormKind::Phase {
            id: phase.map(|p| p.id),
        },
        focus: 0,
        fields: vec![
            FormField::new(NAME, phase.map_or("", |p| &p.name), false),
            FormField::new(GOAL, phase.map_or("", |p| &p.goal), true),
            FormField::new(START, &date(phase.and_then(|p| p.start)), false),
            FormField::new(END, &date(phase.and_then(|p| p.end)), false),
            FormField::new(
                STATUS,
                phase.map_or("not_started", |p| p.status.as_str()),
                false,
            ),
        ],
    }
}

pub(super) fn form_update(app: &mut App, mut form: Form, action: Action) -> Vec<Effect> {
    let count = form.fields.len();
    match action {
        Action::Back => {
            app.mode = app.home();
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
                    field.input.input(key.0);
                    field.error = None;
                }
            }
        }
        Action::Submit => return form_submit(app, form),
        _ => {}
    }
    app.mode = Mode::Form(Box::new(form));
    Vec::new()
}

/// A parsed optional field, its error recorded against field `at`.
pub(super) fn take<T>(
    errors: &mut Vec<(usize, String)>,
    at: usize,
    parsed: Option<Result<T, String>>,
) -> Option<T> {
    match parsed {
        Some(Ok(value)) => Some(value),
        Some(Err(error)) => {
            errors.push((at, error));
            None
        }
        None => None,
    }
}

/// Parses every field; on any error the form stays open with the errors
/// shown beside the fields and the text as typed.
pub(super) fn form_submit(app: &mut App, mut form: Form) -> Vec<Effect> {
    let today = app.today;
    let mut errors: Vec<(usize, String)> = Vec::new();
    let index = |form: &Form, label: &str| {
        form.fields
            .iter()
            .position(|f| f.label == label)
            .unwrap_or(0)
    };
    let mut date = |form: &Form, label: &str| match parse_optional_date(&form.value(label), today) {
        Ok(date) => date,
        Err(error) => {
            errors.push((index(form, label), error.to_string()));
            None
        }
    };
    let write = match form.kind {
        FormKind::Feature { key, phase } => {
            let target = date(&form, TARGET);
            let reconsider = date(&form, RECONSIDER);
            let parse = |label: &str| -> Option<String> {
                let value = form.value(label);
                (!value.is_empty()).then_some(value)
            };
            let priority = parse(PRIORITY).map(|v| v.parse::<Priority>());
            let moscow = parse(MOSCOW).map(|v| v.parse::<Moscow>());
            let level = |v: Option<String>| {
                v.map(|v| {
                    v.parse::<u8>()
                        .ok()
                        .filter(|n| (1..=5).contains(n))
                        .ok_or_else(|| format!("`{v}` is not a whole number from 1 to 5"))
                })
            };
            let impact = level(parse(IMPACT));
            let effort = level(parse(EFFORT));
            let fields = FeatureFields {
                title: form.value(TITLE),
                description: form.value(DESCRIPTION),
                why: form.value(WHY),
                metric: form.value(METRIC),
                priority: take(&mut errors, index(&form, PRIORITY), priority),
                moscow: take(&mut errors, index(&form, MOSCOW), moscow),
                impact: take(&mut errors, index(&form, IMPACT), impact),
                effort: take(&mut errors, index(&form, EFFORT), effort),
                target,
                owner: form.value(OWNER),
                link: form.value(LINK),
                pilot_feedback: form.value(FEEDBACK),
                why_interesting: form.value(INTERESTING),
                why_deferred: form.value(DEFERRED),
                reconsider,
            };
            if fields.title.is_empty() {
                errors.push((index(&form, TITLE), "a feature needs a title".into()));
            }
            match key {
                Some(key) => Write::EditFeature { key, fields },
                None => Write::AddFeature(NewFeature {
                    fields,
                    phase,
                    depends_on: Vec::new(),
                    created: Some(today),
                }),
            }
        }
        FormKind::Phase { id } => {
            let start = date(&form, START);
            let end = date(&form, END);
            let status = match form.value(STATUS).parse::<PhaseStatus>() {
                Ok(status) => Some(status),
                Err(error) => {
                    errors.push((index(&form, STATUS), error));
                    None
                }
            };
            let fields = PhaseFields {
                name: form.value(NAME),
                goal: form.value(GOAL),
                start,
                end,
                status,
            };
            if fields.name.is_empty() {
                errors.push((index(&form, NAME), "a phase needs a name".into()));
            }
            match id {
                Some(id) => Write::EditPhase { id, fields },
                None => Write::AddPhase(fields),
            }
        }
        FormKind::Foundation { id } => {
            let target = date(&form, TARGET);
            let status = match form.value(STATUS).parse::<FoundationStatus>() {
                Ok(status) => Some(status),
                Err(error) => {
                    errors.push((index(&form, STATUS), error));
                    None
                }
            };
            let fields = crate::store::FoundationFields {
                what: form.value(WHAT),
                why: form.value(WHY_FOUNDATION),
                status,
                target,
            };
            if fields.what.is_empty() {
                errors.push((index(&form, WHAT), "say what it is".into()));
            }
            Write::SaveFoundation { id, fields }
        }
        FormKind::Risk { id } => {
            let fields = crate::store::RiskFields {
                risk: form.value(RISK),
                impact: form.value(IMPACT_TEXT),
                mitigation: form.value(MITIGATION),
            };
            if fields.risk.is_empty() {
                errors.push((index(&form, RISK), "name the risk".into()));
            }
            Write::SaveRisk { id, fields }
        }
    };
    if errors.is_empty() {
        app.mode = app.home();
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
    app.mode = Mode::Form(Box::new(form));
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

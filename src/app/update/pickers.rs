//! The fuzzy pickers: search, filter, dependencies, milestones, phases,
//! requests, the palette.

use super::*;
use crate::app::action::SyncConflicts;
use crate::domain::command::Command;

pub(super) fn open_picker(app: &mut App, title: String, items: Vec<PickItem>) {
    let mut picker = Picker {
        title,
        query: ratatui_textarea::TextArea::default(),
        matches: (0..items.len()).collect(),
        items,
        selected: 0,
    };
    refilter(&mut picker);
    app.show(Overlay::Picker(Box::new(picker)));
}

/// Ranks the items against the query: those holding every word of it (in
/// the label or the text searched) first, then nucleo's fuzzy matches of
/// the label; within each, by fuzzy score, then in list order.
pub(super) fn refilter(picker: &mut Picker) {
    let query = picker.query_text();
    if query.trim().is_empty() {
        picker.matches = (0..picker.items.len()).collect();
    } else {
        let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut scored: Vec<(usize, bool, u32)> = picker
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let text = format!("{} {}", item.label, item.search).to_lowercase();
                let has_words = words.iter().all(|w| text.contains(w.as_str()));
                let haystack = nucleo_matcher::Utf32Str::new(&item.label, &mut buffer);
                let fuzzy = pattern.score(haystack, &mut matcher);
                (has_words || fuzzy.is_some()).then(|| (i, has_words, fuzzy.unwrap_or(0)))
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        picker.matches = scored.into_iter().map(|(i, ..)| i).collect();
    }
    picker.selected = picker.selected.min(picker.matches.len().saturating_sub(1));
}

pub(super) fn picker_update(app: &mut App, mut picker: Picker, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            return Vec::new();
        }
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => {
            picker.selected = (picker.selected + 1).min(picker.matches.len().saturating_sub(1))
        }
        Action::Input(key) if type_into(&mut picker.query, key) => {
            picker.selected = 0;
            refilter(&mut picker);
        }
        Action::Paste(text) if paste_into(&mut picker.query, &text, true) => {
            picker.selected = 0;
            refilter(&mut picker);
        }
        Action::Submit => {
            let Some(item) = picker.chosen().cloned() else {
                app.show(Overlay::Picker(Box::new(picker)));
                return Vec::new();
            };
            return update(app, item.action);
        }
        _ => {}
    }
    app.show(Overlay::Picker(Box::new(picker)));
    Vec::new()
}

/// The actions only a picker's choice sends.
pub(super) fn chosen(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::JumpTo(key) => {
            if !app.select_key(key) {
                // Hidden by the filter, or not on the board.
                app.filter = Filter::default();
                app.relayout();
                if !app.select_key(key) {
                    let lot = app.key(Action::Parking);
                    app.info(format!("{key} is in the parking lot ({lot})"));
                }
            }
        }
        Action::SetFilter(filter) => {
            app.filter = filter;
            app.relayout();
            app.info(
                filter
                    .describe()
                    .map_or("showing every card".into(), |f| format!("filter: {f}")),
            );
        }
        Action::Apply(command) => return vec![Effect::write(*command)],
        Action::PromoteTo(key, phase) => {
            app.last_promoted_to = Some(phase);
            return vec![Effect::write(Command::Transition {
                key,
                transition: Transition::Promote,
                args: TransitionArgs {
                    phase: Some(phase),
                    ..TransitionArgs::default()
                },
            })];
        }
        Action::MoveEnds { label, ends } => {
            let title = format!("{label}: why move the timeline?");
            let intent = PromptIntent::AdjustWhy { ends };
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        }
        Action::SyncWith(resolutions) => return vec![Effect::Sync(resolutions)],
        _ => unreachable!("only a picker's choices come here"),
    }
    Vec::new()
}

/// The conflicts a sync stopped at, as choices: each one kept mine or
/// taken from the other machine, or all of them one way. Each choice syncs
/// again with every choice made so far; what is still left comes back
/// here. Esc leaves it all as it is (edit the card, then sync and keep
/// mine).
pub(super) fn open_conflicts(app: &mut App, conflicts: crate::app::action::SyncConflicts) {
    use crate::domain::sync::merge::{Resolutions, Take};
    let SyncConflicts { settled, left } = conflicts;
    let with = |each: Option<(&str, Take)>, all: Option<Take>| {
        let mut resolutions: Resolutions = settled.clone();
        if let Some((name, take)) = each {
            resolutions.each.insert(name.to_owned(), take);
        }
        resolutions.all = all.or(resolutions.all);
        Action::SyncWith(Box::new(resolutions))
    };
    let item = |label: String, action: Action, search: String| PickItem {
        label,
        action,
        marked: false,
        search,
    };
    let mut items = Vec::new();
    for conflict in &left {
        let name = &conflict.name;
        items.push(item(
            format!("keep mine    {name} → {}", conflict.choice(Take::Ours)),
            with(Some((name, Take::Ours)), None),
            conflict.sentence(),
        ));
        items.push(item(
            format!("take theirs  {name} → {}", conflict.choice(Take::Theirs)),
            with(Some((name, Take::Theirs)), None),
            conflict.sentence(),
        ));
    }
    if left.len() > 1 {
        let n = left.len();
        items.push(item(
            format!("keep mine for all {n}"),
            with(None, Some(Take::Ours)),
            String::new(),
        ));
        items.push(item(
            format!("take theirs for all {n}"),
            with(None, Some(Take::Theirs)),
            String::new(),
        ));
    }
    let title = format!(
        "{} with the other machine (Esc: change nothing)",
        crate::domain::text::count(left.len() as i64, "conflict")
    );
    open_picker(app, title, items);
}

//! The fuzzy pickers: search, filter, dependencies, milestones, phases,
//! requests, the palette.

use super::*;
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
        _ => unreachable!("only a picker's choices come here"),
    }
    Vec::new()
}

//! The change log view.

use super::*;

/// The change log: scroll, filter, back.
pub(super) fn log_view(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(log) = app.log_view_mut() else {
        app.leave_screen();
        return Vec::new();
    };
    let last = log.shown.len().saturating_sub(1);
    match action {
        Action::Down => log.selected = (log.selected + 1).min(last),
        Action::Up => log.selected = log.selected.saturating_sub(1),
        Action::SelectRow(crate::app::keymap::Selection::Log, row) => log.selected = row.min(last),
        Action::Top => log.selected = 0,
        Action::Bottom => log.selected = last,
        Action::Filter => {
            let mut prompt = Prompt::new(
                "Keep the entries with these words (empty shows all)",
                PromptIntent::LogFilter,
            );
            prompt.input.insert_str(&log.filter);
            app.show(Overlay::Prompt(Box::new(prompt)));
        }
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        Action::Learning => app.show(Overlay::Learning { scroll: 0 }),
        Action::AddNote => super::parking::open_note_prompt(app),
        Action::Log | Action::Back => app.leave_screen(),
        _ => {}
    }
    Vec::new()
}

//! A refusal on the board: the method's sentence (the same one the command
//! line and agents read), then the keys that would get past it, taken from
//! the keymap so a remapped key is named as it is.

use super::{Action, Keymap};
use crate::domain::Refusal;

/// The board actions that would get past `refusal` (`Refusal::frees`).
/// A dependency's ship is left out: the board's keys act on the selected
/// card, and the message names the dependencies.
pub fn remedies(refusal: &Refusal) -> Vec<Action> {
    if matches!(refusal, Refusal::UnmetDependencies { .. }) {
        return Vec::new();
    }
    refusal
        .frees()
        .into_iter()
        .map(|(transition, _)| Action::Transition(transition))
        .collect()
}

/// `text`, then `(S ship · p pause)` for the remedies that have a key.
pub fn with_keys(keymap: &Keymap, text: &str, remedies: &[Action]) -> String {
    let keys: Vec<String> = remedies
        .iter()
        .filter_map(|action| Some(format!("{} {}", keymap.key_for(action)?, action.name())))
        .collect();
    if keys.is_empty() {
        text.to_owned()
    } else {
        format!("{text} ({})", keys.join(" · "))
    }
}

//! The board application: actions, state, the pure `update`, the keymap,
//! and the runner that connects them to the terminal and the store.

pub mod action;
pub mod effect;
mod execute;
pub mod keymap;
mod lists;
mod overlays;
mod refusal;
pub mod runner;
mod screens;
pub mod state;
mod terminal;
pub mod update;
mod views;
pub mod worker;

pub use action::Action;
pub use effect::{Effect, Outcome, Write};
pub use keymap::{Context, Keymap};
pub use state::{App, Overlay, Screen};
pub use update::update;

//! roadboard: a keyboard-driven terminal planning board for solo founders.
//!
//! `domain` holds the model and the rules of the method, `store` the SQLite
//! file, `cli` the command line over both.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod example;
pub mod git;
pub mod interchange;
pub mod local;
pub mod logging;
pub mod mcp;
pub mod store;
pub mod sync;
pub mod ui;

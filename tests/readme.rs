//! The README's key table is the keymap's: every board binding is listed
//! with its keys and help, so the document cannot drift from the code.

use roadboard::app::{Context, Keymap};

const README: &str = include_str!("../README.md");

#[test]
fn the_readme_key_table_is_the_keymap() {
    let mut expected = String::from("| keys | action |\n|---|---|\n");
    for (keys, help) in Keymap::default().grouped(Context::Board) {
        expected.push_str(&format!("| `{keys}` | {help} |\n"));
    }
    assert!(
        README.contains(&expected),
        "README.md's key table is stale; it should read:\n{expected}"
    );
}

/// Every exit status the README names, as the program gives it.
#[test]
fn the_readme_exit_statuses_are_the_programs() {
    let plan = crate::common::plan::Plan::new();
    for (status, said) in [
        (1, "exit status 1"),
        (3, "exits with 3"),
        (5, "exits\nwith 5"),
        (2, "exits with 2"),
    ] {
        assert!(README.contains(said), "README no longer says `{said}`");
        let args: &[&str] = match status {
            1 => &["show", "F99"],
            3 => &["ship", "F1"],
            2 => &["--no-such-flag"],
            _ => continue, // a sync conflict: tests/sync.rs
        };
        let (code, stderr) = plan.fails(args);
        assert_eq!(code, status, "{args:?}: {stderr}");
    }
}

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

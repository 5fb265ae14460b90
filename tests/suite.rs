//! Every integration test, linked into one binary (as jj and bottom do):
//! `cargo test` links the library and its dependencies once, not once per
//! file. Each file under `tests/` is a module here; the test below keeps
//! it so.

mod common;

mod adversarial;
mod board;
mod calendar;
mod cli;
mod criteria;
mod e2e;
mod export;
mod fresh;
mod fuzz;
mod git;
mod import;
mod import_eval;
mod invariants;
mod keys;
mod mcp;
mod navigation;
mod outcomes;
mod outputs;
mod publish;
mod readme;
mod reimport;
mod robustness;
mod roundtrip;
mod snapshots;
mod store;
mod sync;
mod up_next;
mod walkthrough;
mod worker;

#[test]
fn every_test_file_is_a_module_of_the_suite() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let suite = std::fs::read_to_string(here.join("suite.rs")).unwrap();
    for entry in std::fs::read_dir(&here).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if name != "suite" {
                assert!(
                    suite.contains(&format!("\nmod {name};")),
                    "tests/{name}.rs is not in tests/suite.rs: its tests would never run"
                );
            }
        }
    }
}

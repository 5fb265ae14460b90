//! The shared evaluator's thresholds on the shared roadmaps: the reader
//! must recognize at least 95% of the features (97% of what it imports
//! being real), 95% of the phases and 90% of everything. Skipped, saying
//! so, when the shared folder or Python is absent.

use std::path::Path;
use std::process::Command;

/// The percentages after `label` in the evaluator's overall line.
fn percent(line: &str, label: &str) -> u32 {
    let rest = &line[line
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {line}"))
        + label.len()..];
    rest.trim_start()
        .split('%')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a percentage after {label} in {line}"))
}

#[test]
fn the_reader_meets_the_evaluator_thresholds_on_the_shared_roadmaps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared");
    let run = root.join("tools/import-eval/run.py");
    if !run.exists() {
        eprintln!("skipped: {} is absent", run.display());
        return;
    }
    let output = match Command::new("python3")
        .arg(&run)
        .arg(env!("CARGO_BIN_EXE_roadboard"))
        .arg(root.join("tools/import-eval/truth"))
        .arg(root.join("roadmaps"))
        .arg(root.join("roadmaps/public"))
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            eprintln!("skipped: python3 cannot run here ({error})");
            return;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let overall = text
        .lines()
        .find(|l| l.starts_with("overall:"))
        .unwrap_or_else(|| {
            panic!(
                "no overall line:\n{text}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    assert!(percent(overall, "features recall") >= 95, "{overall}");
    let features_precision = percent(&overall[overall.find("features").unwrap()..], "precision");
    assert!(features_precision >= 97, "{overall}");
    assert!(percent(overall, "phases recall") >= 95, "{overall}");
    assert!(percent(overall, "all kinds recall") >= 90, "{overall}");
    let all_precision = percent(&overall[overall.find("all kinds").unwrap()..], "precision");
    assert!(all_precision >= 90, "{overall}");
    assert!(overall.ends_with("0 failed"), "{overall}");
}

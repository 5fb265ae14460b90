#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let imported = roadboard::interchange::markdown::import_markdown(&text, "fuzz", today);
    assert!(
        imported
            .roadmap
            .features
            .iter()
            .filter(|f| f.status.holds_slot())
            .count()
            <= 1
    );
});

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let _ = roadboard::domain::dates::parse_date(&text, today);
    let _ = roadboard::interchange::words::date_field(&text, 2026);
});

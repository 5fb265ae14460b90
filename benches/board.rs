//! The board on generated roadmaps of 1,000 and 10,000 features: the first frame
//! (open, load, lay out, draw) and keypress-to-frame (keymap, update and a
//! full render into a 200×60 test terminal), with percentiles.
//! `cargo bench --bench board`.

#[path = "support/generated.rs"]
mod generated;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use roadboard::app::runner::perform;
use roadboard::app::{App, Keymap, update};
use roadboard::store::{OpenMode, Store};
use roadboard::ui::{self, Theme};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<28} median {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}  ({} samples)",
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples[samples.len() - 1],
        samples.len()
    );
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for features in generated::SIZES {
        println!("-- {features} features");
        measure(generated::generated(features), today);
    }
}

fn measure(path: &std::path::Path, today: NaiveDate) {
    let theme = Theme::default();
    let first_frames: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            let store = Store::open(path, OpenMode::Existing, "bench").unwrap();
            let app = App::new(Some(store.load().unwrap()), today, Keymap::default());
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .unwrap();
            start.elapsed()
        })
        .collect();
    report("first frame in-process", first_frames);

    let store = Store::open(path, OpenMode::Existing, "bench").unwrap();
    let mut app = App::new(Some(store.load().unwrap()), today, Keymap::default());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    // Down the column, across the phases and back: every key moves the
    // selection and redraws the whole screen.
    let keys: Vec<KeyCode> = std::iter::repeat_n(KeyCode::Char('j'), 400)
        .chain(std::iter::repeat_n(KeyCode::Char('l'), 11))
        .chain(std::iter::repeat_n(KeyCode::Char('k'), 400))
        .chain(std::iter::repeat_n(KeyCode::Char('h'), 11))
        .collect();
    let mut samples = Vec::with_capacity(keys.len() * 3);
    for _ in 0..3 {
        for &code in &keys {
            let start = Instant::now();
            let event = KeyEvent::from(code);
            if let Some(action) = app.action_for(&event) {
                update(&mut app, action);
            }
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .unwrap();
            samples.push(start.elapsed());
        }
    }
    report("keypress to frame (200x60)", samples);

    let roadmap = app.roadmap.clone().unwrap();
    let forecasts: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(roadboard::domain::schedule::forecast(&roadmap, today, 10));
            start.elapsed()
        })
        .collect();
    report("forecast", forecasts);
    let indexes: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(roadboard::domain::RoadmapIndex::of(&roadmap));
            start.elapsed()
        })
        .collect();
    report("read model (index)", indexes);

    // The Gantt full screen, moving down its rows: each frame lays out
    // only the rows on screen.
    update(&mut app, roadboard::app::Action::FullGantt);
    let mut gantt = Vec::with_capacity(600);
    for step in 0..600 {
        let start = Instant::now();
        let action = if step % 200 < 100 {
            roadboard::app::Action::Down
        } else {
            roadboard::app::Action::Up
        };
        update(&mut app, action);
        terminal
            .draw(|frame| ui::draw(frame, &app, &theme))
            .unwrap();
        gantt.push(start.elapsed());
    }
    report("gantt frame (200x60)", gantt);

    // Every other screen and overlay, opened over the board and moved in.
    let screens: [(&str, &[KeyCode]); 6] = [
        ("tracks", &[KeyCode::Char('T'), KeyCode::Tab]),
        ("parking lot", &[KeyCode::Char('P')]),
        ("card detail", &[KeyCode::Enter]),
        ("help", &[KeyCode::Char('?')]),
        ("palette", &[KeyCode::Char(':'), KeyCode::Char('s')]),
        ("roadmap pane", &[KeyCode::Char('i')]),
    ];
    for (name, open) in screens {
        app.to_bottom(roadboard::app::Screen::Board);
        let frames = screen_frames(&mut app, &mut terminal, &theme, open);
        report(&format!("{name} frame (200x60)"), frames);
    }

    app.to_bottom(roadboard::app::Screen::Board);
    let mut store = store;
    for (name, open) in [("log", KeyCode::Char('y')), ("review", KeyCode::Char('W'))] {
        app.to_bottom(roadboard::app::Screen::Board);
        press_carried(&mut app, &mut store, KeyCode::Esc);
        press_carried(&mut app, &mut store, open);
        let frames = screen_frames(&mut app, &mut terminal, &theme, &[]);
        report(&format!("{name} frame (200x60)"), frames);
    }
    // The review's step with the most rows: next week's ONE, ranked among
    // every planned feature.
    for _ in 0..8 {
        let step = roadboard::app::state::review_in(&mut app.screens).map(|v| v.draft.step);
        if step == Some(roadboard::domain::review::ReviewStep::NextFeature) {
            break;
        }
        press_carried(&mut app, &mut store, KeyCode::Enter);
    }
    let frames = screen_frames(&mut app, &mut terminal, &theme, &[]);
    report("review, next ONE step (200x60)", frames);
    app.to_bottom(roadboard::app::Screen::Board);
    report(
        "write to frame (reorder)",
        write_frames(&mut app, &mut store, &mut terminal, &theme),
    );

    let runs: Vec<(Duration, u64)> = (0..10).map(|_| process_to_first_frame(path)).collect();
    report(
        "process start to first frame",
        runs.iter().map(|(d, _)| *d).collect(),
    );
    let peak = runs.iter().map(|(_, kb)| *kb).max().unwrap_or(0);
    println!(
        "{:<28} {:.1} MB (VmHWM of the board after its first frame)",
        "peak memory",
        peak as f64 / 1024.0
    );
}

/// Opens a screen with the keys `open`, then times 200 keys moving in it,
/// each updated and drawn in full.
fn screen_frames(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    open: &[KeyCode],
) -> Vec<Duration> {
    let press = |app: &mut App, code: KeyCode| {
        let event = KeyEvent::from(code);
        if let Some(action) = app.action_for(&event) {
            update(app, action);
        }
    };
    for &code in open {
        press(app, code);
    }
    (0..200)
        .map(|step| {
            let start = Instant::now();
            press(
                app,
                if step % 100 < 50 {
                    KeyCode::Down
                } else {
                    KeyCode::Up
                },
            );
            terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
            start.elapsed()
        })
        .collect()
}

/// Presses `code` and carries out what it asks of the store on this
/// thread, as the worker would, feeding the results back to `update`.
fn press_carried(app: &mut App, store: &mut Store, code: KeyCode) {
    let event = KeyEvent::from(code);
    let Some(action) = app.action_for(&event) else {
        return;
    };
    let mut effects = update(app, action);
    while let Some(effect) = effects.pop() {
        for action in perform(store, effect, app.today) {
            effects.extend(update(app, action));
        }
    }
}

/// Moves a card up and down its column 200 times: each key commits a
/// reorder (synchronous=FULL), brings the board up to date and draws it,
/// the time from the key to the frame that shows the card moved.
fn write_frames(
    app: &mut App,
    store: &mut Store,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
) -> Vec<Duration> {
    (0..200)
        .map(|step| {
            let start = Instant::now();
            let code = if step % 2 == 0 {
                KeyCode::Char('J')
            } else {
                KeyCode::Char('K')
            };
            press_carried(app, store, code);
            terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
            start.elapsed()
        })
        .collect()
}

/// Peak resident memory of a process, in kB (Linux's VmHWM).
fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// Spawns the real binary in a 200×60 pseudo-terminal and times until the
/// header of the first frame has arrived; also reads its peak memory.
fn process_to_first_frame(path: &std::path::Path) -> (Duration, u64) {
    use std::io::Read;
    let binary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/roadboard");
    assert!(
        binary.exists(),
        "build the binary first: cargo build --release"
    );
    let mut command = std::process::Command::new(binary);
    command
        .arg("--db")
        .arg(path)
        .arg("--config")
        .arg(path.with_file_name("none.toml"))
        .env("ROADBOARD_TODAY", "2026-11-23");
    let start = Instant::now();
    let mut session = expectrl::Session::spawn(command).unwrap();
    session.get_process_mut().set_window_size(200, 60).unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 65536];
    loop {
        if let Ok(n) = session.try_read(&mut buffer) {
            seen.extend_from_slice(&buffer[..n]);
            // The phase columns are drawn in the same frame as the header.
            if seen.windows(7).any(|w| w == b"Phase 1") {
                break;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no frame within 10 s"
        );
    }
    let elapsed = start.elapsed();
    std::thread::sleep(Duration::from_millis(50));
    let peak = peak_rss_kb(session.get_process().pid().as_raw() as u32);
    let _ = std::io::Write::write_all(&mut session, b"q");
    let _ = session.read(&mut buffer);
    let _ = session.get_process_mut().exit(true);
    (elapsed, peak)
}

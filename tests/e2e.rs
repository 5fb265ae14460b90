//! The real binary in a pseudo-terminal: what a user sees, read back
//! through a terminal emulator (vt100).

use std::io::Write;
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Session;

const COLS: u16 = 120;
const ROWS: u16 = 36;

struct Screen {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
}

impl Screen {
    fn open(db: &Path) -> Screen {
        Self::open_with(db, &[])
    }

    fn open_with(db: &Path, env: &[(&str, &str)]) -> Screen {
        // Through a shell that first turns echo on: the pty starts with it
        // off, and the panic test checks that raw mode gives it back.
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("stty echo icanon; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_roadboard"))
            .envs(env.iter().copied());
        // Not in this project's repository: the board scans the commits of
        // the folder it runs in.
        command
            .current_dir(db.parent().unwrap())
            .arg("--db")
            .arg(db)
            .arg("--config")
            .arg(db.with_file_name("no-config.toml"))
            .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "e2e")
            .env("TERM", "xterm-256color");
        let mut session = Session::spawn(command).expect("spawn roadboard in a pty");
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .unwrap();
        Screen {
            session,
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLS).unwrap(),
                0,
            ),
        }
    }

    fn pump(&mut self) {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buffer) {
            if n == 0 {
                break;
            }
            self.parser.process(&buffer[..n]);
        }
    }

    fn contents(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.contents().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("the screen never showed {text:?}:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// A board on a fresh file with the example roadmap loaded.
    fn example(db: &Path) -> Screen {
        let mut screen = Screen::open(db);
        screen.wait_for("This file holds no roadmap yet.");
        screen.send("e");
        screen.wait_for("ONE: ● F4 Shift swap requests");
        screen
    }

    fn send(&mut self, bytes: &str) {
        self.session.write_all(bytes.as_bytes()).unwrap();
        self.session.flush().unwrap();
        // Let each key land before the next (the board handles one per frame).
        std::thread::sleep(Duration::from_millis(60));
    }

    fn quit(mut self) {
        self.send("q");
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.session.get_process().is_alive().unwrap_or(false) {
            assert!(Instant::now() < deadline, "roadboard did not quit on q");
            self.pump();
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

const CTRL_S: &str = "\x13";

#[test]
fn create_start_refuse_quit_and_find_everything_as_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");

    let mut screen = Screen::open(&db);
    screen.wait_for("This file holds no roadmap yet.");
    screen.send("n");
    screen.wait_for("Name of the new roadmap");
    screen.send("Acme");
    screen.send("\r");
    screen.wait_for("Press N to add the first phase");
    screen.send("N");
    screen.wait_for("New phase");
    screen.send("MVP");
    screen.send(CTRL_S);
    screen.wait_for("added phase \"MVP\"");
    for title in ["Billing", "Reports"] {
        screen.send("n");
        screen.wait_for("New feature in \"MVP\"");
        screen.send(title);
        screen.send(CTRL_S);
        screen.wait_for(&format!(
            "added F{} \"{title}\"",
            if title == "Billing" { 1 } else { 2 }
        ));
    }
    screen.send("k");
    screen.send("s");
    screen.wait_for("start F1 \"Billing\": planned → in progress");
    screen.wait_for("ONE: ● F1 Billing · in progress · 0 days");
    screen.send("j");
    screen.send("s");
    screen.wait_for("cannot start F2 \"Reports\": F1 \"Billing\" is in progress since 2026-11-23");
    screen.quit();

    let mut screen = Screen::open(&db);
    screen.wait_for("ONE: ● F1 Billing · in progress · 0 days");
    let contents = screen.contents();
    assert!(contents.contains("○ F2 Reports"), "{contents}");
    screen.quit();
}

#[test]
fn a_file_that_is_not_ours_is_refused_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "shopping list\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_roadboard"))
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "roadboard: {} is not a roadboard database (not a SQLite file); left untouched\n",
            db.display()
        )
    );
    assert!(output.stdout.is_empty(), "no escape codes were written");
    assert_eq!(std::fs::read_to_string(&db).unwrap(), "shopping list\n");
}

#[test]
fn after_a_panic_the_terminal_is_restored_and_the_report_readable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let mut screen = Screen::open_with(
        &db,
        &[("ROADBOARD_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    screen.wait_for("This file holds no roadmap yet.");
    assert!(
        !screen.session.get_process().get_echo().unwrap(),
        "the board runs in raw mode"
    );
    // Keep every byte from here on to read the restore sequences.
    let mut bytes = Vec::new();
    screen.session.write_all(b"\x1b[24~").unwrap();
    screen.session.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buffer = [0u8; 8192];
    loop {
        let alive = screen.session.get_process().is_alive().unwrap_or(false);
        match screen.session.try_read(&mut buffer) {
            Ok(n) if n > 0 => bytes.extend_from_slice(&buffer[..n]),
            _ if !alive => break,
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
        assert!(
            Instant::now() < deadline,
            "the board did not end after the panic"
        );
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("\x1b[?1049l"),
        "the alternate screen is left: {text:?}"
    );
    assert!(
        text.contains("\x1b[?25h"),
        "the cursor is shown again: {text:?}"
    );
    assert!(
        text.contains("\x1b[?1000l"),
        "mouse capture is off again: {text:?}"
    );
    let leave = text.find("\x1b[?1049l").unwrap();
    let report = text
        .find("test panic requested with F12")
        .expect("the report names the panic");
    assert!(
        leave < report,
        "the terminal is restored before the report is printed"
    );
    assert!(
        screen.session.get_process().get_echo().unwrap(),
        "raw mode is off again"
    );
}

impl Screen {
    /// Every byte the board writes until it ends, and its exit code.
    fn drain_until_exit(&mut self) -> (String, Option<i32>) {
        use expectrl::process::unix::WaitStatus;
        let mut bytes = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buffer = [0u8; 8192];
        let mut status = None;
        loop {
            match self.session.try_read(&mut buffer) {
                Ok(n) if n > 0 => bytes.extend_from_slice(&buffer[..n]),
                _ if status.is_some() => break,
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
            if status.is_none() {
                status = match self.session.get_process().status() {
                    Ok(WaitStatus::StillAlive) => None,
                    Ok(WaitStatus::Exited(_, code)) => Some(Some(code)),
                    _ => Some(None),
                };
            }
            assert!(Instant::now() < deadline, "the board did not end");
        }
        (
            String::from_utf8_lossy(&bytes).into_owned(),
            status.flatten(),
        )
    }
}

#[test]
fn termination_signals_restore_the_terminal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let dir = tempfile::tempdir().unwrap();
        let mut screen = Screen::example(&dir.path().join("roadmap.db"));
        let pid = screen.session.get_process().pid().to_string();
        assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid])
                .status()
                .unwrap()
                .success()
        );
        let (text, status) = screen.drain_until_exit();
        assert!(
            text.contains("\x1b[?1049l"),
            "SIG{signal}: the alternate screen is left"
        );
        assert!(
            text.contains("\x1b[?1000l"),
            "SIG{signal}: mouse capture is off"
        );
        assert!(
            text.contains("\x1b[?25h"),
            "SIG{signal}: the cursor is shown"
        );
        assert_eq!(status, Some(128 + number), "SIG{signal}");
        assert!(
            screen.session.get_process().get_echo().unwrap(),
            "SIG{signal}: raw mode is off again"
        );
    }
}

#[test]
fn leaving_the_welcome_screen_leaves_no_file_and_starting_a_roadmap_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let mut screen = Screen::open(&db);
    screen.wait_for("This file holds no roadmap yet.");
    screen.quit();
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");

    let mut screen = Screen::open(&db);
    screen.wait_for("This file holds no roadmap yet.");
    screen.send("n");
    screen.wait_for("Name of the new roadmap");
    screen.send("Acme");
    screen.send("\r");
    screen.wait_for("Press N to add the first phase");
    screen.quit();
    assert!(db.exists());
}

#[test]
fn ctrl_c_quits_from_inside_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut screen = Screen::example(&dir.path().join("roadmap.db"));
    screen.send("n");
    screen.wait_for("New feature in");
    screen.send("\x03");
    let (text, status) = screen.drain_until_exit();
    assert_eq!(status, Some(0));
    assert!(text.contains("\x1b[?1049l"), "the alternate screen is left");
}

#[test]
fn killing_the_board_mid_edit_loses_only_the_unsaved_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let mut screen = Screen::example(&db);
    screen.send("S");
    screen.wait_for("ship F4 \"Shift swap requests\": in progress → shipped");
    screen.send("n");
    screen.wait_for("New feature in");
    screen.send("Half typed idea");
    screen.wait_for("Half typed idea");
    screen
        .session
        .get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL)
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while screen.session.get_process().is_alive().unwrap_or(false) {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(20));
    }
    let store =
        roadboard::store::Store::open(&db, roadboard::store::OpenMode::Existing, "t").unwrap();
    let roadmap = store.load().unwrap();
    assert!(
        roadmap
            .features
            .iter()
            .all(|f| f.title != "Half typed idea"),
        "the unsaved form is gone"
    );
    let shipped = roadmap
        .feature_by_key(roadboard::domain::FeatureKey(4))
        .unwrap();
    assert_eq!(
        shipped.status,
        roadboard::domain::FeatureStatus::Shipped,
        "the accepted ship is kept"
    );
    assert_eq!(roadmap.features.len(), 15);
}

#[test]
fn the_board_shows_another_process_change_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let mut screen = Screen::example(&db);
    let output = Command::new(env!("CARGO_BIN_EXE_roadboard"))
        .args(["ship", "F4"])
        .env("ROADBOARD_DB", &db)
        .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
        .env("ROADBOARD_CONFIG", db.with_file_name("no-config.toml"))
        .env("ROADBOARD_TODAY", "2026-11-23")
        .output()
        .unwrap();
    assert!(output.status.success());
    let shipped_at = Instant::now();
    screen.wait_for("no active feature — pick one with s");
    let took = shipped_at.elapsed();
    assert!(
        took < Duration::from_millis(1000),
        "the board took {took:?} to notice"
    );
    screen.quit();
}

#[test]
fn a_mouse_click_selects_a_card() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let mut screen = Screen::example(&db);
    let contents = screen.contents();
    let (row, line) = contents
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("F9 Billing"))
        .unwrap();
    let column = line[..line.find("F9 Billing").unwrap()].chars().count();
    // An SGR mouse press and release, 1-based cells.
    screen.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        column + 1,
        row + 1,
        column + 1,
        row + 1
    ));
    screen.send("\r");
    screen.wait_for("Billing with card payments ─");
    screen.send("\x1b");
    screen.wait_for("Enter open card");
    screen.quit();
}

// Trust, round two, 2: the real binary in a pty turns bracketed paste on,
// so a pasted line on the board runs no key (before, "please review…⏎"
// renamed a card); pasted into a field it is text.
#[test]
fn a_paste_on_the_board_runs_no_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let mut screen = Screen::example(&db);
    screen.send("\x1b[200~please review the rota draft\r\x1b[201~");
    screen.wait_for("nothing to paste into");
    let roadmap = roadboard::store::Store::open(&db, roadboard::store::OpenMode::Existing, "t")
        .unwrap()
        .load()
        .unwrap();
    assert!(
        roadmap
            .features
            .iter()
            .all(|f| !f.title.contains("review the rota")),
        "no key of the paste ran"
    );
    screen.quit();
}

// Trust, round two, 8: stored control characters reach a terminal as
// visible escapes from every export and the update, never as commands.
#[test]
fn exports_and_the_update_show_control_characters_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_roadboard"))
            .args(args)
            .env("ROADBOARD_DB", &db)
            .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
            .env("ROADBOARD_CONFIG", db.with_file_name("no-config.toml"))
            .env("ROADBOARD_TODAY", "2026-11-23")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
    };
    run(&["init", "--name", "Acme"]);
    run(&["phase", "add", "MVP"]);
    run(&["add", "Pricing", "--phase", "MVP"]);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE feature SET title = 'Pri' || char(27) || ']0;pwned' || char(7) || 'cing'",
            [],
        )
        .unwrap();
    for args in [
        &["export"][..],
        &["export", "--format", "csv"],
        &["export", "--format", "mermaid"],
        &["update", "--since", "2026-01-01"],
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_roadboard"));
        command
            .args(args)
            .env("ROADBOARD_DB", &db)
            .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
            .env("ROADBOARD_CONFIG", db.with_file_name("no-config.toml"))
            .env("ROADBOARD_TODAY", "2026-11-23");
        let mut session = Session::spawn(command).expect("spawn in a pty");
        let mut bytes = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buffer = [0u8; 8192];
        // Read until the output ends or the deadline: a hung process fails
        // the test rather than holding it forever.
        while Instant::now() < deadline {
            match session.try_read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => bytes.extend_from_slice(&buffer[..n]),
                Err(_) if !session.get_process().is_alive().unwrap_or(false) => break,
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("\u{1b}]0;pwned"),
            "{args:?}: raw escape reached the terminal"
        );
        assert!(text.contains("pwned"), "{args:?}: {text}");
    }
}

/// A board opened on a file whose sync meets a conflict offers the choice
/// (keep mine / take theirs), syncs with it, and its header says how the
/// file stands.
#[test]
fn a_board_that_syncs_on_open_offers_the_conflict_and_settles_it() {
    use crate::common::plan::Plan;
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = remote_dir.path().join("remote.git");
    let made = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&remote)
        .status()
        .unwrap();
    assert!(made.success());
    let remote = remote.to_str().unwrap();
    let laptop = Plan::new();
    laptop.ok(&["sync", "setup", remote, "--machine", "laptop"]);
    let desktop = Plan::empty();
    desktop.ok(&["sync", "setup", remote, "--machine", "desktop"]);
    laptop.ok(&["edit", "F1", "--title", "Billing v2"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["edit", "F1", "--title", "Invoices"]);

    let mut screen = Screen::open(&desktop.db);
    screen.wait_for("1 conflict with the other machine");
    screen.wait_for("keep mine    F1.title → \"Invoices\"");
    screen.wait_for("take theirs  F1.title → \"Billing v2\"");
    screen.send("\r");
    screen.wait_for("F1.title: took this machine's");
    screen.wait_for("synced ");
    screen.quit();
    laptop.ok(&["sync"]);
    let billing = laptop.ok(&["show", "F1"]);
    assert!(billing.contains("Invoices"), "{billing}");
}

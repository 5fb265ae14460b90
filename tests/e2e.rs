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
        let mut command = Command::new(env!("CARGO_BIN_EXE_roadboard"));
        command
            .arg("--db")
            .arg(db)
            .arg("--config")
            .arg(db.with_file_name("no-config.toml"))
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
    screen.wait_for("start F1 \"Billing\": planned → active");
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

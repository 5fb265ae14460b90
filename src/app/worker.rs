//! The store on its own thread. The board sends it effects and goes on
//! drawing and reading keys; the worker carries them out on the file, in
//! the order sent, and sends back the actions they end in. Between jobs it
//! watches the file for other writers and a file replaced on disk, and
//! once the queue has been quiet for a moment it rewrites the Markdown
//! mirror and the published site, so a burst of changes rewrites them once
//! and no keypress waits for them; a file that syncs is synced once its
//! changes have rested for the configured while.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::Action;
use super::effect::Effect;
use super::runner::{changed_news, perform, replaced_news, sync_state};
use crate::domain::public::PublishSettings;
use crate::store::Store;

/// How often the file is checked for another process's changes.
const WATCH_EVERY: Duration = Duration::from_millis(400);

/// How long the queue stays quiet before the outputs are rewritten.
const OUTPUTS_AFTER: Duration = Duration::from_millis(150);

/// What the worker keeps up between jobs: where the config publishes the
/// roadmap after each change, and whether the file syncs (and after how
/// long a rest).
#[derive(Debug, Clone, Default)]
pub struct Upkeep {
    pub publish_dir: Option<PathBuf>,
    pub publish: PublishSettings,
    /// The file syncs: its state goes to the header after every change.
    pub syncs: bool,
    /// Sync once changes have rested this long.
    pub sync_after: Option<Duration>,
}

/// One effect to carry out, with the day the board is on.
struct Job {
    effect: Effect,
    today: NaiveDate,
}

/// What the worker sends back: an action for `update`, or the end of a job.
enum Report {
    Action(Action),
    JobDone,
}

/// The board's handle on the worker thread.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    results: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
    /// Jobs sent whose results have not all come back yet.
    pending: usize,
}

impl Worker {
    /// Moves `store` to a thread of its own.
    pub fn start(store: Store, upkeep: Upkeep) -> Worker {
        let (jobs, job_queue) = mpsc::channel();
        let (result_sender, results) = mpsc::channel();
        let mut store = store;
        let progress = result_sender.clone();
        store.on_progress(Box::new(move |percent| {
            let _ = progress.send(Report::Action(Action::ImportProgress(percent)));
        }));
        let thread = std::thread::Builder::new()
            .name("roadboard-store".into())
            .spawn(move || work(store, upkeep, job_queue, result_sender))
            .expect("a thread for the store");
        Worker {
            jobs: Some(jobs),
            results,
            thread: Some(thread),
            pending: 0,
        }
    }

    /// Queues `effect`; returns at once.
    pub fn send(&mut self, effect: Effect, today: NaiveDate) {
        if let Some(jobs) = &self.jobs
            && jobs.send(Job { effect, today }).is_ok()
        {
            self.pending += 1;
        }
    }

    /// Whether effects sent are still being carried out.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// What came back since the last call, without waiting.
    pub fn results(&mut self) -> Vec<Action> {
        let reports: Vec<Report> = self.results.try_iter().collect();
        self.actions(reports)
    }

    /// Waits up to `timeout` for something to come back (tests).
    pub fn wait(&mut self, timeout: Duration) -> Vec<Action> {
        let Ok(first) = self.results.recv_timeout(timeout) else {
            return Vec::new();
        };
        let mut reports = vec![first];
        reports.extend(self.results.try_iter());
        self.actions(reports)
    }

    fn actions(&mut self, reports: Vec<Report>) -> Vec<Action> {
        let mut actions = Vec::new();
        for report in reports {
            match report {
                Report::Action(action) => actions.push(action),
                Report::JobDone => self.pending = self.pending.saturating_sub(1),
            }
        }
        actions
    }

    /// Lets the queued jobs finish (every write sent is written), then
    /// ends the thread.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The worker's loop: jobs in order; between them, the file watched, the
/// outputs rewritten once the queue is quiet, and the file synced once its
/// changes have rested.
fn work(mut store: Store, upkeep: Upkeep, jobs: Receiver<Job>, results: Sender<Report>) {
    let mut seen = store.data_version().unwrap_or(0);
    let mut last_watch = Instant::now();
    // The day of the last accepted write, while the outputs are behind it.
    let mut outputs_behind: Option<NaiveDate> = None;
    // When the changes not synced yet began to rest, and on which day.
    let mut unsynced: Option<(Instant, NaiveDate)> = None;
    loop {
        let wait = if outputs_behind.is_some() {
            OUTPUTS_AFTER
        } else {
            WATCH_EVERY
        };
        match jobs.recv_timeout(wait) {
            Ok(job) => {
                let changes = matches!(job.effect, Effect::Write(_) | Effect::Sync(_));
                let today = job.today;
                for action in perform(&mut store, job.effect, today) {
                    if changes && matches!(&action, Action::Done(o) if o.message.is_ok()) {
                        outputs_behind = Some(today);
                        unsynced = Some((Instant::now(), today));
                    }
                    let _ = results.send(Report::Action(action));
                }
                if changes && upkeep.syncs {
                    let _ = results.send(Report::Action(sync_state(&store)));
                }
                let _ = results.send(Report::JobDone);
                // The board's own writes are not another writer's.
                seen = store.data_version().unwrap_or(seen);
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Some(today) = outputs_behind.take() {
                    rewrite_outputs(&store, &upkeep, today, &results);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(today) = outputs_behind.take() {
                    rewrite_outputs(&store, &upkeep, today, &results);
                }
                return;
            }
        }
        if let (Some(after), Some((since, today))) = (upkeep.sync_after, unsynced)
            && upkeep.syncs
            && since.elapsed() >= after
        {
            unsynced = None;
            for action in perform(&mut store, Effect::Sync(Box::default()), today) {
                if matches!(&action, Action::Done(o) if o.roadmap.is_some()) {
                    outputs_behind = Some(today);
                }
                let _ = results.send(Report::Action(action));
            }
            seen = store.data_version().unwrap_or(seen);
        }
        if last_watch.elapsed() >= WATCH_EVERY {
            last_watch = Instant::now();
            watch(&mut store, &mut seen, &results);
        }
    }
}

/// Another process's commit or a file replaced on disk, as news.
fn watch(store: &mut Store, seen: &mut i64, results: &Sender<Report>) {
    let news = match replaced_news(store, seen) {
        Some(news) => Some(news),
        None => changed_news(store, seen).unwrap_or_else(|error| {
            Some(Action::Failed(format!("the file cannot be read: {error}")))
        }),
    };
    if let Some(news) = news {
        let _ = results.send(Report::Action(news));
    }
}

fn rewrite_outputs(store: &Store, upkeep: &Upkeep, today: NaiveDate, results: &Sender<Report>) {
    let publish = upkeep
        .publish_dir
        .as_deref()
        .map(|dir| (dir, &upkeep.publish));
    let behind = crate::interchange::mirror::refresh_outputs(store, None, publish, today);
    for sentence in behind.sentences() {
        let _ = results.send(Report::Action(Action::Failed(sentence)));
    }
}

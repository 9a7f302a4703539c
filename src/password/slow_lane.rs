//! The slow lane: Argon2 work (password checks, new hashes, unwrapping a staff key) runs
//! on a few threads of their own at a lower scheduling priority, so that sign-ins under
//! load take their time instead of taking it from the pages everyone else is waiting for.
//!
//! There are half as many lane threads as cores (at least one); work waits its turn in
//! order. The threads run at `nice` 10: when the cores are idle a check runs at full
//! speed, when they are busy serving pages the scheduler gives it a small share.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

/// How much lower than the server's other threads the lane runs (a `nice` value).
const NICENESS: i32 = 10;

fn lane() -> &'static Mutex<Sender<Job>> {
    static LANE: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    LANE.get_or_init(|| {
        let (send, receive) = mpsc::channel::<Job>();
        let receive = Arc::new(Mutex::new(receive));
        let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
        for i in 0..threads {
            let receive = Arc::clone(&receive);
            let started = std::thread::Builder::new()
                .name(format!("password-{i}"))
                .spawn(move || serve(&receive));
            if let Err(e) = started {
                tracing::warn!("could not start a password thread: {e}");
            }
        }
        Mutex::new(send)
    })
}

fn serve(jobs: &Mutex<Receiver<Job>>) {
    lower_priority();
    loop {
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(job) = job else { return };
        // A panicking job loses its answer (its caller sees `None`), not the thread.
        let _ = catch_unwind(AssertUnwindSafe(job));
    }
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // On Linux a thread id names one thread, and a priority set on it applies to it alone.
    let me = rustix::thread::gettid();
    if let Err(e) = rustix::process::setpriority_process(Some(me), NICENESS) {
        tracing::warn!("password checks run at normal priority: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Run `work` in the slow lane and wait for its answer (blocks: call it off the async
/// workers). `None` only if the lane could not run it (no lane thread, or `work` panicked).
pub fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (answer, answered) = mpsc::sync_channel(1);
    let job: Job = Box::new(move || {
        let _ = answer.send(work());
    });
    let sent = match lane().lock() {
        Ok(sender) => sender.send(job),
        Err(poisoned) => poisoned.into_inner().send(job),
    };
    sent.ok()?;
    answered.recv().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_comes_back_with_its_answer_and_a_panic_does_not_stop_the_lane() {
        assert_eq!(run(|| 6 * 7), Some(42));
        #[allow(clippy::panic)]
        let lost: Option<()> = run(|| panic!("lost"));
        assert_eq!(lost, None);
        assert_eq!(run(|| "still here"), Some("still here"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_lane_runs_below_normal_priority() {
        let nice = run(|| rustix::process::getpriority_process(Some(rustix::thread::gettid())))
            .and_then(Result::ok);
        assert_eq!(nice, Some(NICENESS));
    }
}

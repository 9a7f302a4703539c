//! The slow lane: Argon2 work (password checks, new hashes, unwrapping a staff key) runs
//! on threads of its own that only take processor time nothing else wants, so that
//! sign-ins under load take their time instead of taking it from the pages everyone else
//! is waiting for.
//!
//! Work goes first to the idle lane: half as many threads as cores (at least one), under
//! Linux's `SCHED_IDLE` policy. When the cores have a moment free, a check runs at full
//! speed; whenever a page's thread wakes, the scheduler hands it the core at once. Were
//! the cores busy without a pause, the idle lane would make almost no progress, so a
//! sign-in could not be starved: when every idle-lane thread has been on the same job for
//! longer than [`PATIENCE`], waiting work is also given to the spare lane, one thread at
//! `nice` 19 that takes a small share of a busy processor, and the first answer counts.
//! (A thread cannot leave `SCHED_IDLE` without privileges, hence a second lane rather
//! than a change of policy.)

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long the idle lane may be stuck on its jobs before waiting work also goes to the
/// spare lane. A check takes well under this on an idle core.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// How often a caller looks whether the idle lane is stuck.
const LOOK_EVERY: Duration = Duration::from_millis(100);

/// The `nice` value of the spare lane: the lowest, a small share of a busy processor.
const SPARE_NICENESS: i32 = 19;

/// The `nice` value of the idle lane, should the idle policy be refused.
const IDLE_NICENESS: i32 = 10;

/// One piece of work, shared by the lanes it was given to.
struct Task {
    /// Does the work and sends its answer.
    work: Box<dyn Fn() + Send + Sync>,
    /// A lane has run it to the end (answered, or panicked).
    finished: AtomicBool,
}

#[derive(Clone, Copy, PartialEq)]
enum Priority {
    Idle,
    Spare,
}

/// When each of a lane's threads started the job it is on (`None`: waiting for work).
type BusySince = Arc<Mutex<Vec<Option<Instant>>>>;

struct Lane {
    jobs: Mutex<Sender<Arc<Task>>>,
    busy_since: BusySince,
}

impl Lane {
    fn start(name: &str, threads: usize, priority: Priority) -> Lane {
        let (send, receive) = mpsc::channel::<Arc<Task>>();
        let receive = Arc::new(Mutex::new(receive));
        let busy_since: BusySince = Arc::new(Mutex::new(vec![None; threads]));
        for i in 0..threads {
            let receive = Arc::clone(&receive);
            let busy = Arc::clone(&busy_since);
            let started = std::thread::Builder::new()
                .name(format!("{name}-{i}"))
                .spawn(move || serve(&receive, &busy, i, priority));
            if let Err(e) = started {
                tracing::warn!("could not start a password thread: {e}");
            }
        }
        Lane {
            jobs: Mutex::new(send),
            busy_since,
        }
    }

    fn send(&self, task: &Arc<Task>) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        jobs.send(Arc::clone(task)).is_ok()
    }

    /// Every thread has been on its job for longer than `patience`.
    fn stuck(&self, patience: Duration) -> bool {
        let busy = self.busy_since.lock().unwrap_or_else(|p| p.into_inner());
        busy.iter()
            .all(|since| since.is_some_and(|s| s.elapsed() > patience))
    }
}

fn idle_lane() -> &'static Lane {
    static LANE: OnceLock<Lane> = OnceLock::new();
    LANE.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
        Lane::start("password", threads, Priority::Idle)
    })
}

fn spare_lane() -> &'static Lane {
    static LANE: OnceLock<Lane> = OnceLock::new();
    LANE.get_or_init(|| Lane::start("password-spare", 1, Priority::Spare))
}

fn serve(jobs: &Mutex<Receiver<Arc<Task>>>, busy: &BusySince, thread: usize, priority: Priority) {
    lower_priority(priority);
    let mark = |since: Option<Instant>| {
        if let Some(slot) = busy
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_mut(thread)
        {
            *slot = since;
        }
    };
    loop {
        let task = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(task) = task else { return };
        if task.finished.load(Ordering::Acquire) {
            continue; // The other lane has answered it.
        }
        mark(Some(Instant::now()));
        // A panicking job loses its answer (its caller sees `None`), not the thread.
        let _ = catch_unwind(AssertUnwindSafe(|| (task.work)()));
        task.finished.store(true, Ordering::Release);
        mark(None);
    }
}

#[cfg(target_os = "linux")]
fn lower_priority(priority: Priority) {
    use thread_priority::{
        NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
        set_thread_priority_and_policy, thread_native_id, thread_schedule_policy,
    };
    if priority == Priority::Idle {
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        // This also asks for the thread's nice value to be 0, which may be refused; only
        // whether the policy took matters.
        let _ = set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle);
        if thread_schedule_policy().ok() != Some(idle) {
            tracing::warn!(
                "password checks run at nice {IDLE_NICENESS}: the idle policy was refused"
            );
        }
    }
    // On Linux a thread id names one thread, and a priority set on it applies to it alone.
    // Under the idle policy the nice value only matters if the policy did not take.
    let me = rustix::thread::gettid();
    let nice = match priority {
        Priority::Idle => IDLE_NICENESS,
        Priority::Spare => SPARE_NICENESS,
    };
    if let Err(e) = rustix::process::setpriority_process(Some(me), nice) {
        tracing::warn!("password checks run at normal priority: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority(_: Priority) {}

/// Run `work` in the slow lane and wait for its answer (blocks: call it off the async
/// workers). `work` may run twice, in both lanes, when the idle lane is stuck; the first
/// answer is kept. `None` only if the lanes could not run it (no lane thread, or `work`
/// panicked).
pub fn run<T: Send + 'static>(work: impl Fn() -> T + Send + Sync + 'static) -> Option<T> {
    // Room for both lanes' answers: neither waits to give its own.
    let (answer, answered) = mpsc::sync_channel(2);
    let task = Arc::new(Task {
        work: Box::new(move || {
            let _ = answer.send(work());
        }),
        finished: AtomicBool::new(false),
    });
    // Straight to the spare lane only if the idle lane has no thread to take it.
    let mut spare_asked = !idle_lane().send(&task) && spare_lane().send(&task);
    loop {
        // The answer's sender lives in `task`, held here: waiting ends with an answer, a
        // lane finishing without one, or a timeout to look again.
        if let Ok(value) = answered.recv_timeout(LOOK_EVERY) {
            return Some(value);
        }
        if task.finished.load(Ordering::Acquire) {
            return answered.try_recv().ok();
        }
        if !spare_asked && idle_lane().stuck(PATIENCE) {
            spare_asked = spare_lane().send(&task);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn my_lane() -> String {
        std::thread::current()
            .name()
            .unwrap_or_default()
            .to_string()
    }

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
    fn the_lanes_run_below_normal_priority() {
        use thread_priority::{NormalThreadSchedulePolicy, ThreadSchedulePolicy};
        let (lane, policy, nice) = run(|| {
            (
                my_lane(),
                thread_priority::thread_schedule_policy().ok(),
                rustix::process::getpriority_process(Some(rustix::thread::gettid())).ok(),
            )
        })
        .unwrap();
        // Work goes to the idle lane first (the spare one only takes it when that is stuck).
        if lane.starts_with("password-spare") {
            assert_eq!(nice, Some(SPARE_NICENESS));
        } else {
            assert!(lane.starts_with("password-"), "{lane}");
            assert_eq!(
                policy,
                Some(ThreadSchedulePolicy::Normal(
                    NormalThreadSchedulePolicy::Idle
                ))
            );
        }
    }

    #[test]
    fn work_waiting_behind_a_stuck_idle_lane_is_done_by_the_spare_lane() {
        let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
        // Hold every idle-lane thread longer than the lane's patience, as a processor
        // busy without a pause would.
        let hold = PATIENCE * 2;
        let holders: Vec<_> = (0..threads)
            .map(|_| {
                let (done, finished) = mpsc::sync_channel(1);
                let task = Arc::new(Task {
                    work: Box::new(move || {
                        std::thread::sleep(hold);
                        let _ = done.send(());
                    }),
                    finished: AtomicBool::new(false),
                });
                assert!(idle_lane().send(&task));
                finished
            })
            .collect();
        let answered_by = run(my_lane).unwrap();
        assert!(
            answered_by.starts_with("password-spare"),
            "answered by {answered_by}, not the spare lane"
        );
        for holder in holders {
            assert_eq!(holder.recv(), Ok(()), "the idle lane finished its work too");
        }
    }
}

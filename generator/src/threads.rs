//! How the stages use more than one core: the count of cores, and a thread kept for the life
//! of the process that runs one side of a [`join`].
//!
//! Starting a thread and waiting for it to end costs tens of microseconds (about 65 on the
//! machine of BENCHMARKS.md); handing work to a thread that is already running, about 10.
//! Reading and resolving v1.0.csdl hands work over five times in 10 ms.

use std::mem::MaybeUninit;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock, TryLockError};
use std::thread::Result as Outcome;

/// How many threads can run at once: asked of the system once, since each asking reads
/// files of the process's limits (tens of microseconds on Linux).
pub(crate) fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A piece of work for the helper, its lifetime erased (see [`join`]).
type Job = Box<dyn FnOnce() + Send + 'static>;

/// Runs `there` on the helper thread and `here` on this one, and returns both results once
/// both have finished, as `std::thread::scope` with one spawned thread would. A panic on
/// either side is raised here, after both have finished. When the helper is busy with
/// another `join` (one from another thread, or one inside either side of this one), `there`
/// runs on a thread of its own. With one core, `there` runs first and then `here`, both on
/// this thread.
pub(crate) fn join<A: Send, B>(
    there: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    if cores() < 2 {
        let there = catch_unwind(AssertUnwindSafe(there));
        let here = here();
        return (there.unwrap_or_else(|p| resume_unwind(p)), here);
    }
    let helper = match helper().try_lock() {
        Ok(helper) => helper,
        // A panic on this side of an earlier `join` let go of the lock: the helper is fine.
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) => {
            return std::thread::scope(|scope| {
                let there = scope.spawn(there);
                let here = here();
                (there.join().unwrap_or_else(|p| resume_unwind(p)), here)
            })
        }
    };
    let done = Arc::new(Done {
        outcome: Mutex::new(None),
        finished: Condvar::new(),
    });
    let job: Box<dyn FnOnce() + Send + '_> = {
        let done = Arc::clone(&done);
        // Once the outcome is told, this call may return and what `there` borrows may go,
        // while the job is still telling and letting go of `done`. The job holds `there` as
        // `MaybeUninit`, as `std::thread` holds a thread's closure, so that the references
        // in it are not taken to be in use for the whole of the job, only while `there`
        // runs.
        let there = MaybeUninit::new(there);
        Box::new(move || {
            // SAFETY: `there` was made just above and is taken out once, here.
            let there = unsafe { there.assume_init() };
            let outcome = catch_unwind(AssertUnwindSafe(there));
            *done.outcome.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            done.finished.notify_one();
        })
    };
    // SAFETY: the job borrows only what `there` borrows, which outlives this call, and uses
    // it only until it has put the outcome in `done`. This call does not return or unwind
    // before then: `Wait` waits for the outcome on every way out of this function. (The
    // helper lets go of `done` after that, but `done` holds nothing borrowed then: the
    // outcome has been taken.)
    let job: Job = unsafe { std::mem::transmute::<Box<dyn FnOnce() + Send + '_>, Job>(job) };
    let wait = Wait(&done);
    if let Err(returned) = helper.send(job) {
        // The helper has gone, which only a failing allocation can make happen: the job runs
        // here instead.
        (returned.0)();
    }
    let here = here();
    let there = wait.outcome();
    drop(helper);
    (there.unwrap_or_else(|p| resume_unwind(p)), here)
}

/// `work(i, part)` for each part, each on a thread of its own: the first on this thread, the
/// second on the helper (see [`join`]), any more on threads started for them. The results are
/// in the parts' order.
pub(crate) fn spread<P: Send, T: Send>(
    parts: Vec<P>,
    work: impl Fn(usize, P) -> T + Sync,
) -> Vec<T> {
    let mut parts = parts.into_iter().enumerate();
    let Some((_, first)) = parts.next() else {
        return Vec::new();
    };
    let Some((_, second)) = parts.next() else {
        return vec![work(0, first)];
    };
    let work = &work;
    let (second, (first, more)) = join(
        move || work(1, second),
        || {
            std::thread::scope(|scope| {
                let more: Vec<_> = parts
                    .map(|(i, part)| scope.spawn(move || work(i, part)))
                    .collect();
                let first = work(0, first);
                let more: Vec<T> = more
                    .into_iter()
                    .map(|m| m.join().unwrap_or_else(|p| resume_unwind(p)))
                    .collect();
                (first, more)
            })
        },
    );
    [first, second].into_iter().chain(more).collect()
}

/// The helper thread's queue, started when first asked for. The lock is held through a
/// [`join`], which keeps one `join` at a time on the helper.
fn helper() -> &'static Mutex<Sender<Job>> {
    static HELPER: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    HELPER.get_or_init(|| {
        let (sender, jobs) = channel::<Job>();
        std::thread::Builder::new()
            .name("graphgen-helper".into())
            .spawn(move || jobs.into_iter().for_each(|job| job()))
            .expect("a thread can be started");
        Mutex::new(sender)
    })
}

/// Where the helper puts the outcome of a job, and tells that it has.
struct Done<A> {
    outcome: Mutex<Option<Outcome<A>>>,
    finished: Condvar,
}

/// Waits for the helper's job to finish, also when dropped by a panic on this thread.
struct Wait<'d, A>(&'d Done<A>);

impl<A> Wait<'_, A> {
    fn outcome(self) -> Outcome<A> {
        let outcome = self.finished();
        std::mem::forget(self);
        outcome
    }

    fn finished(&self) -> Outcome<A> {
        let outcome = self.0.outcome.lock().unwrap_or_else(|e| e.into_inner());
        let mut outcome = self
            .0
            .finished
            .wait_while(outcome, |outcome| outcome.is_none())
            .unwrap_or_else(|e| e.into_inner());
        outcome.take().expect("the helper has put the outcome")
    }
}

impl<A> Drop for Wait<'_, A> {
    fn drop(&mut self) {
        drop(self.finished());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn both_sides_run_at_once_on_different_threads_borrowing_the_callers_data() {
        if cores() < 2 {
            // Both sides run on this thread, one after the other: the barrier would not open.
            return;
        }
        let words = ["entity".to_string(), "directoryObject".to_string()];
        let met = std::sync::Barrier::new(2);
        let (there, here) = join(
            || {
                met.wait();
                (std::thread::current().id(), words[0].len())
            },
            || {
                met.wait();
                (std::thread::current().id(), words[1].len())
            },
        );
        assert_eq!((there.1, here.1), (6, 15));
        assert_ne!(there.0, here.0);
        assert_eq!(here.0, std::thread::current().id());
    }

    #[test]
    fn a_panic_on_either_side_is_raised_once_both_have_finished() {
        let finished = AtomicBool::new(false);
        let raised = catch_unwind(AssertUnwindSafe(|| {
            join(
                || {
                    std::thread::sleep(Duration::from_millis(50));
                    finished.store(true, Ordering::SeqCst);
                },
                || panic!("here"),
            )
        }));
        assert!(raised.is_err());
        assert!(finished.load(Ordering::SeqCst), "`there` outlived the join");

        let finished = AtomicBool::new(false);
        let raised = catch_unwind(AssertUnwindSafe(|| {
            join(
                || panic!("there"),
                || {
                    std::thread::sleep(Duration::from_millis(50));
                    finished.store(true, Ordering::SeqCst);
                },
            )
        }));
        let payload = raised.expect_err("the panic on the helper is raised here");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"there"));
        assert!(finished.load(Ordering::SeqCst));
        // The helper keeps working after both.
        assert_eq!(join(|| 1, || 2), (1, 2));
    }

    #[test]
    fn joins_inside_joins_and_from_many_threads_all_finish() {
        let sum = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for t in 0..4 {
                let sum = &sum;
                scope.spawn(move || {
                    for i in 0..50 {
                        let ((a, b), (c, d)) = join(|| join(|| t, || i), || join(|| 1, || 2));
                        sum.fetch_add(a + b + c + d, Ordering::Relaxed);
                    }
                });
            }
        });
        // Each of the 4 threads adds t + i + 3 for i in 0..50.
        let expected: usize = (0..4)
            .map(|t| (0..50).map(|i| t + i + 3).sum::<usize>())
            .sum();
        assert_eq!(sum.into_inner(), expected);
    }

    #[test]
    fn spread_gives_the_results_in_index_order() {
        for count in 0..6 {
            let threads = Mutex::new(Vec::new());
            let got = spread((0..count).collect(), |i, part: usize| {
                threads.lock().unwrap().push(std::thread::current().id());
                assert_eq!(i, part);
                i * 10
            });
            assert_eq!(got, (0..count).map(|i| i * 10).collect::<Vec<_>>());
            let mut threads = threads.into_inner().unwrap();
            threads.sort_by_key(|id| format!("{id:?}"));
            threads.dedup();
            if cores() > 1 {
                assert_eq!(threads.len(), count, "each index on a thread of its own");
            }
        }
    }
}

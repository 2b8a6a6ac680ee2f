//! Stateful objects: a `Mutex` inside, copy-on-write updates.
//!
//! Every uniffi Object of this crate wraps one core value in [`Locked`]:
//!
//! * **One lock per object.** Each method takes the object's own `Mutex` for the whole call and
//!   releases it before returning; no method takes two locks, calls back into the app or
//!   blocks on I/O while holding one, so there is no lock order and no deadlock. Calls from
//!   several threads on one object are serialised; different objects never contend.
//! * **Copy, change, swap.** A mutating method clones the value, applies the core's transition
//!   to the clone, and stores the clone only if the transition succeeded. An error (or a panic
//!   caught by `error::guard`) leaves the object exactly as it was.
//! * **Poisoning** can therefore never expose a half-changed value, so a poisoned lock is
//!   recovered (`into_inner`) instead of failing every later call.

use std::sync::{Mutex, MutexGuard};

use crate::error::IpsrtError;

/// A value behind a mutex, updated copy-on-write.
#[derive(Debug, Default)]
pub struct Locked<T> {
    inner: Mutex<T>,
}

impl<T: Clone> Locked<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Locked { inner: Mutex::new(value) }
    }

    fn lock(&self) -> MutexGuard<'_, T> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads the value under the lock.
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.lock())
    }

    /// Applies `f` to a copy and stores the copy only if `f` succeeded.
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> Result<R, IpsrtError>) -> Result<R, IpsrtError> {
        let mut guard = self.lock();
        let mut copy = guard.clone();
        let out = f(&mut copy)?;
        *guard = copy;
        Ok(out)
    }

    /// Replaces the value.
    pub fn replace(&self, value: T) {
        *self.lock() = value;
    }
}

//! How much memory witnesses' files may take at once, across every upload in progress.
//!
//! Attachments are held in memory from the moment they are read until they are cleaned
//! and sealed: nothing reaches the disk unsealed. Each upload reserves its share before
//! its body is read: twice the size it announces (the cleaned copy beside the original,
//! then the sealed copy beside the cleaned one, each in memory of its own, see
//! `buffer.rs`, so that what is reserved is what is held), and never more than the whole
//! budget, so one upload of the largest size always fits on its own. Uploads beyond the
//! budget wait for others to finish; one that waits too long is read without its files,
//! and the witness is asked to attach them again (everything typed is kept).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The budget is counted in units of this many bytes.
const UNIT: usize = 1024;

/// The memory all uploads in progress may hold together.
pub struct UploadBudget {
    units: Arc<Semaphore>,
    total_units: u32,
    wait: Duration,
}

/// A share of the budget, held until the upload's answer is ready.
#[derive(Debug)]
pub struct Reserved {
    _permit: OwnedSemaphorePermit,
}

impl UploadBudget {
    /// A budget of `total_bytes`; an upload waits at most `wait` for its share.
    pub fn new(total_bytes: usize, wait: Duration) -> Self {
        let total_units = u32::try_from(total_bytes.div_ceil(UNIT).max(1)).unwrap_or(u32::MAX);
        Self {
            units: Arc::new(Semaphore::new(total_units as usize)),
            total_units,
            wait,
        }
    }

    /// Reserve room for an upload whose body is `body_bytes` long. `None` when the room
    /// did not come free in time.
    pub async fn reserve(&self, body_bytes: usize) -> Option<Reserved> {
        let wanted = body_bytes.saturating_mul(2).div_ceil(UNIT).max(1);
        let units = u32::try_from(wanted)
            .unwrap_or(u32::MAX)
            .min(self.total_units);
        let permit = tokio::time::timeout(self.wait, self.units.clone().acquire_many_owned(units))
            .await
            .ok()?
            .ok()?;
        Some(Reserved { _permit: permit })
    }

    /// Bytes not reserved by any upload now.
    pub fn free_bytes(&self) -> usize {
        self.units.available_permits() * UNIT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn uploads_share_the_budget_and_the_largest_fits_alone() {
        let budget = UploadBudget::new(10 * UNIT, Duration::from_millis(50));
        let first = budget.reserve(3 * UNIT).await.expect("room for 6 units");
        assert_eq!(budget.free_bytes(), 4 * UNIT);
        assert!(
            budget.reserve(3 * UNIT).await.is_none(),
            "no room: it waits, then gives up"
        );
        drop(first);
        let huge = budget.reserve(100 * UNIT).await.expect("alone, it fits");
        assert_eq!(budget.free_bytes(), 0);
        drop(huge);
        assert_eq!(budget.free_bytes(), 10 * UNIT);
    }
}

//! How much memory witnesses' files may take at once, across every upload in progress.
//!
//! Attachments are held in memory from the moment they are read until they are cleaned
//! and sealed: nothing reaches the disk unsealed. Each upload reserves its share before
//! its body is read: the size it announces, never more than the whole budget, so one
//! upload of the largest size always fits on its own. A JPEG, PNG or WebP is then cleaned
//! and sealed in the memory it was read into (see `buffer.rs`), so what is reserved is
//! what is held. A PDF is rewritten (three copies at once): once the file's first bytes
//! tell its type, the upload asks for that much more
//! ([`UploadBudget::reserve_more`]), again never past the whole budget. Uploads beyond
//! the budget wait for others to finish; one that waits too long is read without its
//! files, and the witness is asked to attach them again (everything typed is kept).

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
    permit: OwnedSemaphorePermit,
}

/// `bytes` in whole units of the budget.
fn units(bytes: usize) -> usize {
    bytes.div_ceil(UNIT)
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
        let wanted = u32::try_from(units(body_bytes).max(1)).unwrap_or(u32::MAX);
        let permit = self.acquire(wanted.min(self.total_units)).await?;
        Some(Reserved { permit })
    }

    /// Add room for `bytes` more to a share, as far as the whole budget goes (a share
    /// never grows past it). `false` when the room did not come free in time.
    pub async fn reserve_more(&self, held: &mut Reserved, bytes: usize) -> bool {
        let held_units = u32::try_from(held.permit.num_permits()).unwrap_or(u32::MAX);
        let wanted = u32::try_from(units(bytes))
            .unwrap_or(u32::MAX)
            .min(self.total_units.saturating_sub(held_units));
        if wanted == 0 {
            return true;
        }
        match self.acquire(wanted).await {
            Some(more) => {
                held.permit.merge(more);
                true
            }
            None => false,
        }
    }

    async fn acquire(&self, units: u32) -> Option<OwnedSemaphorePermit> {
        tokio::time::timeout(self.wait, self.units.clone().acquire_many_owned(units))
            .await
            .ok()?
            .ok()
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
        let first = budget.reserve(6 * UNIT).await.expect("room for 6 units");
        assert_eq!(budget.free_bytes(), 4 * UNIT);
        assert!(
            budget.reserve(6 * UNIT).await.is_none(),
            "no room: it waits, then gives up"
        );
        drop(first);
        let huge = budget.reserve(100 * UNIT).await.expect("alone, it fits");
        assert_eq!(budget.free_bytes(), 0);
        drop(huge);
        assert_eq!(budget.free_bytes(), 10 * UNIT);
    }

    #[actix_web::test]
    async fn more_room_is_added_to_a_share_and_given_back_with_it() {
        let budget = UploadBudget::new(10 * UNIT, Duration::from_millis(50));
        let mut share = budget.reserve(2 * UNIT).await.unwrap();
        assert!(budget.reserve_more(&mut share, 3 * UNIT).await);
        assert_eq!(budget.free_bytes(), 5 * UNIT);
        let other = budget.reserve(5 * UNIT).await.unwrap();
        assert!(
            !budget.reserve_more(&mut share, UNIT).await,
            "no room left: it waits, then gives up"
        );
        drop(other);
        assert!(
            budget.reserve_more(&mut share, 100 * UNIT).await,
            "a share grows up to the whole budget"
        );
        assert_eq!(budget.free_bytes(), 0);
        assert!(
            budget.reserve_more(&mut share, UNIT).await,
            "and no further"
        );
        drop(share);
        assert_eq!(budget.free_bytes(), 10 * UNIT);
    }
}

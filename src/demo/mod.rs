//! Demo data: fill an empty database with a realistic People's UPR (an organisation and
//! its staff, six hearings, and testimony in four languages, reviewed, redacted, tagged,
//! translated and excerpted) so that a newcomer sees the whole product in a minute.
//!
//! Everything goes through the same service functions as real use, so the demo's
//! testimony is sealed, audited and indexed exactly like real testimony. The words are
//! composed from sentence templates with invented people, places and identifying details;
//! for a given seed, the same testimony is composed.

mod hearings;
mod people;
pub mod report;
mod review;
mod staff;
mod texts;
mod witness;

use std::collections::HashMap;
use std::path::Path;

use rand::SeedableRng as _;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;

use crate::crypto::DataKeys;
use crate::crypto::keys::{OrgSecretKey, RecoveryKey};
use crate::db::{self, DbConn};
use crate::domain::ids::{HearingId, TestimonyId, UserId};
use crate::domain::submission::SubmissionKey;
use crate::i18n::Lang;
use crate::service::{self, ServiceError, receipts::Submitted};

pub use review::Fate;
pub use staff::StaffCredential;

/// How many testimonies the demo makes unless told otherwise.
pub const DEFAULT_TESTIMONIES: u64 = 300;

/// What to make.
pub struct DemoOptions {
    /// How many testimonies.
    pub testimonies: u64,
    /// The seed of everything composed: the same seed composes the same testimony.
    pub seed: u64,
    /// The server's data keys: receipts and forms are found by keyed hashes made with them.
    pub keys: DataKeys,
    /// The site's public address, for the sign-in link and the witness's check page.
    pub site: String,
}

/// Why the demo did not run to the end.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The database holds data already; the demo goes only into an empty one.
    #[error(
        "this database already holds {0}, and demo data goes only into an empty database. Use a fresh data directory, for example: UPR_DATA_DIR=./demo-data peoples-upr demo"
    )]
    NotEmpty(String),
    /// A service refused a step of the demo (a bug in the demo's data).
    #[error("a step of the demo was refused: {0}")]
    Refused(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<diesel::result::Error> for DemoError {
    fn from(e: diesel::result::Error) -> Self {
        DemoError::Service(e.into())
    }
}

/// How many testimonies ended where.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Not opened by an editor.
    pub received: u64,
    pub in_review: u64,
    /// Waiting for the witness's answer to a question.
    pub waiting: u64,
    pub approved: u64,
    pub excluded: u64,
    /// Withdrawn by the witness after review began (or before).
    pub withdrawn: u64,
}

/// An approved testimony, still in force, and its excerpts.
#[derive(Clone, Debug)]
pub struct ApprovedTestimony {
    pub id: TestimonyId,
    pub excerpt_ids: Vec<String>,
}

/// What the demo made: enough to print the sign-in table, and to act further as the
/// granted editor (the report is made from the approved testimony and their excerpts).
pub struct DemoSummary {
    /// Where staff sign in.
    pub sign_in_url: String,
    /// Every staff account, with its password.
    pub staff: Vec<StaffCredential>,
    pub hearings: Vec<HearingId>,
    pub testimonies: u64,
    pub counts: StatusCounts,
    pub translations: u64,
    /// The editor granted access to originals, who did the review.
    pub editor: UserId,
    /// The administrator.
    pub admin: UserId,
    /// The organisation key, unwrapped as in the granted editor's session.
    pub org: OrgSecretKey,
    /// The organisation's recovery key: it restores access to originals when no
    /// administrator can. Shown once.
    pub recovery: RecoveryKey,
    /// Approved testimony (not withdrawn) with its excerpt ids, in the order made.
    pub approved: Vec<ApprovedTestimony>,
}

impl DemoSummary {
    /// How many excerpts were selected.
    pub fn excerpts(&self) -> usize {
        self.approved.iter().map(|a| a.excerpt_ids.len()).sum()
    }
}

/// Refuse a database that holds staff, hearings or an organisation key.
fn ensure_empty(conn: &mut DbConn) -> Result<(), DemoError> {
    let staff = db::users::count(conn)?;
    if staff > 0 {
        return Err(DemoError::NotEmpty(format!("{staff} staff account(s)")));
    }
    let hearings = db::hearings::list_for_staff(conn, None)?.len();
    if hearings > 0 {
        return Err(DemoError::NotEmpty(format!("{hearings} hearing(s)")));
    }
    if service::keys::org_key_exists(conn)? {
        return Err(DemoError::NotEmpty("an organisation key".into()));
    }
    Ok(())
}

/// Fill an empty database with demo data; `progress` is told how many testimonies are
/// done after each one.
pub fn run(
    conn: &mut DbConn,
    data_dir: &Path,
    opts: &DemoOptions,
    progress: &dyn Fn(u64),
) -> Result<DemoSummary, DemoError> {
    ensure_empty(conn)?;
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let staff = staff::create(conn)?;
    let made = hearings::create_all(conn, staff.organizer.as_str())?;
    let mut consent_texts: HashMap<(usize, Lang), String> = HashMap::new();
    for (i, h) in made.iter().enumerate() {
        let hearing = db::hearings::find(conn, h.id.as_str())?.ok_or(ServiceError::NotFound)?;
        for &lang in h.plan.languages {
            let text = db::hearings::current_consent_text(conn, &hearing, lang)?;
            consent_texts.insert((i, lang), text.id);
        }
    }
    let desk = review::Desk {
        org: &staff.org,
        editor: &staff.editor,
        keys: &opts.keys,
        site: &opts.site,
    };
    let weights: Vec<(usize, u32)> = made
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.plan.weight))
        .collect();
    let mut counts = StatusCounts::default();
    let mut translations = 0;
    let mut approved = Vec::new();
    for done in 1..=opts.testimonies {
        let i = weights
            .choose_weighted(&mut rng, |(_, w)| *w)
            .map(|(i, _)| *i)
            .unwrap_or(0);
        let hearing = &made[i];
        let w = witness::Witness::generate(&mut rng, hearing);
        let consent_text = consent_texts
            .get(&(i, w.language))
            .ok_or_else(|| DemoError::Refused("a language without consent text".into()))?;
        let id = submit(
            conn,
            data_dir,
            opts,
            w.submission(hearing, consent_text, &staff.organizer),
        )?;
        let reviewed = review::review(conn, &desk, &mut rng, &id, &w)?;
        translations += u64::from(reviewed.translated);
        if rand::Rng::gen_bool(&mut rng, 0.03) {
            service::testimony::withdraw(conn, &id)?;
            counts.withdrawn += 1;
        } else {
            match reviewed.fate {
                Fate::Received => counts.received += 1,
                Fate::InReview => counts.in_review += 1,
                Fate::Waiting => counts.waiting += 1,
                Fate::Excluded => counts.excluded += 1,
                Fate::Approved => {
                    counts.approved += 1;
                    approved.push(ApprovedTestimony {
                        id,
                        excerpt_ids: reviewed.excerpts,
                    });
                }
            }
        }
        if done >= 64 && done.is_power_of_two() {
            db::settle_during_load(conn)?;
        }
        progress(done);
    }
    hearings::close_finished(conn, &made)?;
    Ok(DemoSummary {
        sign_in_url: format!("{}/login", opts.site.trim_end_matches('/')),
        staff: staff.credentials,
        hearings: made.into_iter().map(|h| h.id).collect(),
        testimonies: opts.testimonies,
        counts,
        translations,
        editor: staff.editor,
        admin: staff.admin,
        org: staff.org,
        recovery: staff.recovery,
        approved,
    })
}

/// Send one testimony as its witness would, and find its id with the receipt.
fn submit(
    conn: &mut DbConn,
    data_dir: &Path,
    opts: &DemoOptions,
    submission: service::testimony::Submission,
) -> Result<TestimonyId, DemoError> {
    let key = SubmissionKey::generate();
    let submitted = service::testimony::submit(conn, &opts.keys, data_dir, &key, submission)?;
    let Submitted::Now(issued) = submitted else {
        return Err(DemoError::Refused(
            "a fresh form was taken for a repeat".into(),
        ));
    };
    let (id, _) = service::testimony::open_with_receipt(conn, &opts.keys, &issued.receipt)?
        .ok_or(ServiceError::NotFound)?;
    Ok(id)
}

//! Hearings, their themes and languages, their consent texts, and the theme vocabulary.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{consent_texts, hearing_texts, hearing_themes, hearings, themes};
use super::{DbConn, MultiBackend, new_id, now};
use crate::domain::hearing::HearingStatus;
use crate::i18n::Lang;

/// A theme of the vocabulary.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = themes, check_for_backend(MultiBackend))]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub builtin: bool,
    pub created_at: NaiveDateTime,
}

impl Theme {
    /// The theme's name in a language: built-in themes are translated (`theme-{id}`),
    /// themes added by admins show as written.
    pub fn label(&self, lang: Lang) -> String {
        if self.builtin {
            crate::i18n::message(lang, &format!("theme-{}", self.id), &[])
        } else {
            self.name.clone()
        }
    }
}

/// A hearing as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = hearings, check_for_backend(MultiBackend))]
pub struct Hearing {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub city: String,
    pub state: String,
    pub online: bool,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub languages: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    #[diesel(deserialize_as = String)]
    pub status: HearingStatus,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The time zone its times are shown in (an IANA name).
    pub time_zone: String,
    /// Days after closing when contact details and attachments go (`None`: the default).
    pub retention_days: Option<i32>,
    /// When it was last closed (cleared when reopened).
    pub closed_at: Option<NaiveDateTime>,
}

impl Hearing {
    /// The hearing's time zone (UTC when the stored name is unknown).
    pub fn zone(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    pub fn status(&self) -> HearingStatus {
        self.status
    }

    /// The languages testimony is taken in.
    pub fn languages(&self) -> Vec<Lang> {
        self.languages.split(',').filter_map(Lang::parse).collect()
    }

    /// The language its title and summary columns are in, and the one shown where the
    /// reader's language is not accepted: the first it accepts.
    pub fn first_language(&self) -> Lang {
        self.languages().first().copied().unwrap_or(Lang::En)
    }

    /// Whether testimony is accepted right now.
    pub fn acceptance(&self) -> crate::domain::hearing::Acceptance {
        crate::domain::hearing::acceptance(self.status(), self.opens_at, self.closes_at, now())
    }
}

/// A hearing's title, summary and consent text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangTexts {
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    /// Empty when the consent text is not written yet in this language.
    pub consent_text: String,
}

/// The fields of a hearing that organizers set.
#[derive(Clone, Debug)]
pub struct HearingFields {
    pub slug: String,
    /// The title in the first language: the one staff see.
    pub title: String,
    /// The summary in the first language.
    pub summary: String,
    pub city: String,
    pub state: String,
    pub online: bool,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub languages: Vec<Lang>,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    /// The IANA name of the time zone its times are shown in.
    pub time_zone: String,
    /// Days after closing when contact details and attachments go (`None`: the default).
    pub retention_days: Option<i32>,
    pub theme_ids: Vec<String>,
    /// The texts of each language the hearing accepts, the first language first.
    pub texts: Vec<LangTexts>,
}

/// A hearing's title and summary in one language.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = hearing_texts, check_for_backend(MultiBackend))]
pub struct HearingText {
    pub hearing_id: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
}

/// A version of a hearing's consent text.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = consent_texts, check_for_backend(MultiBackend))]
pub struct ConsentText {
    pub id: String,
    pub hearing_id: String,
    pub version: i32,
    pub body: String,
    pub created_at: NaiveDateTime,
    /// The language it is written in.
    pub lang: String,
}

fn join_langs(langs: &[Lang]) -> String {
    langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(",")
}

/// The columns organizers set, as written on create and on update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = hearings, treat_none_as_null = true)]
struct Columns<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    city: &'a str,
    state: &'a str,
    online: bool,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    languages: String,
    opens_at: NaiveDateTime,
    closes_at: NaiveDateTime,
    time_zone: &'a str,
    retention_days: Option<i32>,
    updated_at: NaiveDateTime,
}

impl<'a> Columns<'a> {
    fn of(f: &'a HearingFields, at: NaiveDateTime) -> Self {
        Self {
            slug: &f.slug,
            title: &f.title,
            summary: &f.summary,
            city: &f.city,
            state: &f.state,
            online: f.online,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
            languages: join_langs(&f.languages),
            opens_at: f.opens_at,
            closes_at: f.closes_at,
            time_zone: &f.time_zone,
            retention_days: f.retention_days,
            updated_at: at,
        }
    }
}

pub fn all_themes(conn: &mut DbConn) -> QueryResult<Vec<Theme>> {
    themes::table
        .order((
            themes::builtin.desc(),
            themes::created_at.asc(),
            themes::name.asc(),
        ))
        .select(Theme::as_select())
        .load(conn)
}

/// Add a theme. Fails with a unique violation if the name or id exists.
pub fn add_theme(conn: &mut DbConn, id: &str, name: &str) -> QueryResult<()> {
    diesel::insert_into(themes::table)
        .values((
            themes::id.eq(id),
            themes::name.eq(name),
            themes::builtin.eq(false),
            themes::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Hearing>> {
    hearings::table
        .find(id)
        .select(Hearing::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Hearing>> {
    hearings::table
        .filter(hearings::slug.eq(slug))
        .select(Hearing::as_select())
        .first(conn)
        .optional()
}

/// Whether a slug is taken (by another hearing than `except`).
pub fn slug_taken(conn: &mut DbConn, slug: &str, except: Option<&str>) -> QueryResult<bool> {
    let mut q = hearings::table.filter(hearings::slug.eq(slug)).into_boxed();
    if let Some(id) = except {
        q = q.filter(hearings::id.ne(id));
    }
    Ok(q.count().get_result::<i64>(conn)? > 0)
}

/// Hearings whose page the public can see (open or closed), soonest first.
pub fn list_public(conn: &mut DbConn) -> QueryResult<Vec<Hearing>> {
    hearings::table
        .filter(hearings::status.eq_any([HearingStatus::Open.code(), HearingStatus::Closed.code()]))
        .order((hearings::status.desc(), hearings::starts_on.asc()))
        .select(Hearing::as_select())
        .load(conn)
}

/// Hearings for staff: all of them, or only those created by one organizer.
pub fn list_for_staff(conn: &mut DbConn, created_by: Option<&str>) -> QueryResult<Vec<Hearing>> {
    let mut q = hearings::table.select(Hearing::as_select()).into_boxed();
    if let Some(user) = created_by {
        q = q.filter(hearings::created_by.eq(user));
    }
    q.order(hearings::starts_on.desc()).load(conn)
}

/// The themes of a hearing, in vocabulary order.
pub fn themes_of(conn: &mut DbConn, hearing_id: &str) -> QueryResult<Vec<Theme>> {
    hearing_themes::table
        .inner_join(themes::table)
        .filter(hearing_themes::hearing_id.eq(hearing_id))
        .order((
            themes::builtin.desc(),
            themes::created_at.asc(),
            themes::name.asc(),
        ))
        .select(Theme::as_select())
        .load(conn)
}

/// The themes of several hearings at once, by hearing id, each in vocabulary order.
pub fn themes_of_all(
    conn: &mut DbConn,
    of: &[Hearing],
) -> QueryResult<std::collections::HashMap<String, Vec<Theme>>> {
    let ids: Vec<&str> = of.iter().map(|h| h.id.as_str()).collect();
    let rows: Vec<(String, Theme)> = hearing_themes::table
        .inner_join(themes::table)
        .filter(hearing_themes::hearing_id.eq_any(&ids))
        .order((
            themes::builtin.desc(),
            themes::created_at.asc(),
            themes::name.asc(),
        ))
        .select((hearing_themes::hearing_id, Theme::as_select()))
        .load(conn)?;
    let mut by_hearing: std::collections::HashMap<String, Vec<Theme>> = Default::default();
    for (hearing, theme) in rows {
        by_hearing.entry(hearing).or_default().push(theme);
    }
    Ok(by_hearing)
}

/// The newest version of a hearing's consent text in each language that has one.
pub fn current_consent_texts(conn: &mut DbConn, hearing_id: &str) -> QueryResult<Vec<ConsentText>> {
    let all = consent_texts::table
        .filter(consent_texts::hearing_id.eq(hearing_id))
        .order(consent_texts::version.desc())
        .select(ConsentText::as_select())
        .load(conn)?;
    let mut newest: Vec<ConsentText> = Vec::new();
    for text in all {
        if !newest.iter().any(|n| n.lang == text.lang) {
            newest.push(text);
        }
    }
    Ok(newest)
}

/// The consent text a reader of `lang` is shown now: the newest version in that language
/// if the hearing accepts it and has one, else in the hearing's first language (the
/// caller compares [`ConsentText::lang`] to say so), else the newest in any language.
pub fn current_consent_text(
    conn: &mut DbConn,
    hearing: &Hearing,
    lang: Lang,
) -> QueryResult<ConsentText> {
    let newest = current_consent_texts(conn, &hearing.id)?;
    let accepted = hearing.languages();
    let first = hearing.first_language();
    let pick = newest
        .iter()
        .find(|t| t.lang == lang.code() && accepted.contains(&lang))
        .or_else(|| newest.iter().find(|t| t.lang == first.code()))
        .or_else(|| newest.first())
        .cloned();
    pick.ok_or(diesel::result::Error::NotFound)
}

/// The title and summary in each language that has them.
pub fn texts_of(conn: &mut DbConn, hearing_id: &str) -> QueryResult<Vec<HearingText>> {
    hearing_texts::table
        .filter(hearing_texts::hearing_id.eq(hearing_id))
        .select(HearingText::as_select())
        .load(conn)
}

/// Put the title and summary of `lang` in place of the first language's, when the
/// hearing accepts that language and has them written in it.
pub fn localize(conn: &mut DbConn, hearing: &mut Hearing, lang: Lang) -> QueryResult<()> {
    if !hearing.languages().contains(&lang) || lang == hearing.first_language() {
        return Ok(());
    }
    let text = hearing_texts::table
        .find((&hearing.id, lang.code()))
        .select(HearingText::as_select())
        .first(conn)
        .optional()?;
    if let Some(text) = text {
        apply_text(hearing, text);
    }
    Ok(())
}

/// [`localize`] for several hearings, with one query.
pub fn localize_all(conn: &mut DbConn, hearings: &mut [Hearing], lang: Lang) -> QueryResult<()> {
    let ids: Vec<String> = hearings
        .iter()
        .filter(|h| h.languages().contains(&lang) && lang != h.first_language())
        .map(|h| h.id.clone())
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let texts: Vec<HearingText> = hearing_texts::table
        .filter(hearing_texts::hearing_id.eq_any(&ids))
        .filter(hearing_texts::lang.eq(lang.code()))
        .select(HearingText::as_select())
        .load(conn)?;
    for text in texts {
        if let Some(h) = hearings.iter_mut().find(|h| h.id == text.hearing_id) {
            apply_text(h, text);
        }
    }
    Ok(())
}

fn apply_text(hearing: &mut Hearing, text: HearingText) {
    if !text.title.trim().is_empty() {
        hearing.title = text.title;
    }
    if !text.summary.trim().is_empty() {
        hearing.summary = text.summary;
    }
}

pub fn consent_text(conn: &mut DbConn, id: &str) -> QueryResult<ConsentText> {
    consent_texts::table
        .find(id)
        .select(ConsentText::as_select())
        .first(conn)
}

fn set_themes(conn: &mut DbConn, hearing_id: &str, theme_ids: &[String]) -> QueryResult<()> {
    diesel::delete(hearing_themes::table.filter(hearing_themes::hearing_id.eq(hearing_id)))
        .execute(conn)?;
    for theme in theme_ids {
        diesel::insert_into(hearing_themes::table)
            .values((
                hearing_themes::hearing_id.eq(hearing_id),
                hearing_themes::theme_id.eq(theme),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn add_consent_version(
    conn: &mut DbConn,
    hearing_id: &str,
    lang: Lang,
    version: i32,
    body: &str,
) -> QueryResult<()> {
    diesel::insert_into(consent_texts::table)
        .values((
            consent_texts::id.eq(new_id()),
            consent_texts::hearing_id.eq(hearing_id),
            consent_texts::lang.eq(lang.code()),
            consent_texts::version.eq(version),
            consent_texts::body.eq(body),
            consent_texts::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Create a hearing as a draft, with its themes and first consent text.
pub fn create(conn: &mut DbConn, f: &HearingFields, created_by: &str) -> QueryResult<String> {
    conn.transaction(|conn| {
        let id = new_id();
        let t = now();
        diesel::insert_into(hearings::table)
            .values((
                Columns::of(f, t),
                hearings::id.eq(&id),
                hearings::status.eq(HearingStatus::Draft.code()),
                hearings::created_by.eq(created_by),
                hearings::created_at.eq(t),
            ))
            .execute(conn)?;
        set_themes(conn, &id, &f.theme_ids)?;
        save_texts(conn, &id, &f.texts)?;
        Ok(id)
    })
}

/// Update a hearing. A changed consent text becomes a new version; earlier consents keep
/// pointing at the version their witness saw.
pub fn update(conn: &mut DbConn, id: &str, f: &HearingFields) -> QueryResult<()> {
    conn.transaction(|conn| {
        diesel::update(hearings::table.find(id))
            .set(Columns::of(f, now()))
            .execute(conn)?;
        set_themes(conn, id, &f.theme_ids)?;
        save_texts(conn, id, &f.texts)
    })
}

/// Write each language's title and summary, and a new consent version for each language
/// whose consent text changed. Versions are numbered across the hearing (the unique key
/// is the hearing and the version), so each language's history is its own versions in
/// order.
fn save_texts(conn: &mut DbConn, hearing_id: &str, texts: &[LangTexts]) -> QueryResult<()> {
    let newest = current_consent_texts(conn, hearing_id)?;
    let mut top = newest.iter().map(|t| t.version).max().unwrap_or(0);
    for t in texts {
        diesel::delete(hearing_texts::table.find((hearing_id, t.lang.code()))).execute(conn)?;
        diesel::insert_into(hearing_texts::table)
            .values((
                hearing_texts::hearing_id.eq(hearing_id),
                hearing_texts::lang.eq(t.lang.code()),
                hearing_texts::title.eq(&t.title),
                hearing_texts::summary.eq(&t.summary),
            ))
            .execute(conn)?;
        let body = t.consent_text.trim();
        let current = newest.iter().find(|c| c.lang == t.lang.code());
        if !body.is_empty() && current.is_none_or(|c| c.body != body) {
            top += 1;
            add_consent_version(conn, hearing_id, t.lang, top, body)?;
        }
    }
    Ok(())
}

/// The languages of a hearing that have no consent text yet.
pub fn languages_without_consent(conn: &mut DbConn, hearing: &Hearing) -> QueryResult<Vec<Lang>> {
    let newest = current_consent_texts(conn, &hearing.id)?;
    Ok(hearing
        .languages()
        .into_iter()
        .filter(|l| !newest.iter().any(|t| t.lang == l.code()))
        .collect())
}

/// Move a hearing to a new status, if it is still in `from` (another organizer may have
/// moved it meanwhile). Returns whether it moved.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    from: HearingStatus,
    to: HearingStatus,
) -> QueryResult<bool> {
    let n = diesel::update(
        hearings::table
            .find(id)
            .filter(hearings::status.eq(from.code())),
    )
    .set((
        hearings::status.eq(to.code()),
        hearings::updated_at.eq(now()),
    ))
    .execute(conn)?;
    // Retention counts from the closing; reopening starts it over.
    let closed_at = match to {
        HearingStatus::Closed => Some(now()),
        HearingStatus::Open | HearingStatus::Draft => None,
        HearingStatus::Archived => return Ok(n == 1),
    };
    if n == 1 {
        diesel::update(hearings::table.find(id))
            .set(hearings::closed_at.eq(closed_at))
            .execute(conn)?;
    }
    Ok(n == 1)
}

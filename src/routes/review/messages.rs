//! A testimony's messages tab: the thread with the witness and a form to write to them.
//! Only editors granted access to originals read or write: the thread is sealed to the
//! organisation key, and so is the witness's email address the notice goes to.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::header::Header;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::{TestimonyId, UserId};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::service::messages::{self as svc, MAX_MESSAGE_CHARS, MessageText, TextError};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// What an ungranted editor is told, on the page and when they try to write.
const NEEDS_GRANT: &str = "Messages with the witness are sealed like originals: reading or writing them needs access to originals. Ask an administrator to grant it.";

/// One message as the page shows it.
pub struct Shown {
    pub from_witness: bool,
    pub who: String,
    pub when: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "review/messages.html")]
pub struct MessagesPage {
    pub ctx: Ctx,
    pub header: Header,
    pub messages: Vec<Shown>,
    pub body: String,
    /// What the message field says about the message.
    pub hint: String,
    pub errors: FormErrors,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub body: String,
}

/// Load the header and, for a granted editor, open the thread (which marks replies read).
async fn page(
    staff: Staff,
    state: &AppState,
    id: String,
    body: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let org = staff.ctx.originals();
    let by = UserId::from(staff.user.id.clone());
    let (header, thread) = web::run_db(&state.pool, move |conn| {
        // The thread first: opening it marks replies read, which the header then shows.
        let thread = match &org {
            Some(org) => Some(svc::open_for_staff(
                conn,
                org,
                &by,
                &TestimonyId::from(id.as_str()),
            )?),
            None => None,
        };
        let header = Header::load(conn, &id, org.is_some(), "/messages")?;
        Ok((header, thread))
    })
    .await?;
    let messages = thread
        .map(|t| {
            t.messages
                .into_iter()
                .map(|m| Shown {
                    from_witness: m.from_witness,
                    who: if m.from_witness {
                        "The witness".to_string()
                    } else {
                        m.author.unwrap_or_else(|| "A former staff member".into())
                    },
                    when: i18n::format_datetime(m.at, t.zone, Lang::En),
                    text: m
                        .text
                        .map(|t| t.reveal().to_string())
                        .unwrap_or_else(|| "(this message could not be opened)".into()),
                })
                .collect()
        })
        .unwrap_or_default();
    let template = MessagesPage {
        ctx: staff.ctx,
        header,
        messages,
        body,
        hint: format!(
            "They read it with their receipt, in their own time. If they allowed contact by email, they are told that a message waits, never what it says. At most {MAX_MESSAGE_CHARS} characters."
        ),
        errors,
    };
    web::form_page(&template, &template.errors)
}

#[get("/staff/testimony/{id}/messages")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    page(
        staff,
        &state,
        id.into_inner(),
        String::new(),
        FormErrors::default(),
    )
    .await
}

#[post("/staff/testimony/{id}/messages")]
pub async fn send(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<MessageForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let mut errors = FormErrors::default();
    let Some(org) = staff.ctx.originals() else {
        errors.add("body", NEEDS_GRANT);
        return page(staff, &state, id, form.body, errors).await;
    };
    let text = match MessageText::parse(&form.body) {
        Ok(text) => text,
        Err(TextError::Empty) => {
            errors.add("body", "Write the message to the witness.");
            return page(staff, &state, id, form.body, errors).await;
        }
        Err(TextError::TooLong) => {
            errors.add(
                "body",
                format!("Keep the message under {MAX_MESSAGE_CHARS} characters."),
            );
            return page(staff, &state, id, form.body, errors).await;
        }
    };
    let by = UserId::from(staff.user.id.clone());
    let target = TestimonyId::from(id.as_str());
    let (keys, site) = (state.keys.clone(), state.config.base_url.clone());
    let sent = crate::service::run(&state.pool, move |conn| {
        svc::send(conn, &org, &keys, &site, &by, &target, &text)
    })
    .await?;
    match sent {
        Ok(sent) => {
            tracing::info!(testimony = %id, by = %staff.user.id, "message sent to a witness");
            staff.ctx.set_flash(if sent.notified {
                "Message sent. The witness was told by email that a message waits (the email does not include it)."
            } else {
                "Message sent. The witness did not allow contact by email: they will see it when they next check their testimony."
            });
            Ok(web::see_other(&format!("/staff/testimony/{id}/messages")))
        }
        Err(refusal) => {
            errors.add("body", refusal.to_string());
            page(staff, &state, id, form.body, errors).await
        }
    }
}

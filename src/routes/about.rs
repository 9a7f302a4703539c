//! Who runs this site and how it treats what witnesses give: `/about` and `/privacy`, in
//! the visitor's language, from the organisation's settings (the in-memory copy, so these
//! pages cost no query and, like every public page, write nothing).

use actix_web::{HttpResponse, get};
use askama::Template;

use crate::error::AppError;
use crate::web::{self as w, Ctx};

/// The organisation's name, description and contact.
#[derive(Template)]
#[template(path = "about.html")]
pub struct AboutPage {
    pub ctx: Ctx,
    pub name: String,
    pub description: Vec<String>,
    pub email: Option<String>,
    pub other: String,
}

/// The privacy notice.
#[derive(Template)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    pub ctx: Ctx,
    pub name: String,
    pub notice: Vec<String>,
}

#[get("/about")]
pub async fn about(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let org = ctx.org.clone();
    w::page(&AboutPage {
        name: org.name(ctx.lang).text,
        description: org.description(ctx.lang).paragraphs(),
        email: org.contact_email.as_ref().map(|e| e.as_str().to_string()),
        other: org.contact_other.clone(),
        ctx,
    })
}

#[get("/privacy")]
pub async fn privacy(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let org = ctx.org.clone();
    w::page(&PrivacyPage {
        name: org.name(ctx.lang).text,
        notice: org.privacy_notice(ctx.lang).paragraphs(),
        ctx,
    })
}

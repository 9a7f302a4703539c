//! Access to originals, granted and revoked by administrators from the accounts page.
//! Granting needs the administrator's own unwrapped organisation key, held by their session.

use actix_web::{HttpResponse, post, web::Data, web::Path};

use super::users::Empty;
use crate::db;
use crate::domain::account::Permission;
use crate::error::AppError;
use crate::service::accounts;
use crate::service::keys::GrantRefusal;
use crate::state::AppState;
use crate::web::{self, Form, Staff};

#[post("/admin/users/{id}/originals/grant")]
pub async fn grant(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    let Some(org) = staff.ctx.originals() else {
        return Err(AppError::BadRequest(
            "Your own account cannot open originals, so it cannot grant that access. Ask an administrator who can, or use the recovery key (`peoples-upr originals recover`).".into(),
        ));
    };
    let id = id.into_inner();
    let me = staff.user.id.clone();
    let target = id.clone();
    let (user, done) = crate::service::run(&state.pool, move |conn| {
        let user = db::users::find(conn, &target)?.ok_or(crate::service::ServiceError::NotFound)?;
        let done = accounts::grant_originals(conn, &org, &target, &me)?;
        Ok((user, done))
    })
    .await?;
    let message = match done {
        Ok(()) => {
            tracing::info!(user = %user.id, by = %staff.user.id, "access to originals granted");
            format!("{} can open originals from their next login.", user.email)
        }
        Err(GrantRefusal::NoKeyPair) => format!(
            "{} has not logged in since originals were sealed. Ask them to log in once, then grant again.",
            user.email
        ),
    };
    staff.ctx.set_flash(&message);
    Ok(web::see_other("/admin/users"))
}

#[post("/admin/users/{id}/originals/revoke")]
pub async fn revoke(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    let id = id.into_inner();
    if id == staff.user.id {
        return Err(AppError::BadRequest(
            "You cannot revoke your own access. Ask another administrator.".into(),
        ));
    }
    let target = id.clone();
    let me = staff.user.id.clone();
    let user = crate::service::run(&state.pool, move |conn| {
        let user = db::users::find(conn, &target)?.ok_or(crate::service::ServiceError::NotFound)?;
        let by = crate::domain::audit::Actor::Staff(me.as_str().into());
        accounts::revoke_originals(conn, &by, &target)?;
        Ok(user)
    })
    .await?;
    tracing::info!(user = %user.id, by = %staff.user.id, "access to originals revoked");
    staff.ctx.set_flash(&format!(
        "{} can no longer open originals; their sessions have ended.",
        user.email
    ));
    Ok(web::see_other("/admin/users"))
}

//! Staff accounts: the list, invitations by email, disabling and enabling, changing roles.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::{Email, Permission, Role};
use crate::domain::audit::Actor;
use crate::error::AppError;
use crate::mail::OutgoingMail;
use crate::service::accounts;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub role: String,
}

/// A row of the account list.
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: &'static str,
    /// The role's code, to preselect in the role form.
    pub role_code: &'static str,
    pub disabled: bool,
    pub is_self: bool,
    /// Granted access to originals.
    pub granted: bool,
}

/// A row of the pending invitations.
pub struct InviteRow {
    pub id: String,
    pub email: String,
    pub role: &'static str,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub ctx: Ctx,
    pub users: Vec<UserRow>,
    pub invites: Vec<InviteRow>,
    pub roles: Vec<Role>,
    pub form: InviteForm,
    pub errors: FormErrors,
    /// The administrator viewing the page holds the organisation key (and so may grant).
    pub can_grant: bool,
}

#[derive(Template)]
#[template(path = "email/invite.txt")]
struct InviteEmail<'a> {
    inviter: &'a str,
    role: &'a str,
    link: &'a str,
    hours: i64,
}

async fn users_page(
    staff: Staff,
    state: &AppState,
    form: InviteForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let me = staff.user.id.clone();
    let (users, invites, granted) = crate::web::run_db(&state.pool, |conn| {
        Ok((
            db::users::list(conn)?,
            db::tokens::pending_invites(conn)?,
            db::keys::granted_user_ids(conn)?,
        ))
    })
    .await?;
    let can_grant = staff.ctx.originals().is_some();
    let page = UsersPage {
        ctx: staff.ctx,
        users: users
            .into_iter()
            .map(|u| UserRow {
                role: u.role().label(),
                role_code: u.role().as_str(),
                is_self: u.id == me,
                granted: granted.contains(&u.id),
                id: u.id,
                email: u.email,
                display_name: u.display_name,
                disabled: u.disabled,
            })
            .collect(),
        invites: invites
            .into_iter()
            .map(|i| InviteRow {
                role: i.role().map(|r| r.label()).unwrap_or_default(),
                id: i.id,
                email: i.email,
                expires: i.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            })
            .collect(),
        roles: Role::ALL.to_vec(),
        form,
        errors,
        can_grant,
    };
    web::form_page(&page, &page.errors)
}

#[get("/admin/users")]
pub async fn list(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    let form = InviteForm {
        role: Role::Editor.as_str().into(),
        ..Default::default()
    };
    users_page(staff, &state, form, FormErrors::default()).await
}

#[post("/admin/invites")]
pub async fn invite(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    let mut errors = FormErrors::default();
    let email = Email::parse(&form.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "Choose a role: administrator, organizer or editor.");
    }
    let (Some(email), Some(role)) = (email, role) else {
        return users_page(staff, &state, form, errors).await;
    };
    let token = crate::crypto::random_token();
    let hours = state.config.invite_hours;
    let link = format!("{}/invite/{token}", state.config.base_url);
    let text = InviteEmail {
        inviter: &staff.user.display_name,
        role: role.label(),
        link: &link,
        hours,
    }
    .render()
    .map_err(|e| AppError::Internal(e.into()))?;
    let inviter = staff.user.id.clone();
    let st = state.clone();
    let message = OutgoingMail {
        to: email.as_str().to_string(),
        subject: "You are invited to the People's UPR".into(),
        text,
        witness: false,
    };
    let invited = email.clone();
    let created = crate::service::run(&state.pool, move |conn| {
        accounts::invite(
            conn,
            &st.keys,
            accounts::Invitation {
                email: &invited,
                role,
                token: &token,
                hours,
                invited_by: &inviter,
                message: &message,
            },
        )
    })
    .await?;
    if !created {
        errors.add(
            "email",
            "This person already has an account. Find them in the list below.",
        );
        return users_page(staff, &state, form, errors).await;
    }
    state.mailer.wake();
    staff.ctx.set_flash(&format!(
        "Invitation sent to {email}. The link works for {hours} hours."
    ));
    Ok(web::see_other("/admin/users"))
}

#[derive(serde::Deserialize)]
pub struct Empty {}

#[post("/admin/invites/{id}/revoke")]
pub async fn revoke(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    let id = id.into_inner();
    let by = Actor::Staff(staff.user.id.as_str().into());
    let done = crate::service::run(&state.pool, move |conn| {
        accounts::withdraw_invite(conn, &by, &id)
    })
    .await?;
    if !done {
        return Err(AppError::NotFound);
    }
    staff
        .ctx
        .set_flash("The invitation was withdrawn; its link no longer works.");
    Ok(web::see_other("/admin/users"))
}

async fn set_disabled(
    staff: Staff,
    state: Data<AppState>,
    id: String,
    disabled: bool,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    if id == staff.user.id {
        return Err(AppError::BadRequest(
            "You cannot disable your own account. Ask another administrator.".into(),
        ));
    }
    let by = Actor::Staff(staff.user.id.as_str().into());
    let user = crate::service::run(&state.pool, move |conn| {
        accounts::set_disabled(conn, &by, &id, disabled)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    tracing::info!(user = %user.id, disabled, by = %staff.user.id, "account status changed");
    let msg = if disabled {
        format!(
            "{} is disabled and has been logged out everywhere.",
            user.email
        )
    } else {
        format!("{} can log in again.", user.email)
    };
    staff.ctx.set_flash(&msg);
    Ok(web::see_other("/admin/users"))
}

#[post("/admin/users/{id}/disable")]
pub async fn disable(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    set_disabled(staff, state, id.into_inner(), true).await
}

#[post("/admin/users/{id}/enable")]
pub async fn enable(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    set_disabled(staff, state, id.into_inner(), false).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoleForm {
    pub role: String,
}

/// Change another account's role; that person's sessions end so the new role applies at
/// once. Refusals come back on the accounts page with 422.
#[post("/admin/users/{id}/role")]
pub async fn change_role(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageUsers)?;
    let refused = |staff: Staff, state: Data<AppState>, message: &str| {
        let mut errors = FormErrors::default();
        errors.add("role-change", message);
        let form = InviteForm {
            role: Role::Editor.as_str().into(),
            ..Default::default()
        };
        async move { users_page(staff, &state, form, errors).await }
    };
    let Some(role) = Role::parse(&form.role) else {
        return refused(
            staff,
            state,
            "Choose a role to change to: administrator, organizer or editor.",
        )
        .await;
    };
    let id = id.into_inner();
    let by = Actor::Staff(staff.user.id.as_str().into());
    let done = crate::service::run(&state.pool, move |conn| {
        accounts::change_role(conn, &by, &id, role)
    })
    .await?;
    let changed = match done {
        Ok(changed) => changed,
        Err(accounts::RoleRefusal::OwnRole) => {
            return refused(
                staff,
                state,
                "You cannot change your own role. Ask another administrator.",
            )
            .await;
        }
        Err(accounts::RoleRefusal::LastAdmin) => {
            return refused(
                staff,
                state,
                "This is the last active administrator: make someone else an administrator first.",
            )
            .await;
        }
        Err(accounts::RoleRefusal::NotAllowed) => return Err(AppError::Forbidden),
    };
    let user = changed.user;
    let msg = if changed.from == role {
        format!("{} is already {}.", user.email, role.label())
    } else {
        tracing::info!(user = %user.id, by = %staff.user.id, role = %role, "role changed");
        format!(
            "{} is now {} (was {}); their sessions have ended.",
            user.email,
            role.label(),
            changed.from.label()
        )
    };
    staff.ctx.set_flash(&msg);
    Ok(web::see_other("/admin/users"))
}

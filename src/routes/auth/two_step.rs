//! Two-step sign-in for one's own account: enrolling an authenticator app (a QR code drawn
//! on the server, and the secret as text), then the recovery codes shown once; turning it
//! off and making new recovery codes, each with the password and a current code.

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::crypto::totp::{Authenticator, qr_data_url};
use crate::domain::FormErrors;
use crate::error::AppError;
use crate::service::accounts;
use crate::service::two_step::{self, ChangeRefusal, CodeRefusal, Proof};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff, ctx::ENROL_PATH};

/// What the app needs to enrol: the QR code and the same secret to type by hand.
pub struct Enrolment {
    /// The QR code, as a `data:` URL of an SVG image.
    pub qr: String,
    /// The secret in Base32, in groups of four.
    pub secret: String,
}

#[derive(Template)]
#[template(path = "auth/two_step.html")]
pub struct TwoStepPage {
    pub ctx: Ctx,
    /// Set while two-step sign-in is off: how to turn it on.
    pub enrol: Option<Enrolment>,
    pub codes_left: i64,
    /// Whether the organisation requires it of this account.
    pub required: bool,
    /// Whether this session was let in only to enrol.
    pub forced: bool,
    pub errors: FormErrors,
}

#[derive(Template)]
#[template(path = "auth/two_step_codes.html")]
pub struct CodesPage {
    pub ctx: Ctx,
    pub codes: Vec<String>,
    /// Just turned on (rather than new codes for an account that had it).
    pub enabled_now: bool,
    /// The session was let in without opening originals: sign in again to open them.
    pub sign_in_again: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    pub code: String,
}

/// Turning off, or new recovery codes: the password and a code, as typed.
pub struct ProofForm {
    pub password: String,
    pub code: String,
}

fn enrolment(ctx: &Ctx, email: &str, auth: &Authenticator) -> Result<Enrolment, AppError> {
    let issuer = ctx.org.name(crate::i18n::Lang::En).text;
    let url = auth
        .url(&issuer, email)
        .map_err(|e| AppError::Internal(e.into()))?;
    let qr = qr_data_url(&url).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let raw = auth.secret_base32();
    let secret = raw
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Enrolment { qr, secret })
}

/// The page as it stands for this account, with `errors` (422 when there are any).
async fn render(
    staff: Staff,
    state: &AppState,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let user_id = staff.user.id.clone();
    let keys = state.keys.clone();
    let (status, auth) = crate::service::run(&state.pool, move |conn| {
        let status = two_step::status(conn, &user_id)?;
        let auth = if status.enabled {
            None
        } else {
            two_step::enrolment(conn, &keys, &user_id)?
        };
        Ok((status, auth))
    })
    .await?;
    let enrol = match auth {
        Some(auth) => Some(enrolment(&staff.ctx, &staff.user.email, &auth)?),
        None => None,
    };
    let page = TwoStepPage {
        forced: crate::web::ctx::must_enrol(&staff.ctx.session),
        ctx: staff.ctx,
        enrol,
        codes_left: status.codes_left,
        required: status.required,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/account/two-step")]
pub async fn show(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    render(staff, &state, FormErrors::default()).await
}

#[post("/account/two-step")]
pub async fn confirm(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    if form.code.trim().is_empty() {
        errors.add(
            "code",
            "Enter the 6-digit code your authenticator app shows.",
        );
        return render(staff, &state, errors).await;
    }
    let user_id = staff.user.id.clone();
    let keys = state.keys.clone();
    let code = form.code.clone();
    let done = crate::service::run(&state.pool, move |conn| {
        two_step::confirm(conn, &keys, &user_id, &code)
    })
    .await?;
    match done {
        Ok(codes) => {
            let sign_in_again = crate::web::ctx::must_enrol(&staff.ctx.session);
            crate::web::ctx::set_must_enrol(&staff.ctx.session, false)?;
            tracing::info!(user = %staff.user.id, "two-step sign-in turned on");
            web::page(&CodesPage {
                ctx: staff.ctx,
                codes,
                enabled_now: true,
                sign_in_again,
            })
        }
        Err(CodeRefusal::NotEnrolling) => Ok(web::see_other(ENROL_PATH)),
        Err(CodeRefusal::Wrong) => {
            errors.add(
                "code",
                "That code is not right. Check that the app shows this account, and enter the code it shows now.",
            );
            render(staff, &state, errors).await
        }
    }
}

/// The field names of the two forms that need the password and a code.
struct ProofFields {
    password: &'static str,
    code: &'static str,
}

const DISABLE: ProofFields = ProofFields {
    password: "disable_password",
    code: "disable_code",
};
const NEW_CODES: ProofFields = ProofFields {
    password: "codes_password",
    code: "codes_code",
};

/// Check that both fields are filled; the messages name the form's own fields.
fn missing(fields: &ProofFields, form: &ProofForm) -> FormErrors {
    let mut errors = FormErrors::default();
    if form.password.is_empty() {
        errors.add(fields.password, "Enter your password.");
    }
    if form.code.trim().is_empty() {
        errors.add(
            fields.code,
            "Enter the code your authenticator app shows, or a recovery code.",
        );
    }
    errors
}

/// The message for a refused change, on the form's fields.
fn refused(fields: &ProofFields, refusal: &ChangeRefusal) -> FormErrors {
    let mut errors = FormErrors::default();
    match refusal {
        ChangeRefusal::Password => errors.add(fields.password, "Your password is not right."),
        ChangeRefusal::Code => errors.add(
            fields.code,
            "That code is not right, or it was used already. Enter the next code your app shows.",
        ),
        ChangeRefusal::Required => errors.add(
            fields.password,
            "Your organisation requires two-step sign-in for your account, so it cannot be turned off. You can make new recovery codes instead.",
        ),
        ChangeRefusal::Locked => errors.add(
            fields.password,
            "Too many failed attempts on your account. Wait a few minutes and try again.",
        ),
        ChangeRefusal::NotEnabled => errors.add(fields.code, "Two-step sign-in is not on."),
    }
    errors
}

/// The proof a form gives, read from its prefixed fields.
fn proof_form(fields: &ProofFields, raw: &std::collections::HashMap<String, String>) -> ProofForm {
    let get = |k: &str| raw.get(k).cloned().unwrap_or_default();
    ProofForm {
        password: get(fields.password),
        code: get(fields.code),
    }
}

/// Run a change that needs the password and a code.
async fn with_proof<T: Send + 'static>(
    staff: &Staff,
    state: &AppState,
    form: &ProofForm,
    change: two_step::ProvenChange<T>,
) -> Result<Result<T, ChangeRefusal>, AppError> {
    let user_id = staff.user.id.clone();
    let login_key = accounts::login_key(state, &staff.user.email);
    let keys = state.keys.clone();
    let password = zeroize::Zeroizing::new(form.password.clone());
    let code = form.code.clone();
    Ok(crate::service::run(&state.pool, move |conn| {
        change(
            conn,
            &keys,
            &Proof {
                user_id: &user_id,
                password: &password,
                code: &code,
                login_key: &login_key,
            },
        )
    })
    .await?)
}

#[post("/account/two-step/disable")]
pub async fn disable(
    staff: Staff,
    state: Data<AppState>,
    Form(raw): Form<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = proof_form(&DISABLE, &raw);
    let errors = missing(&DISABLE, &form);
    if !errors.is_empty() {
        return render(staff, &state, errors).await;
    }
    match with_proof(&staff, &state, &form, two_step::disable).await? {
        Ok(()) => {
            tracing::info!(user = %staff.user.id, "two-step sign-in turned off");
            staff.ctx.set_flash(
                "Two-step sign-in is off. Your recovery codes no longer work. You can set it up again below.",
            );
            Ok(web::see_other(ENROL_PATH))
        }
        Err(refusal) => render(staff, &state, refused(&DISABLE, &refusal)).await,
    }
}

#[post("/account/two-step/recovery-codes")]
pub async fn new_codes(
    staff: Staff,
    state: Data<AppState>,
    Form(raw): Form<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = proof_form(&NEW_CODES, &raw);
    let errors = missing(&NEW_CODES, &form);
    if !errors.is_empty() {
        return render(staff, &state, errors).await;
    }
    match with_proof(&staff, &state, &form, two_step::regenerate_codes).await? {
        Ok(codes) => web::page(&CodesPage {
            ctx: staff.ctx,
            codes,
            enabled_now: false,
            sign_in_again: false,
        }),
        Err(refusal) => render(staff, &state, refused(&NEW_CODES, &refusal)).await,
    }
}

//! Security settings: administrators choose who must use two-step sign-in (nobody, staff
//! granted access to originals, or all staff).

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::two_step::Requirement;
use crate::error::AppError;
use crate::service::two_step;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SecurityForm {
    pub two_step_required: String,
}

#[derive(Template)]
#[template(path = "admin/security.html")]
pub struct SecurityPage {
    pub ctx: Ctx,
    /// The choice shown as selected (what was typed, or what is stored).
    pub selected: String,
    pub choices: Vec<(&'static str, &'static str)>,
    pub errors: FormErrors,
}

fn page(ctx: Ctx, selected: String, errors: FormErrors) -> Result<HttpResponse, AppError> {
    let page = SecurityPage {
        ctx,
        selected,
        choices: Requirement::ALL
            .iter()
            .map(|r| (r.code(), r.label()))
            .collect(),
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/admin/security")]
pub async fn show(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageOrganisation)?;
    let rule = crate::service::run(&state.pool, two_step::requirement).await?;
    page(staff.ctx, rule.code().to_string(), FormErrors::default())
}

#[post("/admin/security")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<SecurityForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageOrganisation)?;
    let Some(rule) = Requirement::parse(&form.two_step_required) else {
        let mut errors = FormErrors::default();
        errors.add("two_step_required", "Choose who must use two-step sign-in.");
        return page(staff.ctx, form.two_step_required, errors);
    };
    let by = staff.user.id.clone();
    crate::service::run(&state.pool, move |conn| {
        two_step::set_requirement(conn, &by, rule)
    })
    .await?;
    tracing::info!(by = %staff.user.id, rule = rule.code(), "two-step requirement saved");
    staff.ctx.set_flash(
        "Saved. It applies from each person's next sign-in: anyone it covers who has not set up two-step sign-in is asked to, before any other staff page.",
    );
    Ok(web::see_other("/admin/security"))
}

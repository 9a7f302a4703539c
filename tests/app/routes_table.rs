//! The route × role table: every route, and who may use it. A test fails when a route is
//! added to the source without a row here.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{Page, TestApp, get_with, post_with};

/// Who a route is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in staff with one of these roles.
    Staff(&'static [Role]),
}

pub use Access::*;
use Role::*;

pub const ALL_STAFF: &[Role] = &[Admin, Organizer, Editor];

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

impl Route {
    /// The path with its placeholders filled with values that match nothing.
    pub fn concrete_path(&self) -> String {
        self.path
            .replace("{id}", "00000000-0000-4000-8000-000000000000")
            .replace("{token}", "no-such-token")
            .replace("{code}", "es")
            .replace("{name}", "site.css")
            .replace("{slug}", "no-such-hearing")
    }
}

pub const fn r(method: &'static str, path: &'static str, access: Access) -> Route {
    Route {
        method,
        path,
        access,
    }
}

/// Every route of the application.
pub const ROUTES: &[Route] = &[
    r("GET", "/", Public),
    r("GET", "/lang/{code}", Public),
    r("GET", "/healthz", Public),
    r("GET", "/static/{name}", Public),
    r("GET", "/login", Public),
    r("POST", "/login", Public),
    r("POST", "/logout", Public),
    r("GET", "/password/forgot", Public),
    r("POST", "/password/forgot", Public),
    r("GET", "/password/reset/{token}", Public),
    r("POST", "/password/reset/{token}", Public),
    r("GET", "/invite/{token}", Public),
    r("POST", "/invite/{token}", Public),
    r("GET", "/setup/{token}", Public),
    r("POST", "/setup/{token}", Public),
    r("GET", "/account/password", Staff(ALL_STAFF)),
    r("POST", "/account/password", Staff(ALL_STAFF)),
    r("GET", "/staff", Staff(ALL_STAFF)),
    r("GET", "/admin/users", Staff(&[Admin])),
    r("POST", "/admin/invites", Staff(&[Admin])),
    r("POST", "/admin/invites/{id}/revoke", Staff(&[Admin])),
    r("POST", "/admin/users/{id}/disable", Staff(&[Admin])),
    r("POST", "/admin/users/{id}/enable", Staff(&[Admin])),
    r("POST", "/admin/users/{id}/originals/grant", Staff(&[Admin])),
    r(
        "POST",
        "/admin/users/{id}/originals/revoke",
        Staff(&[Admin]),
    ),
    r("POST", "/admin/users/{id}/role", Staff(&[Admin])),
    r("GET", "/admin/audit", Staff(&[Admin])),
    r(
        "GET",
        "/staff/testimony/{id}/messages",
        Staff(&[Admin, Editor]),
    ),
    r(
        "POST",
        "/staff/testimony/{id}/messages",
        Staff(&[Admin, Editor]),
    ),
    r("POST", "/my-testimony/reply", Public),
    r(
        "GET",
        "/staff/testimony/{id}/redaction",
        Staff(&[Admin, Editor]),
    ),
    r(
        "POST",
        "/staff/testimony/{id}/redaction/decide",
        Staff(&[Admin, Editor]),
    ),
    r(
        "POST",
        "/staff/testimony/{id}/redaction/remove",
        Staff(&[Admin, Editor]),
    ),
    r(
        "POST",
        "/staff/testimony/{id}/redaction/add",
        Staff(&[Admin, Editor]),
    ),
    r(
        "GET",
        "/staff/testimony/{id}/translation",
        Staff(&[Admin, Editor]),
    ),
    r(
        "POST",
        "/staff/testimony/{id}/translation",
        Staff(&[Admin, Editor]),
    ),
];

/// The whole table: this file's rows and each area's.
pub fn all_routes() -> Vec<&'static Route> {
    ROUTES
        .iter()
        .chain(crate::hearings::ROUTES)
        .chain(crate::testimony::ROUTES)
        .chain(crate::organisation::ROUTES)
        .chain(crate::review_reading::ROUTES)
        .chain(crate::review_queue::ROUTES)
        .chain(crate::review_tags::ROUTES)
        .chain(crate::reports::ROUTES)
        .chain(crate::two_step::ROUTES)
        .collect()
}

both_databases!(every_route_allows_and_denies_as_the_table_says);

/// The visitors of the table.
#[derive(Clone, Copy, Debug)]
enum Visitor {
    Anonymous,
    Member(Role),
    Disabled,
}

/// Real records for the routes to act on, so that an allowed visitor's answer can never
/// be a 404 for want of one.
struct Fixtures {
    hearing_id: String,
    slug: String,
    invite_id: String,
    user_id: String,
    testimony_id: String,
    report: crate::reports::ReportFixture,
}

impl Fixtures {
    /// A hearing owned by `owner` (organizers manage their own), an invitation and an
    /// account to act on.
    async fn new(app: &TestApp, n: usize, owner: Option<&str>) -> Self {
        use diesel::prelude::*;
        use peoples_upr::db::{self, schema::hearings, tokens};
        let slug = format!("table-{n}");
        let hearing_id = crate::testimony::open_hearing(app, &slug);
        if let Some(owner) = owner {
            app.db(|c| {
                diesel::update(hearings::table.find(&hearing_id))
                    .set(hearings::created_by.eq(owner))
                    .execute(c)
                    .unwrap()
            });
        }
        let invite_id = app.db(|c| {
            tokens::create(
                c,
                tokens::NewToken {
                    purpose: tokens::Purpose::Invite,
                    token_hash: &format!("hash-{n}"),
                    email: &format!("invited{n}@example.org"),
                    role: Some(Editor),
                    user_id: None,
                    created_by: None,
                    expires_at: db::now() + chrono::Duration::hours(1),
                },
            )
            .unwrap()
        });
        let user_id = app.create_user(&format!("target{n}@example.org"), Editor);
        let witness = app.other_client();
        let submitted = crate::testimony::submit_testimony(
            &witness,
            app,
            &slug,
            &crate::testimony::typical(),
            vec![],
        )
        .await;
        crate::testimony::take_receipt(&witness, app, &submitted).await;
        let testimony_id = crate::testimony::latest_testimony(app)
            .id
            .as_str()
            .to_string();
        let report = crate::reports::published_fixture(app, &hearing_id, &user_id);
        Self {
            hearing_id,
            slug,
            invite_id,
            user_id,
            testimony_id,
            report,
        }
    }

    fn path(&self, route: &Route) -> String {
        let id = if route.path.starts_with("/admin/invites/") {
            &self.invite_id
        } else if route.path.starts_with("/admin/users/") {
            &self.user_id
        } else if route.path.starts_with("/staff/testimony/") {
            &self.testimony_id
        } else if route.path.starts_with("/staff/reports/")
            || route.path.starts_with("/reports/version/")
        {
            &self.report.version_id
        } else if route.path.starts_with("/reports/") {
            &self.report.report_id
        } else if route.path.starts_with("/staff/report-sections/") {
            &self.report.section_id
        } else if route.path.starts_with("/staff/report-recommendations/") {
            &self.report.recommendation_id
        } else {
            &self.hearing_id
        };
        route
            .concrete_path()
            .replace("00000000-0000-4000-8000-000000000000", id)
            .replace("no-such-hearing", &self.slug)
    }
}

async fn call(
    client: &reqwest::Client,
    app: &TestApp,
    route: &Route,
    csrf: &str,
    fixtures: &Fixtures,
) -> Page {
    let url = app.url(&fixtures.path(route));
    match route.method {
        "GET" => get_with(client, &url).await,
        _ => post_with(client, &url, &[("csrf_token", csrf)]).await,
    }
}

fn sent_to_login(page: &Page) -> bool {
    page.status == 303 && page.location().is_some_and(|l| l.starts_with("/login"))
}

async fn every_route_allows_and_denies_as_the_table_says(app: TestApp) {
    let visitors = [
        Visitor::Anonymous,
        Visitor::Member(Editor),
        Visitor::Member(Organizer),
        Visitor::Member(Admin),
        Visitor::Disabled,
    ];
    for (n, visitor) in visitors.into_iter().enumerate() {
        let client = app.other_client();
        let mut owner = None;
        match visitor {
            Visitor::Anonymous => {}
            Visitor::Member(role) => {
                let email = format!("{}@example.org", role.as_str());
                owner = Some(app.create_user(&email, role));
                let res = crate::helpers::submit_with(
                    &client,
                    &app.base,
                    "/login",
                    "/login",
                    &[("email", &email), ("password", crate::helpers::PASSWORD)],
                )
                .await;
                assert_eq!(res.status, 303);
            }
            Visitor::Disabled => {
                let id = app.create_user("disabled@example.org", Admin);
                let res = crate::helpers::submit_with(
                    &client,
                    &app.base,
                    "/login",
                    "/login",
                    &[
                        ("email", "disabled@example.org"),
                        ("password", crate::helpers::PASSWORD),
                    ],
                )
                .await;
                assert_eq!(res.status, 303);
                app.db(|c| peoples_upr::db::users::set_disabled(c, &id, true))
                    .unwrap();
            }
        }
        let fixtures = Fixtures::new(&app, n, owner.as_deref()).await;
        for route in all_routes() {
            // Logging out would end the visitor's session for the rest of the table.
            if route.path == "/logout" {
                continue;
            }
            // A page with a form for every visitor, to take the visitor's token from.
            let csrf = get_with(&client, &app.url("/password/forgot")).await.csrf();
            let page = call(&client, &app, route, &csrf, &fixtures).await;
            let what = format!("{visitor:?} {} {}", route.method, route.path);
            assert!(page.status < 500, "{what}: server error {}", page.status);
            // Every answer of every route, allowed or not, carries the security headers.
            for (header, expected) in [
                ("x-content-type-options", "nosniff"),
                ("referrer-policy", "no-referrer"),
                ("x-frame-options", "DENY"),
            ] {
                assert_eq!(page.header(header), Some(expected), "{what}: {header}");
            }
            assert!(
                page.header("content-security-policy")
                    .is_some_and(|c| c.contains("frame-ancestors 'none'")),
                "{what}: no CSP"
            );
            match (route.access, visitor) {
                (Public, _) => assert!(
                    page.status != 403 && page.status != 404 && !sent_to_login(&page),
                    "{what}: denied or not found ({})",
                    page.status
                ),
                (Staff(_), Visitor::Anonymous | Visitor::Disabled) => assert!(
                    sent_to_login(&page),
                    "{what}: expected a redirect to login, got {}",
                    page.status
                ),
                (Staff(roles), Visitor::Member(role)) if roles.contains(&role) => {
                    assert!(
                        page.status != 403 && page.status != 404 && !sent_to_login(&page),
                        "{what}: denied or not found ({})",
                        page.status
                    )
                }
                (Staff(_), Visitor::Member(_)) => {
                    assert_eq!(page.status, 403, "{what}: expected 403")
                }
            }
        }
    }
}

/// Every `#[get]`/`#[post]` route in `src/routes` has a row, and every row a route.
#[test]
fn the_table_lists_every_route_in_the_source() {
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/routes"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines().map(str::trim) {
                    for (attr, method) in [("#[get(\"", "GET"), ("#[post(\"", "POST")] {
                        if let Some(rest) = line.strip_prefix(attr) {
                            let route = rest.split('"').next().unwrap().to_string();
                            found.push((method.to_string(), route));
                        }
                    }
                }
            }
        }
    }
    for (method, path) in &found {
        assert!(
            all_routes()
                .iter()
                .any(|r| r.method == method && r.path == path),
            "{method} {path} has no row in the route table"
        );
    }
    for r in all_routes() {
        assert!(
            found.iter().any(|(m, p)| m == r.method && p == r.path),
            "{} {} is in the table but not in the source",
            r.method,
            r.path
        );
    }
}

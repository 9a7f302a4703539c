//! The demo's organisation and staff: the first administrator (who creates the
//! organisation key), two editors (one granted access to originals), one organizer, each
//! with a freshly generated password, and the "who runs this site" settings.

use std::collections::HashMap;

use rand::Rng as _;

use super::DemoError;
use crate::crypto::keys::{OrgSecretKey, RecoveryKey};
use crate::db::DbConn;
use crate::domain::account::{Email, NewPassword, Role};
use crate::domain::ids::UserId;
use crate::domain::organisation::{OrgTexts, Organisation};
use crate::i18n::Lang;
use crate::service::{self, accounts::NewAccount};

/// A staff account the demo made, with the password to sign in with.
#[derive(Clone, Debug)]
pub struct StaffCredential {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub password: String,
    /// Whether the account may open originals.
    pub granted: bool,
}

/// The staff made, by what they do in the demo.
pub struct Staff {
    pub credentials: Vec<StaffCredential>,
    pub admin: UserId,
    /// The editor granted access to originals, who does the review.
    pub editor: UserId,
    pub organizer: UserId,
    /// The organisation key, unwrapped: what the granted editor's session would hold.
    pub org: OrgSecretKey,
    /// The organisation's recovery key, made with the administrator (shown once).
    pub recovery: RecoveryKey,
}

/// Who the demo's staff are: name, email, role, and whether granted.
const PEOPLE: &[(&str, &str, Role, bool)] = &[
    (
        "Amara Okafor",
        "amara.okafor@example.org",
        Role::Admin,
        true,
    ),
    (
        "Inés Carvalho",
        "ines.carvalho@example.org",
        Role::Editor,
        true,
    ),
    ("Tom Becker", "tom.becker@example.org", Role::Editor, false),
    (
        "Marcus Johnson",
        "marcus.johnson@example.org",
        Role::Organizer,
        false,
    ),
];

/// A password of 16 letters and digits in groups of four, from the system's random
/// source (never from the demo's seed: it signs in to a real server).
fn password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..4)
        .map(|_| {
            (0..4)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Create the staff (the administrator first: it makes the organisation key) and grant
/// the first editor access to originals.
pub fn create(conn: &mut DbConn) -> Result<Staff, DemoError> {
    let mut credentials = Vec::new();
    let mut org = None;
    let mut recovery = None;
    for &(name, email, role, _) in PEOPLE {
        let password = password();
        let parsed = Email::parse(email).map_err(|m| DemoError::Refused(m.to_string()))?;
        let checked = NewPassword::parse(&password, &password, Some(email))
            .map_err(|(_, m)| DemoError::Refused(m))?;
        let created = service::accounts::create_by_command(
            conn,
            &NewAccount {
                email: parsed,
                display_name: name.to_string(),
                role,
                password: checked,
            },
        )?;
        if role == Role::Admin {
            org = created.originals;
            recovery = created.recovery;
        }
        credentials.push(StaffCredential {
            user_id: UserId::from(created.user.id.as_str()),
            name: name.to_string(),
            email: email.to_string(),
            role,
            password,
            granted: role == Role::Admin,
        });
    }
    let (Some(org), Some(recovery)) = (org, recovery) else {
        return Err(DemoError::NotEmpty("an organisation key".into()));
    };
    let find = |role: Role, granted: bool| {
        credentials
            .iter()
            .zip(PEOPLE)
            .find(|(_, p)| p.2 == role && p.3 == granted)
            .map(|(c, _)| c.user_id.clone())
            .ok_or_else(|| DemoError::Refused(format!("no {role} in the demo staff")))
    };
    let admin = find(Role::Admin, true)?;
    let editor = find(Role::Editor, true)?;
    let organizer = find(Role::Organizer, false)?;
    service::accounts::grant_originals(conn, &org, editor.as_str(), admin.as_str())?
        .map_err(|r| DemoError::Refused(format!("granting the editor: {r:?}")))?;
    for c in &mut credentials {
        c.granted |= c.user_id == editor;
    }
    service::organisation::save(conn, &organisation(), admin.as_str())?;
    Ok(Staff {
        credentials,
        admin,
        editor,
        organizer,
        org,
        recovery,
    })
}

/// Who runs the demo site, in every language.
fn organisation() -> Organisation {
    let texts = [
        (
            Lang::En,
            "People's UPR Coalition (demo)",
            "A coalition of community groups, legal services, clinics and faith organisations that documents human rights violations against immigrants in the United States for the UN Universal Periodic Review. Everything on this site is demonstration data: the hearings, the witnesses and their words are invented.",
        ),
        (
            Lang::Es,
            "Coalición por el EPU Popular (demostración)",
            "Una coalición de grupos comunitarios, servicios legales, clínicas y organizaciones de fe que documenta las violaciones de derechos humanos contra personas inmigrantes en los Estados Unidos para el Examen Periódico Universal de la ONU. Todo en este sitio son datos de demostración: las audiencias, los testigos y sus palabras son inventados.",
        ),
        (
            Lang::Fr,
            "Coalition pour l'EPU populaire (démonstration)",
            "Une coalition de collectifs, de services juridiques, de cliniques et d'organisations confessionnelles qui documente les violations des droits humains subies par les personnes immigrées aux États-Unis pour l'Examen périodique universel de l'ONU. Tout sur ce site est une démonstration : les audiences, les témoins et leurs paroles sont inventés.",
        ),
        (
            Lang::Ht,
            "Kowalisyon pou EPI Popilè a (demonstrasyon)",
            "Yon kowalisyon gwoup kominotè, sèvis legal, klinik ak òganizasyon relijye ki dokimante vyolasyon dwa moun kont imigran Ozetazini pou Egzamen Peryodik Inivèsèl ONI a. Tout sa ki sou sit sa a se done demonstrasyon: odyans yo, temwen yo ak pawòl yo envante.",
        ),
    ];
    Organisation {
        contact_email: Email::parse("contact@example.org").ok(),
        contact_other: "PO Box 0000, Washington, DC 20001".into(),
        texts: texts
            .into_iter()
            .map(|(lang, name, description)| {
                (
                    lang,
                    OrgTexts {
                        name: name.into(),
                        description: description.into(),
                        privacy_notice: String::new(),
                    },
                )
            })
            .collect::<HashMap<_, _>>(),
        saved_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_enough_and_differ() {
        let a = password();
        assert_eq!(a.chars().count(), 19);
        assert!(NewPassword::parse(&a, &a, Some("x@example.org")).is_ok());
        assert_ne!(a, password());
    }
}

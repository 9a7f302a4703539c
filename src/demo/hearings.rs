//! The demo's hearings: six People's UPR hearings in 2026 (El Paso, Chicago, Miami,
//! Tucson, New York and one online), each with its themes, languages, texts and consent
//! text in every language it takes, made through the hearings service and moved to open;
//! some are closed once their testimony is in.

use chrono::{NaiveDate, NaiveDateTime};

use super::DemoError;
use super::people::{Words, index};
use crate::db::hearings::{HearingFields, LangTexts};
use crate::db::{self, DbConn};
use crate::domain::hearing::HearingStatus;
use crate::domain::ids::HearingId;
use crate::i18n::Lang;
use crate::service;

/// One hearing of the demo.
pub struct Plan {
    pub slug: &'static str,
    pub city: &'static str,
    /// The US state, as testimony records it (empty online).
    pub state: &'static str,
    pub online: bool,
    pub time_zone: &'static str,
    /// Day, month of 2026.
    pub starts: (u32, u32),
    pub languages: &'static [Lang],
    pub themes: &'static [&'static str],
    /// What the hearing is about, in each language.
    pub focus: Words,
    /// Whether it is closed once its testimony is in.
    pub closes: bool,
    /// How much of the testimony it receives, relative to the others.
    pub weight: u32,
}

/// The hearings, in the order they are held.
pub const PLANS: &[Plan] = &[
    Plan {
        slug: "el-paso-2026",
        city: "El Paso",
        state: "Texas",
        online: false,
        time_zone: "America/Denver",
        starts: (14, 3),
        languages: &[Lang::En, Lang::Es],
        themes: &[
            "immigration-detention",
            "border-ports-of-entry",
            "asylum-access",
            "family-unity",
        ],
        focus: [
            "detention at the border, access to asylum and families separated in custody",
            "la detención en la frontera, el acceso al asilo y las familias separadas bajo custodia",
            "la détention à la frontière, l'accès à l'asile et les familles séparées en détention",
            "detansyon sou fwontyè a, aksè a azil ak fanmi yo separe nan detansyon",
        ],
        closes: true,
        weight: 5,
    },
    Plan {
        slug: "chicago-2026",
        city: "Chicago",
        state: "Illinois",
        online: false,
        time_zone: "America/Chicago",
        starts: (9, 5),
        languages: &[Lang::En, Lang::Es, Lang::Fr],
        themes: &[
            "due-process-counsel",
            "deportation-removal",
            "policing-force",
            "language-access",
        ],
        focus: [
            "arrests in neighbourhoods, access to counsel and removal without a fair hearing",
            "los arrestos en los barrios, el acceso a un abogado y las deportaciones sin audiencia justa",
            "les arrestations dans les quartiers, l'accès à un avocat et les expulsions sans audience équitable",
            "arestasyon nan katye yo, aksè a avoka ak depòtasyon san odyans ki jis",
        ],
        closes: true,
        weight: 4,
    },
    Plan {
        slug: "miami-2026",
        city: "Miami",
        state: "Florida",
        online: false,
        time_zone: "America/New_York",
        starts: (20, 6),
        languages: &[Lang::En, Lang::Es, Lang::Ht, Lang::Fr],
        themes: &[
            "detention-conditions-health",
            "racial-discrimination",
            "humanitarian-parole",
            "deportation-removal",
        ],
        focus: [
            "health care in detention, the treatment of Black migrants and the end of parole programmes",
            "la atención médica en detención, el trato a los migrantes negros y el fin de los programas de parole",
            "les soins en détention, le traitement des migrants noirs et la fin des programmes de libération conditionnelle",
            "swen sante nan detansyon, jan yo trete migran nwa yo ak fen pwogram parole yo",
        ],
        closes: false,
        weight: 4,
    },
    Plan {
        slug: "tucson-2026",
        city: "Tucson",
        state: "Arizona",
        online: false,
        time_zone: "America/Phoenix",
        starts: (22, 8),
        languages: &[Lang::En, Lang::Es],
        themes: &[
            "border-ports-of-entry",
            "indigenous-peoples",
            "torture-ill-treatment",
            "asylum-access",
        ],
        focus: [
            "the desert crossing, Indigenous migrants and ill-treatment in Border Patrol custody",
            "el cruce del desierto, los migrantes indígenas y los malos tratos bajo custodia de la Patrulla Fronteriza",
            "la traversée du désert, les migrants autochtones et les mauvais traitements sous la garde de la patrouille frontalière",
            "travèse dezè a, migran endijèn yo ak move tretman nan men Patwouy Fwontyè a",
        ],
        closes: true,
        weight: 3,
    },
    Plan {
        slug: "new-york-2026",
        city: "New York",
        state: "New York",
        online: false,
        time_zone: "America/New_York",
        starts: (17, 10),
        languages: &[Lang::En, Lang::Es, Lang::Fr, Lang::Ht],
        themes: &[
            "children",
            "family-unity",
            "labour-exploitation",
            "lgbti",
            "gender-based-violence",
        ],
        focus: [
            "children and families, exploitation at work, and LGBTI+ people and women in the asylum system",
            "los niños y las familias, la explotación laboral y las personas LGBTI+ y las mujeres en el sistema de asilo",
            "les enfants et les familles, l'exploitation au travail, et les personnes LGBTI+ et les femmes dans le système d'asile",
            "timoun ak fanmi, eksplwatasyon nan travay, ak moun LGBTI+ ak fanm nan sistèm azil la",
        ],
        closes: false,
        weight: 4,
    },
    Plan {
        slug: "online-2026",
        city: "",
        state: "",
        online: true,
        time_zone: "America/New_York",
        starts: (1, 11),
        languages: &[Lang::En, Lang::Es, Lang::Fr, Lang::Ht],
        themes: &[
            "asylum-access",
            "data-transparency",
            "detention-conditions-health",
            "due-process-counsel",
        ],
        focus: [
            "testimony from anywhere in the United States, for those who cannot travel to a hearing",
            "testimonios desde cualquier lugar de los Estados Unidos, para quienes no pueden viajar a una audiencia",
            "des témoignages de partout aux États-Unis, pour celles et ceux qui ne peuvent pas se déplacer",
            "temwayaj ki soti nenpòt kote Ozetazini, pou moun ki pa ka vwayaje vin nan yon odyans",
        ],
        closes: false,
        weight: 3,
    },
];

/// Cities of testimony given online.
pub const ONLINE_CITIES: &[(&str, &str)] = &[
    ("Houston", "Texas"),
    ("Los Angeles", "California"),
    ("Atlanta", "Georgia"),
    ("Newark", "New Jersey"),
    ("Denver", "Colorado"),
    ("Boston", "Massachusetts"),
];

impl Plan {
    fn title(&self, lang: Lang) -> String {
        match (self.online, lang) {
            (true, Lang::En) => "Online hearing: testimony from anywhere".into(),
            (true, Lang::Es) => "Audiencia en línea: testimonios desde cualquier lugar".into(),
            (true, Lang::Fr) => "Audience en ligne : des témoignages de partout".into(),
            (true, Lang::Ht) => "Odyans sou entènèt: temwayaj ki soti tout kote".into(),
            (false, Lang::En) => format!("People's hearing in {}", self.city),
            (false, Lang::Es) => format!("Audiencia popular en {}", self.city),
            (false, Lang::Fr) => format!("Audience populaire à {}", self.city),
            (false, Lang::Ht) => format!("Odyans popilè nan {}", self.city),
        }
    }

    fn summary(&self, lang: Lang) -> String {
        let focus = self.focus[index(lang)];
        match lang {
            Lang::En => format!(
                "Witnesses, families, lawyers, doctors and monitors speak about {focus}. What they say goes into our shadow report to the UN Universal Periodic Review."
            ),
            Lang::Es => format!(
                "Testigos, familias, abogados, médicos y observadores hablan sobre {focus}. Lo que digan formará parte de nuestro informe alternativo al Examen Periódico Universal de la ONU."
            ),
            Lang::Fr => format!(
                "Témoins, familles, avocats, médecins et observateurs parlent de {focus}. Leur parole nourrit notre rapport alternatif à l'Examen périodique universel de l'ONU."
            ),
            Lang::Ht => format!(
                "Temwen, fanmi, avoka, doktè ak obsèvatè pale sou {focus}. Sa yo di ap antre nan rapò altènatif nou pou Egzamen Peryodik Inivèsèl ONI a."
            ),
        }
    }

    fn fields(&self, now: NaiveDateTime) -> Result<HearingFields, DemoError> {
        let starts_on = NaiveDate::from_ymd_opt(2026, self.starts.1, self.starts.0)
            .ok_or_else(|| DemoError::Refused(format!("no such date for {}", self.slug)))?;
        let first = self.languages.first().copied().unwrap_or(Lang::En);
        let ends_on = self
            .online
            .then(|| NaiveDate::from_ymd_opt(2026, 12, 15))
            .flatten();
        Ok(HearingFields {
            slug: self.slug.into(),
            title: self.title(first),
            summary: self.summary(first),
            city: self.city.into(),
            state: self.state.into(),
            online: self.online,
            starts_on,
            ends_on,
            languages: self.languages.to_vec(),
            opens_at: starts_on.and_hms_opt(0, 0, 0).unwrap_or(now) - chrono::Duration::days(45),
            closes_at: now + chrono::Duration::days(90),
            time_zone: self.time_zone.into(),
            retention_days: None,
            theme_ids: self.themes.iter().map(|t| t.to_string()).collect(),
            texts: self
                .languages
                .iter()
                .map(|&lang| LangTexts {
                    lang,
                    title: self.title(lang),
                    summary: self.summary(lang),
                    consent_text: consent_text(lang).into(),
                })
                .collect(),
        })
    }
}

/// The consent text witnesses of the demo see.
fn consent_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Your testimony is sealed as soon as you send it: only the few staff we trust with originals can read it. We use it only as you choose below, and we remove what you ask us to remove before anything is published. You can change your choices or withdraw at any time with your receipt code."
        }
        Lang::Es => {
            "Su testimonio se sella en cuanto lo envía: solo las pocas personas del equipo autorizadas a leer originales pueden leerlo. Lo usamos solo como usted elija abajo y quitamos lo que nos pida antes de publicar nada. Puede cambiar sus decisiones o retirarlo en cualquier momento con su código de recibo."
        }
        Lang::Fr => {
            "Votre témoignage est scellé dès son envoi : seules les quelques personnes de l'équipe autorisées à lire les originaux peuvent le lire. Nous l'utilisons uniquement comme vous le choisissez ci-dessous et retirons ce que vous demandez avant toute publication. Vous pouvez modifier vos choix ou le retirer à tout moment avec votre code de reçu."
        }
        Lang::Ht => {
            "Temwayaj ou a sele depi ou voye l: se sèlman kèk moun nan ekip la nou fè konfyans pou li orijinal yo ki ka li l. Nou sèvi avè l sèlman jan ou chwazi anba a, e nou retire sa ou mande nou retire anvan nou pibliye anyen. Ou ka chanje chwa ou oswa retire l nenpòt ki lè ak kòd resi ou."
        }
    }
}

/// A hearing as made.
pub struct Made {
    pub id: HearingId,
    pub plan: &'static Plan,
}

/// Create every hearing as `organizer` and open it.
pub fn create_all(conn: &mut DbConn, organizer: &str) -> Result<Vec<Made>, DemoError> {
    let now = db::now();
    let mut made = Vec::new();
    for plan in PLANS {
        let id = service::hearings::create(conn, &plan.fields(now)?, organizer)?
            .map_err(|r| DemoError::Refused(format!("hearing {}: {r:?}", plan.slug)))?;
        service::hearings::set_status(
            conn,
            id.as_str(),
            HearingStatus::Draft,
            HearingStatus::Open,
        )?
        .map_err(|r| DemoError::Refused(format!("opening {}: {r:?}", plan.slug)))?;
        made.push(Made { id, plan });
    }
    Ok(made)
}

/// Close the hearings whose testimony is all in.
pub fn close_finished(conn: &mut DbConn, hearings: &[Made]) -> Result<(), DemoError> {
    for h in hearings.iter().filter(|h| h.plan.closes) {
        service::hearings::set_status(
            conn,
            h.id.as_str(),
            HearingStatus::Open,
            HearingStatus::Closed,
        )?
        .map_err(|r| DemoError::Refused(format!("closing {}: {r:?}", h.plan.slug)))?;
    }
    Ok(())
}

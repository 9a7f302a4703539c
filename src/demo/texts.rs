//! The sentences demo testimony is composed from, each in English, Spanish, French and
//! Haitian Creole, with slots (`{facility}`, `{anumber}`, …) filled per testimony. One
//! composition renders in every language, so a translation says what the original says.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;

use super::people::{Identity, Words, index};
use crate::domain::testimony::WitnessRole;
use crate::i18n::Lang;

/// A sentence in the four languages, in the order of [`Lang::ALL`].
pub type Template = Words;

const MONTHS: [Words; 12] = [
    ["January", "enero", "janvier", "janvye"],
    ["February", "febrero", "février", "fevriye"],
    ["March", "marzo", "mars", "mas"],
    ["April", "abril", "avril", "avril"],
    ["May", "mayo", "mai", "me"],
    ["June", "junio", "juin", "jen"],
    ["July", "julio", "juillet", "jiyè"],
    ["August", "agosto", "août", "out"],
    ["September", "septiembre", "septembre", "septanm"],
    ["October", "octubre", "octobre", "oktòb"],
    ["November", "noviembre", "novembre", "novanm"],
    ["December", "diciembre", "décembre", "desanm"],
];

/// How a witness of each role begins.
fn opening(role: WitnessRole) -> Template {
    match role {
        WitnessRole::DirectlyAffected => [
            "I came to the United States from {country} in {month} {year}, fleeing threats against my family.",
            "Llegué a los Estados Unidos desde {country} en {month} de {year}, huyendo de amenazas contra mi familia.",
            "Je suis arrivé aux États-Unis depuis {country} en {month} {year}, en fuyant les menaces contre ma famille.",
            "Mwen te rive Ozetazini soti {country} nan mwa {month} {year}, paske yo t ap menase fanmi m.",
        ],
        WitnessRole::FamilyMember => [
            "I am here to speak for {relative}, {other}, who has been held by {agency} since {month} {year}.",
            "Vengo a hablar por {relative}, {other}, que sigue bajo custodia de {agency} desde {month} de {year}.",
            "Je viens parler pour {relative}, {other}, qui est sous la garde de {agency} depuis {month} {year}.",
            "Mwen la pou m pale pou {relative}, {other}, ki nan men {agency} depi {month} {year}.",
        ],
        WitnessRole::Attorney => [
            "I am an immigration attorney, and since {year} I have represented people held at the {facility}.",
            "Soy abogada de inmigración y desde {year} represento a personas detenidas en el {facility}.",
            "Je suis avocate en droit de l'immigration et depuis {year} je représente des personnes détenues au {facility}.",
            "Mwen se avoka imigrasyon, e depi {year} m ap reprezante moun yo fèmen nan {facility}.",
        ],
        WitnessRole::HealthWorker => [
            "I am a nurse, and I volunteer at a clinic that sees people released from the {facility}.",
            "Soy enfermera y trabajo como voluntaria en una clínica que atiende a personas liberadas del {facility}.",
            "Je suis infirmière et je suis bénévole dans une clinique qui reçoit des personnes libérées du {facility}.",
            "Mwen se enfimyè e mwen fè volontè nan yon klinik ki resevwa moun ki soti nan {facility}.",
        ],
        WitnessRole::Monitor => [
            "I monitor conditions at the {facility} for a human rights organisation and have visited it many times since {year}.",
            "Observo las condiciones en el {facility} para una organización de derechos humanos y lo he visitado muchas veces desde {year}.",
            "J'observe les conditions au {facility} pour une organisation de défense des droits humains et je m'y suis rendue souvent depuis {year}.",
            "Mwen obsève kondisyon yo nan {facility} pou yon òganizasyon dwa moun, e mwen vizite l anpil fwa depi {year}.",
        ],
        WitnessRole::FaithLeader => [
            "I am a pastor in {city}; families from my congregation come to me when someone is detained.",
            "Soy pastor en {city}; las familias de mi congregación acuden a mí cuando detienen a alguien.",
            "Je suis pasteur à {city} ; les familles de ma paroisse viennent me voir quand quelqu'un est arrêté.",
            "Mwen se pastè nan {city}; fanmi nan legliz mwen yo vin jwenn mwen lè yo arete yon moun.",
        ],
        WitnessRole::CommunityOrganizer => [
            "I organize with a community group in {city} that accompanies people to their hearings at the immigration court.",
            "Organizo con un grupo comunitario en {city} que acompaña a las personas a sus audiencias en la corte de inmigración.",
            "Je milite dans un collectif de {city} qui accompagne les gens à leurs audiences au tribunal de l'immigration.",
            "Mwen travay ak yon gwoup kominotè nan {city} ki akonpaye moun yo nan odyans yo nan tribinal imigrasyon.",
        ],
        WitnessRole::Interpreter => [
            "I work as an interpreter for Spanish and Haitian Creole speakers at the {facility}.",
            "Trabajo como intérprete para personas que hablan español y criollo haitiano en el {facility}.",
            "Je travaille comme interprète pour des personnes qui parlent espagnol et créole haïtien au {facility}.",
            "Mwen travay kòm entèprèt pou moun ki pale panyòl ak kreyòl ayisyen nan {facility}.",
        ],
        WitnessRole::Other => [
            "I am a neighbour, and I saw what happened on our street in {city} in {month} {year}.",
            "Soy vecina y vi lo que pasó en nuestra calle en {city} en {month} de {year}.",
            "Je suis une voisine et j'ai vu ce qui s'est passé dans notre rue à {city} en {month} {year}.",
            "Mwen se yon vwazin, e mwen te wè sa k te pase nan lari nou an nan {city} nan mwa {month} {year}.",
        ],
    }
}

/// What happened to the witness themself.
const LIVED: &[Template] = &[
    [
        "At the border, {agency} officers took my papers and told me I had no right to ask for asylum.",
        "En la frontera, los agentes de {agency} me quitaron los papeles y me dijeron que no tenía derecho a pedir asilo.",
        "À la frontière, les agents de {agency} ont pris mes papiers et m'ont dit que je n'avais pas le droit de demander l'asile.",
        "Sou fwontyè a, ajan {agency} yo pran papye m yo e yo di m mwen pa gen dwa mande azil.",
    ],
    [
        "They held me for {days} days in a cold cell they call the icebox, with the lights on day and night.",
        "Me tuvieron {days} días en una celda helada que llaman la hielera, con las luces prendidas día y noche.",
        "Ils m'ont gardé {days} jours dans une cellule glaciale qu'on appelle la glacière, avec la lumière allumée jour et nuit.",
        "Yo kenbe m {days} jou nan yon selil ki frèt anpil yo rele glasyè a, limyè limen lajounen kou lannwit.",
    ],
    [
        "At the {facility} I asked for a doctor many times, but I only received pills for pain after three weeks.",
        "En el {facility} pedí un médico muchas veces, pero solo me dieron pastillas para el dolor después de tres semanas.",
        "Au {facility}, j'ai demandé un médecin plusieurs fois, mais je n'ai reçu que des cachets contre la douleur au bout de trois semaines.",
        "Nan {facility} mwen mande wè yon doktè plizyè fwa, men se sèlman apre twa semèn yo ban m grenn pou doulè.",
    ],
    [
        "Nobody explained the papers they made me sign; they were only in English and there was no interpreter.",
        "Nadie me explicó los papeles que me hicieron firmar; estaban solo en inglés y no había intérprete.",
        "Personne ne m'a expliqué les papiers qu'on m'a fait signer ; ils étaient seulement en anglais et il n'y avait pas d'interprète.",
        "Pèsonn pa t eksplike m papye yo fè m siyen yo; yo te an angle sèlman e pa t gen entèprèt.",
    ],
    [
        "They separated me from {relative} at the processing center, and for {days} days nobody could tell me where they had been taken.",
        "Me separaron de {relative} en el centro de procesamiento y durante {days} días nadie pudo decirme adónde se lo habían llevado.",
        "On m'a séparé de {relative} au centre de traitement et pendant {days} jours personne n'a pu me dire où on l'avait emmené.",
        "Yo separe m ak {relative} nan sant tretman an, e pandan {days} jou pèsonn pa t ka di m kote yo te mennen l.",
    ],
    [
        "My hearing before the immigration judge lasted less than ten minutes and I had no lawyer.",
        "Mi audiencia ante el juez de inmigración duró menos de diez minutos y yo no tenía abogado.",
        "Mon audience devant le juge de l'immigration a duré moins de dix minutes et je n'avais pas d'avocat.",
        "Odyans mwen devan jij imigrasyon an pa t dire dis minit e mwen pa t gen avoka.",
    ],
    [
        "I called the free legal line from the detention center every day for two weeks, but the calls always dropped.",
        "Llamé a la línea legal gratuita desde el centro de detención todos los días durante dos semanas, pero las llamadas siempre se cortaban.",
        "J'ai appelé la ligne d'aide juridique gratuite depuis le centre de détention chaque jour pendant deux semaines, mais les appels coupaient toujours.",
        "Mwen rele liy legal gratis la soti nan sant detansyon an chak jou pandan de semèn, men apèl yo te toujou koupe.",
    ],
    [
        "We waited {days} days in a shelter in Mexico for an appointment on the phone application, and men came at night to threaten us.",
        "Esperamos {days} días en un albergue en México por una cita en la aplicación del teléfono, y unos hombres venían de noche a amenazarnos.",
        "Nous avons attendu {days} jours dans un refuge au Mexique pour un rendez-vous sur l'application du téléphone, et des hommes venaient la nuit nous menacer.",
        "Nou tann {days} jou nan yon abri nan Meksik pou yon randevou sou aplikasyon telefòn nan, e gen mesye ki te konn vin menase nou lannwit.",
    ],
    [
        "The guards shackled my hands and feet for the flight, even though I had done nothing wrong.",
        "Los guardias me encadenaron las manos y los pies para el vuelo, aunque yo no había hecho nada malo.",
        "Les gardes m'ont enchaîné les mains et les pieds pour le vol, alors que je n'avais rien fait de mal.",
        "Gad yo mete chenn nan men m ak nan pye m pou vòl la, malgre mwen pa t fè anyen mal.",
    ],
    [
        "When I said I was afraid to go back to {country}, the officer laughed and wrote something else on the form.",
        "Cuando dije que tenía miedo de volver a {country}, el oficial se rió y escribió otra cosa en el formulario.",
        "Quand j'ai dit que j'avais peur de rentrer dans mon pays, {country}, l'agent a ri et a écrit autre chose sur le formulaire.",
        "Lè m di mwen pè retounen {country}, ofisye a ri e li ekri yon lòt bagay sou fòm nan.",
    ],
    [
        "I worked for months without pay for a contractor in {city} who kept my passport and threatened to call {agency}.",
        "Trabajé meses sin pago para un contratista en {city} que se quedó con mi pasaporte y me amenazaba con llamar a {agency}.",
        "J'ai travaillé des mois sans salaire pour un entrepreneur de {city} qui gardait mon passeport et menaçait d'appeler {agency}.",
        "Mwen travay plizyè mwa san peye pou yon kontraktè nan {city} ki te kenbe paspò m e ki t ap menase rele {agency}.",
    ],
    [
        "In the women's unit there was one toilet for forty people and no privacy.",
        "En el módulo de mujeres había un solo inodoro para cuarenta personas y ninguna privacidad.",
        "Dans le quartier des femmes, il y avait une seule toilette pour quarante personnes, sans aucune intimité.",
        "Nan pati fanm yo, te gen yon sèl twalèt pou karant moun, e pa t gen okenn entimite.",
    ],
];

/// What a witness saw happen to others.
const SEEN: &[Template] = &[
    [
        "Many of the people I met at the {facility} had never seen a lawyer before their first hearing.",
        "Muchas de las personas que conocí en el {facility} nunca habían visto a un abogado antes de su primera audiencia.",
        "Beaucoup des personnes que j'ai rencontrées au {facility} n'avaient jamais vu d'avocat avant leur première audience.",
        "Anpil nan moun mwen te rankontre nan {facility} pa t janm wè yon avoka anvan premye odyans yo.",
    ],
    [
        "One man, {other}, was transferred to another state the night before his appointment with a lawyer, without notice.",
        "Un hombre, {other}, fue trasladado a otro estado la noche antes de su cita con un abogado, sin aviso.",
        "Un homme, {other}, a été transféré dans un autre État la veille de son rendez-vous avec un avocat, sans préavis.",
        "Yon nonm, {other}, yo transfere l nan yon lòt eta lannwit anvan randevou li ak yon avoka, san yo pa avèti l.",
    ],
    [
        "I saw people with diabetes and high blood pressure go without their medicine for {days} days.",
        "Vi a personas con diabetes y presión alta pasar {days} días sin sus medicamentos.",
        "J'ai vu des personnes diabétiques ou hypertendues rester {days} jours sans leurs médicaments.",
        "Mwen wè moun ki gen dyabèt ak tansyon pase {days} jou san medikaman yo.",
    ],
    [
        "Families are told to pay bonds of eight to fifteen thousand dollars, which nobody in our community can raise quickly.",
        "A las familias les piden fianzas de ocho a quince mil dólares, que nadie en nuestra comunidad puede reunir rápido.",
        "On demande aux familles des cautions de huit à quinze mille dollars, que personne dans notre communauté ne peut réunir vite.",
        "Yo mande fanmi yo peye kosyon uit a kenz mil dola, e pèsonn nan kominote nou pa ka jwenn lajan sa a vit.",
    ],
    [
        "Haitian Creole speakers wait longest: the phone interpretation service rarely has anyone available.",
        "Las personas que hablan criollo haitiano esperan más: el servicio de interpretación por teléfono casi nunca tiene a nadie disponible.",
        "Les créolophones attendent le plus longtemps : le service d'interprétation par téléphone n'a presque jamais personne de disponible.",
        "Moun ki pale kreyòl ayisyen yo tann pi lontan: sèvis entèpretasyon pa telefòn nan prèske pa janm gen moun disponib.",
    ],
    [
        "In {month} {year}, {agency} arrested {relative} outside a school in {city}, in front of the children.",
        "En {month} de {year}, {agency} arrestó a {relative} afuera de una escuela en {city}, frente a los niños.",
        "En {month} {year}, {agency} a arrêté {relative} devant une école à {city}, sous les yeux des enfants.",
        "Nan mwa {month} {year}, {agency} arete {relative} devan yon lekòl nan {city}, devan timoun yo.",
    ],
    [
        "Complaints about the food and the cold are answered with threats of solitary confinement.",
        "Las quejas por la comida y el frío se responden con amenazas de aislamiento.",
        "Les plaintes sur la nourriture et le froid reçoivent pour réponse des menaces d'isolement.",
        "Lè moun plenyen pou manje a ak fredi a, yo reponn yo ak menas pou mete yo nan izolman.",
    ],
    [
        "Children arrive at our clinic with untreated infections after weeks in custody.",
        "Los niños llegan a nuestra clínica con infecciones sin tratar después de semanas bajo custodia.",
        "Des enfants arrivent à notre clinique avec des infections non soignées après des semaines en détention.",
        "Timoun yo rive nan klinik nou an ak enfeksyon yo pa t trete apre plizyè semèn nan detansyon.",
    ],
    [
        "Lawyers must book visits days in advance, and the visiting room has two tables for more than a thousand detained people.",
        "Los abogados deben reservar visitas con días de anticipación, y la sala de visitas tiene dos mesas para más de mil personas detenidas.",
        "Les avocats doivent réserver leurs visites des jours à l'avance, et le parloir compte deux tables pour plus de mille personnes détenues.",
        "Avoka yo dwe pran randevou plizyè jou davans, e sal vizit la gen de tab sèlman pou plis pase mil moun ki fèmen.",
    ],
    [
        "Since {other} was deported to {country}, the family has not heard from him.",
        "Desde que deportaron a {other} a {country}, la familia no ha sabido nada de él.",
        "Depuis que {other} a été expulsé vers {country}, la famille n'a plus de nouvelles de lui.",
        "Depi yo depòte {other} {country}, fanmi an pa tande anyen de li.",
    ],
];

/// The witness says who they are.
pub const NAME: Template = [
    "My name is {name}.",
    "Me llamo {name}.",
    "Je m'appelle {name}.",
    "Non m se {name}.",
];

/// The witness gives their own A-number.
pub const OWN_A_NUMBER: Template = [
    "My A-number is {anumber}, if you need to look up my case.",
    "Mi número A es {anumber}, por si necesitan buscar mi caso.",
    "Mon numéro A est le {anumber}, si vous devez retrouver mon dossier.",
    "Nimewo A mwen se {anumber}, si nou bezwen chèche dosye m.",
];

/// The witness gives someone else's A-number.
pub const OTHER_A_NUMBER: Template = [
    "For the record, the A-number of {other} is {anumber}.",
    "Para que conste, el número A de {other} es {anumber}.",
    "Pour mémoire, le numéro A de {other} est le {anumber}.",
    "Pou dosye a, nimewo A {other} se {anumber}.",
];

/// Contact details and addresses, said in the text.
const DETAILS: &[Template] = &[
    [
        "You can reach me at {phone}.",
        "Pueden llamarme al {phone}.",
        "Vous pouvez me joindre au {phone}.",
        "Nou ka rele m nan {phone}.",
    ],
    [
        "My email is {email}.",
        "Mi correo es {email}.",
        "Mon adresse électronique est {email}.",
        "Imèl mwen se {email}.",
    ],
    [
        "Now I live at {address} with {relative}.",
        "Ahora vivo en {address} con {relative}.",
        "Maintenant j'habite au {address} avec {relative}.",
        "Kounye a mwen rete {address} ak {relative}.",
    ],
    [
        "Back home we lived at {home}, and that is where they found us.",
        "En mi país vivíamos en {home}, y allí nos encontraron.",
        "Au pays, nous habitions {home}, et c'est là qu'ils nous ont trouvés.",
        "Lakay, nou te rete {home}, e se la yo te jwenn nou.",
    ],
];

const CLOSINGS: &[Template] = &[
    [
        "I am giving this testimony so that no other family goes through what we went through.",
        "Doy este testimonio para que ninguna otra familia pase por lo que nosotros pasamos.",
        "Je donne ce témoignage pour qu'aucune autre famille ne vive ce que nous avons vécu.",
        "M ap bay temwayaj sa a pou okenn lòt fanmi pa pase sa nou te pase.",
    ],
    [
        "I ask that the people responsible be held to account and that the detention centers be inspected.",
        "Pido que los responsables rindan cuentas y que se inspeccionen los centros de detención.",
        "Je demande que les responsables rendent des comptes et que les centres de détention soient inspectés.",
        "Mwen mande pou moun ki responsab yo reponn pou sa yo fè, e pou yo enspekte sant detansyon yo.",
    ],
    [
        "Everyone deserves a fair hearing, a lawyer and an interpreter in their own language.",
        "Toda persona merece una audiencia justa, un abogado y un intérprete en su propio idioma.",
        "Chacun mérite une audience équitable, un avocat et un interprète dans sa propre langue.",
        "Chak moun merite yon odyans ki jis, yon avoka ak yon entèprèt nan pwòp lang yo.",
    ],
    [
        "We are still afraid, but we want the truth to be known.",
        "Todavía tenemos miedo, pero queremos que se sepa la verdad.",
        "Nous avons encore peur, mais nous voulons que la vérité soit connue.",
        "Nou pè toujou, men nou vle verite a konnen.",
    ],
];

/// What a composed testimony mentions, besides its sentences.
#[derive(Clone, Debug)]
pub struct Mentions {
    /// The witness's name is in the text.
    pub name: bool,
    /// Another person's name is in the text.
    pub other_name: bool,
}

/// A testimony's sentences and the values of their slots; renders in any language.
#[derive(Clone, Debug)]
pub struct Composition {
    paragraphs: Vec<Vec<Template>>,
    identity: Identity,
    city: String,
    month: usize,
    year: i32,
    days: u32,
    /// What the text mentions.
    pub mentions: Mentions,
}

impl Composition {
    /// Compose a testimony for a witness of `role`, who gives their name when
    /// `gives_name`, about events in `city` around `year`.
    pub fn compose(
        rng: &mut StdRng,
        role: WitnessRole,
        identity: Identity,
        gives_name: bool,
        city: &str,
        year: i32,
    ) -> Self {
        let lived = matches!(role, WitnessRole::DirectlyAffected);
        let mut first = Vec::new();
        if gives_name && (lived || rng.gen_bool(0.5)) {
            first.push(NAME);
        }
        first.push(opening(role));
        let pool = if lived || (role == WitnessRole::FamilyMember && rng.gen_bool(0.3)) {
            LIVED
        } else {
            SEEN
        };
        let n: usize = rng.gen_range(2..=4);
        let mut middle: Vec<Template> = pool.choose_multiple(rng, n).copied().collect();
        if rng.gen_bool(0.25) {
            let other = if lived { SEEN } else { LIVED };
            if let Some(t) = other.choose(rng) {
                middle.push(*t);
            }
        }
        let mut last = Vec::new();
        if rng.gen_bool(0.6) {
            last.push(if lived { OWN_A_NUMBER } else { OTHER_A_NUMBER });
        }
        let details: Vec<Template> = DETAILS
            .iter()
            .filter(|_| rng.gen_bool(0.3))
            .copied()
            .collect();
        last.extend(details);
        if let Some(c) = CLOSINGS.choose(rng) {
            last.push(*c);
        }
        let paragraphs = vec![first, middle, last];
        let mut composition = Self {
            paragraphs,
            identity,
            city: city.to_string(),
            month: rng.gen_range(0..12),
            year,
            days: rng.gen_range(3..=60),
            mentions: Mentions {
                name: false,
                other_name: false,
            },
        };
        let english = composition.render(Lang::En);
        composition.mentions.name = english.contains(&composition.identity.name);
        composition.mentions.other_name = english.contains(composition.identity.other_name);
        composition
    }

    /// Who the testimony speaks of.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// The testimony in `lang`: paragraphs separated by blank lines.
    pub fn render(&self, lang: Lang) -> String {
        let i = index(lang);
        let id = &self.identity;
        let days = self.days.to_string();
        let year = self.year.to_string();
        let slots: [(&str, &str); 15] = [
            ("{name}", &id.name),
            ("{other}", id.other_name),
            ("{relative}", id.relative[i]),
            ("{country}", id.country[i]),
            ("{facility}", id.facility),
            ("{agency}", id.agency),
            ("{city}", &self.city),
            ("{month}", MONTHS[self.month % 12][i]),
            ("{year}", &year),
            ("{days}", &days),
            ("{anumber}", &id.a_number),
            ("{phone}", &id.phone),
            ("{email}", &id.email),
            ("{address}", &id.address),
            ("{home}", &id.home_address),
        ];
        self.paragraphs
            .iter()
            .map(|p| {
                let mut text = p.iter().map(|t| t[i]).collect::<Vec<_>>().join(" ");
                for (slot, value) in slots {
                    if text.contains(slot) {
                        text = text.replace(slot, value);
                    }
                }
                text
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng as _;

    #[test]
    fn every_slot_is_filled_in_every_language() {
        let mut rng = StdRng::seed_from_u64(3);
        for role in WitnessRole::ALL {
            for _ in 0..20 {
                let identity = Identity::generate(&mut rng);
                let c = Composition::compose(&mut rng, role, identity, true, "Chicago", 2025);
                for lang in Lang::ALL {
                    let text = c.render(lang);
                    assert!(!text.contains('{'), "{lang:?}: {text}");
                    assert!(text.len() > 100);
                }
            }
        }
    }

    #[test]
    fn the_same_seed_composes_the_same_text() {
        let make = || {
            let mut rng = StdRng::seed_from_u64(11);
            let identity = Identity::generate(&mut rng);
            Composition::compose(
                &mut rng,
                WitnessRole::DirectlyAffected,
                identity,
                true,
                "Miami",
                2026,
            )
            .render(Lang::Es)
        };
        assert_eq!(make(), make());
    }
}

## Site-wide
site-name = EPU Pèp la
skip-to-content = Ale nan kontni prensipal la
nav-label = Prensipal
nav-hearings = Odyans yo
nav-check = Verifye temwayaj mwen
nav-staff = Akèy ekip la
nav-staff-hearings = Jere odyans yo
nav-admin-users = Kont ekip la
nav-admin-themes = Tèm yo
nav-account = Modpas mwen
nav-logout = Dekonekte
nav-staff-login = Koneksyon ekip la
lang-switcher-label = Lang
footer-privacy = Nou pa anrejistre adrès IP ou ni aparèy ou. Anyen sou sit sa a pa soti nan lòt sit entènèt.
form-error-summary = Gen yon pwoblèm

## Home
home-title = Egzamen Peryodik Inivèsèl Pèp la
home-intro = Lè yon gouvènman pa vle reponn devan Nasyonzini, moun yo ka toujou fè tande vwa yo. Bay temwayaj ou sou imigrasyon, detansyon, azil ak dwa moun. L ap fè pati yon rapò piblik, sèlman jan ou pèmèt li.
home-give-testimony = Bay temwayaj
home-check = Verifye temwayaj mwen
home-safety-title = Sekirite ou an premye
home-safety = Ou pa bezwen yon kont. Se ou ki chwazi sa nou ka fè ak pawòl ou, ak sa ki dwe retire. Non ou ak enfòmasyon pou kontakte w yo fèmen anba kle. Ou ka chanje lide oswa retire temwayaj ou nenpòt ki lè ak kòd resi ou.

## Errors
error-home-link = Ale nan paj akèy la
error-status = Kòd erè
error-not-found-title = Nou pa jwenn paj la
error-not-found = Nou pa jwenn paj sa a. Verifye adrès la, oswa rekòmanse nan paj akèy la.
error-forbidden-title = Pa otorize
error-forbidden = Kont ou pa bay aksè nan paj sa a. Mande yon administratè si ou bezwen l.
error-csrf-title = Fòmilè a ekspire
error-csrf = Pou sekirite ou, nou pa t ka aksepte fòmilè sa a. Retounen, rechaje paj la, epi voye l ankò.
error-too-many-title = Twòp tantativ
error-too-many = Te gen twòp tantativ. Tann kèk minit, epi eseye ankò.
error-gone-title = Lyen sa a pa mache ankò
error-gone = Lyen sa a ekspire oswa yo te deja itilize l.
error-bad-request-title = Te gen yon pwoblèm nan demann lan
error-bad-request = Nou pa t konprann sa ki te voye a. Retounen, rechaje paj la, epi eseye ankò.
error-too-large-title = Ou voye twòp
error-too-large = Sa ou voye a pi gwo pase sa nou ka aksepte. Voye mwens an menm tan, oswa kite gwo fichye yo.
error-unprocessable-title = Tanpri verifye fòmilè a
error-unprocessable = Gen kèk repons ki bezwen korije.
error-internal-title = Yon bagay pa mache bò kote pa nou
error-internal = Nou pa t ka fini. Anyen ou te voye pa t pataje. Tanpri eseye ankò nan kèk minit.

## Testimony form
form-testimony-limit = Jiska { $max } karaktè. Paragraf yo ap rete jan yo ye.

## Themes (built-in vocabulary)
theme-asylum-access = Aksè a azil
theme-immigration-detention = Detansyon imigrasyon
theme-detention-conditions-health = Kondisyon detansyon ak swen sante
theme-due-process-counsel = Pwosedi jis ak aksè a yon avoka
theme-family-unity = Inite ak separasyon fanmi
theme-children = Timoun
theme-language-access = Aksè nan lang
theme-deportation-removal = Depòtasyon ak ekspilsyon
theme-border-ports-of-entry = Fwontyè ak pò antre
theme-humanitarian-parole = Pèmisyon ak pwogram imanitè
theme-racial-discrimination = Diskriminasyon rasyal
theme-lgbti = Moun LGBTI+
theme-indigenous-peoples = Pèp endijèn
theme-gender-based-violence = Vyolans ki baze sou sèks
theme-torture-ill-treatment = Tòti ak move tretman
theme-labour-exploitation = Esplwatasyon nan travay ak trafik moun
theme-death-penalty = Pèn lanmò
theme-policing-force = Lapolis ak itilizasyon fòs
theme-data-transparency = Transparans done

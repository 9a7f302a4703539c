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

## Hearings
hearings-title = Odyans yo
hearings-intro = Chwazi yon odyans pou bay temwayaj ou. Chak odyans kouvri kèk tèm, epi li ofri kèk lang.
hearings-none = Pa gen okenn odyans k ap resevwa temwayaj kounye a. Tanpri tounen pita.
hearings-other = Lòt odyans
hearings-back = Retounen nan odyans yo
hearing-accepting-until = Odyans sa a ap resevwa temwayaj jiska { $date }.
hearing-not-open-yet = Odyans sa a ap resevwa temwayaj apati { $date }.
hearing-closed = Odyans sa a fèmen. Li pa resevwa temwayaj ankò.
hearing-online = Sou entènèt
hearing-where = Kote
hearing-when = Dat
hearing-themes = Tèm yo
hearing-languages = Lang yo
hearing-give-testimony = Bay temwayaj ou

## Testimony form
form-intro = Ou pa bezwen yon kont. Se sèlman temwayaj ou ak kiyès ou ye nan temwayaj la ki obligatwa; tout lòt bagay, se ou ki deside.
form-retention = { $days ->
    [0] Nou efase done kontak ak fichye yo depi odyans sa a fèmen ({ $date }).
   *[other] Nou efase done kontak ak fichye yo { $days } jou apre odyans sa a fèmen ({ $date }).
}
form-required = (obligatwa)
form-optional-hint = Ou ka kite espas sa yo vid.
form-body-label = Temwayaj ou
form-body-hint = Rakonte sa k te pase, ak pwòp mo pa w.
form-testimony-limit = Jiska { $max } karaktè. Paragraf yo ap rete jan yo ye.
form-role-legend = Kiyès ou ye nan temwayaj sa a?
form-role-hint = Chwazi sa ki koresponn pi byen ak ou.
role-directly-affected = Yon moun ki afekte dirèkteman
role-family-member = Yon manm fanmi
role-attorney = Yon avoka oswa yon reprezantan legal
role-health-worker = Yon doktè oswa yon travayè sante
role-monitor = Yon obsèvatè dwa moun
role-faith-leader = Yon lidè relijye
role-community-organizer = Yon òganizatè kominotè
role-interpreter = Yon entèprèt
role-other = Lòt
form-place-legend = Ki kote sa te pase?
form-place-state = Eta
form-place-city = Vil oswa bouk
form-period-legend = Ki lè sa te pase?
form-period-hint = Mwa ak ane, pa egzanp 2024-03. Si sa te dire pi lontan, bay dènye mwa a tou. Ou ka kite espas sa yo vid.
form-period-from = Depi
form-period-to = Jiska
form-themes-legend = Sou ki sijè li ye?
form-themes-hint = Make tout sa ki koresponn, oswa pa make anyen.
form-language-label = Lang ou itilize pou ekri temwayaj ou
form-language-other = Yon lòt lang
form-identity-legend = Sou ou (opsyonèl)
form-identity-hint = Ou pa oblije bay non ou ni fason pou nou kontakte w. Si ou bay yo, y ap fèmen anba kle (chifre), epi yo p ap janm parèt nan lis oswa nan rapò, sòf si ou pèmèt sa pi ba a.
form-name-label = Non ou oswa yon lòt non (psedonim)
form-email-label = Adrès imèl
form-phone-label = Nimewo telefòn
form-consent-legend = Kisa ou pèmèt nou fè ak temwayaj ou?
form-consent-hint = Nou pa make anyen pou ou. Chwazi chak youn apa. Ou ka chanje chwa sa yo pita ak kòd resi ou.
form-consent-text-title = Li kijan odyans sa a itilize temwayaj yo
form-consent-text-other-language = Tèks sa a parèt an { $language }: li pa ekri nan lang paj sa a.
consent-publish = Itilize temwayaj mwen nan rapò ki pibliye a, san non mwen (yon rezime oswa yon sitasyon).
consent-publish-hint = Nou p ap janm pibliye non ou ni enfòmasyon pou kontakte w yo avè l.
consent-quote = Site pawòl mwen egzakteman jan mwen di yo.
consent-quote-hint = Sèlman si ou aksepte tou pou nou itilize l nan rapò a.
consent-attribute = Bay non mwen kote nou itilize pawòl mwen.
consent-attribute-hint = Sèlman si ou aksepte tou pou nou itilize l nan rapò a. San sa, ou rete anonim.
consent-share_un = Pataje temwayaj mwen ak ekspè dwa moun Nasyonzini yo.
consent-share_un-hint = Pa egzanp Rapòtè Espesyal Nasyonzini yo, san non ou sòf si ou pèmèt sa pi wo a.
consent-contact = Kontakte m pou fè swivi.
consent-contact-hint = Sèlman si ou bay yon adrès imèl oswa yon nimewo telefòn.
consent-media = Pataje temwayaj mwen ak jounalis ak medya.
consent-media-hint = San non ou, sòf si ou pèmèt sa pi wo a.
consent-short-publish = itilize l nan rapò a san non ou
consent-short-quote = site pawòl ou egzakteman
consent-short-attribute = non ou kote yo itilize pawòl ou
consent-short-share_un = pataje l ak ekspè Nasyonzini
consent-short-contact = kontakte ou pou swivi
consent-short-media = pataje l ak jounalis
consent-now-allow = Kounye a ou pèmèt: { $list }.
consent-now-nothing = Kounye a ou pa pèmèt okenn itilizasyon temwayaj ou.
consent-inert = Sa pa gen efè, paske ou pa t pèmèt itilizasyon nan rapò a: { $list }.
form-redact-legend = Kisa ki dwe retire anvan nou pibliye anyen?
form-redact-hint = Kèlkeswa sa ou pèmèt, bagay sa yo ap retire nan tout tèks nou pibliye.
redact-name = Retire non mwen
redact-places = Retire kote ki ta ka fè moun rekonèt mwen
redact-other-names = Retire non lòt moun yo
redact-dates = Retire dat yo
form-redact-terms-label = Lòt mo oswa fraz pou retire
form-redact-terms-hint = Youn sou chak liy: pa egzanp yon lari, yon kote ou travay, yon tinon.
form-attachments-label = Foto oswa dokiman (opsyonèl)
form-attachments-hint = Foto JPEG, PNG oswa WebP, oswa fichye PDF: jiska { $files } fichye, { $each } MB chak, { $total } MB an tou. Nou retire nan foto yo enfòmasyon sou kote yo te pran ak sou aparèy ki te pran yo.
form-honeypot-label = Kite espas sa a vid
form-submit = Voye temwayaj mwen
form-csrf-kept = Tèks ou a toujou la anba a. Verifye l epi peze “Voye temwayaj mwen” ankò.
form-files-again = Tanpri chwazi fichye ou yo ankò: nou pa t ka kenbe yo.
form-rejected = Nou pa t ka aksepte sa. Tanpri verifye fòmilè a epi voye l ankò.
form-your-text = Tèks ou
form-your-text-hint = Kopye tèks ou si ou vle kenbe l.
err-body-empty = Ekri temwayaj ou.
err-body-long = Tèks sa a depase { $max } karaktè. Fè l pi kout, oswa voye rès la pita ak “Ajoute plis enfòmasyon”.
err-role = Chwazi kiyès ou ye nan temwayaj sa a.
err-text-long = Pa ekri plis pase 100 karaktè.
err-period-missing-from = Bay premye mwa a tou.
err-period-format = Ekri mwa a ak ane a konsa: 2024-03.
err-period-reversed = Dènye mwa a vini anvan premye mwa a.
err-period-future = Mwa sa a poko rive.
err-theme = Chwazi tèm ki nan lis la.
err-language = Chwazi lang ou itilize pou ekri temwayaj ou.
err-name-long = Pa ekri plis pase 200 karaktè pou non an.
err-email = Ekri yon adrès imèl tankou non@example.org, oswa kite l vid.
err-phone = Ekri yon nimewo telefòn ak chif (espas, +, - ak parantèz pa pwoblèm), oswa kite l vid.
err-consent = Chwazi nan lis la.
err-contact-needs-details = Pou nou ka kontakte w, bay yon adrès imèl oswa yon nimewo telefòn, oswa retire mak ki sou “Kontakte m pou fè swivi”.
err-consent-text-changed = Òganizatè yo fèk chanje fason odyans sa a itilize temwayaj yo. Tanpri li l ankò epi konfime chwa ou yo.
err-terms-long = Chak mo oswa fraz pa ka gen plis pase { $max } karaktè.
err-terms-many = Pa mete plis pase { $max } mo oswa fraz.
err-file-type = “{ $name }” pa yon foto ni yon PDF. Mete foto JPEG, PNG oswa WebP, oswa fichye PDF.
err-file-unreadable = Nou pa t ka li “{ $name }” tankou yon foto. Eseye yon lòt fichye.
err-file-big = “{ $name }” pi gwo pase { $max } MB.
err-files-many = Pa mete plis pase { $max } fichye.
err-files-total = Tout fichye yo ansanm pi gwo pase { $max } MB.
err-files-busy = Anpil moun ap voye fichye kounye a, kidonk nou pa resevwa pa w yo. Tout sa ou te ekri rete la: mete fichye ou yo ankò epi voye fòmilè a, oswa voye l san yo.
err-closed = Odyans sa a pa resevwa temwayaj ankò, kidonk temwayaj ou a pa t voye. Tèks ou a toujou la anba a: kopye l si ou vle kenbe l.
err-too-many-submissions = Gen anpil temwayaj ki soti nan koneksyon sa a. Tann { $minutes } minit, epi voye l ankò. Tèks ou a toujou la.

## Receipt
receipt-thanks = Mèsi
receipt-intro = Nou resevwa temwayaj ou.
receipt-title = Kòd resi ou
receipt-keep = Ekri kòd sa a epi kenbe l yon kote ki an sekirite. Avè l, ou ka verifye temwayaj ou, ajoute ladan l, chanje sa ou pèmèt, oswa retire l. Nenpòt moun ki gen kòd la ka fè menm bagay yo, kidonk pa bay pesonn li. Si ou pèdi l, nou pa ka ba ou l ankò.
receipt-next = Pou w tounen, louvri “Verifye temwayaj mwen” sou sit sa a epi antre kòd la.
receipt-print = Ou ka enprime paj sa a ak meni Enprime nan navigatè ou.
receipt-window = Paj sa a montre kòd ou pandan 15 minit apre ou fin voye temwayaj ou, nan navigatè sa a sèlman. Apre sa, li p ap parèt ankò, e pesonn pa ka jwenn li ankò. Si lòt moun sèvi ak aparèy sa a, fèmen navigatè a lè ou fin ekri l.
receipt-print-button = Enprime resi sa a
receipt-site = Sit entènèt
receipt-check-page = Verifye temwayaj ou nan
receipt-already-sent = Fòmilè sa a te deja voye, kidonk temwayaj ou pa t voye yon dezyèm fwa.
receipt-check-link = Verifye temwayaj mwen
receipt-gone = Resi sa a pa parèt ankò. Pou sekirite ou, yon kòd resi parèt sèlman pandan 15 minit apre ou fin voye temwayaj la, nan navigatè ki te voye l la. Si ou pa t ekri l, nou pa ka montre l ankò.

## Check my testimony
check-title = Verifye temwayaj mwen
check-intro = Antre kòd resi nou te ba ou lè ou te bay temwayaj ou.
check-code-label = Kòd resi
check-code-hint = 25 chif, pa egzanp 12345-67890-12345-67890-12345. Espas ak tirè pa gen enpòtans.
check-submit = Louvri temwayaj mwen
check-lost = Ou pèdi kòd ou? Pou sekirite ou, nou pa ka jwenn li ankò pou ou. Si ou bezwen, ou ka bay temwayaj ou ankò.
check-expired = Pou sekirite ou, tanpri antre kòd resi ou ankò.
err-code-format = Yon kòd resi gen 25 chif. Verifye si ou kopye yo tout.
err-code-unknown = Nou pa jwenn okenn temwayaj ak kòd sa a. Verifye chif yo epi eseye ankò.

## My testimony
mine-title = Temwayaj ou
mine-hearing = Odyans
mine-submitted = Dat ou te voye l
mine-status = Kote l ye kounye a
status-received = Resevwa: li rive, epi l ap tann pou nou li l.
status-in-review = An revizyon: editè nou yo ap li l.
status-included = Enkli: li fè pati rapò a, jan ou pèmèt li.
status-not-included = Pa enkli: li pa fè pati rapò a.
status-withdrawn = Retire: nou p ap itilize l okenn fason.
mine-your-words = Sa ou te ekri
mine-words-sealed = Pawòl ou yo rete sele: se sèlman editè nou yo ki ka louvri yo. Paj sa a ka montre yo sèlman pou temwayaj yo bay depi kòd resi a louvri yon kopi pou ou tou.
mine-additions = Sa ou te ajoute apre
mine-consent-title = Sa ou pèmèt
mine-consent-submit = Anrejistre chwa mwen yo
mine-consent-saved = Chwa ou yo anrejistre. Yo aplike depi kounye a.
mine-add-title = Ajoute plis enfòmasyon
mine-add-label = Plis enfòmasyon
mine-add-submit = Ajoute l
mine-added = Enfòmasyon ou yo ajoute.
mine-details-title = Sa ou te di nou sou temwayaj ou
mine-details-intro = Chanje sa ou te mande nou retire, tèm yo, ak ki kote epi ki lè sa te rive. Nou kenbe chak chanjman ak dat li.
mine-details-submit = Anrejistre chanjman sa yo
mine-details-saved = Chanjman ou yo anrejistre. Yo valab depi kounye a.
mine-details-changed = Dènye chanjman nan dat { $date }.
mine-details-legacy = Ou te bay temwayaj sa a anvan paj sa a te ka montre demann ou pou retire enfòmasyon, kidonk ou pa ka chanje l isit la. Ekri sa ou vle chanje anba "Ajoute plis enfòmasyon".
err-add-empty = Ekri sa ou vle ajoute.
mine-contact-title = Enfòmasyon pou kontakte w
mine-contact-have = Nou gen enfòmasyon pou kontakte w. Pesonn pa wè yo nan lis oswa nan rapò.
mine-contact-none = Nou pa gen okenn enfòmasyon pou kontakte w.
mine-contact-delete = Efase enfòmasyon pou kontakte m yo
mine-contact-deleted = Nou efase enfòmasyon pou kontakte w yo.
err-contact-needs-details-later = Nou pa gen enfòmasyon pou kontakte w, kidonk nou pa ka kontakte w. Retire mak ki sou “Kontakte m pou fè swivi”.
mine-withdraw-title = Retire temwayaj mwen
mine-withdraw-text = Si ou retire l, depi moman sa a nou p ap itilize temwayaj ou okenn fason. Ou p ap ka chanje sa apre.
mine-withdraw-confirm = Wi, mwen vle retire temwayaj mwen.
mine-withdraw-submit = Retire temwayaj mwen
err-withdraw-confirm = Make bwat la pou konfime ou vle retire temwayaj ou.
mine-withdrawn = Temwayaj ou retire. Nou p ap itilize l okenn fason.
mine-erase-title = Efase tout sa ou te ban nou
mine-erase-text = Sa a retire temwayaj ou, si li poko retire, epi li efase pou toujou tout sa ou te ban nou: pawòl ou, sa ou te ajoute, fichye ou, non ou ak kontak ou. Nou kenbe sèlman, pou kont nou, lefèt ke yon temwayaj te retire epi efase, ak ki lè. Ou p ap ka chanje sa apre.
mine-erase-confirm = Wi, mwen vle efase tout sa mwen te bay.
mine-erase-submit = Efase tout
err-erase-confirm = Make bwat la pou konfime ou vle efase tout sa ou te ban nou.
mine-erased = Temwayaj ou te retire epi efase nan dat { $date }. Nou pa kenbe anyen nan sa ou te ban nou.
mine-leave = Fini epi fèmen temwayaj mwen
mine-left = Temwayaj ou fèmen sou aparèy sa a. Pou louvri l ankò, antre kòd resi ou.

## Email to the witness
mail-confirm-subject = Nou resevwa temwayaj ou
mail-confirm-body =
    Bonjou,

    Nou resevwa temwayaj ou te bay EPU Pèp la sou { $site }. Mèsi.

    Ou ka verifye l, ajoute ladan l, chanje sa ou pèmèt, oswa retire l nenpòt ki lè ak kòd resi ou, sou paj “Verifye temwayaj mwen”:
    { $check }

    Pou sekirite ou, imèl sa a pa gen temwayaj ou ni kòd resi ou ladan l.

    Si se pa ou ki te bay temwayaj, ou ka inyore imèl sa a.

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

## Who runs this site
nav-admin-organisation = Kiyès ki jere sit sa a
footer-run-by = Se { $name } ki jere sit sa a.
footer-about = Kiyès nou ye
footer-privacy-notice = Avi sou vi prive
about-title = Kiyès ki jere sit sa a
about-run-by = Se { $name } ki jere sit sa a.
about-default-description = Sit sa a ranmase temwayaj pou yon Egzamen Peryodik Inivèsèl Pèp la: odyans sosyete sivil la òganize lè yon gouvènman pa vle reponn devan Nasyonzini. Temwen yo rakonte sa yo te viv oswa sa yo te wè, epi ak pawòl yo, nou ekri yon rapò piblik, sèlman jan chak temwen pèmèt li.
about-contact-title = Kontak
about-contact-email = Imèl:
about-no-contact = Òganizatè yo poko pibliye yon adrès pou kontakte yo.
about-privacy-title = Vi prive ou
about-privacy = Kiyès ki ka li sa ou bay, kisa ki fèmen anba kle, ak kisa k ap pase si ou retire l:
about-privacy-link = li avi sou vi prive a
privacy-title = Avi sou vi prive
privacy-intro = Kijan { $name } trete sa ou bay sou sit sa a.
privacy-about-link = Kiyès ki jere sit sa a, ak kijan pou kontakte yo
privacy-default-notice =
    Kiyès ki ka li temwayaj ou: se sèlman moun nan ekip la ki resevwa aksè nan orijinal yo ki ka li sa ou te ekri oswa sa ou te bay. Ou menm tou ou ka li l, ak kòd resi ou. Tout lòt moun (lòt moun nan ekip la ak moun k ap li rapò a) pa ka wè plis pase pawòl ou san sa ou te mande pou nou retire, epi sèlman jan ou te pèmèt.

    Kisa ki fèmen anba kle: temwayaj ou, tout sa ou ajoute apre, non ou, imèl ou ak nimewo telefòn ou, mo ou te mande pou nou retire yo, vil la lè ou te mande pou nou retire kote yo, ak foto ou ak fichye ou yo. Yo fèmen anba kle (chifre) depi yo rive, pou si yon moun pran disk sèvè a oswa yon kopi sovgad, li pa ka li anyen ladan yo. Yon sèl eksepsyon: si nou voye yon imèl konfimasyon ba ou, adrès ou tann nan yon fil jiskaske imèl la pati (anjeneral kèk segonn; pou pi plis yon jou edmi si sèvè imèl la pa mache), epi pandan tan sa a, yon moun ki pran sèvè a ta ka li l.

    Kisa ki pa fèmen anba kle, pou nou ka konte ak klase temwayaj yo: odyans lan, kiyès ou ye nan temwayaj la (pa egzanp yon manm fanmi), tèm yo, lang lan, eta Etazini an, mwa ak ane a, vil la lè ou pa t mande pou nou retire kote yo, kijan ou te bay li (sou entènèt oswa nan yon odyans) ak non entèprèt la, chwa ou fè sou konsantman, ki kalite bagay ou te mande pou nou retire (pa mo yo), si ou te bay enfòmasyon pou kontakte w (pa enfòmasyon yo), kalite ak gwosè fichye ou yo, ak dat yo.

    Kisa nou pa kenbe: nou pa anrejistre adrès IP ou ni aparèy ou. Paj yo pa chaje anyen ki soti nan lòt sit entènèt. Lè ou li paj sa yo, nou pa anrejistre anyen sou ou nan sèvè nou. Nou pa kenbe kòd resi ou nan yon fòm pèsonn ka li ankò: se ou sèl ki genyen l.

    Konbyen tan nou kenbe enfòmasyon pou kontakte w yo ak fichye ou yo: jiskaske ou efase yo sou paj “Verifye temwayaj mwen”, ak kòd resi ou, epi pa pi ta pase dat fòmilè temwayaj la bay, yon kantite jou apre odyans lan fèmen.

    Si ou retire temwayaj ou, depi lè sa a nou p ap itilize l okenn fason.

    Si ou efase temwayaj ou, tout sa ou te bay efase: pawòl ou, sa ou te ajoute, fichye ou yo, non ou ak enfòmasyon pou kontakte w yo. Se sèlman lefèt ke yon temwayaj te retire epi efase, ak dat la, ki rete, pou kont yo rete onèt.

## Dates and times
month-1 = janvye
month-2 = fevriye
month-3 = mas
month-4 = avril
month-5 = me
month-6 = jen
month-7 = jiyè
month-8 = out
month-9 = septanm
month-10 = oktòb
month-11 = novanm
month-12 = desanm
date-long = { $day } { $month } { $year }
date-time = { $date } a { $time } ({ $zone })

## Messages with the organisation
messages-title = Mesaj òganizasyon an voye ba ou
messages-intro = Moun k ap egzamine temwayaj ou a ka poze ou yon kesyon isit la. Se sèlman yo menm ak ou ki ka li mesaj sa yo. Ou ka reponn anba a; repons ou a fèmen anba kle tankou temwayaj ou.
messages-from-org = Sòti nan òganizasyon an
messages-from-you = Sòti nan ou
messages-sealed = Nou pa ka montre mesaj sa a.
messages-reply-label = Repons ou
messages-reply-hint = Ekri sèlman sa ou alèz pou pataje.
messages-reply-submit = Voye repons mwen
messages-replied = Repons ou a ale.
err-reply-empty = Ekri repons ou.
err-reply-long = Tèks sa a depase { $max } karaktè. Fè l pi kout, oswa voye rès la nan yon dezyèm repons.
mail-message-subject = Gen yon mesaj k ap tann ou
mail-message-body =
    Bonjou,

    Ekip EPU Pèp la k ap egzamine temwayaj ou a kite yon mesaj pou ou.

    Pou li l epi reponn, louvri paj “Verifye temwayaj mwen” epi antre kòd resi ou:
    { $check }

    Pou sekirite ou, imèl sa a pa gen mesaj la, ni temwayaj ou, ni kòd resi ou ladan l.

    Si se pa ou ki te bay temwayaj, ou ka inyore imèl sa a.
## Redaction markers: what replaces withheld words in a redacted text.
redaction-marker-name = [non retire]
redaction-marker-place = [kote retire]
redaction-marker-date = [dat retire]
redaction-marker-contact = [kontak retire]
redaction-marker-identifier = [nimewo idantifikasyon retire]
redaction-marker-other-person = [non yon lòt moun retire]
redaction-marker-other = [retire]
mine-informed = Temwayaj ou te ede ekri rekòmandasyon { $number } nan “{ $report }”.
mine-informed-link = Li rapò a
nav-reports = Rapò
reports-title = Rapò
reports-none = Poko gen okenn rapò ki pibliye.
reports-version = vèsyon { $number }, pibliye { $date }

## Site-wide
site-name = EPU du Peuple
skip-to-content = Aller au contenu principal
nav-label = Principale
nav-hearings = Audiences
nav-check = Consulter mon témoignage
nav-staff = Accueil de l'équipe
nav-staff-hearings = Gérer les audiences
nav-admin-users = Comptes de l'équipe
nav-admin-themes = Thèmes
nav-account = Mon mot de passe
nav-logout = Se déconnecter
nav-staff-login = Connexion de l'équipe
lang-switcher-label = Langue
footer-privacy = Nous n'enregistrons ni votre adresse IP ni votre appareil. Rien sur ce site ne vient d'autres sites web.
form-error-summary = Il y a un problème

## Home
home-title = L'Examen périodique universel du Peuple
home-intro = Quand un gouvernement refuse de répondre devant les Nations Unies, les gens peuvent encore se faire entendre. Témoignez sur l'immigration, la détention, l'asile et les droits humains. Votre témoignage fera partie d'un rapport public, uniquement de la façon que vous autorisez.
home-give-testimony = Témoigner
home-check = Consulter mon témoignage
home-safety-title = Votre sécurité d'abord
home-safety = Vous n'avez pas besoin de compte. Vous choisissez ce que nous pouvons faire de vos paroles et ce qui doit être retiré. Votre nom et vos coordonnées sont mis sous clé. Vous pouvez changer d'avis ou retirer votre témoignage à tout moment avec votre code de reçu.

## Errors
error-home-link = Aller à la page d'accueil
error-status = Code d'erreur
error-not-found-title = Page introuvable
error-not-found = Nous n'avons pas trouvé cette page. Vérifiez l'adresse ou recommencez depuis la page d'accueil.
error-forbidden-title = Accès refusé
error-forbidden = Votre compte ne donne pas accès à cette page. Demandez à un administrateur si vous en avez besoin.
error-csrf-title = Le formulaire a expiré
error-csrf = Pour votre sécurité, ce formulaire n'a pas pu être accepté. Revenez en arrière, rechargez la page et envoyez-le de nouveau.
error-too-many-title = Trop de tentatives
error-too-many = Il y a eu trop de tentatives. Attendez quelques minutes, puis réessayez.
error-gone-title = Ce lien ne fonctionne plus
error-gone = Ce lien a expiré ou a déjà été utilisé.
error-bad-request-title = La demande comportait une erreur
error-bad-request = Nous n'avons pas compris ce qui a été envoyé. Revenez en arrière, rechargez la page et réessayez.
error-too-large-title = Envoi trop volumineux
error-too-large = Ce que vous avez envoyé dépasse ce que nous pouvons accepter. Envoyez moins à la fois ou laissez de côté les gros fichiers.
error-unprocessable-title = Vérifiez le formulaire
error-unprocessable = Certaines réponses doivent être corrigées.
error-internal-title = Un problème est survenu de notre côté
error-internal = Nous n'avons pas pu terminer. Rien de ce que vous avez envoyé n'a été partagé. Réessayez dans quelques minutes.

## Hearings
hearings-title = Audiences
hearings-intro = Choisissez une audience pour donner votre témoignage. Chaque audience porte sur certains thèmes et accepte certaines langues.
hearings-none = Aucune audience ne reçoit de témoignages en ce moment. Merci de revenir plus tard.
hearings-other = Autres audiences
hearings-back = Retour aux audiences
hearing-accepting-until = Les témoignages sont acceptés jusqu’au { $date }.
hearing-not-open-yet = Cette audience acceptera des témoignages à partir du { $date }.
hearing-closed = Cette audience est fermée. Elle n’accepte plus de témoignages.
hearing-online = En ligne
hearing-where = Lieu
hearing-when = Date
hearing-themes = Thèmes
hearing-languages = Langues
hearing-give-testimony = Donner votre témoignage

## Testimony form
form-intro = Vous n’avez pas besoin de compte. Seules deux choses sont obligatoires : votre témoignage, et qui vous êtes dans ce témoignage. Tout le reste est à votre choix.
form-retention = { $days ->
    [0] Les coordonnées et les pièces jointes sont supprimées à la fermeture de cette audience (le { $date }).
    [one] Les coordonnées et les pièces jointes sont supprimées { $days } jour après la fermeture de cette audience (le { $date }).
   *[other] Les coordonnées et les pièces jointes sont supprimées { $days } jours après la fermeture de cette audience (le { $date }).
}
form-required = (obligatoire)
form-optional-hint = Vous pouvez laisser ces champs vides.
form-body-label = Votre témoignage
form-body-hint = Racontez ce qui s’est passé, avec vos propres mots.
form-testimony-limit = Jusqu’à { $max } caractères. Les paragraphes sont conservés.
form-role-legend = Qui êtes-vous dans ce témoignage ?
form-role-hint = Choisissez la réponse qui vous correspond le mieux.
role-directly-affected = Une personne directement touchée
role-family-member = Un membre de la famille
role-attorney = Un avocat ou un représentant légal
role-health-worker = Un médecin ou un professionnel de santé
role-monitor = Un observateur des droits humains
role-faith-leader = Un responsable religieux
role-community-organizer = Un responsable communautaire ou associatif
role-interpreter = Un interprète
role-other = Autre
form-place-legend = Où cela s’est-il passé ?
form-place-state = État
form-place-city = Ville ou village
form-period-legend = Quand cela s’est-il passé ?
form-period-hint = Mois et année, par exemple 2024-03. Si cela a duré plus longtemps, indiquez aussi le dernier mois. Vous pouvez laisser ces champs vides.
form-period-from = À partir de
form-period-to = Jusqu’à
form-themes-legend = De quoi s’agit-il ?
form-themes-hint = Cochez tout ce qui convient, ou rien.
form-language-label = Langue dans laquelle votre témoignage est écrit
form-language-other = Autre langue
form-identity-legend = À propos de vous (facultatif)
form-identity-hint = Vous n’avez pas à donner votre nom ni un moyen de vous joindre. Si vous le faites, ces informations sont mises sous clé (chiffrées) et ne sont jamais montrées dans les listes ou les rapports, sauf si vous l’autorisez plus bas.
form-name-label = Votre nom ou un pseudonyme
form-email-label = Adresse e-mail
form-phone-label = Numéro de téléphone
form-consent-legend = Que nous autorisez-vous à faire de votre témoignage ?
form-consent-hint = Rien n’est coché à l’avance. Choisissez chaque option séparément. Vous pourrez modifier ces choix plus tard avec votre code de reçu.
form-consent-text-title = Lisez comment cette audience utilise les témoignages
form-consent-text-other-language = Ce texte est affiché en { $language } : il n’est pas rédigé dans la langue de cette page.
consent-publish = Utiliser mon témoignage dans le rapport publié, sans mon nom (un résumé ou une citation).
consent-publish-hint = Votre nom et vos coordonnées ne sont jamais publiés avec votre témoignage.
consent-quote = Citer mes paroles telles quelles.
consent-quote-hint = Seulement si vous acceptez aussi l’utilisation dans le rapport.
consent-attribute = Donner mon nom là où mes paroles sont utilisées.
consent-attribute-hint = Seulement si vous acceptez aussi l’utilisation dans le rapport. Sans cela, vous restez anonyme.
consent-share_un = Partager mon témoignage avec des experts des droits humains des Nations Unies.
consent-share_un-hint = Par exemple les rapporteurs spéciaux de l’ONU, sans votre nom sauf si vous l’autorisez plus haut.
consent-contact = Me contacter pour faire un suivi.
consent-contact-hint = Seulement si vous donnez une adresse e-mail ou un numéro de téléphone.
consent-media = Partager mon témoignage avec des journalistes et des médias.
consent-media-hint = Sans votre nom, sauf si vous l’autorisez plus haut.
consent-short-publish = l’utilisation dans le rapport sans votre nom
consent-short-quote = citer vos mots exactement
consent-short-attribute = votre nom là où vos mots sont utilisés
consent-short-share_un = le partage avec des experts des Nations Unies
consent-short-contact = vous contacter pour un suivi
consent-short-media = le partage avec des journalistes
consent-now-allow = Vous permettez maintenant : { $list }.
consent-now-nothing = Vous ne permettez maintenant aucune utilisation de votre témoignage.
consent-inert = Sans effet, car vous n’avez pas permis l’utilisation dans le rapport : { $list }.
form-redact-legend = Que faut-il retirer avant toute publication ?
form-redact-hint = Quoi que vous autorisiez, ces éléments sont retirés de tous les textes publiés.
redact-name = Retirer mon nom
redact-places = Retirer les lieux qui pourraient m’identifier
redact-other-names = Retirer les noms des autres personnes
redact-dates = Retirer les dates
form-redact-terms-label = Autres mots ou expressions à retirer
form-redact-terms-hint = Un par ligne : par exemple une rue, un lieu de travail, un surnom.
form-attachments-label = Photos ou documents (facultatif)
form-attachments-hint = Images JPEG, PNG ou WebP, ou fichiers PDF : jusqu’à { $files ->
    [one] { $files } fichier
   *[other] { $files } fichiers
}, { $each } Mo chacun, { $total } Mo au total. Les informations de lieu et d’appareil photo sont retirées des photos.
form-honeypot-label = Laissez ce champ vide
form-submit = Envoyer mon témoignage
form-csrf-kept = Votre texte est conservé ci-dessous. Vérifiez-le et appuyez de nouveau sur « Envoyer mon témoignage ».
form-files-again = Veuillez choisir de nouveau vos fichiers : ils n’ont pas pu être conservés.
form-rejected = Nous n’avons pas pu accepter cet envoi. Vérifiez le formulaire et envoyez-le de nouveau.
form-your-text = Votre texte
form-your-text-hint = Copiez votre texte si vous voulez le garder.
err-body-empty = Écrivez votre témoignage.
err-body-long = Ce texte dépasse { $max } caractères. Raccourcissez-le, ou envoyez la suite plus tard avec « Ajouter d’autres informations ».
err-role = Choisissez qui vous êtes dans ce témoignage.
err-text-long = Utilisez 100 caractères au maximum.
err-period-missing-from = Indiquez aussi le premier mois.
err-period-format = Écrivez le mois et l’année comme ceci : 2024-03.
err-period-reversed = Le dernier mois est avant le premier mois.
err-period-future = Ce mois n’est pas encore arrivé.
err-theme = Choisissez des thèmes dans la liste.
err-language = Choisissez la langue dans laquelle votre témoignage est écrit.
err-name-long = Utilisez 200 caractères au maximum pour le nom.
err-email = Écrivez une adresse e-mail comme nom@example.org, ou laissez le champ vide.
err-phone = Écrivez un numéro de téléphone avec des chiffres (les espaces, +, - et parenthèses sont acceptés), ou laissez le champ vide.
err-consent = Choisissez dans la liste.
err-contact-needs-details = Pour que nous puissions vous contacter, donnez une adresse e-mail ou un numéro de téléphone, ou décochez « Me contacter pour faire un suivi ».
err-consent-text-changed = Les organisateurs viennent de modifier la façon dont cette audience utilise les témoignages. Veuillez relire le texte et confirmer vos choix.
err-terms-long = Chaque mot ou expression peut avoir au maximum { $max } caractères.
err-terms-many = Indiquez au maximum { $max ->
    [one] { $max } mot ou expression
   *[other] { $max } mots ou expressions
}.
err-file-type = « { $name } » n’est ni une image ni un PDF. Joignez des images JPEG, PNG ou WebP, ou des fichiers PDF.
err-file-unreadable = « { $name } » n’a pas pu être lu comme une image. Essayez un autre fichier.
err-file-big = « { $name } » dépasse { $max } Mo.
err-files-many = Joignez { $max ->
    [one] { $max } fichier
   *[other] { $max } fichiers
} au maximum.
err-files-total = Ensemble, les fichiers dépassent { $max } Mo.
err-files-busy = Beaucoup de personnes envoient des fichiers en ce moment : les vôtres n’ont pas été reçus. Tout ce que vous avez écrit est conservé : joignez de nouveau vos fichiers et envoyez le formulaire, ou envoyez-le sans eux.
err-closed = Cette audience n’accepte plus de témoignages, donc le vôtre n’a pas été envoyé. Votre texte est conservé ci-dessous : copiez-le si vous voulez le garder.
err-too-many-submissions = Beaucoup de témoignages ont été envoyés depuis cette connexion. Attendez { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, puis envoyez de nouveau. Votre texte est conservé.

## Receipt
receipt-thanks = Merci
receipt-intro = Votre témoignage a bien été reçu.
receipt-title = Votre code de reçu
receipt-keep = Notez ce code et gardez-le dans un endroit sûr. Avec ce code, vous pouvez consulter votre témoignage, le compléter, changer ce que vous autorisez ou le retirer. Toute personne qui a ce code peut faire de même : ne le partagez donc avec personne. Si vous le perdez, nous ne pourrons pas vous le redonner.
receipt-next = Pour revenir, ouvrez « Consulter mon témoignage » sur ce site et saisissez le code.
receipt-print = Vous pouvez imprimer cette page avec le menu Imprimer de votre navigateur.
receipt-window = Cette page affiche votre code pendant 15 minutes après l’envoi de votre témoignage, dans ce navigateur seulement. Ensuite, il n’est plus affiché et il ne peut pas être retrouvé. Si d’autres personnes utilisent cet appareil, fermez le navigateur une fois le code noté.
receipt-print-button = Imprimer ce reçu
receipt-site = Site web
receipt-check-page = Consultez votre témoignage à l’adresse
receipt-already-sent = Ce formulaire avait déjà été envoyé : votre témoignage n’a donc pas été envoyé une deuxième fois.
receipt-check-link = Consulter mon témoignage
receipt-gone = Ce reçu n’est plus affiché. Pour votre sécurité, un code de reçu n’est affiché que pendant 15 minutes après l’envoi, dans le navigateur qui l’a envoyé. Si vous ne l’avez pas noté, il ne peut plus être affiché.

## Check my testimony
check-title = Consulter mon témoignage
check-intro = Saisissez le code de reçu qui vous a été donné quand vous avez témoigné.
check-code-label = Code de reçu
check-code-hint = 25 chiffres, par exemple 12345-67890-12345-67890-12345. Les espaces et les tirets n’ont pas d’importance.
check-submit = Ouvrir mon témoignage
check-lost = Vous avez perdu votre code ? Pour votre sécurité, nous ne pouvons pas le retrouver. Si besoin, vous pouvez témoigner de nouveau.
check-expired = Pour votre sécurité, veuillez saisir de nouveau votre code de reçu.
err-code-format = Un code de reçu a 25 chiffres. Vérifiez que vous les avez tous copiés.
err-code-unknown = Nous n’avons trouvé aucun témoignage avec ce code. Vérifiez les chiffres et réessayez.

## My testimony
mine-title = Votre témoignage
mine-hearing = Audience
mine-submitted = Envoyé le
mine-status = État actuel
status-received = Reçu : il est arrivé et attend d’être lu.
status-in-review = En cours d’examen : notre équipe de rédaction le lit.
status-included = Inclus : il fait partie du rapport, de la façon que vous autorisez.
status-not-included = Non inclus : il ne fait pas partie du rapport.
status-withdrawn = Retiré : il ne sera utilisé d’aucune façon.
mine-your-words = Ce que vous avez écrit
mine-words-sealed = Vos mots sont gardés scellés : seule notre équipe éditoriale peut les ouvrir. Cette page ne peut les montrer que pour les témoignages donnés depuis que le code de reçu ouvre aussi une copie pour vous.
mine-additions = Ce que vous avez ajouté ensuite
mine-consent-title = Ce que vous autorisez
mine-consent-submit = Enregistrer mes choix
mine-consent-saved = Vos choix ont été enregistrés. Ils s’appliquent à partir de maintenant.
mine-add-title = Ajouter d’autres informations
mine-add-label = Autres informations
mine-add-submit = Ajouter
mine-added = Vos informations ont été ajoutées.
mine-details-title = Ce que vous nous avez dit de votre témoignage
mine-details-intro = Changez ce que vous nous avez demandé de retirer, les thèmes, et où et quand cela s’est passé. Chaque changement est gardé avec sa date.
mine-details-submit = Enregistrer ces changements
mine-details-saved = Vos changements sont enregistrés. Ils valent à partir de maintenant.
mine-details-changed = Dernier changement le { $date }.
mine-details-legacy = Vous avez donné ce témoignage avant que cette page puisse montrer votre demande de retrait, elle ne peut donc pas être changée ici. Écrivez ce que vous voulez changer sous « Ajouter des informations ».
err-add-empty = Écrivez ce que vous voulez ajouter.
mine-contact-title = Vos coordonnées
mine-contact-have = Nous avons vos coordonnées. Personne ne les voit dans les listes ou les rapports.
mine-contact-none = Nous n’avons pas vos coordonnées.
mine-contact-delete = Supprimer mes coordonnées
mine-contact-deleted = Vos coordonnées ont été supprimées.
err-contact-needs-details-later = Nous n’avons pas vos coordonnées, donc nous ne pouvons pas vous contacter. Décochez « Me contacter pour faire un suivi ».
mine-withdraw-title = Retirer mon témoignage
mine-withdraw-text = Si vous le retirez, votre témoignage ne sera plus utilisé d’aucune façon à partir de ce moment. Cela ne peut pas être annulé.
mine-withdraw-confirm = Oui, je veux retirer mon témoignage.
mine-withdraw-submit = Retirer mon témoignage
err-withdraw-confirm = Cochez la case pour confirmer que vous voulez retirer votre témoignage.
mine-withdrawn = Votre témoignage est retiré. Il ne sera utilisé d’aucune façon.
mine-erase-title = Effacer tout ce que vous avez donné
mine-erase-text = Cela retire votre témoignage, s’il n’est pas encore retiré, et efface pour toujours tout ce que vous avez donné : vos mots, vos ajouts, vos fichiers, votre nom et vos coordonnées. Nous gardons seulement, pour nos comptes, le fait qu’un témoignage a été retiré et effacé, et quand. Cela ne peut pas être annulé.
mine-erase-confirm = Oui, je veux effacer tout ce que j’ai donné.
mine-erase-submit = Tout effacer
err-erase-confirm = Cochez la case pour confirmer que vous voulez effacer tout ce que vous avez donné.
mine-erased = Votre témoignage a été retiré et effacé le { $date }. Rien de ce que vous avez donné n’est gardé.
mine-leave = Terminer et fermer mon témoignage
mine-left = Votre témoignage est fermé sur cet appareil. Pour l’ouvrir de nouveau, saisissez votre code de reçu.

## Email to the witness
mail-confirm-subject = Nous avons reçu votre témoignage
mail-confirm-body =
    Bonjour,

    Nous avons reçu le témoignage que vous avez donné à l’EPU du Peuple sur { $site }. Merci.

    Vous pouvez le consulter, le compléter, changer ce que vous autorisez ou le retirer à tout moment avec votre code de reçu, sur la page « Consulter mon témoignage » :
    { $check }

    Pour votre sécurité, cet e-mail ne contient ni votre témoignage ni votre code de reçu.

    Si vous n’avez pas donné de témoignage, vous pouvez ignorer cet e-mail.

## Themes (built-in vocabulary)
theme-asylum-access = Accès à l’asile
theme-immigration-detention = Détention des migrants
theme-detention-conditions-health = Conditions de détention et soins de santé
theme-due-process-counsel = Garanties procédurales et accès à un avocat
theme-family-unity = Unité et séparation des familles
theme-children = Enfants
theme-language-access = Accès linguistique
theme-deportation-removal = Expulsion et renvoi
theme-border-ports-of-entry = Frontière et points d’entrée
theme-humanitarian-parole = Admission humanitaire et programmes
theme-racial-discrimination = Discrimination raciale
theme-lgbti = Personnes LGBTI+
theme-indigenous-peoples = Peuples autochtones
theme-gender-based-violence = Violence fondée sur le genre
theme-torture-ill-treatment = Torture et mauvais traitements
theme-labour-exploitation = Exploitation par le travail et traite
theme-death-penalty = Peine de mort
theme-policing-force = Maintien de l’ordre et recours à la force
theme-data-transparency = Transparence des données

## Who runs this site
nav-admin-organisation = Qui gère ce site
footer-run-by = Ce site est géré par { $name }.
footer-about = Qui sommes-nous
footer-privacy-notice = Avis de confidentialité
about-title = Qui gère ce site
about-run-by = Ce site est géré par { $name }.
about-default-description = Ce site recueille des témoignages pour un Examen périodique universel du Peuple : des audiences tenues par la société civile quand un gouvernement refuse de répondre devant les Nations Unies. Les témoins racontent ce qu’ils ont vécu ou vu, et un rapport public est écrit à partir de leurs paroles, uniquement de la façon que chaque témoin autorise.
about-contact-title = Contact
about-contact-email = Adresse e-mail :
about-no-contact = Les organisateurs n’ont pas encore publié d’adresse de contact.
about-privacy-title = Votre vie privée
about-privacy = Qui peut lire ce que vous donnez, ce qui est mis sous clé, et ce que fait un retrait :
about-privacy-link = lire l’avis de confidentialité
privacy-title = Avis de confidentialité
privacy-intro = Comment { $name } traite ce que vous donnez sur ce site.
privacy-about-link = Qui gère ce site, et comment le joindre
privacy-default-notice =
    Qui peut lire votre témoignage : seules les personnes de l’équipe qui ont reçu l’accès aux originaux peuvent lire ce que vous avez écrit ou donné. Vous pouvez le lire aussi, avec votre code de reçu. Tous les autres, les autres membres de l’équipe et les lecteurs du rapport, voient au plus vos paroles sans ce que vous avez demandé de retirer, et seulement de la façon que vous avez autorisée.

    Ce qui est mis sous clé : votre témoignage, tout ce que vous ajoutez ensuite, votre nom, votre adresse e-mail et votre téléphone, les mots que vous avez demandé de retirer, la ville quand vous avez demandé de retirer les lieux, et vos photos et fichiers. Ils sont mis sous clé (chiffrés) dès leur arrivée, pour que quelqu’un qui emporte le disque du serveur ou une copie de sauvegarde ne puisse rien en lire. Une exception : si nous vous envoyons un e-mail de confirmation, votre adresse attend dans une file jusqu’au départ de l’e-mail (en général quelques secondes ; au plus un jour et demi si le serveur de messagerie est en panne), et jusque-là quelqu’un qui emporte le serveur pourrait la lire.

    Ce qui reste lisible, pour compter et classer les témoignages : l’audience, qui vous êtes dans le témoignage (par exemple un membre de la famille), les thèmes, la langue, l’État américain, le mois et l’année, la ville quand vous n’avez pas demandé de retirer les lieux, la façon dont vous avez témoigné (en ligne ou lors d’une audience) et le nom de l’interprète, vos choix de consentement, les types de retraits demandés (pas les mots), si vous avez donné des coordonnées (pas les coordonnées), le type et la taille de vos fichiers, et les dates.

    Ce que nous ne gardons pas : nous n’enregistrons ni ne journalisons votre adresse IP ni votre appareil. Les pages ne chargent rien d’autres sites web. Lire ces pages n’enregistre rien sur vous sur notre serveur. Nous ne gardons pas votre code de reçu sous une forme que l’on puisse relire : vous êtes la seule personne à l’avoir.

    Combien de temps nous gardons vos coordonnées et vos fichiers : jusqu’à ce que vous les supprimiez sur la page « Consulter mon témoignage », avec votre code de reçu, et au plus tard jusqu’à la date indiquée sur le formulaire de témoignage, un nombre fixe de jours après la fermeture de l’audience.

    Si vous retirez votre témoignage, il n’est plus utilisé d’aucune façon à partir de ce moment.

    Si vous effacez votre témoignage, tout ce que vous avez donné est supprimé : vos paroles, vos ajouts, vos fichiers, votre nom et vos coordonnées. Il ne reste que le fait qu’un témoignage a été retiré et effacé, avec la date, pour que les comptes restent honnêtes.

## Dates and times
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $day } { $month } { $year }
date-time = { $date } à { $time } ({ $zone })

## Messages with the organisation
messages-title = Messages de l’organisation
messages-intro = Les personnes qui examinent votre témoignage peuvent vous poser une question ici. Seules elles et vous pouvez lire ces messages. Vous pouvez répondre ci-dessous ; votre réponse est mise sous clé comme votre témoignage.
messages-from-org = De l’organisation
messages-from-you = De vous
messages-sealed = Ce message ne peut pas être affiché.
messages-reply-label = Votre réponse
messages-reply-hint = N’écrivez que ce que vous êtes à l’aise de partager.
messages-reply-submit = Envoyer ma réponse
messages-replied = Votre réponse a été envoyée.
err-reply-empty = Écrivez votre réponse.
err-reply-long = Ce texte dépasse { $max } caractères. Raccourcissez-le, ou envoyez la suite dans une deuxième réponse.
mail-message-subject = Un message vous attend
mail-message-body =
    Bonjour,

    L’équipe de l’EPU du Peuple qui examine votre témoignage vous a laissé un message.

    Pour le lire et y répondre, ouvrez la page « Consulter mon témoignage » et saisissez votre code de reçu :
    { $check }

    Pour votre sécurité, cet e-mail ne contient ni le message, ni votre témoignage, ni votre code de reçu.

    Si vous n’avez pas donné de témoignage, vous pouvez ignorer cet e-mail.
## Redaction markers: what replaces withheld words in a redacted text.
redaction-marker-name = [nom retiré]
redaction-marker-place = [lieu retiré]
redaction-marker-date = [date retirée]
redaction-marker-contact = [coordonnées retirées]
redaction-marker-identifier = [numéro d'identification retiré]
redaction-marker-other-person = [nom d'une autre personne retiré]
redaction-marker-other = [retiré]
mine-informed = Votre témoignage a nourri la recommandation { $number } de « { $report } ».
mine-informed-link = Lire le rapport
nav-reports = Rapports
reports-title = Rapports
reports-none = Aucun rapport n’a encore été publié.
reports-version = version { $number }, publiée le { $date }

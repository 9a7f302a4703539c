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

## Testimony form
form-testimony-limit = Jusqu’à { $max } caractères. Les paragraphes sont conservés.

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

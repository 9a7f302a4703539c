## Site-wide
site-name = People's UPR
skip-to-content = Skip to main content
nav-label = Main
nav-hearings = Hearings
nav-check = Check my testimony
nav-staff = Staff home
nav-staff-hearings = Manage hearings
nav-admin-users = Staff accounts
nav-admin-themes = Themes
nav-account = My password
nav-logout = Log out
nav-staff-login = Staff login
lang-switcher-label = Language
footer-privacy = We do not record your IP address or your device. Nothing on this site comes from other websites.
form-error-summary = There is a problem

## Home
home-title = The People's Universal Periodic Review
home-intro = When a government will not answer to the United Nations, people can still be heard. Give your testimony about immigration, detention, asylum and human rights. It becomes part of a public report, only in the ways you allow.
home-give-testimony = Give testimony
home-check = Check my testimony
home-safety-title = Your safety comes first
home-safety = You do not need an account. You choose what we may do with your words, and what must be removed. Your name and contact details are locked away. You can change your mind or withdraw at any time with your receipt code.

## Errors
error-home-link = Go to the home page
error-status = Error code
error-not-found-title = Page not found
error-not-found = We could not find this page. Check the address, or start again from the home page.
error-forbidden-title = Not allowed
error-forbidden = Your account does not give access to this page. Ask an administrator if you need it.
error-csrf-title = The form has expired
error-csrf = For your safety, this form could not be accepted. Go back, reload the page, and send it again.
error-too-many-title = Too many attempts
error-too-many = There have been too many attempts. Wait a few minutes, then try again.
error-gone-title = This link no longer works
error-gone = This link has expired or was already used.
error-bad-request-title = Something was wrong with the request
error-bad-request = We could not understand what was sent. Go back, reload the page, and try again.
error-too-large-title = Too much was sent
error-too-large = What you sent is larger than we can accept. Send less at a time, or leave out large files.
error-unprocessable-title = Please check the form
error-unprocessable = Some answers need to be corrected.
error-internal-title = Something went wrong on our side
error-internal = We could not finish this. Nothing you sent has been shared. Please try again in a few minutes.

## Testimony form
form-testimony-limit = Up to { $max } characters. Paragraphs are kept.

## Themes (built-in vocabulary)
theme-asylum-access = Asylum access
theme-immigration-detention = Immigration detention
theme-detention-conditions-health = Detention conditions and health care
theme-due-process-counsel = Due process and access to counsel
theme-family-unity = Family unity and separation
theme-children = Children
theme-language-access = Language access
theme-deportation-removal = Deportation and removal
theme-border-ports-of-entry = Border and ports of entry
theme-humanitarian-parole = Humanitarian parole and programmes
theme-racial-discrimination = Racial discrimination
theme-lgbti = LGBTI+ persons
theme-indigenous-peoples = Indigenous peoples
theme-gender-based-violence = Gender-based violence
theme-torture-ill-treatment = Torture and ill-treatment
theme-labour-exploitation = Labour exploitation and trafficking
theme-death-penalty = Death penalty
theme-policing-force = Policing and use of force
theme-data-transparency = Data transparency

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

## Hearings
hearings-title = Hearings
hearings-intro = Choose a hearing to give your testimony. Each hearing covers some themes and offers some languages.
hearings-none = No hearing is taking testimony right now. Please come back later.
hearings-other = Other hearings
hearings-back = Back to the hearings
hearing-accepting-until = Testimony is accepted until { $date }.
hearing-not-open-yet = This hearing accepts testimony from { $date }.
hearing-closed = This hearing is closed. It no longer accepts testimony.
hearing-online = Online
hearing-where = Place
hearing-when = Date
hearing-themes = Themes
hearing-languages = Languages
hearing-give-testimony = Give your testimony

## Testimony form
form-intro = You do not need an account. Only your testimony and who you are in it are required; everything else is up to you.
form-retention = { $days ->
    [0] Contact details and attachments are deleted when this hearing closes (on { $date }).
    [one] Contact details and attachments are deleted { $days } day after this hearing closes (on { $date }).
   *[other] Contact details and attachments are deleted { $days } days after this hearing closes (on { $date }).
}
form-required = (required)
form-optional-hint = You can leave these empty.
form-body-label = Your testimony
form-body-hint = Tell what happened, in your own words.
form-testimony-limit = Up to { $max } characters. Paragraphs are kept.
form-role-legend = Who are you in this testimony?
form-role-hint = Choose the one that fits best.
role-directly-affected = A person directly affected
role-family-member = A family member
role-attorney = An attorney or legal representative
role-health-worker = A doctor or health worker
role-monitor = A human rights monitor
role-faith-leader = A faith leader
role-community-organizer = A community organizer
role-interpreter = An interpreter
role-other = Other
form-place-legend = Where did it happen?
form-place-state = State
form-place-city = City or town
form-period-legend = When did it happen?
form-period-hint = Month and year, for example 2024-03. If it lasted longer, also give the last month. You can leave these empty.
form-period-from = From
form-period-to = Until
form-themes-legend = What is it about?
form-themes-hint = Tick all that apply, or none.
form-language-label = Language your testimony is written in
form-language-other = Another language
form-identity-legend = About you (optional)
form-identity-hint = You do not have to give your name or how to reach you. If you do, it is locked away (encrypted) and never shown in lists or reports unless you allow it below.
form-name-label = Your name or a pseudonym
form-email-label = Email address
form-phone-label = Phone number
form-consent-legend = What do you allow us to do with your testimony?
form-consent-hint = Nothing is ticked for you. Choose each one on its own. You can change these later with your receipt code.
form-consent-text-title = Read how this hearing uses testimony
form-consent-text-other-language = This text is shown in { $language }: it is not written in the language of this page.
consent-publish = Use my testimony in the published report, without my name (a summary or a quote).
consent-publish-hint = Your name and contact details are never published with it.
consent-quote = Quote my words exactly.
consent-quote-hint = Only together with use in the report.
consent-attribute = Give my name where my words are used.
consent-attribute-hint = Only together with use in the report. Without this, you stay anonymous.
consent-share_un = Share my testimony with United Nations human rights experts.
consent-share_un-hint = For example the UN Special Rapporteurs, without your name unless you allow it above.
consent-contact = Contact me to follow up.
consent-contact-hint = Only if you give an email address or phone number.
consent-media = Share my testimony with journalists and media.
consent-media-hint = Without your name unless you allow it above.
consent-short-publish = use in the report without your name
consent-short-quote = quoting your words exactly
consent-short-attribute = your name where your words are used
consent-short-share_un = sharing with United Nations experts
consent-short-contact = contacting you to follow up
consent-short-media = sharing with journalists
consent-now-allow = You now allow: { $list }.
consent-now-nothing = You now allow no use of your testimony.
consent-inert = Not in effect, because you did not allow use in the report: { $list }.
form-redact-legend = What must be removed before anything is published?
form-redact-hint = Whatever you allow, these are removed from every published text.
redact-name = Remove my name
redact-places = Remove places that could identify me
redact-other-names = Remove the names of other people
redact-dates = Remove dates
form-redact-terms-label = Other words or phrases to remove
form-redact-terms-hint = One per line: for example a street, a workplace, a nickname.
form-attachments-label = Photos or documents (optional)
form-attachments-hint = JPEG, PNG or WebP pictures, or PDF files: up to { $files ->
    [one] { $files } file
   *[other] { $files } files
}, { $each } MB each, { $total } MB in all. Location and camera details are removed from photos.
form-honeypot-label = Leave this field empty
form-submit = Send my testimony
form-csrf-kept = Your text is kept below. Check it and press “Send my testimony” again.
form-files-again = Please choose your files again: they could not be kept.
form-rejected = We could not accept this. Please check the form and send it again.
form-your-text = Your text
form-your-text-hint = Copy your text if you want to keep it.
err-body-empty = Write your testimony.
err-body-long = This is longer than { $max } characters. Shorten it, or send the rest later with “Add more information”.
err-role = Choose who you are in this testimony.
err-text-long = Use at most 100 characters.
err-period-missing-from = Give the first month too.
err-period-format = Write the month and year like 2024-03.
err-period-reversed = The last month is before the first month.
err-period-future = This month has not come yet.
err-theme = Choose themes from the list.
err-language = Choose the language your testimony is written in.
err-name-long = Use at most 200 characters for the name.
err-email = Write an email address like name@example.org, or leave it empty.
err-phone = Write a phone number with digits (spaces, +, - and brackets are fine), or leave it empty.
err-consent = Choose from the list.
err-contact-needs-details = To be contacted, give an email address or a phone number, or untick “Contact me to follow up”.
err-consent-text-changed = The organizers have just updated how this hearing uses testimony. Please read it again and confirm your choices.
err-terms-long = Each word or phrase can have at most { $max } characters.
err-terms-many = List at most { $max ->
    [one] { $max } word or phrase
   *[other] { $max } words or phrases
}.
err-file-type = “{ $name }” is not a picture or a PDF. Attach JPEG, PNG or WebP pictures, or PDF files.
err-file-unreadable = “{ $name }” could not be read as a picture. Try another file.
err-file-big = “{ $name }” is larger than { $max } MB.
err-files-many = Attach at most { $max ->
    [one] { $max } file
   *[other] { $max } files
}.
err-files-total = Together, the files are larger than { $max } MB.
err-files-busy = Many people are sending files right now, so yours were not received. Everything you typed is kept: attach your files again and send the form, or send it without them.
err-closed = This hearing no longer accepts testimony, so yours was not sent. Your text is kept below: copy it if you want to keep it.
err-too-many-submissions = Many testimonies have been sent from this connection. Wait { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, then send again. Your text is kept.

## Receipt
receipt-thanks = Thank you
receipt-intro = Your testimony was received.
receipt-title = Your receipt code
receipt-keep = Write this code down and keep it somewhere safe. With it you can check your testimony, add to it, change what you allow, or withdraw it. Anyone who has the code can do the same, so do not share it. If you lose it, we cannot give it to you again.
receipt-next = To come back, open “Check my testimony” on this site and enter the code.
receipt-print = You can print this page with your browser’s Print menu.
receipt-window = This page shows your code for 15 minutes after you sent your testimony, in this browser only. After that it is not shown again, and it cannot be recovered. If others use this device, close the browser once you have written it down.
receipt-print-button = Print this receipt
receipt-site = Website
receipt-check-page = Check your testimony at
receipt-already-sent = This form was already sent, so your testimony was not sent a second time.
receipt-check-link = Check my testimony
receipt-gone = This receipt is no longer shown. For your safety a receipt code is shown only for 15 minutes after sending, in the browser that sent it. If you did not write it down, it cannot be shown again.

## Check my testimony
check-title = Check my testimony
check-intro = Enter the receipt code you received when you gave your testimony.
check-code-label = Receipt code
check-code-hint = 25 digits, for example 12345-67890-12345-67890-12345. Spaces and dashes do not matter.
check-submit = Open my testimony
check-lost = Lost your code? For your safety we cannot recover it. You can give your testimony again if you need to.
check-expired = For your safety, please enter your receipt code again.
err-code-format = A receipt code has 25 digits. Check that you copied all of them.
err-code-unknown = We found no testimony with this code. Check the digits and try again.

## My testimony
mine-title = Your testimony
mine-hearing = Hearing
mine-submitted = Sent on
mine-status = Where it stands
status-received = Received: it has arrived and waits to be read.
status-in-review = In review: our editors are reading it.
status-included = Included: it is part of the report, in the ways you allow.
status-not-included = Not included: it is not part of the report.
status-withdrawn = Withdrawn: it will not be used in any way.
mine-your-words = What you wrote
mine-words-sealed = Your words are kept sealed: only our editors can open them. This page can show them only for testimony given since receipts also opened a copy for you.
mine-additions = What you added later
mine-consent-title = What you allow
mine-consent-submit = Save my choices
mine-consent-saved = Your choices were saved. They apply from now on.
mine-add-title = Add more information
mine-add-label = More information
mine-add-submit = Add it
mine-added = Your information was added.
mine-details-title = What you told us about it
mine-details-intro = Change what you asked us to remove, the themes, and where and when it happened. Each change is kept with its date.
mine-details-submit = Save these changes
mine-details-saved = Your changes were saved. They apply from now on.
mine-details-changed = Last changed on { $date }.
mine-details-legacy = You gave this testimony before this page could show your redaction request, so it cannot be changed here. Write what you want changed under "Add more information".
err-add-empty = Write what you want to add.
mine-contact-title = Your contact details
mine-contact-have = We have contact details for you. Nobody sees them in lists or reports.
mine-contact-none = We have no contact details for you.
mine-contact-delete = Delete my contact details
mine-contact-deleted = Your contact details were deleted.
err-contact-needs-details-later = We have no contact details for you, so we cannot contact you. Untick “Contact me to follow up”.
mine-withdraw-title = Withdraw my testimony
mine-withdraw-text = If you withdraw, your testimony will not be used in any way from this moment. This cannot be undone.
mine-withdraw-confirm = Yes, I want to withdraw my testimony.
mine-withdraw-submit = Withdraw my testimony
err-withdraw-confirm = Tick the box to confirm that you want to withdraw.
mine-withdrawn = Your testimony is withdrawn. It will not be used in any way.
mine-erase-title = Erase everything you gave
mine-erase-text = This withdraws your testimony, if it is not withdrawn yet, and deletes for good everything you gave: your words, what you added, your files, your name and your contact details. We keep only the fact that a testimony was withdrawn and erased, and when, for our counts. This cannot be undone.
mine-erase-confirm = Yes, erase everything I gave.
mine-erase-submit = Erase everything
err-erase-confirm = Tick the box to confirm that you want to erase everything you gave.
mine-erased = Your testimony was withdrawn and erased on { $date }. Nothing you gave is kept.
mine-leave = Finish and close my testimony
mine-left = Your testimony is closed on this device. To open it again, enter your receipt code.

## Email to the witness
mail-confirm-subject = We received your testimony
mail-confirm-body =
    Hello,

    We received the testimony you gave to the People's UPR on { $site }. Thank you.

    You can check it, add to it, change what you allow, or withdraw it at any time with your receipt code, on the page “Check my testimony”:
    { $check }

    For your safety this email does not contain your testimony or your receipt code.

    If you did not give testimony, you can ignore this email.

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

## Who runs this site
nav-admin-organisation = Who runs this site
footer-run-by = This site is run by { $name }.
footer-about = Who we are
footer-privacy-notice = Privacy notice
about-title = Who runs this site
about-run-by = This site is run by { $name }.
about-default-description = This site gathers testimony for a People's Universal Periodic Review: hearings held by civil society when a government will not answer to the United Nations. Witnesses tell what they lived or saw, and a public report is written from their words, only in the ways each witness allows.
about-contact-title = Contact
about-contact-email = Email:
about-no-contact = The organisers have not published a contact address yet.
about-privacy-title = Your privacy
about-privacy = Who can read what you give, what is locked away, and what withdrawing does:
about-privacy-link = read the privacy notice
privacy-title = Privacy notice
privacy-intro = How { $name } treats what you give on this site.
privacy-about-link = Who runs this site, and how to reach them
privacy-default-notice =
    Who can read your testimony: only the staff who have been given access to the originals can read what you wrote or gave. You can read it too, with your receipt code. Everyone else, other staff and the readers of the report, sees at most your words with what you asked us to remove taken out, and only in the ways you allowed.

    What is locked away: your testimony, anything you add later, your name, your email and phone number, the words you asked us to remove, the city when you asked us to remove places, and your photos and files. They are locked (encrypted) the moment they arrive, so that someone who takes the server's disk or a backup copy cannot read any of them. One exception: if we send you a confirmation email, your address waits in a queue until the email leaves (usually a few seconds; at most a day and a half if the mail server is down), and until then someone who takes the server could read it.

    What stays readable, so that testimony can be counted and sorted: the hearing, who you are in the testimony (for example a family member), the themes, the language, the US state, the month and year, the city when you did not ask us to remove places, how you gave it (online or at a hearing) and the interpreter's name, your consent choices, which kinds of removal you asked for (not the words), whether you gave contact details (not the details), the types and sizes of your files, and dates.

    What we do not keep: we do not store or log your IP address or your device. Pages load nothing from other websites. Reading these pages stores nothing about you on our server. We do not keep your receipt code in a form anyone can read back: only you have it.

    How long we keep your contact details and files: until you delete them on the page “Check my testimony”, with your receipt code, and at most until the date the testimony form gives, a set number of days after the hearing closes.

    If you withdraw your testimony, it is not used in any way from then on.

    If you erase your testimony, everything you gave is deleted: your words, what you added, your files, your name and your contact details. Only the fact that a testimony was withdrawn and erased, with the date, remains, so that the counts stay honest.

## Dates and times
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $month } { $day }, { $year }
date-time = { $date }, { $time } ({ $zone })

## Messages with the organisation
messages-title = Messages from the organisation
messages-intro = The people reviewing your testimony may ask you a question here. Only they and you can read these messages. You can answer below; your answer is locked away like your testimony.
messages-from-org = From the organisation
messages-from-you = From you
messages-sealed = This message cannot be shown.
messages-reply-label = Your answer
messages-reply-hint = Write only what you are comfortable sharing.
messages-reply-submit = Send my answer
messages-replied = Your answer was sent.
err-reply-empty = Write your answer.
err-reply-long = This is longer than { $max } characters. Shorten it, or send the rest in a second answer.
mail-message-subject = A message waits for you
mail-message-body =
    Hello,

    The People's UPR team reviewing your testimony left you a message.

    To read it and answer, open the page “Check my testimony” and enter your receipt code:
    { $check }

    For your safety this email does not contain the message, your testimony or your receipt code.

    If you did not give testimony, you can ignore this email.
## Redaction markers: what replaces withheld words in a redacted text.
redaction-marker-name = [name withheld]
redaction-marker-place = [place withheld]
redaction-marker-date = [date withheld]
redaction-marker-contact = [contact withheld]
redaction-marker-identifier = [identifier withheld]
redaction-marker-other-person = [other person's name withheld]
redaction-marker-other = [withheld]
mine-informed = Your testimony informed recommendation { $number } of “{ $report }”.
mine-informed-link = Read the report
nav-reports = Reports
reports-title = Reports
reports-none = No report has been published yet.
reports-version = version { $number }, published { $date }

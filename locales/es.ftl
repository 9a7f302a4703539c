## Site-wide
site-name = EPU del Pueblo
skip-to-content = Ir al contenido principal
nav-label = Principal
nav-hearings = Audiencias
nav-check = Consultar mi testimonio
nav-staff = Inicio del personal
nav-staff-hearings = Gestionar audiencias
nav-admin-users = Cuentas del personal
nav-admin-themes = Temas
nav-account = Mi contraseña
nav-logout = Cerrar sesión
nav-staff-login = Acceso del personal
lang-switcher-label = Idioma
footer-privacy = No registramos su dirección IP ni su dispositivo. Nada en este sitio viene de otros sitios web.
form-error-summary = Hay un problema

## Home
home-title = El Examen Periódico Universal del Pueblo
home-intro = Cuando un gobierno no quiere responder ante las Naciones Unidas, la gente todavía puede ser escuchada. Dé su testimonio sobre inmigración, detención, asilo y derechos humanos. Formará parte de un informe público, solo de la manera que usted permita.
home-give-testimony = Dar testimonio
home-check = Consultar mi testimonio
home-safety-title = Su seguridad es lo primero
home-safety = No necesita una cuenta. Usted decide qué podemos hacer con sus palabras y qué se debe quitar. Su nombre y sus datos de contacto se guardan bajo llave. Puede cambiar de opinión o retirar su testimonio en cualquier momento con su código de recibo.

## Errors
error-home-link = Ir a la página de inicio
error-status = Código de error
error-not-found-title = Página no encontrada
error-not-found = No encontramos esta página. Revise la dirección o vuelva a empezar desde la página de inicio.
error-forbidden-title = No permitido
error-forbidden = Su cuenta no da acceso a esta página. Pida acceso a un administrador si lo necesita.
error-csrf-title = El formulario ha caducado
error-csrf = Por su seguridad, no pudimos aceptar este formulario. Regrese, vuelva a cargar la página y envíelo otra vez.
error-too-many-title = Demasiados intentos
error-too-many = Ha habido demasiados intentos. Espere unos minutos y vuelva a intentarlo.
error-gone-title = Este enlace ya no funciona
error-gone = Este enlace ha caducado o ya fue usado.
error-bad-request-title = Algo estaba mal en la solicitud
error-bad-request = No pudimos entender lo que se envió. Regrese, vuelva a cargar la página e inténtelo otra vez.
error-too-large-title = Se envió demasiado
error-too-large = Lo que envió es más grande de lo que podemos aceptar. Envíe menos a la vez o deje fuera los archivos grandes.
error-unprocessable-title = Revise el formulario
error-unprocessable = Algunas respuestas necesitan corrección.
error-internal-title = Algo salió mal de nuestro lado
error-internal = No pudimos terminar. Nada de lo que envió ha sido compartido. Inténtelo de nuevo en unos minutos.

## Hearings
hearings-title = Audiencias
hearings-intro = Elija una audiencia para dar su testimonio. Cada audiencia trata ciertos temas y se ofrece en ciertos idiomas.
hearings-none = En este momento ninguna audiencia está recibiendo testimonios. Por favor, vuelva más tarde.
hearings-other = Otras audiencias
hearings-back = Volver a las audiencias
hearing-accepting-until = Se reciben testimonios hasta el { $date }.
hearing-not-open-yet = Esta audiencia recibirá testimonios a partir del { $date }.
hearing-closed = Esta audiencia está cerrada. Ya no recibe testimonios.
hearing-online = En línea
hearing-where = Lugar
hearing-when = Fecha
hearing-themes = Temas
hearing-languages = Idiomas
hearing-give-testimony = Dar su testimonio

## Testimony form
form-intro = No necesita una cuenta. Solo es obligatorio dar su testimonio y decir quién es usted en él; todo lo demás lo decide usted.
form-retention = { $days ->
    [0] Los datos de contacto y los archivos adjuntos se eliminan al cerrarse esta audiencia (el { $date }).
    [one] Los datos de contacto y los archivos adjuntos se eliminan { $days } día después del cierre de esta audiencia (el { $date }).
   *[other] Los datos de contacto y los archivos adjuntos se eliminan { $days } días después del cierre de esta audiencia (el { $date }).
}
form-required = (obligatorio)
form-optional-hint = Puede dejar estos campos vacíos.
form-body-label = Su testimonio
form-body-hint = Cuente lo que pasó, con sus propias palabras.
form-testimony-limit = Hasta { $max } caracteres. Se conservan los párrafos.
form-role-legend = ¿Quién es usted en este testimonio?
form-role-hint = Elija la opción que mejor le corresponda.
role-directly-affected = Una persona afectada directamente
role-family-member = Un familiar
role-attorney = Un abogado o representante legal
role-health-worker = Un médico o trabajador de la salud
role-monitor = Un observador de derechos humanos
role-faith-leader = Un líder religioso
role-community-organizer = Un organizador comunitario
role-interpreter = Un intérprete
role-other = Otro
form-place-legend = ¿Dónde pasó?
form-place-state = Estado
form-place-city = Ciudad o pueblo
form-period-legend = ¿Cuándo pasó?
form-period-hint = Mes y año, por ejemplo 2024-03. Si duró más tiempo, indique también el último mes. Puede dejar estos campos vacíos.
form-period-from = Desde
form-period-to = Hasta
form-themes-legend = ¿De qué trata?
form-themes-hint = Marque todos los que correspondan, o ninguno.
form-language-label = Idioma en que está escrito su testimonio
form-language-other = Otro idioma
form-identity-legend = Sobre usted (opcional)
form-identity-hint = No tiene que dar su nombre ni cómo comunicarnos con usted. Si lo hace, se guarda bajo llave (cifrado) y nunca aparece en listas ni informes, a menos que usted lo permita más abajo.
form-name-label = Su nombre o un seudónimo
form-email-label = Correo electrónico
form-phone-label = Número de teléfono
form-consent-legend = ¿Qué nos permite hacer con su testimonio?
form-consent-hint = No hay nada marcado de antemano. Elija cada opción por separado. Puede cambiar estas opciones más tarde con su código de recibo.
form-consent-text-title = Lea cómo esta audiencia usa los testimonios
form-consent-text-other-language = Este texto se muestra en { $language }: no está escrito en el idioma de esta página.
consent-publish = Usar mi testimonio en el informe publicado, sin mi nombre (un resumen o una cita).
consent-publish-hint = Su nombre y sus datos de contacto nunca se publican con él.
consent-quote = Citar mis palabras exactas.
consent-quote-hint = Solo si también acepta el uso en el informe.
consent-attribute = Poner mi nombre donde se usen mis palabras.
consent-attribute-hint = Solo si también acepta el uso en el informe. Sin esto, usted se mantiene en el anonimato.
consent-share_un = Compartir mi testimonio con expertos en derechos humanos de las Naciones Unidas.
consent-share_un-hint = Por ejemplo, los Relatores Especiales de la ONU, sin su nombre a menos que usted lo permita arriba.
consent-contact = Comunicarse conmigo para dar seguimiento.
consent-contact-hint = Solo si usted da un correo electrónico o un número de teléfono.
consent-media = Compartir mi testimonio con periodistas y medios de comunicación.
consent-media-hint = Sin su nombre, a menos que usted lo permita arriba.
consent-short-publish = el uso en el informe sin su nombre
consent-short-quote = citar sus palabras exactas
consent-short-attribute = su nombre donde se usen sus palabras
consent-short-share_un = compartirlo con expertos de las Naciones Unidas
consent-short-contact = comunicarnos con usted para dar seguimiento
consent-short-media = compartirlo con periodistas
consent-now-allow = Ahora usted permite: { $list }.
consent-now-nothing = Ahora usted no permite ningún uso de su testimonio.
consent-inert = Sin efecto, porque no permitió el uso en el informe: { $list }.
form-redact-legend = ¿Qué se debe quitar antes de publicar cualquier cosa?
form-redact-hint = Sin importar lo que usted permita, esto se quitará de todos los textos que se publiquen.
redact-name = Quitar mi nombre
redact-places = Quitar los lugares que podrían identificarme
redact-other-names = Quitar los nombres de otras personas
redact-dates = Quitar las fechas
form-redact-terms-label = Otras palabras o frases que se deben quitar
form-redact-terms-hint = Una por línea: por ejemplo, una calle, un lugar de trabajo, un apodo.
form-attachments-label = Fotos o documentos (opcional)
form-attachments-hint = Imágenes JPEG, PNG o WebP, o archivos PDF: hasta { $files ->
    [one] { $files } archivo
   *[other] { $files } archivos
}, { $each } MB cada uno, { $total } MB en total. A las fotos se les quitan los datos de ubicación y de la cámara.
form-honeypot-label = Deje este campo vacío
form-submit = Enviar mi testimonio
form-csrf-kept = Su texto se conserva abajo. Revíselo y presione otra vez “Enviar mi testimonio”.
form-files-again = Por favor, elija otra vez sus archivos: no se pudieron conservar.
form-rejected = No pudimos aceptar esto. Revise el formulario y envíelo otra vez.
form-your-text = Su texto
form-your-text-hint = Copie su texto si quiere guardarlo.
err-body-empty = Escriba su testimonio.
err-body-long = Esto tiene más de { $max } caracteres. Acórtelo, o envíe el resto más tarde con “Agregar más información”.
err-role = Elija quién es usted en este testimonio.
err-text-long = Use como máximo 100 caracteres.
err-period-missing-from = Indique también el primer mes.
err-period-format = Escriba el mes y el año así: 2024-03.
err-period-reversed = El último mes es anterior al primer mes.
err-period-future = Este mes todavía no ha llegado.
err-theme = Elija los temas de la lista.
err-language = Elija el idioma en que está escrito su testimonio.
err-name-long = Use como máximo 200 caracteres para el nombre.
err-email = Escriba un correo electrónico como nombre@example.org, o déjelo vacío.
err-phone = Escriba un número de teléfono con cifras (puede usar espacios, +, - y paréntesis), o déjelo vacío.
err-consent = Elija opciones de la lista.
err-contact-needs-details = Para que podamos comunicarnos con usted, dé un correo electrónico o un número de teléfono, o desmarque “Comunicarse conmigo para dar seguimiento”.
err-consent-text-changed = Los organizadores acaban de actualizar cómo esta audiencia usa los testimonios. Por favor, léalo otra vez y confirme sus opciones.
err-terms-long = Cada palabra o frase puede tener como máximo { $max } caracteres.
err-terms-many = Escriba como máximo { $max ->
    [one] { $max } palabra o frase
   *[other] { $max } palabras o frases
}.
err-file-type = “{ $name }” no es una imagen ni un PDF. Adjunte imágenes JPEG, PNG o WebP, o archivos PDF.
err-file-unreadable = No se pudo leer “{ $name }” como imagen. Pruebe con otro archivo.
err-file-big = “{ $name }” pesa más de { $max } MB.
err-files-many = Adjunte como máximo { $max ->
    [one] { $max } archivo
   *[other] { $max } archivos
}.
err-files-total = Juntos, los archivos pesan más de { $max } MB.
err-files-busy = Muchas personas están enviando archivos en este momento, así que los suyos no se recibieron. Todo lo que escribió se conserva: adjunte sus archivos de nuevo y envíe el formulario, o envíelo sin ellos.
err-closed = Esta audiencia ya no recibe testimonios, así que el suyo no se envió. Su texto se conserva abajo: cópielo si quiere guardarlo.
err-too-many-submissions = Se han enviado muchos testimonios desde esta conexión. Espere { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
} y vuelva a enviarlo. Su texto se conserva.

## Receipt
receipt-thanks = Gracias
receipt-intro = Recibimos su testimonio.
receipt-title = Su código de recibo
receipt-keep = Anote este código y guárdelo en un lugar seguro. Con él puede consultar su testimonio, agregarle información, cambiar lo que permite o retirarlo. Cualquier persona que tenga el código puede hacer lo mismo, así que no lo comparta. Si lo pierde, no podemos dárselo otra vez.
receipt-next = Para volver, abra “Consultar mi testimonio” en este sitio e ingrese el código.
receipt-print = Puede imprimir esta página con el menú Imprimir de su navegador.
receipt-window = Esta página muestra su código durante 15 minutos después de enviar su testimonio, solo en este navegador. Después ya no se muestra y no se puede recuperar. Si otras personas usan este dispositivo, cierre el navegador cuando lo haya anotado.
receipt-print-button = Imprimir este recibo
receipt-site = Sitio web
receipt-check-page = Consulte su testimonio en
receipt-already-sent = Este formulario ya se había enviado, así que su testimonio no se envió por segunda vez.
receipt-check-link = Consultar mi testimonio
receipt-gone = Este recibo ya no se muestra. Por su seguridad, el código de recibo se muestra solo durante 15 minutos después del envío, en el navegador que lo envió. Si no lo anotó, no se puede mostrar otra vez.

## Check my testimony
check-title = Consultar mi testimonio
check-intro = Ingrese el código de recibo que le dimos cuando dio su testimonio.
check-code-label = Código de recibo
check-code-hint = 25 cifras, por ejemplo 12345-67890-12345-67890-12345. Los espacios y los guiones no importan.
check-submit = Abrir mi testimonio
check-lost = ¿Perdió su código? Por su seguridad, no podemos recuperarlo. Si lo necesita, puede dar su testimonio otra vez.
check-expired = Por su seguridad, ingrese otra vez su código de recibo.
err-code-format = Un código de recibo tiene 25 cifras. Revise que las copió todas.
err-code-unknown = No encontramos ningún testimonio con este código. Revise las cifras e inténtelo otra vez.

## My testimony
mine-title = Su testimonio
mine-hearing = Audiencia
mine-submitted = Enviado el
mine-status = Situación
status-received = Recibido: llegó y espera ser leído.
status-in-review = En revisión: nuestro equipo editorial lo está leyendo.
status-included = Incluido: forma parte del informe, de la manera que usted permite.
status-not-included = No incluido: no forma parte del informe.
status-withdrawn = Retirado: no se usará de ninguna manera.
mine-your-words = Lo que usted escribió
mine-words-sealed = Sus palabras se guardan selladas: solo nuestro equipo editorial puede abrirlas. Esta página solo puede mostrarlas para testimonios dados desde que el código de recibo también abre una copia para usted.
mine-additions = Lo que agregó después
mine-consent-title = Lo que usted permite
mine-consent-submit = Guardar mis opciones
mine-consent-saved = Sus opciones se guardaron. Se aplican a partir de ahora.
mine-add-title = Agregar más información
mine-add-label = Más información
mine-add-submit = Agregar
mine-added = Su información se agregó.
mine-details-title = Lo que nos dijo sobre su testimonio
mine-details-intro = Cambie lo que nos pidió quitar, los temas, y dónde y cuándo ocurrió. Cada cambio se guarda con su fecha.
mine-details-submit = Guardar estos cambios
mine-details-saved = Sus cambios se guardaron. Valen desde ahora.
mine-details-changed = Último cambio el { $date }.
mine-details-legacy = Usted dio este testimonio antes de que esta página pudiera mostrar su pedido de quitar datos, así que no se puede cambiar aquí. Escriba lo que quiere cambiar en "Agregar más información".
err-add-empty = Escriba lo que quiere agregar.
mine-contact-title = Sus datos de contacto
mine-contact-have = Tenemos sus datos de contacto. Nadie los ve en listas ni informes.
mine-contact-none = No tenemos datos de contacto suyos.
mine-contact-delete = Borrar mis datos de contacto
mine-contact-deleted = Sus datos de contacto se borraron.
err-contact-needs-details-later = No tenemos datos de contacto suyos, así que no podemos comunicarnos con usted. Desmarque “Comunicarse conmigo para dar seguimiento”.
mine-withdraw-title = Retirar mi testimonio
mine-withdraw-text = Si lo retira, su testimonio no se usará de ninguna manera a partir de este momento. Esto no se puede deshacer.
mine-withdraw-confirm = Sí, quiero retirar mi testimonio.
mine-withdraw-submit = Retirar mi testimonio
err-withdraw-confirm = Marque la casilla para confirmar que quiere retirar su testimonio.
mine-withdrawn = Su testimonio está retirado. No se usará de ninguna manera.
mine-erase-title = Borrar todo lo que nos dio
mine-erase-text = Esto retira su testimonio, si aún no está retirado, y borra para siempre todo lo que nos dio: sus palabras, lo que agregó, sus archivos, su nombre y sus datos de contacto. Solo guardamos, para nuestros recuentos, que un testimonio fue retirado y borrado, y cuándo. Esto no se puede deshacer.
mine-erase-confirm = Sí, quiero borrar todo lo que di.
mine-erase-submit = Borrar todo
err-erase-confirm = Marque la casilla para confirmar que quiere borrar todo lo que nos dio.
mine-erased = Su testimonio fue retirado y borrado el { $date }. No se guarda nada de lo que nos dio.
mine-leave = Terminar y cerrar mi testimonio
mine-left = Su testimonio está cerrado en este dispositivo. Para abrirlo otra vez, ingrese su código de recibo.

## Email to the witness
mail-confirm-subject = Recibimos su testimonio
mail-confirm-body =
    Hola:

    Recibimos el testimonio que usted dio al EPU del Pueblo en { $site }. Gracias.

    Puede consultarlo, agregarle información, cambiar lo que permite o retirarlo en cualquier momento con su código de recibo, en la página “Consultar mi testimonio”:
    { $check }

    Por su seguridad, este correo no contiene su testimonio ni su código de recibo.

    Si usted no dio ningún testimonio, puede ignorar este correo.

## Themes (built-in vocabulary)
theme-asylum-access = Acceso al asilo
theme-immigration-detention = Detención migratoria
theme-detention-conditions-health = Condiciones de detención y atención médica
theme-due-process-counsel = Debido proceso y acceso a un abogado
theme-family-unity = Unidad y separación familiar
theme-children = Niñas y niños
theme-language-access = Acceso lingüístico
theme-deportation-removal = Deportación y expulsión
theme-border-ports-of-entry = Frontera y puertos de entrada
theme-humanitarian-parole = Permisos y programas humanitarios
theme-racial-discrimination = Discriminación racial
theme-lgbti = Personas LGBTI+
theme-indigenous-peoples = Pueblos indígenas
theme-gender-based-violence = Violencia de género
theme-torture-ill-treatment = Tortura y malos tratos
theme-labour-exploitation = Explotación laboral y trata
theme-death-penalty = Pena de muerte
theme-policing-force = Actuación policial y uso de la fuerza
theme-data-transparency = Transparencia de datos

## Who runs this site
nav-admin-organisation = Quién administra este sitio
footer-run-by = Este sitio lo administra { $name }.
footer-about = Quiénes somos
footer-privacy-notice = Aviso de privacidad
about-title = Quién administra este sitio
about-run-by = Este sitio lo administra { $name }.
about-default-description = Este sitio reúne testimonios para un Examen Periódico Universal del Pueblo: audiencias que organiza la sociedad civil cuando un gobierno no quiere responder ante las Naciones Unidas. Los testigos cuentan lo que vivieron o vieron, y con sus palabras se escribe un informe público, solo de la manera que cada testigo permita.
about-contact-title = Contacto
about-contact-email = Correo electrónico:
about-no-contact = Los organizadores todavía no han publicado una dirección de contacto.
about-privacy-title = Su privacidad
about-privacy = Quién puede leer lo que usted da, qué se guarda bajo llave y qué pasa si lo retira:
about-privacy-link = lea el aviso de privacidad
privacy-title = Aviso de privacidad
privacy-intro = Cómo trata { $name } lo que usted da en este sitio.
privacy-about-link = Quién administra este sitio y cómo comunicarse con ellos
privacy-default-notice =
    Quién puede leer su testimonio: solo el personal que recibió acceso a los originales puede leer lo que usted escribió o entregó. Usted también puede leerlo, con su código de recibo. Todos los demás, otras personas del equipo y quienes lean el informe, ven como mucho sus palabras sin lo que usted pidió quitar, y solo de la manera que usted permitió.

    Qué se guarda bajo llave: su testimonio, todo lo que agregue después, su nombre, su correo electrónico y su teléfono, las palabras que pidió quitar, la ciudad cuando pidió quitar los lugares, y sus fotos y archivos. Se guardan bajo llave (cifrados) en el momento en que llegan, para que quien se lleve el disco del servidor o una copia de seguridad no pueda leer nada de eso. Una excepción: si le enviamos un correo de confirmación, su dirección espera en una cola hasta que el correo sale (normalmente unos segundos; como mucho un día y medio si el servidor de correo no funciona), y mientras tanto quien se lleve el servidor podría leerla.

    Qué queda legible, para poder contar y ordenar los testimonios: la audiencia, quién es usted en el testimonio (por ejemplo, un familiar), los temas, el idioma, el estado de EE. UU., el mes y el año, la ciudad cuando usted no pidió quitar los lugares, cómo lo dio (en línea o en una audiencia) y el nombre del intérprete, sus decisiones de consentimiento, qué tipos de cosas pidió quitar (no las palabras), si dio datos de contacto (no los datos), el tipo y el tamaño de sus archivos, y las fechas.

    Qué no guardamos: no guardamos ni registramos su dirección IP ni su dispositivo. Las páginas no cargan nada de otros sitios web. Leer estas páginas no guarda nada sobre usted en nuestro servidor. No guardamos su código de recibo de una forma que alguien pueda volver a leer: solo usted lo tiene.

    Cuánto tiempo guardamos sus datos de contacto y sus archivos: hasta que usted los borre en la página “Consultar mi testimonio”, con su código de recibo, y como máximo hasta la fecha que indica el formulario de testimonio, un número fijo de días después del cierre de la audiencia.

    Si retira su testimonio, desde ese momento no se usa de ninguna manera.

    Si borra su testimonio, se elimina todo lo que usted dio: sus palabras, lo que agregó, sus archivos, su nombre y sus datos de contacto. Solo queda el hecho de que un testimonio fue retirado y borrado, con la fecha, para que las cuentas sigan siendo honestas.

## Dates and times
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }
date-time = { $date }, a las { $time } ({ $zone })

## Messages with the organisation
messages-title = Mensajes de la organización
messages-intro = Las personas que revisan su testimonio pueden hacerle una pregunta aquí. Solo ellas y usted pueden leer estos mensajes. Puede responder abajo; su respuesta se guarda bajo llave como su testimonio.
messages-from-org = De la organización
messages-from-you = De usted
messages-sealed = Este mensaje no se puede mostrar.
messages-reply-label = Su respuesta
messages-reply-hint = Escriba solo lo que se sienta cómodo o cómoda compartiendo.
messages-reply-submit = Enviar mi respuesta
messages-replied = Su respuesta se envió.
err-reply-empty = Escriba su respuesta.
err-reply-long = Esto tiene más de { $max } caracteres. Acórtelo, o envíe el resto en una segunda respuesta.
mail-message-subject = Tiene un mensaje esperando
mail-message-body =
    Hola:

    El equipo del EPU del Pueblo que revisa su testimonio le dejó un mensaje.

    Para leerlo y responder, abra la página “Consultar mi testimonio” e ingrese su código de recibo:
    { $check }

    Por su seguridad, este correo no contiene el mensaje, ni su testimonio, ni su código de recibo.

    Si usted no dio ningún testimonio, puede ignorar este correo.
## Redaction markers: what replaces withheld words in a redacted text.
redaction-marker-name = [nombre omitido]
redaction-marker-place = [lugar omitido]
redaction-marker-date = [fecha omitida]
redaction-marker-contact = [contacto omitido]
redaction-marker-identifier = [número de identificación omitido]
redaction-marker-other-person = [nombre de otra persona omitido]
redaction-marker-other = [omitido]
mine-informed = Su testimonio sirvió de base a la recomendación { $number } de «{ $report }».
mine-informed-link = Leer el informe
nav-reports = Informes
reports-title = Informes
reports-none = Todavía no se ha publicado ningún informe.
reports-version = versión { $number }, publicada el { $date }

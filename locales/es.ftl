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

## Testimony form
form-testimony-limit = Hasta { $max } caracteres. Se conservan los párrafos.

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

//! The HTTP status catalog: every `StatusCode` constant of the `http` crate with its number and
//! reason phrase, and the names actix-web gives the same codes. Lookups only; no policy here.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One row of the catalog: a code that `http::StatusCode` has a constant for.
#[derive(Debug, Clone, Copy)]
pub struct KnownStatus {
    pub code: u16,
    /// The associated constant, as in `StatusCode::IM_A_TEAPOT`.
    pub constant: &'static str,
    pub reason: &'static str,
    /// actix-web's `HttpResponse::<Name>()` builder, where one exists.
    pub actix_builder: Option<&'static str>,
    /// actix-web's `error::Error<Name>(err)` helper, where one exists.
    pub actix_error: Option<&'static str>,
}

const fn row(
    code: u16,
    constant: &'static str,
    reason: &'static str,
    actix_builder: Option<&'static str>,
    actix_error: Option<&'static str>,
) -> KnownStatus {
    KnownStatus { code, constant, reason, actix_builder, actix_error }
}

/// The 62 constants of http 1.4+, in code order. actix-web 4 uses http 0.2, which lacks 103 and
/// 425, so those two have no actix names.
pub const CATALOG: &[KnownStatus] = &[
    row(100, "CONTINUE", "Continue", Some("Continue"), None),
    row(101, "SWITCHING_PROTOCOLS", "Switching Protocols", Some("SwitchingProtocols"), None),
    row(102, "PROCESSING", "Processing", Some("Processing"), None),
    row(103, "EARLY_HINTS", "Early Hints", None, None),
    row(200, "OK", "OK", Some("Ok"), None),
    row(201, "CREATED", "Created", Some("Created"), None),
    row(202, "ACCEPTED", "Accepted", Some("Accepted"), None),
    row(
        203,
        "NON_AUTHORITATIVE_INFORMATION",
        "Non Authoritative Information",
        Some("NonAuthoritativeInformation"),
        None,
    ),
    row(204, "NO_CONTENT", "No Content", Some("NoContent"), None),
    row(205, "RESET_CONTENT", "Reset Content", Some("ResetContent"), None),
    row(206, "PARTIAL_CONTENT", "Partial Content", Some("PartialContent"), None),
    row(207, "MULTI_STATUS", "Multi-Status", Some("MultiStatus"), None),
    row(208, "ALREADY_REPORTED", "Already Reported", Some("AlreadyReported"), None),
    row(226, "IM_USED", "IM Used", Some("ImUsed"), None),
    row(300, "MULTIPLE_CHOICES", "Multiple Choices", Some("MultipleChoices"), None),
    row(301, "MOVED_PERMANENTLY", "Moved Permanently", Some("MovedPermanently"), None),
    row(302, "FOUND", "Found", Some("Found"), None),
    row(303, "SEE_OTHER", "See Other", Some("SeeOther"), None),
    row(304, "NOT_MODIFIED", "Not Modified", Some("NotModified"), None),
    row(305, "USE_PROXY", "Use Proxy", Some("UseProxy"), None),
    row(307, "TEMPORARY_REDIRECT", "Temporary Redirect", Some("TemporaryRedirect"), None),
    row(308, "PERMANENT_REDIRECT", "Permanent Redirect", Some("PermanentRedirect"), None),
    row(400, "BAD_REQUEST", "Bad Request", Some("BadRequest"), Some("ErrorBadRequest")),
    row(401, "UNAUTHORIZED", "Unauthorized", Some("Unauthorized"), Some("ErrorUnauthorized")),
    row(402, "PAYMENT_REQUIRED", "Payment Required", Some("PaymentRequired"), Some("ErrorPaymentRequired")),
    row(403, "FORBIDDEN", "Forbidden", Some("Forbidden"), Some("ErrorForbidden")),
    row(404, "NOT_FOUND", "Not Found", Some("NotFound"), Some("ErrorNotFound")),
    row(405, "METHOD_NOT_ALLOWED", "Method Not Allowed", Some("MethodNotAllowed"), Some("ErrorMethodNotAllowed")),
    row(406, "NOT_ACCEPTABLE", "Not Acceptable", Some("NotAcceptable"), Some("ErrorNotAcceptable")),
    row(
        407,
        "PROXY_AUTHENTICATION_REQUIRED",
        "Proxy Authentication Required",
        Some("ProxyAuthenticationRequired"),
        Some("ErrorProxyAuthenticationRequired"),
    ),
    row(408, "REQUEST_TIMEOUT", "Request Timeout", Some("RequestTimeout"), Some("ErrorRequestTimeout")),
    row(409, "CONFLICT", "Conflict", Some("Conflict"), Some("ErrorConflict")),
    row(410, "GONE", "Gone", Some("Gone"), Some("ErrorGone")),
    row(411, "LENGTH_REQUIRED", "Length Required", Some("LengthRequired"), Some("ErrorLengthRequired")),
    row(412, "PRECONDITION_FAILED", "Precondition Failed", Some("PreconditionFailed"), Some("ErrorPreconditionFailed")),
    row(413, "PAYLOAD_TOO_LARGE", "Payload Too Large", Some("PayloadTooLarge"), Some("ErrorPayloadTooLarge")),
    row(414, "URI_TOO_LONG", "URI Too Long", Some("UriTooLong"), Some("ErrorUriTooLong")),
    row(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Unsupported Media Type",
        Some("UnsupportedMediaType"),
        Some("ErrorUnsupportedMediaType"),
    ),
    row(
        416,
        "RANGE_NOT_SATISFIABLE",
        "Range Not Satisfiable",
        Some("RangeNotSatisfiable"),
        Some("ErrorRangeNotSatisfiable"),
    ),
    row(417, "EXPECTATION_FAILED", "Expectation Failed", Some("ExpectationFailed"), Some("ErrorExpectationFailed")),
    row(418, "IM_A_TEAPOT", "I'm a teapot", Some("ImATeapot"), Some("ErrorImATeapot")),
    row(421, "MISDIRECTED_REQUEST", "Misdirected Request", Some("MisdirectedRequest"), Some("ErrorMisdirectedRequest")),
    row(
        422,
        "UNPROCESSABLE_ENTITY",
        "Unprocessable Entity",
        Some("UnprocessableEntity"),
        Some("ErrorUnprocessableEntity"),
    ),
    row(423, "LOCKED", "Locked", Some("Locked"), Some("ErrorLocked")),
    row(424, "FAILED_DEPENDENCY", "Failed Dependency", Some("FailedDependency"), Some("ErrorFailedDependency")),
    row(425, "TOO_EARLY", "Too Early", None, None),
    row(426, "UPGRADE_REQUIRED", "Upgrade Required", Some("UpgradeRequired"), Some("ErrorUpgradeRequired")),
    row(
        428,
        "PRECONDITION_REQUIRED",
        "Precondition Required",
        Some("PreconditionRequired"),
        Some("ErrorPreconditionRequired"),
    ),
    row(429, "TOO_MANY_REQUESTS", "Too Many Requests", Some("TooManyRequests"), Some("ErrorTooManyRequests")),
    row(
        431,
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
        "Request Header Fields Too Large",
        Some("RequestHeaderFieldsTooLarge"),
        Some("ErrorRequestHeaderFieldsTooLarge"),
    ),
    row(
        451,
        "UNAVAILABLE_FOR_LEGAL_REASONS",
        "Unavailable For Legal Reasons",
        Some("UnavailableForLegalReasons"),
        Some("ErrorUnavailableForLegalReasons"),
    ),
    row(
        500,
        "INTERNAL_SERVER_ERROR",
        "Internal Server Error",
        Some("InternalServerError"),
        Some("ErrorInternalServerError"),
    ),
    row(501, "NOT_IMPLEMENTED", "Not Implemented", Some("NotImplemented"), Some("ErrorNotImplemented")),
    row(502, "BAD_GATEWAY", "Bad Gateway", Some("BadGateway"), Some("ErrorBadGateway")),
    row(503, "SERVICE_UNAVAILABLE", "Service Unavailable", Some("ServiceUnavailable"), Some("ErrorServiceUnavailable")),
    row(504, "GATEWAY_TIMEOUT", "Gateway Timeout", Some("GatewayTimeout"), Some("ErrorGatewayTimeout")),
    // actix-web names the 505 builder `VersionNotSupported` but the error helper
    // `ErrorHttpVersionNotSupported`.
    row(
        505,
        "HTTP_VERSION_NOT_SUPPORTED",
        "HTTP Version Not Supported",
        Some("VersionNotSupported"),
        Some("ErrorHttpVersionNotSupported"),
    ),
    row(
        506,
        "VARIANT_ALSO_NEGOTIATES",
        "Variant Also Negotiates",
        Some("VariantAlsoNegotiates"),
        Some("ErrorVariantAlsoNegotiates"),
    ),
    row(
        507,
        "INSUFFICIENT_STORAGE",
        "Insufficient Storage",
        Some("InsufficientStorage"),
        Some("ErrorInsufficientStorage"),
    ),
    row(508, "LOOP_DETECTED", "Loop Detected", Some("LoopDetected"), Some("ErrorLoopDetected")),
    row(510, "NOT_EXTENDED", "Not Extended", Some("NotExtended"), Some("ErrorNotExtended")),
    row(
        511,
        "NETWORK_AUTHENTICATION_REQUIRED",
        "Network Authentication Required",
        Some("NetworkAuthenticationRequired"),
        Some("ErrorNetworkAuthenticationRequired"),
    ),
];

struct Indexes {
    by_constant: HashMap<&'static str, u16>,
    by_actix_builder: HashMap<&'static str, u16>,
    by_actix_error: HashMap<&'static str, u16>,
}

fn indexes() -> &'static Indexes {
    static INDEXES: OnceLock<Indexes> = OnceLock::new();
    INDEXES.get_or_init(|| Indexes {
        by_constant: CATALOG.iter().map(|known| (known.constant, known.code)).collect(),
        by_actix_builder: CATALOG.iter().filter_map(|known| Some((known.actix_builder?, known.code))).collect(),
        by_actix_error: CATALOG.iter().filter_map(|known| Some((known.actix_error?, known.code))).collect(),
    })
}

/// The code of `StatusCode::<constant>`.
pub fn code_of_constant(constant: &str) -> Option<u16> {
    indexes().by_constant.get(constant).copied()
}

/// The code of actix-web's `HttpResponse::<builder>()`.
pub fn code_of_actix_builder(builder: &str) -> Option<u16> {
    indexes().by_actix_builder.get(builder).copied()
}

/// The code of actix-web's `error::<helper>(err)`.
pub fn code_of_actix_error(helper: &str) -> Option<u16> {
    indexes().by_actix_error.get(helper).copied()
}

/// The code of Rocket's `Status::<constant>`: actix-web's builder names (the same set, from
/// http 0.2), but 505 is `HttpVersionNotSupported`.
pub fn code_of_rocket_constant(constant: &str) -> Option<u16> {
    match constant {
        "HttpVersionNotSupported" => Some(505),
        "VersionNotSupported" => None,
        _ => code_of_actix_builder(constant),
    }
}

/// The code of poem's `error::<Name>(err)`: actix-web's error helpers without their `Error`.
pub fn code_of_poem_error(function: &str) -> Option<u16> {
    if function.starts_with("Error") {
        return None;
    }
    code_of_actix_error(&format!("Error{function}"))
}

/// The code of salvo's `StatusError::<constructor>()`: the 4xx and 5xx constants of the catalog
/// that actix-web has error helpers for, in snake case, and two deprecated spellings.
pub fn code_of_salvo_error(constructor: &str) -> Option<u16> {
    match constructor {
        "request_header_fields_toolarge" => Some(431),
        "unavailable_for_legalreasons" => Some(451),
        _ => CATALOG
            .iter()
            .find(|known| known.actix_error.is_some() && known.constant.eq_ignore_ascii_case(constructor))
            .filter(|_| constructor.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'_'))
            .map(|known| known.code),
    }
}

/// The name of the `StatusCode` constant for a code, as in `IM_A_TEAPOT`.
pub fn constant(code: u16) -> Option<&'static str> {
    CATALOG.binary_search_by_key(&code, |known| known.code).ok().map(|index| CATALOG[index].constant)
}

/// The reason phrase `http` gives a code, if it has a constant for it.
pub fn reason(code: u16) -> Option<&'static str> {
    CATALOG.binary_search_by_key(&code, |known| known.code).ok().map(|index| CATALOG[index].reason)
}

/// `418 I'm a teapot`, or just `499` for a code without a constant.
pub fn describe(code: u16) -> String {
    match reason(code) {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_matches_the_http_crate_and_actix_web() {
        assert_eq!(CATALOG.len(), 62);
        assert!(CATALOG.windows(2).all(|pair| pair[0].code < pair[1].code));
        assert_eq!(CATALOG.iter().filter(|known| known.actix_builder.is_some()).count(), 60);
        assert_eq!(CATALOG.iter().filter(|known| known.actix_error.is_some()).count(), 39);
        assert!(CATALOG.iter().filter(|known| known.actix_error.is_some()).all(|known| known.code >= 400));
    }

    #[test]
    fn lookups_by_every_name() {
        assert_eq!(code_of_constant("IM_A_TEAPOT"), Some(418));
        assert_eq!(code_of_actix_builder("VersionNotSupported"), Some(505));
        assert_eq!(code_of_actix_error("ErrorHttpVersionNotSupported"), Some(505));
        assert_eq!(code_of_constant("TEAPOT"), None);
        assert_eq!(constant(418), Some("IM_A_TEAPOT"));
        assert_eq!(constant(499), None);
        assert_eq!(describe(499), "499");
        assert_eq!(describe(207), "207 Multi-Status");
    }
}

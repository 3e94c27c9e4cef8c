//! Rejections and error codes written through the service's own macros, as axum writes its
//! extractors' rejections: the status is a bare constant name that the macro turns into
//! `StatusCode::$status`, so it is reported where the name is given.

use axum::http::StatusCode;

macro_rules! __define_rejection {
    (#[status = $status:ident] #[body = $body:literal] pub struct $name:ident;) => {
        #[derive(Debug)]
        pub struct $name;

        impl ::axum::response::IntoResponse for $name {
            fn into_response(self) -> ::axum::response::Response {
                ::axum::response::IntoResponse::into_response((::axum::http::StatusCode::$status, $body))
            }
        }
    };
}

pub(crate) use __define_rejection as define_rejection;

macro_rules! error_codes {
    ($($name:ident => $status:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy)]
        pub enum Code {
            $($name),*
        }

        impl Code {
            pub fn status(self) -> StatusCode {
                match self {
                    $(Code::$name => StatusCode::$status),*
                }
            }
        }
    };
}

error_codes! {
    OrderLocked => LOCKED, //~ unapproved-status 423
    OrderMissing => NOT_FOUND,
    Brewing => IM_A_TEAPOT, //~ unapproved-status 418
}

/// A macro that only compares what it is given is not a status macro.
macro_rules! is_code {
    ($value:expr, $status:ident) => {
        $value == StatusCode::$status.as_u16()
    };
}

pub fn is_locked(code: u16) -> bool {
    is_code!(code, LOCKED) || is_code!(code, MISDIRECTED_REQUEST)
}

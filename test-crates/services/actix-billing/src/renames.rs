//! Responses and errors written through names given to actix-web's helpers, here and in another
//! module, in functions whose text names no status type.

use actix_web::error::ErrorPreconditionRequired as precondition_missing;
use actix_web::HttpResponse as Reply;

use crate::renames::helpers::*;

/// The billing service's own names for actix-web's.
pub mod helpers {
    pub use actix_web::error::ErrorFailedDependency as upstream_failed;
    pub use actix_web::HttpResponse as Answer;
}

pub async fn teapot() -> Reply {
    Reply::ImATeapot().finish() //~ unapproved-status 418
}

pub async fn unconfirmed() -> Result<Reply, actix_web::Error> {
    Err(precondition_missing("confirm the payment first")) //~ unapproved-status 428
}

pub async fn upgrade() -> Answer {
    Answer::UpgradeRequired().finish() //~ unapproved-status 426
}

pub async fn ledger() -> Result<Answer, actix_web::Error> {
    Err(upstream_failed("the ledger is down")) //~ unapproved-status 424
}

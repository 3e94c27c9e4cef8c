//! Answers built through the service's own macro, from constants, and from what a partner
//! answered: statuses reached through names, and statuses the audit cannot know.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, HttpResponseBuilder};

/// Ends a handler early with a status and a message, as `anyhow::bail!` does with an error.
macro_rules! bail {
    ($status:expr, $message:expr) => {
        return HttpResponse::build($status).body($message)
    };
}

const SETTLEMENT_PENDING: StatusCode = StatusCode::ACCEPTED;
const LEGACY_CODE: u16 = 299;

pub fn settle(amount: u64, partner_code: u16, partner: &HttpResponse) -> HttpResponse {
    if amount == 0 {
        bail!(StatusCode::EXPECTATION_FAILED, "an amount is required"); //~ unapproved-status 417
    }
    if amount > 1_000_000 {
        bail!(StatusCode::from_u16(LEGACY_CODE).unwrap_or(StatusCode::BAD_REQUEST), "too large"); //~ unapproved-status 299
    }
    if amount == 13 {
        return HttpResponse::build(partner.status()).finish(); //~ dynamic-status
    }
    if amount == 17 {
        return HttpResponseBuilder::new(StatusCode::from_u16(partner_code).unwrap_or_default()).finish(); //~ dynamic-status
    }
    let pending = HttpResponse::build(SETTLEMENT_PENDING).finish();
    if pending.status() == SETTLEMENT_PENDING && partner.status() == StatusCode::LOOP_DETECTED {
        return HttpResponse::Ok().customize_status(partner);
    }
    pending
}

trait CustomizeStatus {
    fn customize_status(self, partner: &HttpResponse) -> HttpResponse;
}

impl CustomizeStatus for HttpResponseBuilder {
    fn customize_status(mut self, partner: &HttpResponse) -> HttpResponse {
        self.status(partner.status()).finish() //~ dynamic-status
    }
}

/// Routes written by a template: what the template writes itself is found in its body.
macro_rules! reported_route {
    ($name:ident) => {
        pub async fn $name() -> HttpResponse {
            HttpResponse::AlreadyReported().finish() //~ unapproved-status 208
        }
    };
}

reported_route!(first_report);
reported_route!(second_report);

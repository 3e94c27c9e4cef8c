//! Replies whose status is named elsewhere: a type alias, a module of codes reached through a
//! glob import, and a status relayed from the warehouse's own answer.

use warp::http::Response;
use warp::reply::{self, Reply};

use self::codes::*;

type Status = warp::http::StatusCode;

pub mod codes {
    use warp::http::StatusCode;

    pub const RESERVED: StatusCode = StatusCode::IM_USED;
    pub const RESTOCKING: u16 = 218;
}

pub fn reserved() -> impl Reply {
    reply::with_status("reserved for another order", RESERVED) //~ unapproved-status 226
}

pub fn restocking() -> impl Reply {
    let status = Status::from_u16(RESTOCKING).unwrap_or(Status::SERVICE_UNAVAILABLE); //~ unapproved-status 218
    reply::with_status("restocking", status)
}

pub fn relayed(warehouse: &Response<String>) -> impl Reply {
    reply::with_status(warehouse.body().clone(), warehouse.status()) //~ dynamic-status
}

/// Compares only: no finding.
pub fn is_reserved(status: Status) -> bool {
    status == RESERVED || status.as_u16() == RESTOCKING
}

//! Shipment tracking, with no web dependency: its `StatusCode` is a shipment's, not HTTP's, and
//! nothing here is audited.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCode(u16);

impl StatusCode {
    pub const OK: StatusCode = StatusCode(0);
    pub const IM_A_TEAPOT: StatusCode = StatusCode(1);
    pub const LOCKED: StatusCode = StatusCode(2);

    pub fn from_u16(code: u16) -> StatusCode {
        StatusCode(code)
    }
}

pub fn held_at_customs() -> StatusCode {
    if cfg!(feature = "teapot") {
        StatusCode::IM_A_TEAPOT
    } else {
        StatusCode::from_u16(451)
    }
}

pub fn locked() -> StatusCode {
    StatusCode::LOCKED
}

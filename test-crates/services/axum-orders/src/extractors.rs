//! The orders service's extractor rejections, declared through its macro.

use crate::rejections::define_rejection;

define_rejection! {
    #[status = PAYLOAD_TOO_LARGE] //~ unapproved-status 413
    #[body = "the order has too many lines"]
    pub struct OrderTooLarge;
}

define_rejection! {
    #[status = UNPROCESSABLE_ENTITY]
    #[body = "the order does not parse"]
    pub struct OrderInvalid;
}
